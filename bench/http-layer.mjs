// The HTTP layer's own CPU per request, without Docker: the server in its own process (default
// settings but the per-client limits, on yet sized for one client; its log at info, into
// /dev/null) over a stand-in engine that answers at once, called with `fetch` from this process.
// Beside it a bare node:http server answering the same bytes: what any Node server pays. The
// kernel's count of each server process's CPU (/proc/<pid>/stat) is divided by the requests.
// `node bench/http-layer.mjs [requests] [--profile DIR] [--server DIR]` (--profile: the Warmbox
// server's CPU profile into DIR, to read with bench/cpu-profile-summary.mjs; --server: another
// build of packages/server, e.g. an older one, to compare).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { postHello, serveUntilTerminated, startServerChild } from "./stand-in-http.mjs";

const CLOCK_TICKS_PER_SECOND = 100;
const script = fileURLToPath(import.meta.url);

/** User + system CPU of a process so far, in µs. */
function cpuOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
}

/** The server's CPU per request (µs) over `count` requests from `concurrency` loops. */
async function serverCpuPerRequest(pid, url, count, concurrency) {
  for (let i = 0; i < 300; i++) await postHello(url);
  const before = cpuOf(pid);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await postHello(url);
    }),
  );
  return Math.round((cpuOf(pid) - before) / count);
}

const role = process.argv[2];
if (role === "bare" || role === "warmbox") {
  await serveUntilTerminated(role, { serverDir: process.argv[3] || undefined });
} else {
  const count = Number(role ?? 5000);
  const profileAt = process.argv.indexOf("--profile");
  const profile =
    profileAt === -1 ? [] : ["--cpu-prof", `--cpu-prof-dir=${process.argv[profileAt + 1]}`];
  const bare = await startServerChild(script, ["bare"]);
  const serverAt = process.argv.indexOf("--server");
  const serverDir = serverAt === -1 ? undefined : resolve(process.argv[serverAt + 1]);
  const warmbox = await startServerChild(script, ["warmbox", serverDir ?? ""], profile);
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
