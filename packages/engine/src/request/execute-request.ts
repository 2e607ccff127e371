import { z } from "zod";
import { FileTree } from "./file-tree.js";
import { partialLimitsSchema } from "./limits.js";

/** Longest file path accepted, and longest single path segment (Linux NAME_MAX). */
export const MAX_FILE_PATH_LENGTH = 1_024;
export const MAX_FILE_SEGMENT_LENGTH = 255;
/** Most files one request may carry. */
export const MAX_FILES = 1_000;
/** Most bytes of all files together, decoded: generous for sources, bounded for memory. */
export const MAX_TOTAL_FILE_BYTES = 32 * 1_048_576;
/** Most bytes of stdin: it lives in the sandbox's memory until the program reads it. */
export const MAX_STDIN_BYTES = 64 * 1_048_576;
/** Most command-line arguments, and most bytes of all of them. */
export const MAX_ARGS = 1_000;
export const MAX_ARGS_BYTES = 1_048_576;

/** Linux refuses to exec a program with one argument this long or longer (MAX_ARG_STRLEN, NUL included). */
export const MAX_ARG_BYTES = 131_072;

/** Why a file name is not a safe relative path inside the work directory, or null if it is. */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return "is empty";
  if (name.length > MAX_FILE_PATH_LENGTH)
    return `is longer than ${MAX_FILE_PATH_LENGTH} characters`;
  if (name.includes("\0")) return "contains a NUL byte";
  if (name.startsWith("/"))
    return "is an absolute path; give a path relative to the work directory";
  if (name.includes("\\")) return "contains a backslash; use / between directories";
  for (const segment of name.split("/")) {
    if (segment === "") return "has an empty path segment";
    if (segment === "." || segment === "..") return `has a '${segment}' segment`;
    if (Buffer.byteLength(segment) > MAX_FILE_SEGMENT_LENGTH)
      return `has a segment longer than ${MAX_FILE_SEGMENT_LENGTH} bytes`;
  }
  return null;
}

export const sourceFileSchema = z
  .object({
    /** Path relative to the work directory, e.g. "main.py" or "lib/util.py". */
    name: z.string().superRefine((name, ctx) => {
      const problem = fileNameProblem(name);
      if (problem) ctx.addIssue({ code: "custom", message: `file name ${problem}` });
    }),
    /** The file's content, as text or base64 per `encoding`. */
    content: z.string(),
    /** @default "utf8" */
    encoding: z.enum(["utf8", "base64"]).default("utf8"),
  })
  .strict();

export type SourceFile = z.input<typeof sourceFileSchema>;

/** Arguments of a program or of a compiler: each exec'd as is, so none may hold a NUL byte. */
const argumentListSchema = z
  .array(z.string().refine((arg) => !arg.includes("\0"), "an argument cannot contain a NUL byte"))
  .max(MAX_ARGS);

export const executeRequestSchema = z
  .object({
    /** A language id or alias ("python", "py", "python3"). */
    language: z.string().min(1).max(64),
    /**
     * The language's version: exact ("3.11.2"), or a semver range ("3.x", "3.11", ">=3.12").
     * "*" or absent selects the default, the newest served. See `languages()`.
     */
    version: z.string().max(64).optional(),
    /** The program's files; the first is the entry point. One of files / source is required. */
    files: z.array(sourceFileSchema).min(1).max(MAX_FILES).optional(),
    /** Shorthand for a single file named after the language's default file. */
    source: z.string().optional(),
    /** The program's standard input (UTF-8). @default "" */
    stdin: z.string().max(MAX_STDIN_BYTES).optional(),
    /** Command-line arguments of the program. @default [] */
    args: argumentListSchema.optional(),
    /**
     * Options of a compiled language's compiler, appended to its compile command
     * (`["-O0", "-DDEBUG"]`); refused for a language without a compile stage. @default []
     */
    compilerOptions: argumentListSchema.optional(),
    /** Limits of the run stage; absent fields take the language's defaults. */
    limits: partialLimitsSchema.optional(),
    /** Limits of the compile stage of compiled languages. */
    compileLimits: partialLimitsSchema.optional(),
  })
  .strict()
  .superRefine((request, ctx) => {
    if (request.files === undefined && request.source === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["files"],
        message: "one of files or source is required",
      });
    }
    if (request.files !== undefined && request.source !== undefined) {
      ctx.addIssue({ code: "custom", path: ["source"], message: "give files or source, not both" });
    }
    const seen = new Set<string>();
    const fileTree = new FileTree((request.files ?? []).map((file) => file.name));
    for (const [index, file] of (request.files ?? []).entries()) {
      if (seen.has(file.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["files", index, "name"],
          message: `duplicate file name '${file.name}'`,
        });
      }
      seen.add(file.name);
      // "lib" and "lib/x.py" together can't both be written: a bad request, not an engine fault.
      const parent = fileTree.fileAbove(file.name);
      if (parent !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["files", index, "name"],
          message: `'${parent}' is both a file and a directory of '${file.name}'`,
        });
      }
      if (file.encoding === "base64" && !/^[A-Za-z0-9+/]*={0,2}$/.test(file.content)) {
        ctx.addIssue({
          code: "custom",
          path: ["files", index, "content"],
          message: "is not valid base64",
        });
      }
    }
    // The schema's max counts UTF-16 units; the supervisor buffers bytes (up to 3 per unit).
    if (request.stdin !== undefined && Buffer.byteLength(request.stdin) > MAX_STDIN_BYTES) {
      ctx.addIssue({
        code: "custom",
        path: ["stdin"],
        message: `stdin exceeds ${MAX_STDIN_BYTES} bytes`,
      });
    }
    for (const field of ["args", "compilerOptions"] as const) {
      const list = request[field] ?? [];
      for (const [index, arg] of list.entries()) {
        if (Buffer.byteLength(arg) >= MAX_ARG_BYTES) {
          ctx.addIssue({
            code: "custom",
            path: [field, index],
            message: `an argument is at most ${MAX_ARG_BYTES - 1} bytes (Linux's limit for one argument)`,
          });
        }
      }
      const bytes = list.reduce((sum, arg) => sum + Buffer.byteLength(arg), 0);
      if (bytes > MAX_ARGS_BYTES) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `arguments exceed ${MAX_ARGS_BYTES} bytes`,
        });
      }
    }
  });

/** What a caller passes to `execute()`: an ExecuteRequest (docs/api.md). */
export type ExecuteRequest = z.input<typeof executeRequestSchema>;
