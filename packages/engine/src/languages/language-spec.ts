import { z } from "zod";
import { partialLimitsSchema } from "../request/limits.js";

/**
 * A command as an argv array. No shell ever sees a user string: placeholders are replaced
 * by whole arguments.
 * - `{entry}`: the entry file's path, as `./name` so that a leading `-` is never an option;
 * - `{sources}`: every request file whose name ends with one of `sourceExtensions`, each as
 *   `./name`, in request order (expands to several arguments).
 */
const commandSchema = z.array(z.string().min(1)).min(1);

export const languageSpecSchema = z
  .object({
    /** Stable id used in requests and image names: lowercase letters, digits, '-'. */
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** Display name. */
    name: z.string().min(1),
    /** Other names a request may use ("py", "python3"). */
    aliases: z.array(z.string().min(1)),
    /**
     * The toolchain's version line, for a language served at several versions (one spec each):
     * a semver prefix like "3.11" or "17". Requests select by it (or by the exact version the
     * image reports); absent for a language with one version.
     */
    version: z
      .string()
      .regex(/^\d+(\.\d+){0,2}$/)
      .optional(),
    /** Folder under the package's `images/` holding this language's Dockerfile. */
    image: z.string().regex(/^[a-z0-9-]+$/),
    /**
     * The Debian release the image is built on ("trixie" for newer toolchains than bookworm's).
     * The same recipe folder serves every release it is built for.
     */
    suite: z
      .string()
      .regex(/^[a-z]+$/)
      .default("bookworm"),
    /**
     * Where the toolchain comes from when not from the Debian release's own packages: "npm"
     * (the registry's package, at the version the image pins) or another release ("Debian sid").
     * Shown in the README's table of versions.
     */
    origin: z.string().min(1).optional(),
    /** File name used for `source` requests. */
    defaultFile: z.string().min(1),
    /** Extensions that `{sources}` picks up, e.g. [".c"]. */
    sourceExtensions: z.array(z.string().startsWith(".")).default([]),
    /** The compile stage; absent for interpreted languages. */
    compile: z.object({ command: commandSchema }).optional(),
    /** The run stage; the request's args are appended. */
    run: z.object({ command: commandSchema }),
    /**
     * Start the run stage by the image's template ("zygote", docs/templates.md): an interpreter
     * started once that forks for each run. Needs an image with a template; false turns it off.
     */
    template: z.boolean().default(false),
    /** Extra environment variables of both stages. */
    env: z.record(z.string(), z.string()).default({}),
    /** Run-stage limits that differ from the engine's defaults. */
    limits: partialLimitsSchema.default({}),
    /** Compile-stage limits that differ from the engine's defaults. */
    compileLimits: partialLimitsSchema.default({}),
    /** A starter program for the playground: reads a line of stdin and greets it. */
    starter: z.string().min(1),
    /** The CodeMirror language mode that highlights it, if any. */
    highlight: z.string().nullable(),
  })
  .strict();

/** A language as data; see ../languages/*.ts. */
export type LanguageSpec = z.output<typeof languageSpecSchema>;
export type LanguageSpecInput = z.input<typeof languageSpecSchema>;

/**
 * What tells one spec from another: its id, and its version for a language served at several
 * ("python@3.13"). The engine's pools, images and runtimes are per key.
 */
export function languageKey(spec: Pick<LanguageSpec, "id" | "version">): string {
  return spec.version === undefined ? spec.id : `${spec.id}@${spec.version}`;
}
