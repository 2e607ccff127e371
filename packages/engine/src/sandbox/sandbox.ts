import type { Logger } from "../engine/engine-types.js";
import { languageVersion } from "../languages/language-version.js";
import { type CollectAnswer, CollectAnswerReader, collectFrame } from "../protocol/collect.js";
import {
  type Frame,
  FrameDecoder,
  FrameType,
  MAX_SUPERVISOR_FRAME_BYTES,
} from "../protocol/frames.js";
import {
  fileFrame,
  killFrame,
  parseExit,
  runFrame,
  type StageCommand,
  type StageExit,
  stdinEndFrame,
  stdinFrame,
  wipeFrame,
} from "../protocol/messages.js";
import { type ContainerResources, sameResources } from "../request/limits.js";
import { CappedOutput } from "./capped-output.js";
import { collectedFiles } from "./collected-files.js";
import type {
  ContainerChannel,
  ContainerRuntime,
  SandboxContainerSpec,
} from "./container-runtime.js";
import type { SandboxRuntime } from "./sandbox-runtime.js";

/** The life of a sandbox: it serves a job only when `idle`, i.e. started or proven clean. */
export type SandboxState = "starting" | "idle" | "leased" | "cleaning" | "destroyed";

/** How long a new container may take to say hello. */
const HELLO_TIMEOUT_MS = 30_000;
/** How long a wipe may take before the sandbox is declared dirty. */
const WIPE_TIMEOUT_MS = 10_000;
/** How long a COLLECT's whole answer may take: up to 32 MiB through Docker, on a loaded host. */
const COLLECT_TIMEOUT_MS = 60_000;
/**
 * Slack over a stage's own wall limit before the engine gives up on the supervisor. The
 * deadline is absolute from the RUN frame: frames that keep coming never extend it.
 */
export const STAGE_GRACE_MS = 5_000;
/** The signal number reported for a stage the engine ended by destroying its container. */
const SIGKILL = 9;
/**
 * Most bytes of frames kept while nobody awaits one. In a stage that is at most what one read
 * of the attach stream holds; more means the supervisor talks out of turn (e.g. while idle),
 * and the sandbox is dropped rather than the engine's memory filled.
 */
const QUEUED_FRAME_BYTES_MAX = 4 * 1_048_576;
/** Largest STDIN frame sent. */
const STDIN_CHUNK_BYTES = 1_048_576;

/** Stdin as STDIN frames of at most STDIN_CHUNK_BYTES each. */
function stdinFrames(data: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += STDIN_CHUNK_BYTES) {
    frames.push(stdinFrame(data.subarray(offset, offset + STDIN_CHUNK_BYTES)));
  }
  return frames;
}

/** The sandbox broke (container gone, Docker gone, protocol error): never reuse it. */
export class SandboxFailure extends Error {
  override readonly name = "SandboxFailure";
}

export interface StageIo {
  /** Stdin given up front (sent before the stage starts unless `stdinStream` is set). */
  stdin?: Buffer;
  /** More stdin while the stage runs; the stage's stdin closes when it ends. */
  stdinStream?: AsyncIterable<Buffer>;
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Kills the stage. */
  signal?: AbortSignal;
}

export interface StageOutcome {
  exit: StageExit;
  stdout: Buffer;
  stderr: Buffer;
  /**
   * Set when the engine, not the supervisor, ended the stage: the supervisor broke the protocol's
   * promises (more output than the cap, no exit by the deadline). The sandbox is then broken and
   * its container must be destroyed; `exit` is the engine's own account.
   */
  abandoned?: string;
}

interface FrameWaiter {
  onFrame(frame: Frame): void;
  onFailure(error: SandboxFailure): void;
}

export interface SandboxFile {
  /** A relative path below the work directory (checked by `fileNameProblem`). */
  name: string;
  content: Buffer;
  /** Permission bits (0777). @default 0o644 */
  mode?: number;
}

