import { describe, expect, it } from "vitest";
import { phpTemplatePrograms } from "./php-template-programs.js";
import { templatePair } from "./template-test-helpers.js";

/**
 * The differential test of the PHP template (docs/templates.md): every program runs once
 * started by the template and once by a fresh `php main.php` (the engine with
 * `templates: false`), and everything it reports must be the same.
 */

describe("the PHP template", () => {
  const pair = templatePair("php");

  it("starts the runs of the engine with templates on, and not those of the other", async () => {
    // with arguments and stdin, as the programs below have them
    const cmdline = {
      source: "<?php echo strtr(file_get_contents('/proc/self/cmdline'), \"\\0\", ' ');",
      args: ["a", "-b"],
      stdin: "in",
    };
    const [on, off] = [await pair.fromTemplate(cmdline), await pair.fromFresh(cmdline)];
    expect(on.run?.stdout).toMatch(/^php \/usr\/local\/lib\/warmbox\/template (\d+ )?$/);
    expect(off.run?.stdout).toBe("php ./main.php a -b ");
  });

  pair.eachSameAsFresh(phpTemplatePrograms);

  // A fork keeps its parent's generators; the template never seeds one, so each run seeds its own.
  it("seeds mt_rand, rand, shuffle, lcg_value and random_bytes anew in every run", async () => {
    const program = {
      source:
        "<?php $a = range(1, 20); shuffle($a); echo mt_rand(), ' ', rand(), ' ', lcg_value(), ' ', bin2hex(random_bytes(8)), ' ', implode(',', $a), ' ', (new Random\\Randomizer())->getInt(0, PHP_INT_MAX), ' ', uniqid('', true);",
    };
    const outputs = new Set<string | undefined>();
    for (let i = 0; i < 3; i++) outputs.add((await pair.fromTemplate(program)).run?.stdout);
    expect(outputs.size).toBe(3);
    for (const output of outputs)
      expect(output).toMatch(/^\d+ \d+ 0\.\d+ [0-9a-f]{16} [\d,]+ \d+ \S+$/);
  });

  // Known and documented (docs/templates.md): a clone keeps the template's address layout (and
  // AT_RANDOM), where every fresh exec draws a new one.
  it("shares the template's address layout between its runs, unlike fresh starts", async () => {
    const layout = {
      source:
        "<?php foreach (file('/proc/self/maps') as $line) if (str_contains($line, '/php8')) { echo strtok($line, '-'); break; }",
    };
    const [a, b] = [await pair.fromTemplate(layout), await pair.fromTemplate(layout)];
    const [c, d] = [await pair.fromFresh(layout), await pair.fromFresh(layout)];
    expect(a.run?.stdout).toMatch(/^[0-9a-f]{8,}$/);
    expect(a.run?.stdout).toBe(b.run?.stdout);
    expect(c.run?.stdout).toMatch(/^[0-9a-f]{8,}$/);
    expect(c.run?.stdout).not.toBe(d.run?.stdout);
  });
});
