import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// The built CLI, as users run it (`npm test` builds before testing).
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const run = promisify(execFile);

describe("the warmbox command", () => {
  it("runs a file with stdin and prints its output, then a one-line summary", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warmbox-cli-"));
    writeFileSync(join(dir, "main.py"), "import sys\nprint('hi', input(), sys.argv[1:])\n");
    writeFileSync(join(dir, "input.txt"), "Ada\n");
    const { stdout, stderr } = await run(process.execPath, [
      cli,
      "run",
      join(dir, "main.py"),
      "--stdin",
      join(dir, "input.txt"),
      "--time-ms",
      "3000",
      "--",
      "-x",
    ]);
    expect(stdout).toBe("hi Ada ['-x']\n");
    expect(stderr).toMatch(
      /\[warmbox\] status=ok {2}python 3\.\d+\.\d+ {2}exit=0 {2}wall=\d+ms cpu=\d+ms memory=[\d.]+MiB/,
    );
  });

  it("exits non-zero and names the status when the program fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warmbox-cli-"));
    writeFileSync(join(dir, "main.c"), "int main(void) { return nope; }");
    const failure = await run(process.execPath, [cli, "run", join(dir, "main.c")]).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain("status=compile_error");
  });

  it("lists the languages and whether their image is built", async () => {
    const { stdout } = await run(process.execPath, [cli, "languages"]);
    // One line per version, the default one marked.
    expect(stdout).toMatch(
      /^python@3\.13\s+Python 3\.13 \(default\) \(py, python3, py3\)\s+warmbox\/python:[0-9a-f]{12}$/m,
    );
    expect(stdout).toMatch(/^python@3\.11\s+Python 3\.11 \(py, python3, py3\)\s+warmbox\/python:/m);
    expect(stdout.trim().split("\n").length).toBeGreaterThanOrEqual(80);
  });

  it("builds images, skipping those whose recipe did not change", async () => {
    const { stdout } = await run(process.execPath, [cli, "images", "build", "python", "--quiet"]);
    expect(stdout).toMatch(/^present warmbox\/runner-base|^present warmbox\/python:[0-9a-f]{12}$/m);
    expect(stdout).not.toContain("built ");
  });
});