/** One warm container and the supervisor inside it, spoken to over the attached stdio. */
export class Sandbox {
  #state: SandboxState = "starting";
  #resources: ContainerResources;
  #version = "unknown";
  #waiter: FrameWaiter;
  #failure: SandboxFailure | undefined;
  /** The exchange with the supervisor under way: one at a time (PROTOCOL.md). */
  #exchange: "stage" | "collect" | undefined;
  readonly #brokenListeners: Array<() => void> = [];
  readonly #decoder = new FrameDecoder(MAX_SUPERVISOR_FRAME_BYTES);
  /** Frames waiting to go out with the next RUN frame. */
  readonly #outbox: Buffer[] = [];
  /** Frames that arrived while nobody awaited one. */
  readonly #queued: Frame[] = [];
  #queuedBytes = 0;
  readonly #queueingWaiter: FrameWaiter = {
    onFrame: (frame) => {
      this.#queued.push(frame);
      this.#queuedBytes += frame.payload.length;
      if (this.#queuedBytes > QUEUED_FRAME_BYTES_MAX)
        this.#fail(new SandboxFailure("the supervisor sent frames nobody asked for"));
    },
    onFailure: () => {},
  };

  private constructor(
    readonly id: string,
    private readonly channel: ContainerChannel,
    private readonly runtime: ContainerRuntime,
    private readonly logger: Logger,
    resources: ContainerResources,
    private readonly sandboxRuntime: SandboxRuntime,
  ) {
    this.#resources = resources;
    this.#waiter = this.#queueingWaiter;
    channel.onData((data) => this.#receive(data));
    channel.onDiagnostics((text) =>
      logger.warn({ sandbox: id, supervisor: text.trim() }, "supervisor said"),
    );
    channel.onClose((error) =>
      this.#fail(
        new SandboxFailure(`the sandbox's connection closed${error ? `: ${error.message}` : ""}`),
      ),
    );
  }

  /**
   * Starts a container and waits for its supervisor's hello, which carries the image's version
   * report: `language` picks its own line from an image shared by several languages.
   */
  static async start(
    runtime: ContainerRuntime,
    spec: SandboxContainerSpec,
    options: { language: string; logger: Logger },
  ): Promise<Sandbox> {
    const { id, channel } = await runtime.start(spec);
    const sandbox = new Sandbox(id, channel, runtime, options.logger, spec.resources, spec.runtime);
    try {
      const hello = await sandbox.#expect(HELLO_TIMEOUT_MS, "hello");
      if (hello.type !== FrameType.Hello)
        throw new SandboxFailure(`expected hello, got frame ${hello.type}`);
      sandbox.#version = languageVersion(hello.payload.toString(), options.language);
      sandbox.#state = "idle";
      return sandbox;
    } catch (error) {
      await sandbox.destroy();
      throw error;
    }
  }

  get state(): SandboxState {
    return this.#state;
  }

  /** The container's cgroup limits and network, as started and then resized. */
  get resources(): ContainerResources {
    return this.#resources;
  }

  /** The toolchain version the sandbox's image reports for its language. */
  get version(): string {
    return this.#version;
  }

