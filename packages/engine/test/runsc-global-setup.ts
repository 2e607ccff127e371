import Dockerode from "dockerode";

/**
 * The gVisor lane needs Docker's runtimes `runsc` and `runsc-network`. Without them it fails at
 * once, saying how to register them; it never skips.
 */
export default async function checkGvisorRuntimes(): Promise<void> {
  const info = (await new Dockerode().info()) as { Runtimes?: Record<string, unknown> };
  const registered = Object.keys(info.Runtimes ?? {});
  const missing = ["runsc", "runsc-network"].filter((name) => !registered.includes(name));
  if (missing.length > 0) {
    throw new Error(
      `The gVisor lane (docker-runsc) needs the Docker runtimes ${missing.join(", ")}; the daemon ` +
        `has ${registered.join(", ")}. Run \`npm test\` from the repository root (its set-up runs ` +
        "scripts/ensure-runsc), or `sudo bash scripts/ensure-runsc`.",
    );
  }
}
