import { afterAll, describe, expect, it } from "vitest";
import { testEngine } from "./helpers/test-engine.js";

/**
 * PARI/GP and m4 have no arguments of their own: a wrapper in their image (images/math-macros)
 * hands them over. What the conformance suite's plain arguments don't show: arguments that
 * would break a quoting, and that the wrappers never run stdin as more program.
 */
const engine = testEngine({ languages: ["pari-gp", "m4"], pool: { min: 0, max: 1 } });
afterAll(() => engine.close());

const TRICKY_ARGS = ['say "hi"', "back\\slash", "two\nlines", "", "-x"];

describe("gp-run", () => {
  it("gives the program each argument as written, quotes, backslashes and newlines kept", async () => {
    const result = await engine.execute({
      language: "pari-gp",
      source: 'print(#args); for(i = 1, #args, print("[", args[i], "]"));',
      args: TRICKY_ARGS,
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe(`5\n${TRICKY_ARGS.map((arg) => `[${arg}]\n`).join("")}`);
  });

  it("ends after the program: stdin it left unread is not run as GP", async () => {
    const result = await engine.execute({
      language: "pari-gp",
      source: 'print("done");',
      stdin: 'print("stdin ran");\nquit(7);\n',
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe("done\n");
  });

  it("ends the run with exit code 1 at the first error", async () => {
    const result = await engine.execute({
      language: "pari-gp",
      source: 'print("before");\n1/0;\nprint("after");',
    });
    expect(result.status, JSON.stringify(result)).toBe("runtime_error");
    expect(result.run?.stdout).toBe("before\n");
    expect(result.run?.stderr).toMatch(/impossible inverse/);
    expect(result.run?.exitCode).toBe(1);
  });
});

describe("m4-run", () => {
  it("defines ARGC and ARGS, and reads no argument as an input file", async () => {
    const result = await engine.execute({
      language: "m4",
      source: "ARGC: ARGS\n",
      args: ["main.m4", "$(two)", "-three"],
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe("3: main.m4 $(two) -three\n");
  });

  it("takes arguments longer together than one word of a command line (128 KiB)", async () => {
    const args = ["a", "b", "c"].map((letter) => letter.repeat(60 * 1024));
    const result = await engine.execute({ language: "m4", source: "ARGC: len(ARGS)\n", args });
    expect(result.status, JSON.stringify(result).slice(0, 2000)).toBe("ok");
    expect(result.run?.stdout).toBe(`3: ${3 * 60 * 1024 + 2}\n`);
  });

  it("copies stdin unexpanded with undivert", async () => {
    const result = await engine.execute({
      language: "m4",
      source: "define(`secret', `expanded')dnl\nundivert(`/dev/stdin')dnl\n",
      stdin: "secret stays\n",
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe("secret stays\n");
  });
});
