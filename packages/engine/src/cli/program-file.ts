import { basename, extname } from "node:path";
import { languageRegistry } from "../languages/registry.js";
import type { SourceFile } from "../request/execute-request.js";
import { readTextFile } from "./read-text-file.js";
import { UsageError } from "./usage-error.js";

/** A program read from one file, as the `language`, `version` and `files`/`source` of a request. */
export interface ProgramFile {
  language: string;
  version?: string;
  files?: SourceFile[];
  source?: string;
}

/** The id of the language whose source files end like `file`. */
export function languageOfFile(file: string): string {
  const extension = extname(file);
  const spec = languageRegistry.all.find(
    (candidate) =>
      extname(candidate.defaultFile) === extension ||
      candidate.sourceExtensions.includes(extension),
  );
  if (!spec) throw new UsageError(`cannot tell the language of '${file}'; pass --language`);
  return spec.id;
}

/**
 * Reads a program file: its language is `language` when given, else told by its extension. The
 * file keeps its own name (Java cares) when it has its language's extension; otherwise it is the
 * language's default file.
 */
export async function readProgramFile(
  file: string,
  language?: string,
  version?: string,
): Promise<ProgramFile> {
  const id = language ?? languageOfFile(file);
  const spec = languageRegistry.find(id);
  if (!spec) throw new UsageError(`unknown language '${id}'; \`warmbox languages\` lists them`);
  const content = await readTextFile(file);
  const program = { language: spec.id, ...(version === undefined ? {} : { version }) };
  return extname(file) === extname(spec.defaultFile)
    ? { ...program, files: [{ name: basename(file), content }] }
    : { ...program, source: content };
}

/**
 * The engine's `languages` entry that serves a program: its language's default version, or
 * every version a requested one may be (the request then selects it).
 */
export function servedFor(program: ProgramFile): string {
  return program.version === undefined ? program.language : `${program.language}@*`;
}
