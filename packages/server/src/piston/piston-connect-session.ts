import type { ExecuteResult, LanguageInfo, StageResult } from "@warmbox/engine";
import type { FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import { mapError, pistonErrorBody } from "../errors/error-answer.js";
import type { ExecutionService } from "../execution/execution-service.js";
import type { LanguageCatalog } from "../execution/language-catalog.js";
import { StdinQueue } from "../execution/stdin-queue.js";
import { type PistonServerMessage, sendPistonMessage } from "../http/websocket-messages.js";
import { checkPistonRequest, toExecuteRequest, unknownPistonRuntime } from "./piston-mapping.js";
import { findPistonRuntime, pistonLanguageName } from "./piston-names.js";

/** Piston closes a socket that sends no `init` within a second; so do we. */
export const PISTON_INIT_TIMEOUT_MS = 1_000;

/** The close codes of Piston's `/api/v2/connect`, with the reasons Piston sends. */
export const PISTON_CLOSE = {
  alreadyInitialized: { code: 4000, reason: "Already Initialized" },
  initializationTimeout: { code: 4001, reason: "Initialization Timeout" },
  notifiedError: { code: 4002, reason: "Notified Error" },
  notYetInitialized: { code: 4003, reason: "Not yet initialized" },
  onlyStdin: { code: 4004, reason: "Can only write to stdin" },
  invalidSignal: { code: 4005, reason: "Invalid signal" },
  jobCompleted: { code: 4999, reason: "Job Completed" },
} as const;

/**
 * The signal names a client may send. The sandbox delivers one signal only, SIGKILL: any of
 * these ends the program with it (Piston forwards the named signal to the process).
 */
const SIGNAL_NAMES = new Set(
  "HUP INT QUIT ILL TRAP ABRT IOT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT CHLD CLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH IO POLL PWR SYS"
    .split(" ")
    .map((name) => `SIG${name}`),
);

type State = "waiting" | "running" | "finished";
type Message = { type?: unknown; [key: string]: unknown };

/**
 * One run over Piston's WebSocket protocol (`GET /api/v2/connect`), message for message:
 *
 * Client → server (PistonClientMessage): `{type:"init", ...execute body}` (once),
 * `{type:"data", stream:"stdin", data}`, `{type:"signal", signal:"SIGKILL"}`.
 * Server → client (PistonServerMessage): `{type:"runtime", language, version}`,
 * `{type:"stage", stage}` as compile and run begin, `{type:"data", stream:"stdout"|"stderr",
 * data}`, `{type:"exit", stage, code, signal}` as each stage ends, `{type:"error", message}`.
 *
 * The socket closes with Piston's codes (PISTON_CLOSE): 4999 when the job completed, 4002 after
 * an `error` message, 4000/4001/4003/4004/4005 for protocol misuse. As in Piston, the init's
 * `stdin` is not used and stdin stays open: the program reads what `data` messages send.
 * Stdin the program has not read yet is capped at `maxBodyBytes`: one more `data` is an
 * `error` (4002), so a client cannot fill the server's memory with stdin for a program that
 * does not read it. Errors read as Piston's `{ message }` answers: a server fault names the
 * request id, never Docker's or the supervisor's text. Closing the socket kills the run.
 */
export class PistonConnectSession {
  #state: State = "waiting";
  readonly #stdin = new StdinQueue();
  readonly #controller = new AbortController();
  readonly #initTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    private readonly executions: ExecutionService,
    private readonly catalog: LanguageCatalog,
    private readonly request: FastifyRequest,
    private readonly maxBodyBytes: number,
  ) {
    this.#initTimer = setTimeout(() => {
      if (this.#state === "waiting") this.#close(PISTON_CLOSE.initializationTimeout);
    }, PISTON_INIT_TIMEOUT_MS);
    socket.on("message", (data) => this.#onMessage(data.toString()));
    socket.on("close", () => this.#onClose());
  }

  #onMessage(text: string): void {
    let message: Message;
    try {
      message = JSON.parse(text);
      if (typeof message !== "object" || message === null) throw new Error("not a JSON object");
    } catch (error) {
      this.#notifyError((error as Error).message);
      return;
    }
    switch (message.type) {
      case "init":
        if (this.#state !== "waiting") this.#close(PISTON_CLOSE.alreadyInitialized);
        else void this.#init(message);
        return;
      case "data":
        if (this.#state === "waiting") this.#close(PISTON_CLOSE.notYetInitialized);
        else if (message.stream !== "stdin") this.#close(PISTON_CLOSE.onlyStdin);
        // Stdin after the run ended has nowhere to go: dropped, not kept.
        else if (typeof message.data === "string" && this.#state !== "finished")
          this.#pushStdin(message.data);
        return;
      case "signal":
        if (this.#state === "waiting") this.#close(PISTON_CLOSE.notYetInitialized);
        else if (!SIGNAL_NAMES.has(message.signal as string))
          this.#close(PISTON_CLOSE.invalidSignal);
        else this.#controller.abort(new Error(`${message.signal} sent by the client`));
        return;
      default:
      // Piston ignores messages of other types.
    }
  }

  #pushStdin(data: string): void {
    if (!this.#stdin.fits(data, this.maxBodyBytes)) {
      this.#notifyError(
        `the program has not read ${this.#stdin.bufferedBytes} bytes of its stdin; at most ${this.maxBodyBytes} may wait`,
      );
      return;
    }
    this.#stdin.push(data);
  }

  async #init(message: Message): Promise<void> {
    this.#state = "running";
    clearTimeout(this.#initTimer);
    let language: LanguageInfo | undefined;
    try {
      const body = checkPistonRequest(message);
      language = findPistonRuntime(await this.catalog.list(), body.language, body.version);
      if (!language) {
        throw unknownPistonRuntime(body.language, body.version);
      }
      const request = { ...toExecuteRequest(body, language), stdin: "" };
      this.#send({
        type: "runtime",
        language: pistonLanguageName(language.id),
        version: language.version,
      });
      const compiled = language.compiled;
      const result = await this.executions.execute(request, {
        signal: this.#controller.signal,
        stdin: this.#stdin,
        onStart: () => this.#send({ type: "stage", stage: compiled ? "compile" : "run" }),
        onCompile: (stage) => this.#compiled(stage),
        onStdout: (data) => this.#send({ type: "data", stream: "stdout", data }),
        onStderr: (data) => this.#send({ type: "data", stream: "stderr", data }),
      });
      this.#finish(result);
    } catch (error) {
      const mapped = mapError(this.request, error, this.maxBodyBytes);
      this.#notifyError(pistonErrorBody(this.request, mapped).message);
    }
  }

  /** The compile stage ended: its output, its exit, and the run stage if it may start. */
  #compiled(stage: StageResult): void {
    if (stage.stdout) this.#send({ type: "data", stream: "stdout", data: stage.stdout });
    if (stage.stderr) this.#send({ type: "data", stream: "stderr", data: stage.stderr });
    this.#send({ type: "exit", stage: "compile", code: stage.exitCode, signal: stage.signal });
    if (stage.exitCode === 0) this.#send({ type: "stage", stage: "run" });
  }

  #finish(result: ExecuteResult): void {
    if (result.run)
      this.#send({
        type: "exit",
        stage: "run",
        code: result.run.exitCode,
        signal: result.run.signal,
      });
    this.#close(PISTON_CLOSE.jobCompleted);
  }

  /** Piston's way to report an error: an `error` message, then close with 4002. */
  #notifyError(message: string): void {
    this.#send({ type: "error", message });
    this.#close(PISTON_CLOSE.notifiedError);
  }

  #close({ code, reason }: { code: number; reason: string }): void {
    this.#state = "finished";
    clearTimeout(this.#initTimer);
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(code, reason);
  }

  #send(message: PistonServerMessage): void {
    sendPistonMessage(this.socket, message);
  }

  #onClose(): void {
    clearTimeout(this.#initTimer);
    this.#stdin.end();
    // Also when the server closed the socket (a protocol error) while the program ran.
    this.#controller.abort(new Error("the socket closed"));
    this.#state = "finished";
  }
}