  /**
   * Changes the container's cgroup limits (memory, CPUs, processes) to those of `resources`;
   * nothing when they are already those. A container's network is set when it starts and
   * can't change: it stays what `resources.network` said then. Throws when the container's
   * runtime can't change them (gVisor): the caller starts a fresh sandbox instead.
   */
  async resize(resources: ContainerResources): Promise<void> {
    this.#assertUsable();
    const resized = { ...resources, network: this.#resources.network };
    if (sameResources(this.#resources, resized)) return;
    await this.runtime.update(this.id, resized, this.sandboxRuntime);
    this.#resources = resized;
  }

  /** True once the container or its connection failed (killed, removed, Docker restarted). */
  get broken(): boolean {
    return this.#failure !== undefined;
  }

  /** Called once when the sandbox breaks, also while idle, so its pool can replace it at once. */
  onBroken(listener: () => void): void {
    this.#brokenListeners.push(listener);
  }

  /** Marks an idle sandbox as serving a job. */
  lease(): void {
    if (this.#state !== "idle") throw new SandboxFailure(`cannot lease a ${this.#state} sandbox`);
    if (this.#queued.length > 0) throw new SandboxFailure("the supervisor spoke while idle");
    this.#state = "leased";
  }

  /** Writes the job's files into the work directory. */
  putFiles(files: SandboxFile[]): void {
    this.#assertUsable();
    // Held back and sent with the stage's RUN frame: one write, one hop through Docker.
    for (const file of files) this.#outbox.push(fileFrame(file.name, file.content, file.mode));
  }

  /**
   * Runs one stage to its end and reports what it did. The engine keeps at most
   * `command.outputBytes` of each stream and waits at most `timeMs + STAGE_GRACE_MS` in all; a
   * supervisor that breaks either promise is abandoned (see StageOutcome.abandoned).
   */
  async runStage(command: StageCommand, io: StageIo): Promise<StageOutcome> {
    this.#assertUsable();
    this.#begin("stage");
    const started = performance.now();
    const deadline = started + command.timeMs + STAGE_GRACE_MS;
    const stdout = new CappedOutput(command.outputBytes);
    const stderr = new CappedOutput(command.outputBytes);
    const streamed = io.stdinStream !== undefined;
    if (!streamed && io.stdin) this.#outbox.push(...stdinFrames(io.stdin));
    this.#outbox.push(runFrame({ ...command, streamedStdin: streamed }));
    if (streamed && io.stdin) this.#outbox.push(...stdinFrames(io.stdin));
    this.channel.write(Buffer.concat(this.#outbox.splice(0)));

    const kill = () => this.channel.write(killFrame());
    if (io.signal?.aborted) kill();
    io.signal?.addEventListener("abort", kill, { once: true });
    let stageOver = false;
    if (io.stdinStream) void this.#pumpStdin(io.stdinStream, () => stageOver);
    const abandon = (reason: string, limit: "wallTimeout" | "outputLimit"): StageOutcome => {
      this.logger.warn(
        { sandbox: this.id, reason },
        "supervisor abandoned; destroying the sandbox",
      );
      this.#fail(new SandboxFailure(`abandoned: ${reason}`));
      this.channel.close();
      return {
        exit: abandonedExit(Math.round(performance.now() - started), limit),
        stdout: stdout.toBuffer(),
        stderr: stderr.toBuffer(),
        abandoned: reason,
      };
    };
    try {
      for (;;) {
        const frame = await this.#next(deadline - performance.now());
        if (!frame) {
          return abandon(
            `no exit within ${command.timeMs + STAGE_GRACE_MS} ms of the stage's start`,
            "wallTimeout",
          );
        }
        if (frame.type === FrameType.Stdout || frame.type === FrameType.Stderr) {
          const output = frame.type === FrameType.Stdout ? stdout : stderr;
          const kept = output.add(frame.payload);
          if (kept.length > 0)
            (frame.type === FrameType.Stdout ? io.onStdout : io.onStderr)?.(kept);
          if (output.overflowed) {
            return abandon(`more than ${command.outputBytes} bytes of output`, "outputLimit");
          }
        } else if (frame.type === FrameType.Exit) {
          return {
            exit: parseExit(frame.payload),
            stdout: stdout.toBuffer(),
            stderr: stderr.toBuffer(),
          };
        } else {
          throw new SandboxFailure(
            `unexpected frame ${String.fromCharCode(frame.type)} during a stage`,
          );
        }
      }
    } finally {
      stageOver = true;
      this.#exchange = undefined;
      io.signal?.removeEventListener("abort", kill);
    }
  }

  /**
   * The regular files of the work directory as the job's stages left them, each with its mode
   * (a compiled program, to `putFiles` into other sandboxes). Links, fifos and empty directories
   * are not files. Only between the stages of a leased sandbox; the sandbox stays as it was,
   * ready for its next stage or its wipe. Throws CollectRefusedError when the files pass a bound
   * (32 MiB, 10,000 entries, a path of 1024 bytes) or a name is not a safe relative path: the
   * job's doing, the sandbox stays usable. Throws SandboxFailure when the sandbox broke.
   */
  async collectFiles(): Promise<SandboxFile[]> {
    this.#assertUsable();
    if (this.#state !== "leased") {
      throw new SandboxFailure(`cannot collect the files of a ${this.#state} sandbox`);
    }
    this.#begin("collect");
    let answer: CollectAnswer | undefined;
    try {
      const deadline = performance.now() + COLLECT_TIMEOUT_MS;
      // Files held back for the next stage go first: the supervisor takes frames in order.
      this.channel.write(Buffer.concat([...this.#outbox.splice(0), collectFrame()]));
      const reader = new CollectAnswerReader();
      while (!answer) {
        const frame = await this.#next(deadline - performance.now());
        if (!frame) throw new Error(`no end of the files within ${COLLECT_TIMEOUT_MS} ms`);
        answer = reader.push(frame);
      }
    } catch (error) {
      if (error instanceof SandboxFailure) throw error;
      const failure = new SandboxFailure(`collecting files: ${(error as Error).message}`);
      this.#fail(failure);
      throw failure;
    } finally {
      this.#exchange = undefined;
    }
    return collectedFiles(answer);
  }

  /** Asks the supervisor to kill every process of the job and empty every writable place. */
  async wipe(): Promise<void> {
    this.#assertUsable();
    this.#state = "cleaning";
    this.channel.write(wipeFrame());
    const frame = await this.#expect(WIPE_TIMEOUT_MS, "clean");
    if (frame.type !== FrameType.Clean) {
      throw new SandboxFailure(
        `the sandbox could not be proven clean (frame ${String.fromCharCode(frame.type)})`,
      );
    }
    this.#state = "idle";
  }

  /** Removes the container. Idempotent. */
  async destroy(): Promise<void> {
    if (this.#state === "destroyed") return;
    this.#state = "destroyed";
    this.#fail(new SandboxFailure("the sandbox was destroyed"));
    this.channel.close();
    await this.runtime.remove(this.id);
  }

  /**
   * Sends interactive stdin as it comes, one chunk at a time: the next chunk is pulled from the
   * source only once Docker's stream has drained, so a fast producer waits instead of piling up
   * in the engine's memory.
   */
  async #pumpStdin(source: AsyncIterable<Buffer>, stageOver: () => boolean): Promise<void> {
    try {
      for await (const chunk of source) {
        if (stageOver() || this.#failure) return;
        for (const frame of stdinFrames(chunk)) {
          if (!this.channel.write(frame)) await this.channel.drained();
          if (stageOver() || this.#failure) return;
        }
      }
    } catch (error) {
      this.logger.warn({ sandbox: this.id, err: error }, "interactive stdin failed; closing it");
    }
    if (!stageOver() && !this.#failure) this.channel.write(stdinEndFrame());
  }

  #assertUsable(): void {
    if (this.#failure) throw this.#failure;
  }

  /** Starts an exchange that must have the supervisor to itself (a stage, a COLLECT). */
  #begin(exchange: "stage" | "collect"): void {
    if (this.#exchange) {
      throw new SandboxFailure(`cannot start a ${exchange} while a ${this.#exchange} runs`);
    }
    this.#exchange = exchange;
  }

  #receive(data: Buffer): void {
    if (this.#failure) return;
    let frames: Frame[];
    try {
      frames = this.#decoder.push(data);
    } catch (error) {
      this.#fail(new SandboxFailure(`protocol error: ${(error as Error).message}`));
      return;
    }
    for (const frame of frames) {
      if (frame.type === FrameType.Error) {
        this.#fail(new SandboxFailure(`the supervisor failed: ${frame.payload.toString()}`));
        return;
      }
      this.#waiter.onFrame(frame);
      if (this.#failure) return;
    }
  }

  #fail(error: SandboxFailure): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#waiter.onFailure(error);
    for (const listener of this.#brokenListeners) listener();
  }

  /** The next frame, which must come within `timeoutMs`: else the sandbox is unusable. */
  async #expect(timeoutMs: number, what: string): Promise<Frame> {
    const frame = await this.#next(timeoutMs);
    if (!frame) throw new SandboxFailure(`no ${what} from the sandbox within ${timeoutMs} ms`);
    return frame;
  }

  /**
   * The next frame from the supervisor, or undefined when none came within `timeoutMs`.
   * Frames that arrive while nobody waits are queued by the waiter below, so none is lost
   * between two awaits.
   */
  #next(timeoutMs: number): Promise<Frame | undefined> {
    if (this.#failure) return Promise.reject(this.#failure);
    const queued = this.#queued.shift();
    if (queued) {
      this.#queuedBytes -= queued.payload.length;
      return Promise.resolve(queued);
    }
    if (timeoutMs <= 0) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = this.#queueingWaiter;
        resolve(undefined);
      }, timeoutMs);
      this.#waiter = {
        onFrame: (frame) => {
          clearTimeout(timer);
          this.#waiter = this.#queueingWaiter;
          resolve(frame);
        },
        onFailure: (error) => {
          clearTimeout(timer);
          this.#waiter = this.#queueingWaiter;
          reject(error);
        },
      };
    });
  }
}

/** The engine's account of a stage it ended itself: killed by the container's removal. */
function abandonedExit(wallMs: number, limit: "wallTimeout" | "outputLimit"): StageExit {
  return {
    exitCode: null,
    signal: SIGKILL,
    wallMs,
    cpuMs: 0,
    memoryBytes: 0,
    wallTimeout: limit === "wallTimeout",
    cpuTimeout: false,
    outputLimit: limit === "outputLimit",
    outOfMemory: false,
    killed: false,
    execFailed: false,
  };
}
