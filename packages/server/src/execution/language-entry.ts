import { languageInfoSchema } from "@warmbox/engine";
import { z } from "zod";

/** Whether a language runs now, has its runner image still being built, or failed to get one. */
export const languageStatusSchema = z.enum(["ready", "building", "failed"]);
export type LanguageStatus = z.infer<typeof languageStatusSchema>;

/** One item of `GET /v1/languages`: the language, its state, and its version once ready. */
export const languageEntrySchema = languageInfoSchema.extend({
  /** The toolchain's exact version; null until its image is built. */
  version: z.string().nullable(),
  /** The OCI runtime of its sandboxes ("runc" or "runsc", gVisor); null until it is served. */
  runtime: languageInfoSchema.shape.runtime.nullable(),
  status: languageStatusSchema,
});
export type LanguageEntry = z.infer<typeof languageEntrySchema>;
