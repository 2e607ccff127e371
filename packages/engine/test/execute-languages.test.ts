import { afterAll, describe, expect, it } from "vitest";
import { CORE_LANGUAGES, helloAndEcho } from "./helpers/programs.js";
import { testEngine } from "./helpers/test-engine.js";

const engine = testEngine({ pool: { min: 1, max: 2 } });
afterAll(() => engine.close());

describe.each(CORE_LANGUAGES)("%s", (language) => {
  it("prints, echoes UTF-8 stdin and its arguments", async () => {
    const program = helloAndEcho(language);
    const result = await engine.execute({
      language,
      files: [{ name: program.file, content: program.source }],
      stdin: "héllo wörld ✓\nline two\n",
      args: ["one", "$(two)", "-three"],
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe("hello\nhéllo wörld ✓\nline two\none $(two) -three\n");
    expect(result.run?.stderr).toBe("");
    expect(result.run?.exitCode).toBe(0);
    expect(result.version).toMatch(/^\d+\.\d+/);
    expect(result.run?.wallMs).toBeGreaterThanOrEqual(0);
    expect(result.run?.memoryBytes).toBeGreaterThan(100_000);
    if (language === "c" || language === "cpp" || language === "java") {
      expect(result.compile?.exitCode).toBe(0);
    } else {
      expect(result.compile).toBeNull();
    }
  });

  it("runs its language's starter program", async () => {
    const [info] = (await engine.languages()).filter((l) => l.id === language);
    const result = await engine.execute({ language, source: info?.starter ?? "", stdin: "Ada\n" });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toContain("Hello, Ada!");
  });
});

describe("multi-file programs", () => {
  it("imports a Python module from a sub-directory", async () => {
    const result = await engine.execute({
      language: "python",
      files: [
        { name: "main.py", content: "from lib.greet import greet\nprint(greet('x'))\n" },
        { name: "lib/__init__.py", content: "" },
        { name: "lib/greet.py", content: "def greet(n):\n    return f'hi {n}'\n" },
      ],
    });
    expect(result.run?.stdout).toBe("hi x\n");
  });

  it("compiles two Java classes with a public class that is not named Main", async () => {
    const result = await engine.execute({
      language: "java",
      files: [
        {
          name: "Main.java",
          content:
            "public class Solution { public static void main(String[] a) { System.out.println(Helper.twice(21)); } }",
        },
        {
          name: "Helper.java",
          content: "class Helper { static int twice(int x) { return 2 * x; } }",
        },
      ],
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe("42\n");
  });

  it("compiles a C++ header and two sources", async () => {
    const result = await engine.execute({
      language: "c++",
      files: [
        {
          name: "main.cpp",
          content:
            '#include "math.hpp"\n#include <cstdio>\nint main(){ std::printf("%d\\n", square(7)); }',
        },
        { name: "math.hpp", content: "int square(int x);" },
        { name: "math.cpp", content: '#include "math.hpp"\nint square(int x) { return x * x; }' },
      ],
    });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe("49\n");
  });

  it("takes base64 files and binary output back as text", async () => {
    const result = await engine.execute({
      language: "python",
      files: [
        {
          name: "main.py",
          content: Buffer.from("print(open('main.py').read()[:5])").toString("base64"),
          encoding: "base64",
        },
      ],
    });
    expect(result.run?.stdout).toBe("print\n");
  });
});
