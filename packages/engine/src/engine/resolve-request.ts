import { InvalidRequestError, LimitExceededError } from "../errors/engine-errors.js";
import type { LanguageSpec } from "../languages/language-spec.js";
import type { LanguageRegistry } from "../languages/registry.js";
import {
  type ExecuteRequest,
  executeRequestSchema,
  MAX_TOTAL_FILE_BYTES,
} from "../request/execute-request.js";
import type { Limits, PartialLimits } from "../request/limits.js";
import type { SandboxFile } from "../sandbox/sandbox.js";
import { parseOrThrow } from "../validation/field-issues.js";
import { selectServedVersion } from "./select-version.js";

/** A request checked against the request schema and the operator's limits, ready to run. */
export interface ResolvedJob {
  spec: LanguageSpec;
  files: SandboxFile[];
  entry: string;
  stdin: Buffer;
  args: string[];
  /** Appended to the compile command (empty for a language without one). */
  compilerOptions: string[];
  runLimits: Limits;
  compileLimits: Limits;
}

/** The engine-wide limits a request is resolved against. */
export interface LimitPolicy {
  run: Limits;
  compile: Limits;
  max: Limits;
}

/**
 * Stage limits: the engine's defaults, then the language's, then the request's. A requested
 * value above the maximum is rejected; a default above it is lowered to the maximum.
 */
function resolveLimits(
  field: "limits" | "compileLimits",
  defaults: Limits,
  language: PartialLimits,
  requested: PartialLimits | undefined,
  max: Limits,
): Limits {
  const resolved = { ...defaults, ...language } as Limits;
  for (const key of Object.keys(resolved) as Array<keyof Limits>) {
    const wanted = requested?.[key];
    const ceiling = max[key];
    if (wanted !== undefined) {
      if (wanted > ceiling) throw new LimitExceededError(`${field}.${key}`, wanted, ceiling);
      (resolved[key] as number | boolean) = wanted;
    } else if (resolved[key] > ceiling) {
      (resolved[key] as number | boolean) = ceiling;
    }
  }
  return resolved;
}

/**
 * Checks a request (the only validation it gets, whoever sent it: a library caller or the HTTP
 * server) against the schema, the languages served and the limit policy; throws
 * InvalidRequestError, UnknownLanguageError or LimitExceededError naming what is wrong.
 */
export function resolveRequest(
  request: ExecuteRequest,
  registry: LanguageRegistry,
  /** Keys of the language versions served (see languageKey). */
  served: ReadonlySet<string>,
  /** The exact version a served language version's image reports, by key, once known. */
  versionOf: (key: string) => string | undefined,
  policy: LimitPolicy,
): ResolvedJob {
  const body = parseOrThrow(executeRequestSchema, request, "request");
  const spec = selectServedVersion(registry, body.language, body.version, served, versionOf);

  const files = body.files
    ? body.files.map((file) => ({
        name: file.name,
        content: Buffer.from(file.content, file.encoding === "base64" ? "base64" : "utf8"),
      }))
    : [{ name: spec.defaultFile, content: Buffer.from(body.source ?? "") }];
  const totalBytes = files.reduce((sum, file) => sum + file.content.length, 0);
  if (totalBytes > MAX_TOTAL_FILE_BYTES) {
    throw new InvalidRequestError(
      `files total ${totalBytes} bytes, above ${MAX_TOTAL_FILE_BYTES}`,
      [{ path: "files", message: `files total more than ${MAX_TOTAL_FILE_BYTES} bytes` }],
    );
  }

  const compilerOptions = body.compilerOptions ?? [];
  if (compilerOptions.length > 0 && !spec.compile) {
    const message = `${spec.id} has no compile stage to take compiler options`;
    throw new InvalidRequestError(`compilerOptions: ${message}`, [
      { path: "compilerOptions", message },
    ]);
  }

  const runLimits = resolveLimits("limits", policy.run, spec.limits, body.limits, policy.max);
  return {
    spec,
    files,
    entry: files[0]?.name ?? spec.defaultFile,
    stdin: Buffer.from(body.stdin ?? ""),
    args: body.args ?? [],
    compilerOptions,
    runLimits,
    compileLimits: {
      ...resolveLimits(
        "compileLimits",
        policy.compile,
        spec.compileLimits,
        body.compileLimits,
        policy.max,
      ),
      network: jobNetwork(spec, runLimits, body.compileLimits?.network),
    },
  };
}

/**
 * A job's stages share one container, whose network is fixed when it starts: the compile stage
 * has the run's network unless asked otherwise, and a compiled language can't ask for another
 * (its run would keep the compile stage's network, or lack the one it asked for).
 */
function jobNetwork(spec: LanguageSpec, runLimits: Limits, compileNetwork: boolean | undefined) {
  if (compileNetwork !== undefined && compileNetwork !== runLimits.network && spec.compile) {
    const message = `must equal limits.network (${runLimits.network}): both stages run in one container, whose network can't change between them`;
    throw new InvalidRequestError(`compileLimits.network ${message}`, [
      { path: "compileLimits.network", message },
    ]);
  }
  return runLimits.network;
}
