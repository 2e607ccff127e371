import type { LanguageSpec } from "../languages/language-spec.js";
import type { StageCommand } from "../protocol/messages.js";
import type { Limits } from "../request/limits.js";
import type { ResolvedJob } from "./resolve-request.js";

/** The environment of every stage; nothing of the engine's own environment goes in. */
const BASE_ENV: Record<string, string> = {
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  HOME: "/box",
  USER: "sandbox",
  LANG: "C.UTF-8",
  LC_ALL: "C.UTF-8",
  TMPDIR: "/tmp",
};

/** `./name`, so that a file named like an option is never read as one. */
const asPath = (name: string) => `./${name}`;

/** Replaces `{entry}` and `{sources}` in a spec's command with whole arguments. */
export function expandCommand(command: readonly string[], job: ResolvedJob): string[] {
  return command.flatMap((part) => {
    if (part === "{entry}") return [asPath(job.entry)];
    if (part === "{sources}") {
      return job.files
        .filter((file) => job.spec.sourceExtensions.some((ext) => file.name.endsWith(ext)))
        .map((file) => asPath(file.name));
    }
    return [part];
  });
}

function stageCommand(
  spec: LanguageSpec,
  argv: string[],
  limits: Limits,
  template = false,
): StageCommand {
  return {
    argv,
    env: { ...BASE_ENV, ...spec.env },
    timeMs: limits.timeMs,
    cpuMs: limits.cpuMs,
    outputBytes: limits.outputBytes,
    fileSizeBytes: limits.fileSizeBytes,
    streamedStdin: false,
    template,
  };
}

export function compileCommand(job: ResolvedJob): StageCommand | undefined {
  if (!job.spec.compile) return undefined;
  // The caller's options come last, so they win over the spec's (a later -O or -std does).
  const argv = [...expandCommand(job.spec.compile.command, job), ...job.compilerOptions];
  return stageCommand(job.spec, argv, job.compileLimits);
}

export function runCommand(job: ResolvedJob): StageCommand {
  const argv = [...expandCommand(job.spec.run.command, job), ...job.args];
  return stageCommand(job.spec, argv, job.runLimits, job.spec.template);
}
