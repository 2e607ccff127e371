import { afterAll, describe, expect, it } from "vitest";
import { CollectRefusedError } from "../src/sandbox/collected-files.js";
import type { Sandbox } from "../src/sandbox/sandbox.js";
import { DirectSandboxes, plainStage } from "./helpers/direct-sandboxes.js";

/**
 * Compile once, run elsewhere: the files a compile stage leaves in one sandbox are collected
 * (COLLECT) and put into another, which runs the program without compiling it. The sandbox that
 * compiled stays usable and its wipe still proves it clean.
 */

const sandboxes = new DirectSandboxes();

/** A leased sandbox of the image `language` runs in (the JVM wants room: 512 MB, 128 tasks). */
function leasedSandbox(language: "c" | "java"): Promise<Sandbox> {
  const resources =
    language === "java"
      ? { memoryMb: 512, cpus: 1, processes: 128, network: false }
      : { memoryMb: 256, cpus: 1, processes: 32, network: false };
  return sandboxes.leased(language, language, resources);
}

async function run(sandbox: Sandbox, argv: string[], stdin?: string) {
  const outcome = await sandbox.runStage(plainStage(argv), {
    ...(stdin === undefined ? {} : { stdin: Buffer.from(stdin) }),
  });
  return {
    code: outcome.exit.exitCode,
    stdout: outcome.stdout.toString(),
    stderr: outcome.stderr.toString(),
  };
}

const SQUARES = `#include <stdio.h>
int main(void) {
    long n;
    while (scanf("%ld", &n) == 1) printf("%ld\\n", n * n);
    return 0;
}
`;

afterAll(async () => {
  expect(await sandboxes.destroyAll()).toEqual([]);
});

describe("collecting a compiled program from a sandbox", () => {
  it("compiles in one sandbox and runs the collected binary in another", async () => {
    const compiler = await leasedSandbox("c");
    compiler.putFiles([{ name: "main.c", content: Buffer.from(SQUARES) }]);
    const compiled = await run(compiler, ["gcc", "-O2", "-o", "main", "main.c"]);
    expect(compiled).toMatchObject({ code: 0, stderr: "" });

    const files = await compiler.collectFiles();
    expect(files.map(({ name, mode }) => [name, mode]).sort()).toEqual([
      ["main", 0o755],
      ["main.c", 0o644],
    ]);
    expect(files.find((file) => file.name === "main")?.content.subarray(0, 4)).toEqual(
      Buffer.from("\x7fELF", "latin1"),
    );

    const runner = await leasedSandbox("c");
    runner.putFiles(files);
    expect(await run(runner, ["./main"], "3 4\n12\n")).toEqual({
      code: 0,
      stdout: "9\n16\n144\n",
      stderr: "",
    });
    // find, not stat: gVisor refuses the statx flags of coreutils' stat (EINVAL).
    expect((await run(runner, ["find", "main", "main.c", "-printf", "%m %u %p\\n"])).stdout).toBe(
      "755 sandbox main\n644 sandbox main.c\n",
    );

    // The compiling sandbox is as the compile left it, runs the next stage, and wipes clean.
    expect(await run(compiler, ["./main"], "5\n")).toMatchObject({ code: 0, stdout: "25\n" });
    expect(compiler.broken).toBe(false);
    await compiler.wipe();
    expect(compiler.state).toBe("idle");
    compiler.lease();
    expect(await run(compiler, ["find", "/box", "/tmp", "-mindepth", "1"])).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
  });

  it("compiles Java once and runs its classes (and the hidden main-class note) elsewhere", async () => {
    const compiler = await leasedSandbox("java");
    const source =
      "public class Main { public static void main(String[] a) { System.out.println(6 * 7); } }";
    compiler.putFiles([{ name: "Main.java", content: Buffer.from(source) }]);
    const compiled = await run(compiler, ["java-compile", "./Main.java", "./Main.java"]);
    expect(compiled).toMatchObject({ code: 0, stderr: "" });
    const files = await compiler.collectFiles();
    expect(files.map((file) => file.name).sort()).toEqual([
      ".warmbox-main-class",
      "Main.class",
      "Main.java",
    ]);
    const runner = await leasedSandbox("java");
    runner.putFiles(files);
    expect(await run(runner, ["java-run"])).toMatchObject({ code: 0, stdout: "42\n" });
  });

  it("leaves out links and fifos, and refuses a name a request's file could not have", async () => {
    const sandbox = await leasedSandbox("c");
    const made = await run(sandbox, [
      "sh",
      "-c",
      "echo ok > kept; ln -s /etc/passwd pw; ln -s /etc etc; mkfifo fifo; ln kept hard",
    ]);
    expect(made.code).toBe(0);
    const files = await sandbox.collectFiles();
    expect(files.map((file) => [file.name, file.content.toString()]).sort()).toEqual([
      ["hard", "ok\n"],
      ["kept", "ok\n"],
    ]);

    expect((await run(sandbox, ["sh", "-c", "echo x > 'a\\b'"])).code).toBe(0);
    const refused = sandbox.collectFiles();
    await expect(refused).rejects.toThrow(CollectRefusedError);
    await expect(refused).rejects.toMatchObject({ reason: "bad_name" });
    expect(sandbox.broken).toBe(false);
    await sandbox.wipe();
  });

  it("reads a work directory the job made unreadable, and gives its mode back", async () => {
    const sandbox = await leasedSandbox("c");
    sandbox.putFiles([{ name: "out", content: Buffer.from("result"), mode: 0o600 }]);
    expect((await run(sandbox, ["chmod", "000", "/box"])).code).toBe(0);
    expect(await sandbox.collectFiles()).toEqual([
      { name: "out", mode: 0o600, content: Buffer.from("result") },
    ]);
    // Mode 000 again: the next stage can't enter /box, as the job left it.
    const next = await sandbox.runStage(plainStage(["true"]), {});
    expect(next.exit.execFailed).toBe(true);
    expect(next.stderr.toString()).toMatch(/chdir \/box/);
    await sandbox.wipe();
  });

  it("refuses files past the byte bound as a typed error; the sandbox stays usable", async () => {
    const sandbox = await leasedSandbox("c");
    expect((await run(sandbox, ["truncate", "-s", "33M", "sparse"])).code).toBe(0);
    const refused = sandbox.collectFiles();
    await expect(refused).rejects.toMatchObject({
      name: "CollectRefusedError",
      reason: "too_many_bytes",
    });
    expect(sandbox.broken).toBe(false);
    expect(await run(sandbox, ["find", "sparse", "-printf", "%s\\n"])).toMatchObject({
      code: 0,
      stdout: `${33 * 1_048_576}\n`,
    });
    await sandbox.wipe();
    expect(sandbox.state).toBe("idle");
  });
});
