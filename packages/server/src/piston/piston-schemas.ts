import { z } from "zod";

/** Piston's "no limit given" values: absent, null, 0 or -1 all mean "the default". */
const pistonNumber = z.number().nullish();

/** One file of a Piston request. */
export const pistonFileSchema = z.object({
  /** @default `file<i>.code` in Piston; here the language's default file name for the first file */
  name: z.string().optional(),
  content: z.string(),
  /** @default "utf8" */
  encoding: z.enum(["utf8", "base64", "hex"]).optional(),
});

/** Piston v2's `POST /api/v2/execute` body, exactly as Piston clients send it. */
export const pistonExecuteRequestSchema = z.object({
  language: z.string(),
  version: z.string(),
  files: z.array(pistonFileSchema),
  stdin: z.string().optional(),
  args: z.array(z.string()).optional(),
  /** Wall-clock limit of the compile stage, in ms. */
  compile_timeout: pistonNumber,
  /** Wall-clock limit of the run stage, in ms. */
  run_timeout: pistonNumber,
  /** CPU-time limit of the compile stage, in ms. */
  compile_cpu_time: pistonNumber,
  /** CPU-time limit of the run stage, in ms. */
  run_cpu_time: pistonNumber,
  /** Memory limit of the compile stage, in bytes; -1 for the default. */
  compile_memory_limit: pistonNumber,
  /** Memory limit of the run stage, in bytes; -1 for the default. */
  run_memory_limit: pistonNumber,
});
export type PistonExecuteRequest = z.infer<typeof pistonExecuteRequestSchema>;

/** A Piston stage result. `status`: RE runtime error, SG signal, TO timeout, OL/EL output limit, XX internal. */
export const pistonStageSchema = z.object({
  stdout: z.string(),
  stderr: z.string(),
  /** stdout and stderr interleaved as the program wrote them. */
  output: z.string(),
  code: z.number().int().nullable(),
  signal: z.string().nullable(),
  message: z.string().nullable(),
  status: z.enum(["RE", "SG", "TO", "OL", "EL", "XX"]).nullable(),
  /** Peak memory, bytes. */
  memory: z.number().int().nullable(),
  cpu_time: z.number().nullable(),
  wall_time: z.number().nullable(),
});
export type PistonStage = z.infer<typeof pistonStageSchema>;

/** Piston v2's execute answer. `compile` only for compiled languages. */
export const pistonExecuteResponseSchema = z.object({
  language: z.string(),
  version: z.string(),
  run: pistonStageSchema,
  compile: pistonStageSchema.optional(),
});
export type PistonExecuteResponse = z.infer<typeof pistonExecuteResponseSchema>;

/** One item of Piston v2's `GET /api/v2/runtimes`. */
export const pistonRuntimeSchema = z.object({
  language: z.string(),
  version: z.string(),
  aliases: z.array(z.string()),
  runtime: z.string().optional(),
});
export type PistonRuntime = z.infer<typeof pistonRuntimeSchema>;

/** Piston's error answer. */
export const pistonErrorSchema = z.object({ message: z.string() });
