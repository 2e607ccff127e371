// Calls a running Warmbox server over plain HTTP (fetch, no SDK): lists the languages, then runs
// a Python hello world through POST /v1/execute and prints what it did.
// Run it with `WARMBOX_URL=http://127.0.0.1:8080 node examples/http-client.mjs` while `npm start` runs.
// With API keys configured on the server, also set WARMBOX_API_KEY.
const base = process.env.WARMBOX_URL ?? "http://127.0.0.1:8080";
const headers = { "content-type": "application/json" };
if (process.env.WARMBOX_API_KEY) headers.authorization = `Bearer ${process.env.WARMBOX_API_KEY}`;

const languages = await (await fetch(`${base}/v1/languages`, { headers })).json();
console.log(
  `languages: ${languages.map((language) => `${language.id} ${language.version}`).join(", ")}`,
);

const response = await fetch(`${base}/v1/execute`, {
  method: "POST",
  headers,
  body: JSON.stringify({
    language: "python",
    source: "print(f'Hello, {input()}!')",
    stdin: "Warmbox\n",
    limits: { timeMs: 5000 },
  }),
});
const body = await response.json();
if (!response.ok) {
  // Errors are { error: { code, message, details } }; 429 and 503 carry Retry-After.
  console.error(`HTTP ${response.status} ${body.error.code}: ${body.error.message}`);
  process.exit(1);
}
console.log(`${body.language} ${body.version}: ${body.status} in ${body.run.wallMs} ms`);
console.log(body.run.stdout.trimEnd());
