import { expect } from "vitest";
import { programText, report } from "../isolation/isolation-helpers.js";
import { isolationTest } from "../isolation/isolation-test.js";

/**
 * A request bigger than the control socket can carry (the supervisor's send fails: 600,000 bytes
 * of arguments, within the engine's limits, above the socket's send buffer) must not break the
 * Ruby or PHP template for later runs, nor change the run: the supervisor kills that template,
 * the run is forked and exec'd with all its arguments, and the next run starts from a new
 * template, with its own arguments.
 */
const test = isolationTest({ languages: ["ruby", "php"], pool: { min: 1, max: 1 } });

const HUGE_ARGS = Array.from({ length: 5 }, (_, i) => String(i).repeat(120_000));

for (const [language, file] of [
  ["ruby", "template-probe.rb"],
  ["php", "template-probe.php"],
] as const) {
  test(`a ${language} run with arguments too big for the template runs fresh; the template is replaced`, async ({
    engine,
    unharmed,
  }) => {
    const source = programText(file);
    const seen = async (args: string[]) => {
      const result = await engine.execute({ language, source, args });
      expect(result.status, JSON.stringify(result).slice(0, 2_000)).toBe("ok");
      return report(result.run?.stdout);
    };
    const first = await seen(["one"]);
    expect(first).toMatchObject({ args: "3", self: "clone" });
    expect(await seen(HUGE_ARGS)).toEqual({ args: "600000", self: "fresh", template: "none" });
    const next = await seen(["three"]);
    expect(next).toMatchObject({ args: "5", self: "clone" });
    expect(next.template).not.toBe(first.template);
    await unharmed([language]);
  });
}
