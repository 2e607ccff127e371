import type Dockerode from "dockerode";
import { describe, expect, it } from "vitest";
import { RuntimeNotRegisteredError } from "../errors/engine-errors.js";
import { DockerContainerRuntime } from "./docker-container-runtime.js";

/** A daemon whose `docker info` lists these runtimes (all checkRuntime reads). */
const daemonWith = (...runtimes: string[]) =>
  new DockerContainerRuntime({
    info: async () => ({ Runtimes: Object.fromEntries(runtimes.map((name) => [name, {}])) }),
  } as unknown as Dockerode);

describe("checkRuntime", () => {
  it("passes a runtime the daemon has", async () => {
    await expect(daemonWith("runc", "runsc").checkRuntime("runsc")).resolves.toBeUndefined();
    await expect(daemonWith("runc").checkRuntime("runc")).resolves.toBeUndefined();
  });

  it("names a missing runtime, what the daemon has, and how to register it", async () => {
    const check = daemonWith("runc").checkRuntime("runsc");
    await expect(check).rejects.toThrow(RuntimeNotRegisteredError);
    await expect(check).rejects.toMatchObject({
      code: "runtime_not_registered",
      runtime: "runsc",
      registered: ["runc"],
      message: expect.stringContaining("scripts/ensure-runsc"),
    });
  });
});
