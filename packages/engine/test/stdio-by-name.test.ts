import { afterAll, describe, expect, it } from "vitest";
import { testEngine } from "./helpers/test-engine.js";

/**
 * Programs open their standard streams again by name: `/dev/stdin`, `/dev/stdout`,
 * `/dev/stderr`, `/proc/self/fd/N` (JavaScript's usual way to read all input is
 * `readFileSync("/dev/stdin")`). The kernel checks such an open against the pipe's owner, so the
 * supervisor makes the program's pipes as the sandbox user: each program here reads its stdin by
 * name and writes by name to stdout and stderr, also on the template's path (Python) and after a
 * compile (C).
 */
const engine = testEngine({
  languages: ["javascript", "python", "c", "bash"],
  pool: { min: 0, max: 1 },
});
afterAll(() => engine.close());

const PROGRAMS: Record<string, string> = {
  javascript: `const fs = require("fs");
const input = fs.readFileSync("/dev/stdin", "utf8");
fs.writeFileSync("/dev/stdout", "out:" + input);
fs.writeFileSync("/dev/stderr", "err:" + fs.readFileSync("/proc/self/fd/0", "utf8") + "|");`,
  python: `data = open("/dev/stdin").read()
with open("/dev/stdout", "w") as out:
    out.write("out:" + data)
with open("/proc/self/fd/2", "w") as err:
    err.write("err:" + open("/dev/fd/0").read() + "|")`,
  c: `#include <stdio.h>
int main(void) {
  char line[64] = "";
  FILE *in = fopen("/dev/stdin", "r"), *out = fopen("/dev/stdout", "w"), *err = fopen("/dev/stderr", "w");
  if (!in || !out || !err) { perror("fopen"); return 1; }
  fgets(line, sizeof line, in);
  fprintf(out, "out:%s", line);
  fprintf(err, "err:|");
  return 0;
}`,
  bash: `echo "out:$(cat /dev/stdin)" > /dev/stdout
echo -n "err:$(cat /proc/self/fd/0)|" > /dev/stderr`,
};

describe("standard streams opened by name", () => {
  for (const [language, source] of Object.entries(PROGRAMS)) {
    it(`${language}: reads /dev/stdin, writes /dev/stdout and /dev/stderr`, async () => {
      const result = await engine.execute({ language, source, stdin: "hello\n" });
      expect(result.status, JSON.stringify(result)).toBe("ok");
      expect(result.run?.stdout).toBe("out:hello\n");
      // The second read by name finds stdin already read to its end (one pipe, one content).
      expect(result.run?.stderr).toBe("err:|");
    });
  }
});
