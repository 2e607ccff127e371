// The server image for real: build it (infra/docker/build-server-image, which makes the Node base
// when Docker Hub can't be reached), run it beside the host's daemon with the Docker socket
// mounted and its port published on 127.0.0.1 only, then GET /readyz and POST /v1/execute from
// the host. Needs a Docker daemon (scripts/ensure-docker) and builds the Python runner image with
// the engine's CLI when it is missing. The container is removed afterwards, whatever happened.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, repoPath, serverDefaultPort } from "./repo.js";

const MINUTE = 60_000;
const IMAGE = "warmbox/server:infra-test";
const RUN_ID = `${process.pid}-${Date.now().toString(36)}`;
const CONTAINER = `warmbox-infra-test-${RUN_ID}`;
const ENGINE_ID = `infra-test-${RUN_ID}`;
const SOCKET = "/var/run/docker.sock";

function run(command: string, args: string[], timeoutMs = 15 * MINUTE): string {
  return execFileSync(command, args, {
    cwd: REPO_ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
  }).trim();
}

function docker(...args: string[]): string {
  return run("docker", args, 2 * MINUTE);
}

/** Containers of the engine inside the container under test (labelled with its engine id). */
function sandboxesOfThisServer(): string[] {
  const out = docker("ps", "-aq", "--filter", `label=dev.warmbox.engine=${ENGINE_ID}`);
  return out === "" ? [] : out.split("\n");
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const logs = (() => {
    try {
      return execFileSync("docker", ["logs", "--tail", "40", CONTAINER], { encoding: "utf8" });
    } catch {
      return "(no logs)";
    }
  })();
  throw new Error(`${what} within ${timeoutMs} ms (last error: ${String(last)})\n${logs}`);
}

let baseUrl = "";
let containerStarted = false;

beforeAll(() => {
  run("bash", ["scripts/ensure-docker"], 5 * MINUTE);
  // The Python runner image, on the host's daemon, where the server's sandboxes will run.
  if (!existsSync(repoPath("packages/engine/dist/cli.js"))) {
    run("npm", ["run", "build", "--workspace", "@warmbox/engine"], 5 * MINUTE);
  }
  run("node", ["packages/engine/dist/cli.js", "images", "build", "python"], 15 * MINUTE);

  const started = Date.now();
  run("infra/docker/build-server-image", ["--tag", IMAGE], 20 * MINUTE);
  const seconds = Math.round((Date.now() - started) / 1000);
  const bytes = Number(docker("image", "inspect", "--format", "{{.Size}}", IMAGE));
  console.log(`server image ${IMAGE}: ${Math.round(bytes / 1e6)} MB, build ${seconds} s`);

  const socketGroup = statSync(SOCKET).gid;
  // The same lockdown the compose file and the ECS task use.
  docker(
    "run",
    "--detach",
    "--name",
    CONTAINER,
    "--init",
    "--read-only",
    "--tmpfs",
    "/tmp",
    "--cap-drop",
    "ALL",
    "--security-opt",
    "no-new-privileges",
    "--volume",
    `${SOCKET}:${SOCKET}`,
    // The data directory (submissions, callback secret) on a volume, as compose and ECS give it:
    // an anonymous one, filled from the image's /data (owner included), removed with the container.
    "--volume",
    "/data",
    "--group-add",
    String(socketGroup),
    "--publish",
    `127.0.0.1::${serverDefaultPort()}`,
    "--env",
    "WARMBOX_LANGUAGES=python",
    "--env",
    `WARMBOX_ENGINE_ID=${ENGINE_ID}`,
    "--label",
    `dev.warmbox.infra-test=${RUN_ID}`,
    IMAGE,
  );
  containerStarted = true;
  const published = docker("port", CONTAINER, `${serverDefaultPort()}/tcp`).split("\n")[0] ?? "";
  expect(published).toMatch(/^127\.0\.0\.1:\d+$/);
  baseUrl = `http://${published}`;
}, 40 * MINUTE);

afterAll(() => {
  if (!containerStarted) return;
  try {
    docker("stop", "--time", "30", CONTAINER);
  } catch {
    // already stopped
  }
  docker("rm", "--force", "--volumes", CONTAINER);
  // Sandboxes the server failed to remove are ours (our engine id): never leave them behind.
  const leftovers = sandboxesOfThisServer();
  if (leftovers.length > 0) docker("rm", "--force", ...leftovers);
}, 2 * MINUTE);

describe("the server image, run beside the host's Docker daemon", () => {
  it(
    "becomes ready: GET /readyz answers 200 from the host",
    async () => {
      const body = await waitFor("GET /readyz did not answer 200", 3 * MINUTE, async () => {
        const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
        return response.status === 200 ? await response.text() : undefined;
      });
      expect(body.length).toBeGreaterThan(0);
    },
    4 * MINUTE,
  );

  it(
    "executes Python: POST /v1/execute from the host",
    async () => {
      const response = await fetch(`${baseUrl}/v1/execute`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ language: "python", source: "print(6 * 7)", stdin: "" }),
        signal: AbortSignal.timeout(60_000),
      });
      expect(response.status).toBe(200);
      const result = (await response.json()) as {
        status: string;
        language: string;
        run: { stdout: string; exitCode: number | null };
      };
      expect(result.language).toBe("python");
      expect(result.status).toBe("ok");
      expect(result.run.stdout).toBe("42\n");
      expect(result.run.exitCode).toBe(0);
    },
    2 * MINUTE,
  );

  it("runs its sandboxes as sibling containers on the host's daemon", () => {
    expect(sandboxesOfThisServer().length).toBeGreaterThan(0);
  });

  it("runs as a non-root user with the socket's group, and holds no Docker", () => {
    expect(docker("exec", CONTAINER, "id", "-u")).toBe("10001");
    expect(docker("exec", CONTAINER, "id", "-G").split(" ")).toContain(
      String(statSync(SOCKET).gid),
    );
    const found = docker("exec", CONTAINER, "sh", "-c", "command -v docker dockerd || true");
    expect(found).toBe("");
  });

  it(
    "reports healthy through its HEALTHCHECK",
    async () => {
      const status = await waitFor("the container did not become healthy", 2 * MINUTE, async () => {
        const health = docker("inspect", "--format", "{{.State.Health.Status}}", CONTAINER);
        return health === "healthy" ? health : undefined;
      });
      expect(status).toBe("healthy");
    },
    3 * MINUTE,
  );

  it(
    "stops on SIGTERM within the grace period and removes its sandboxes",
    () => {
      const started = Date.now();
      docker("stop", "--time", "30", CONTAINER);
      expect(Date.now() - started).toBeLessThan(30_000);
      const exitCode = docker("inspect", "--format", "{{.State.ExitCode}}", CONTAINER);
      expect(exitCode).toBe("0");
      expect(sandboxesOfThisServer()).toEqual([]);
    },
    MINUTE,
  );
});
