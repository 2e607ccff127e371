import { z } from "zod";

/**
 * The OCI runtime that runs a language's sandboxes:
 * - `runc`: Docker's default. The host kernel is the boundary (namespaces, cgroups,
 *   capabilities, seccomp); the fastest.
 * - `runsc`: gVisor. A user-space kernel (the Sentry) stands between the program and the
 *   host kernel, so a kernel exploit reaches gVisor, not the host; slower to start and at
 *   every system call; never has the network (requests that ask for it are refused). Needs
 *   the runtime `runsc` registered with Docker (`scripts/ensure-runsc`).
 */
export const sandboxRuntimeSchema = z.enum(["runc", "runsc"]);

export type SandboxRuntime = z.infer<typeof sandboxRuntimeSchema>;

/** Docker's own runtime: every daemon has it. */
export const DEFAULT_SANDBOX_RUNTIME: SandboxRuntime = "runc";
