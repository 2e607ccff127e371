import { text } from "node:stream/consumers";
import { createEngine } from "../engine/create-engine.js";
import { EXIT_NOT_ACCEPTED, EXIT_OK } from "./exit-codes.js";
import { readProgramFile, servedFor } from "./program-file.js";
import { readTextFile } from "./read-text-file.js";

export async function runCommand(
  file: string,
  args: string[],
  options: {
    language?: string;
    version?: string;
    stdin?: string;
    timeMs?: number;
    memoryMb?: number;
  },
): Promise<void> {
  const program = await readProgramFile(file, options.language, options.version);
  const stdin =
    options.stdin === "-"
      ? await text(process.stdin)
      : options.stdin
        ? await readTextFile(options.stdin)
        : "";
  await using engine = createEngine({ languages: [servedFor(program)], pool: { min: 0, max: 1 } });
  const result = await engine.execute(
    {
      ...program,
      stdin,
      args,
      limits: { timeMs: options.timeMs, memoryMb: options.memoryMb },
    },
    {
      onStdout: (chunk) => process.stdout.write(chunk),
      onStderr: (chunk) => process.stderr.write(chunk),
    },
  );
  if (result.compile && result.status === "compile_error")
    process.stderr.write(result.compile.stderr + result.compile.stdout);
  const stage = result.run ?? result.compile;
  const summary = [
    `status=${result.status}`,
    `${result.language} ${result.version}`,
    stage ? `exit=${stage.signal ?? stage.exitCode}` : "",
    stage
      ? `wall=${stage.wallMs}ms cpu=${stage.cpuMs}ms memory=${(stage.memoryBytes / 1_048_576).toFixed(1)}MiB`
      : "",
    result.message ?? "",
  ].filter(Boolean);
  process.stderr.write(`\n[warmbox] ${summary.join("  ")}\n`);
  process.exitCode = result.status === "ok" ? EXIT_OK : EXIT_NOT_ACCEPTED;
}
