// A Judge0 client, unchanged but for its base URL: it creates a submission as Judge0 CE 1.13.1
// documents (base64 fields, X-Auth-Token), polls its token until the status is final, and
// prints the result. Point JUDGE0_URL at a Judge0 server or at Warmbox's /judge0 prefix.
// Run it with `JUDGE0_URL=http://127.0.0.1:8080/judge0 node examples/judge0-client.mjs` while
// `npm start` runs; with API keys configured on the server, set JUDGE0_AUTH_TOKEN to one.
const base = process.env.JUDGE0_URL ?? "http://127.0.0.1:8080/judge0";
const headers = { "content-type": "application/json" };
if (process.env.JUDGE0_AUTH_TOKEN) headers["x-auth-token"] = process.env.JUDGE0_AUTH_TOKEN;
const b64 = (text) => Buffer.from(text).toString("base64");

const created = await fetch(`${base}/submissions?base64_encoded=true`, {
  method: "POST",
  headers,
  body: JSON.stringify({
    language_id: 71, // Python 3, Judge0's id
    source_code: b64("print(f'Hello, {input()}!')"),
    stdin: b64("Judge0 client"),
    expected_output: b64("Hello, Judge0 client!"),
  }),
});
const { token } = await created.json();

let submission;
do {
  await new Promise((resolve) => setTimeout(resolve, 200));
  const answer = await fetch(`${base}/submissions/${token}?base64_encoded=true`, { headers });
  submission = await answer.json();
} while (submission.status.id <= 2); // 1 In Queue, 2 Processing

console.log(`${submission.status.id} ${submission.status.description} in ${submission.time} s`);
console.log(
  Buffer.from(submission.stdout ?? "", "base64")
    .toString()
    .trimEnd(),
);
