import Dockerode from "dockerode";

/**
 * The gVisor lane needs Docker's runtime `runsc`. Without it it fails at
 * once, saying how to register it; it never skips.
 */
export default async function checkGvisorRuntimes(): Promise<void> {
  const info = (await new Dockerode().info()) as { Runtimes?: Record<string, unknown> };
  const registered = Object.keys(info.Runtimes ?? {});
  const missing = ["runsc"].filter((name) => !registered.includes(name));
  if (missing.length > 0) {
    throw new Error(
      `The gVisor lane (docker-runsc) needs the Docker runtime ${missing.join(", ")}; the daemon ` +
        `has ${registered.join(", ")}. Run \`npm test\` from the repository root (its set-up runs ` +
        "scripts/ensure-runsc), or `sudo bash scripts/ensure-runsc`.",
    );
  }
}
