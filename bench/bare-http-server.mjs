// The least any Node HTTP server over the engine can cost: node:http, no framework, no hooks,
// no logging, answering POST /v1/execute with `JSON.stringify(await engine.execute(body))`.
// Run by http-bench.mjs in its own process (`node bench/bare-http-server.mjs`) with the engine
// options the bench gives as JSON in WARMBOX_BARE_ENGINE; it sends its URL to its parent once
// the pool is warm and serves until SIGTERM.
import { once } from "node:events";
import { createServer } from "node:http";
import { createEngine } from "@warmbox/engine";

const engine = createEngine(JSON.parse(process.env.WARMBOX_BARE_ENGINE));
await engine.warmup();
const server = createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const result = await engine.execute(JSON.parse(Buffer.concat(chunks).toString("utf8")));
  response.setHeader("content-type", "application/json; charset=utf-8");
  response.end(JSON.stringify(result));
});
server.listen(0, "127.0.0.1");
await once(server, "listening");
process.on("SIGTERM", () => {
  server.close();
  engine.close().then(() => process.exit(0));
});
process.send(`http://127.0.0.1:${server.address().port}`);
