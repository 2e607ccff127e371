import { expect } from "vitest";
import { programText, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Templates are runc's only (docs/templates.md): under gVisor the engine never asks for one.
 *
 * Python under gVisor with templates on (the default) must run like Python under gVisor with
 * them off. It didn't: the template's privilege drop failed on gVisor's missing ambient
 * capabilities (every run an internal_error), and with that fixed the template's clone still
 * hit the wall-time limit after printing (the supervisor never saw it exit).
 */
const test = isolationTest({
  languages: ["python", "ruby", "php"],
  pool: { min: 1, max: 1 },
  runtime: "runsc",
});

test("a hello world under runsc with templates on is ok", async ({ engine, unharmed }) => {
  for (let run = 0; run < 2; run++) {
    const result = await engine.execute({ language: "python", source: "print('hello')" });
    expect(result.status, JSON.stringify(result)).toBe("ok");
    expect(result.run?.stdout).toBe("hello\n");
  }
  await unharmed(["python"]);
});

test("ruby and php under runsc start fresh: no template runs in their sandboxes", async ({
  engine,
  unharmed,
}) => {
  for (const [language, file] of [
    ["ruby", "template-probe.rb"],
    ["php", "template-probe.php"],
  ] as const) {
    for (let run = 0; run < 2; run++) {
      const result = await engine.execute({ language, source: programText(file), args: ["x"] });
      expect(result.status, JSON.stringify(result)).toBe("ok");
      expect(report(result.run?.stdout)).toEqual({ args: "1", self: "fresh", template: "none" });
    }
  }
  await unharmed(["ruby", "php"]);
});
