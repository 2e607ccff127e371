import { Agent, request } from "node:http";

const agent = new Agent({ keepAlive: true });

/** POSTs a JSON body over a kept-alive connection; resolves with the response text. */
export function postJson(url, value) {
  const body = JSON.stringify(value);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => resolve(text));
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
