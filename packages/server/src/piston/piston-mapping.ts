import type {
  ExecuteRequest,
  ExecuteResult,
  LanguageInfo,
  PartialLimits,
  StageResult,
} from "@warmbox/engine";
import { HttpError } from "../errors/http-error.js";
import { pistonLanguageName } from "./piston-names.js";
import type { PistonExecuteRequest, PistonExecuteResponse, PistonStage } from "./piston-schemas.js";

/**
 * The longest version selector accepted, as semver's own longest version: parsing a range takes
 * time that grows with its length, ~2 s of the event loop for 2 MB, during which the server
 * answers nobody.
 */
const MAX_VERSION_LENGTH = 256;

/** The smallest memory limit a sandbox accepts (the engine's `memoryMb` minimum), in bytes. */
const MIN_MEMORY_BYTES = 16 * 1_048_576;

function pistonError(message: string): HttpError {
  return new HttpError({ statusCode: 400, code: "invalid_request", message });
}

/** No runtime answers to the language and version: Piston's words, as `unknown_language`. */
export function unknownPistonRuntime(language: string, version: string): HttpError {
  return new HttpError({
    statusCode: 400,
    code: "unknown_language",
    message: `${language}-${version} runtime is unknown`,
  });
}

/**
 * Checks a body the way Piston does, in Piston's order and with Piston's messages, so that
 * clients written against Piston see the errors they know. Returns the typed request.
 */
export function checkPistonRequest(body: unknown): PistonExecuteRequest {
  const request = (typeof body === "object" && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  const { language, version, files } = request;
  if (!language || typeof language !== "string")
    throw pistonError("language is required as a string");
  if (!version || typeof version !== "string") throw pistonError("version is required as a string");
  if (version.length > MAX_VERSION_LENGTH)
    throw pistonError(`version must be at most ${MAX_VERSION_LENGTH} characters`);
  if (!files || !Array.isArray(files)) throw pistonError("files is required as an array");
  for (const [index, file] of files.entries()) {
    if (
      typeof file !== "object" ||
      file === null ||
      typeof (file as { content?: unknown }).content !== "string"
    ) {
      throw pistonError(`files[${index}].content is required as a string`);
    }
    const { name, encoding } = file as { name?: unknown; encoding?: unknown };
    if (name !== undefined && name !== null && typeof name !== "string") {
      throw pistonError(`files[${index}].name must be a string`);
    }
    if (encoding !== undefined && !["utf8", "base64", "hex"].includes(encoding as string)) {
      throw pistonError(`files[${index}].encoding must be one of utf8, base64, hex`);
    }
  }
  if (request.stdin !== undefined && request.stdin !== null && typeof request.stdin !== "string") {
    throw pistonError("stdin must be a string");
  }
  if (
    request.args !== undefined &&
    request.args !== null &&
    !(Array.isArray(request.args) && request.args.every((arg) => typeof arg === "string"))
  ) {
    throw pistonError("args must be an array of strings");
  }
  for (const constraint of ["memory_limit", "timeout", "cpu_time"]) {
    for (const stage of ["compile", "run"]) {
      const name = `${stage}_${constraint}`;
      const value = request[name];
      if (!value || value === -1) continue;
      if (typeof value !== "number") throw pistonError(`If specified, ${name} must be a number`);
      if (value < 0) throw pistonError(`${name} must be non-negative`);
      if (constraint === "memory_limit" && value < MIN_MEMORY_BYTES) {
        throw pistonError(`${name} must be at least ${MIN_MEMORY_BYTES} bytes`);
      }
    }
  }
  return request as unknown as PistonExecuteRequest;
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot) : "";
}

function positive(value: number | null | undefined): number | undefined {
  return value && value > 0 ? Math.ceil(value) : undefined;
}

function stageLimits(
  timeout?: number | null,
  cpuTime?: number | null,
  memory?: number | null,
): PartialLimits | undefined {
  const limits: PartialLimits = {};
  const timeMs = positive(timeout);
  const cpuMs = positive(cpuTime);
  const memoryBytes = positive(memory);
  if (timeMs !== undefined) limits.timeMs = timeMs;
  if (cpuMs !== undefined) limits.cpuMs = cpuMs;
  if (memoryBytes !== undefined) limits.memoryMb = Math.ceil(memoryBytes / 1_048_576);
  return Object.keys(limits).length > 0 ? limits : undefined;
}

