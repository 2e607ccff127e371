// Where the HTTP layer's latency goes, without Docker: fetch's round trip to three servers in
// their own processes, each answering a python hello world's result after the same fixed
// delay (a stand-in for the run): a bare node:http server, a bare Fastify route, and the
// Warmbox server (default settings, logging at info into /dev/null) over a stand-in engine.
// Called one after another, interleaved; what each adds is its p50 minus the delay.
// `node bench/http-latency-split.mjs [requests] [--delay MS] [--server DIR]` (--server: another
// build of packages/server beside this one, e.g. an older one).
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  postHello,
  serveUntilTerminated,
  standInEngine,
  startServerChild,
} from "./stand-in-http.mjs";
import { median, percentile } from "./stats.mjs";

const script = fileURLToPath(import.meta.url);

const serveAt = process.argv.find((arg) => arg.startsWith("--serve="));
if (serveAt) {
  await serveUntilTerminated(serveAt.slice("--serve=".length), {
    delayMs: Number(process.argv[3]),
    serverDir: process.argv[4] || undefined,
  });
} else {
  const count = Number(process.argv[2] ?? 400);
  const delayAt = process.argv.indexOf("--delay");
  const delayMs = delayAt === -1 ? 5 : Number(process.argv[delayAt + 1]);
  const serverAt = process.argv.indexOf("--server");
  const serverDir = serverAt === -1 ? undefined : resolve(process.argv[serverAt + 1]);
  // With --server, that build of the Warmbox server too (e.g. an older one, to compare).
  const kinds = [
    "in this process",
    "bare",
    "fastify",
    "warmbox",
    ...(serverDir ? [serverDir] : []),
  ];
  const servers = await Promise.all(
    kinds
      .slice(1)
      .map((kind) =>
        startServerChild(script, [
          `--serve=${kind === serverDir ? "warmbox" : kind}`,
          String(delayMs),
          kind === serverDir ? serverDir : "",
        ]),
      ),
  );
  const library = standInEngine(delayMs);
  const calls = [
    async () => {
      const started = performance.now();
      await library.execute();
      return performance.now() - started;
    },
    ...servers.map((server) => () => postHello(server.url)),
  ];
  try {
    const samples = kinds.map(() => []);
    for (let i = 0; i < count + 30; i++) {
      for (const [k, call] of calls.entries()) {
        const ms = await call();
        if (i >= 30) samples[k].push(ms - delayMs);
      }
    }
    for (const [k, kind] of kinds.entries()) {
      process.stdout.write(
        `${kind}: adds p50 ${median(samples[k])} ms, p95 ${percentile(samples[k], 95)} ms over the ${delayMs} ms run (n ${count})\n`,
      );
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
