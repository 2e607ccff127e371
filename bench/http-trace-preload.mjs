// Loaded into the benchmarked server process (`node --import`): keeps, for each POST
// /v1/execute, when Node had parsed its head and when its answer was written (on the machine's
// monotonic clock, so the bench process can set them beside its own marks), and writes them as
// JSON to the file WARMBOX_BENCH_TRACE names when the process exits. It changes nothing in how
// the server answers.
import { subscribe } from "node:diagnostics_channel";
import { writeFileSync } from "node:fs";

const traceFile = process.env.WARMBOX_BENCH_TRACE;
// The system's monotonic clock (CLOCK_MONOTONIC), which every process on the machine shares.
const now = () => Number(process.hrtime.bigint()) / 1e6;
const started = new WeakMap();
const requests = [];

subscribe("http.server.request.start", ({ request, response }) => {
  if (request.method === "POST" && request.url === "/v1/execute") started.set(response, now());
});
subscribe("http.server.response.finish", ({ response }) => {
  const at = started.get(response);
  if (at !== undefined) requests.push([at, now()]);
});
process.on("exit", () => {
  if (traceFile) writeFileSync(traceFile, JSON.stringify(requests));
});
