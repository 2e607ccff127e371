// The HTTP layer's own CPU per request, without Docker: the server in its own process (default
// settings but the per-client limits, on yet sized for one client; its log at info, into
// /dev/null) over a stand-in engine that answers at once, called with `fetch` from this process.
// Beside it a bare node:http server answering the same bytes: what any Node server pays. The
// kernel's count of each server process's CPU (/proc/<pid>/stat) is divided by the requests.
// `node bench/http-layer.mjs [requests] [--profile DIR] [--server DIR]` (--profile: the Warmbox
// server's CPU profile into DIR, to read with bench/cpu-profile-summary.mjs; --server: another
// build of packages/server, e.g. an older one, to compare).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const RESULT = {
  language: "python",
  version: "3.11.2",
  status: "ok",
  compile: null,
  run: {
    stdout: "1\n",
    stderr: "",
    exitCode: 0,
    signal: null,
    wallMs: 9,
    cpuMs: 8,
    memoryBytes: 8_388_608,
    truncated: false,
  },
};
const REQUEST = JSON.stringify({ language: "python", source: "print(1)" });
const CLOCK_TICKS_PER_SECOND = 100;

/** An engine that runs nothing: every execute() answers RESULT at once. */
const standInEngine = {
  execute: async () => structuredClone(RESULT),
  judge: async () => {
    throw new Error("not in this bench");
  },
  languages: async () => [{ id: "python", name: "Python", version: "3.11.2", aliases: ["py"] }],
  refreshImages: async () => [],
  warmup: async () => {},
  stats: () => ({ queued: 0, pools: [] }),
  health: async () => ({ docker: true, warm: true }),
  close: async () => {},
  [Symbol.asyncDispose]: async () => {},
};

/** The server side (a child process): prints its URL, serves until SIGTERM. */
async function serve(kind, serverDir) {
  let close;
  let url;
  if (kind === "bare") {
    const bare = createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        response.setHeader("content-type", "application/json; charset=utf-8");
        response.end(JSON.stringify(RESULT));
      });
    });
    bare.listen(0, "127.0.0.1");
    await once(bare, "listening");
    url = `http://127.0.0.1:${bare.address().port}`;
    close = async () => bare.close();
  } else {
    const { startServer } = await import(
      serverDir ? pathToFileURL(`${serverDir}/dist/index.js`).href : "@warmbox/server"
    );
    const server = await startServer({
      engine: standInEngine,
      host: "127.0.0.1",
      port: 0,
      staticDir: null,
      rateLimitPerMinute: 100_000_000,
      maxConcurrentPerClient: 64,
    });
    url = server.url;
    close = () => server.close();
  }
  process.on("SIGTERM", () => close().then(() => process.exit(0)));
  process.send(url);
}

/** User + system CPU of a process so far, in µs. */
function cpuOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
}

async function post(url) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: REQUEST,
  });
  const body = await response.json();
  if (body.status !== "ok") throw new Error(JSON.stringify(body));
}

/** The server's CPU per request (µs) over `count` requests from `concurrency` loops. */
async function serverCpuPerRequest(pid, url, count, concurrency) {
  for (let i = 0; i < 300; i++) await post(url);
  const before = cpuOf(pid);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await post(url);
    }),
  );
  return Math.round((cpuOf(pid) - before) / count);
}

async function startChild(kind, nodeFlags, serverDir) {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...nodeFlags, script, kind, serverDir ?? ""], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const [url] = await once(child, "message");
  return {
    pid: child.pid,
    url: `${url}/v1/execute`,
    stop: () => child.kill("SIGTERM") && once(child, "exit"),
  };
}

const role = process.argv[2];
if (role === "bare" || role === "warmbox") {
  await serve(role, process.argv[3] || undefined);
} else {
  const count = Number(role ?? 5000);
  const profileAt = process.argv.indexOf("--profile");
  const profile =
    profileAt === -1 ? [] : ["--cpu-prof", `--cpu-prof-dir=${process.argv[profileAt + 1]}`];
  const bare = await startChild("bare", []);
  const serverAt = process.argv.indexOf("--server");
  const serverDir = serverAt === -1 ? undefined : resolve(process.argv[serverAt + 1]);
  const warmbox = await startChild("warmbox", profile, serverDir);
  try {
    for (const concurrency of [1, 8]) {
      const rounds = { bare: [], warmbox: [] };
      for (let round = 0; round < 3; round++) {
        rounds.bare.push(await serverCpuPerRequest(bare.pid, bare.url, count, concurrency));
        rounds.warmbox.push(
          await serverCpuPerRequest(warmbox.pid, warmbox.url, count, concurrency),
        );
      }
      const least = (values) => Math.min(...values);
      process.stdout.write(
        `concurrency ${concurrency}: server CPU per request: bare node:http ${least(rounds.bare)} µs, ` +
          `warmbox ${least(rounds.warmbox)} µs (rounds: ${rounds.bare.join(", ")} / ${rounds.warmbox.join(", ")})\n`,
      );
    }
  } finally {
    await Promise.all([bare.stop(), warmbox.stop()]);
  }
}
