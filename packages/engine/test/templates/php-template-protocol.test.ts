import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { languageImageTag } from "../../src/index.js";
import { docker } from "../helpers/test-engine.js";

/**
 * The PHP template (images/php/template) against the template protocol directly, played by a
 * harness in its image: the paths an engine's requests never take. The sandbox uid comes from
 * the template's argument (1000 without one); a script the sandbox user can't read, and a
 * request in another environment than the template's, are run by exec of the real command, so
 * they end as a fresh `php main.php` would.
 */
const HARNESS = readFileSync(
  new URL("./php-template-harness.php", import.meta.url),
  "utf8",
).replace(/^<\?php\n/, "");

async function harness(...args: string[]): Promise<string> {
  const container = await docker.createContainer({
    Image: languageImageTag("php"),
    User: "root",
    Entrypoint: ["php", "-r", HARNESS, "--", ...args],
    Cmd: [],
    HostConfig: { NetworkMode: "none" },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on("data", (chunk: Buffer) => chunks.push(chunk));
    docker.modem.demuxStream(stream, output, output);
    await container.start();
    const { StatusCode } = await container.wait();
    const text = Buffer.concat(chunks).toString();
    expect(StatusCode, text).toBe(0);
    return text;
  } finally {
    await container.remove({ force: true });
  }
}

const answer = (stdout: string, exit: number) =>
  `ready: 0\npid>0: true\nstatus: ""\nstdout: ${JSON.stringify(stdout)}\nstderr: ""\nexit: ${exit}\n`;

describe("the PHP template, driven by the protocol", () => {
  it("runs the program as the uid of its argument", async () => {
    expect(await harness("same", "644", "1234")).toBe(
      answer("ran as 1234 arg: php /usr/local/lib/warmbox/template 1234 \n", 0),
    );
  });

  it("runs the program as uid 1000 without an argument", async () => {
    expect(await harness("same", "644")).toBe(
      answer("ran as 1000 arg: php /usr/local/lib/warmbox/template \n", 0),
    );
  });

  // The supervisor only ever passes a uid from 1000 to 65533; the template refuses anything
  // else, so that "0", or 2^32 (cut to 0 on its way to setuid), can never make a clone uid 0.
  it("refuses a uid argument of 0, or one beyond 32 bits", async () => {
    for (const uid of ["0", "4294967296"]) {
      const seen = await harness("same", "644", uid).catch(String);
      expect(seen, uid).not.toContain("ran as 0 ");
    }
  });

  it("execs the real command for a script the sandbox user can't read", async () => {
    expect(await harness("same", "000")).toBe(answer("Could not open input file: ./main.php\n", 1));
  });

  it("execs the real command for a request in another environment", async () => {
    expect(await harness("otherenv", "644")).toBe(
      answer("ran as 1000 arg: php ./main.php arg \n", 0),
    );
  });
});
