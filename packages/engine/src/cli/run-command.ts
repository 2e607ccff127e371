import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { text } from "node:stream/consumers";
import { createEngine } from "../engine/create-engine.js";
import { languageRegistry } from "../languages/registry.js";

function languageOfFile(file: string): string {
  const extension = extname(file);
  const spec = languageRegistry.all.find(
    (candidate) =>
      extname(candidate.defaultFile) === extension ||
      candidate.sourceExtensions.includes(extension),
  );
  if (!spec) throw new Error(`cannot tell the language of '${file}'; pass --lang`);
  return spec.id;
}

export async function runCommand(
  file: string,
  args: string[],
  options: { lang?: string; stdin?: string; timeMs?: number; memoryMb?: number },
): Promise<void> {
  const language = options.lang ?? languageOfFile(file);
  const spec = languageRegistry.find(language);
  const content = await readFile(file, "utf8");
  const stdin =
    options.stdin === "-"
      ? await text(process.stdin)
      : options.stdin
        ? await readFile(options.stdin, "utf8")
        : "";
  // Keep the file's own name (Java cares), unless it is not a plain relative name.
  const name = spec && extname(file) === extname(spec.defaultFile) ? basename(file) : undefined;
  await using engine = createEngine({ languages: [language], pool: { min: 0, max: 1 } });
  const result = await engine.execute(
    {
      language,
      ...(name ? { files: [{ name, content }] } : { source: content }),
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
  process.exitCode = result.status === "ok" ? 0 : 1;
}
