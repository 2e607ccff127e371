import { encodeFrame, FrameType } from "./frames.js";

/** One stage as the supervisor runs it. */
export interface StageCommand {
  argv: string[];
  env: Record<string, string>;
  timeMs: number;
  cpuMs: number;
  outputBytes: number;
  fileSizeBytes: number;
  /** More stdin arrives while the stage runs, until stdinEnd. */
  streamedStdin: boolean;
  /** Start it by the image's template ("zygote") when the template can; else fork and exec. */
  template: boolean;
}

/** What the supervisor reports when a stage is over. */
export interface StageExit {
  exitCode: number | null;
  signal: number | null;
  wallMs: number;
  cpuMs: number;
  memoryBytes: number;
  wallTimeout: boolean;
  cpuTimeout: boolean;
  outputLimit: boolean;
  outOfMemory: boolean;
  killed: boolean;
  execFailed: boolean;
}

/** Bits of RUN's `flags` field (`enum run_flag` of the supervisor's protocol.h). */
export const RunFlag = {
  /** STDIN frames may follow RUN while the stage runs, until STDIN_END. */
  StdinStreamed: 1 << 0,
  /** Start the stage by the image's template when it can (a fork of a started interpreter). */
  Template: 1 << 1,
} as const;

/** Bits of EXIT's `flags` field (`enum exit_flag` of the supervisor's protocol.h). */
export const ExitFlag = {
  WallTimeout: 1 << 0,
  CpuTimeout: 1 << 1,
  OutputLimit: 1 << 2,
  /** The cgroup's `oom_kill` counter moved during the stage. */
  OutOfMemory: 1 << 3,
  /** Killed on request (KILL). */
  Killed: 1 << 4,
  ExecFailed: 1 << 5,
} as const;

export function fileFrame(name: string, content: Buffer, mode = 0o644): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(mode, 0);
  return encodeFrame(
    FrameType.File,
    Buffer.concat([head, Buffer.from(name), Buffer.from([0]), content]),
  );
}

export function runFrame(stage: StageCommand): Buffer {
  const env = Object.entries(stage.env).map(([key, value]) => `${key}=${value}`);
  const head = Buffer.alloc(4 + 4 + 8 + 8 + 4 + 2 + 2);
  let offset = head.writeUInt32LE(stage.timeMs, 0);
  offset = head.writeUInt32LE(stage.cpuMs, offset);
  offset = head.writeBigUInt64LE(BigInt(stage.outputBytes), offset);
  offset = head.writeBigUInt64LE(BigInt(stage.fileSizeBytes), offset);
  const flags =
    (stage.streamedStdin ? RunFlag.StdinStreamed : 0) | (stage.template ? RunFlag.Template : 0);
  offset = head.writeUInt32LE(flags, offset);
  offset = head.writeUInt16LE(stage.argv.length, offset);
  head.writeUInt16LE(env.length, offset);
  const strings = [...stage.argv, ...env].map((text) => Buffer.from(`${text}\0`));
  return encodeFrame(FrameType.Run, Buffer.concat([head, ...strings]));
}

export const stdinFrame = (data: Buffer) => encodeFrame(FrameType.Stdin, data);
export const stdinEndFrame = () => encodeFrame(FrameType.StdinEnd);
export const killFrame = () => encodeFrame(FrameType.Kill);
export const wipeFrame = () => encodeFrame(FrameType.Wipe);

export function parseExit(payload: Buffer): StageExit {
  const exitCode = payload.readInt32LE(0);
  const signal = payload.readInt32LE(4);
  const flags = payload.readUInt32LE(24);
  return {
    exitCode: signal !== 0 ? null : exitCode,
    signal: signal !== 0 ? signal : null,
    wallMs: payload.readUInt32LE(8),
    cpuMs: payload.readUInt32LE(12),
    memoryBytes: Number(payload.readBigUInt64LE(16)),
    wallTimeout: (flags & ExitFlag.WallTimeout) !== 0,
    cpuTimeout: (flags & ExitFlag.CpuTimeout) !== 0,
    outputLimit: (flags & ExitFlag.OutputLimit) !== 0,
    outOfMemory: (flags & ExitFlag.OutOfMemory) !== 0,
    killed: (flags & ExitFlag.Killed) !== 0,
    execFailed: (flags & ExitFlag.ExecFailed) !== 0,
  };
}