/**
 * A Piston request as Warmbox's ExecuteRequest. Unnamed files take the language's default file
 * name (first) or `file<i>` with its extension; hex files become base64; stdin gets Piston's
 * trailing newline; Piston's timeouts (ms) and memory limits (bytes) become limits.
 */
export function toExecuteRequest(
  request: PistonExecuteRequest,
  language: LanguageInfo,
): ExecuteRequest {
  const extension = extensionOf(language.defaultFile);
  const files = request.files.map((file, index) => {
    const name = file.name || (index === 0 ? language.defaultFile : `file${index}${extension}`);
    if (file.encoding === "hex") {
      return {
        name,
        content: Buffer.from(file.content, "hex").toString("base64"),
        encoding: "base64" as const,
      };
    }
    return { name, content: file.content, encoding: file.encoding ?? ("utf8" as const) };
  });
  let stdin = request.stdin ?? "";
  if (!stdin.endsWith("\n")) stdin += "\n";
  const executeRequest: ExecuteRequest = {
    language: language.id,
    // The runtime the client picked, exactly: the engine serves the same version.
    version: language.version,
    files,
    stdin,
    args: request.args ?? [],
  };
  const limits = stageLimits(request.run_timeout, request.run_cpu_time, request.run_memory_limit);
  const compileLimits = stageLimits(
    request.compile_timeout,
    request.compile_cpu_time,
    request.compile_memory_limit,
  );
  if (limits) executeRequest.limits = limits;
  if (compileLimits) executeRequest.compileLimits = compileLimits;
  return executeRequest;
}

function stageStatus(stage: StageResult, status: ExecuteResult["status"]): PistonStage["status"] {
  switch (status) {
    case "timeout":
      return "TO";
    case "output_limit":
      return stage.stderr.length > stage.stdout.length ? "EL" : "OL";
    case "memory_limit":
      return "SG";
    case "internal_error":
      return "XX";
    default:
      if (stage.signal !== null) return "SG";
      return stage.exitCode === 0 ? null : "RE";
  }
}

function toPistonStage(
  stage: StageResult,
  status: ExecuteResult["status"],
  message: string | undefined,
  output?: string,
): PistonStage {
  const pistonStatus = stageStatus(stage, status);
  const killed = pistonStatus === "TO" || pistonStatus === "OL" || pistonStatus === "EL";
  const concatenated = stage.stdout + stage.stderr;
  return {
    stdout: stage.stdout,
    stderr: stage.stderr,
    output: output !== undefined && output.length === concatenated.length ? output : concatenated,
    code: stage.exitCode,
    signal: stage.signal ?? (killed ? "SIGKILL" : null),
    message: pistonStatus === null ? null : (message ?? null),
    status: pistonStatus,
    memory: stage.memoryBytes,
    cpu_time: stage.cpuMs,
    wall_time: stage.wallMs,
  };
}

/**
 * An ExecuteResult in Piston's shape. `runOutput` is the run stage's stdout and stderr in the
 * order they came. When compilation failed, `run` repeats `compile`, as Piston does.
 */
export function toPistonResponse(result: ExecuteResult, runOutput?: string): PistonExecuteResponse {
  const compileFailed = result.status === "compile_error";
  const compile = result.compile
    ? toPistonStage(result.compile, compileFailed ? "runtime_error" : "ok", result.message)
    : undefined;
  const run = result.run
    ? toPistonStage(result.run, result.status, result.message, runOutput)
    : (compile ?? emptyStage(result));
  const response: PistonExecuteResponse = {
    language: pistonLanguageName(result.language),
    version: result.version,
    run,
  };
  if (compile) response.compile = compile;
  return response;
}

/** A run stage that never started (the engine failed before it). */
function emptyStage(result: ExecuteResult): PistonStage {
  return {
    stdout: "",
    stderr: "",
    output: "",
    code: null,
    signal: null,
    message: result.message ?? null,
    status: result.status === "ok" ? null : "XX",
    memory: null,
    cpu_time: null,
    wall_time: null,
  };
}
