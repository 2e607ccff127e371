import { describe, expect, it } from "vitest";
import { rubyTemplatePrograms } from "./ruby-template-programs.js";
import { templatePair } from "./template-test-helpers.js";

/**
 * The differential test of the Ruby template (docs/templates.md): every program runs once
 * started by the template and once by a fresh `ruby main.rb` (the engine with
 * `templates: false`), and everything it reports must be the same.
 */

describe("the Ruby template", () => {
  const pair = templatePair("ruby");

  it("starts the runs of the engine with templates on, and not those of the other", async () => {
    // the template's own command line: the interpreter and its file (then the sandbox uid)
    const cmdline = { source: 'p File.read("/proc/self/cmdline").split("\\0").first(2)' };
    const [on, off] = [await pair.fromTemplate(cmdline), await pair.fromFresh(cmdline)];
    expect(on.run?.stdout).toBe('["/usr/bin/ruby", "/usr/local/lib/warmbox/template"]\n');
    expect(off.run?.stdout).toBe('["ruby", "./main.rb"]\n');
  });

  pair.eachSameAsFresh(rubyTemplatePrograms);

  it("seeds Random anew in every run", async () => {
    const program = { source: "p rand, Random.new_seed > 0, Random.rand(1 << 64)" };
    const first = await pair.fromTemplate(program);
    const second = await pair.fromTemplate(program);
    expect(first.run?.stdout).toMatch(/^0\.\d+\ntrue\n\d+\n$/);
    expect(first.run?.stdout).not.toBe(second.run?.stdout);
  });

  // Known differences (docs/templates.md): the String#hash seed is drawn when CRuby starts, so
  // every run of one template shares it; a fresh start draws a new one each time. And the
  // template's two frames are below the program's: `caller` at the top level and how deep a
  // recursion goes before SystemStackError differ by them.
  it("shares the template's hash seed between its runs, unlike fresh starts", async () => {
    const hashes = { source: 'p "warmbox".hash' };
    const [a, b] = [await pair.fromTemplate(hashes), await pair.fromTemplate(hashes)];
    const [c, d] = [await pair.fromFresh(hashes), await pair.fromFresh(hashes)];
    expect(a.run?.stdout).toBe(b.run?.stdout);
    expect(c.run?.stdout).not.toBe(d.run?.stdout);
  });

  it("runs the program two frames above a fresh start's", async () => {
    const depth = {
      source: [
        "$depth = 0",
        "def down = ($depth += 1; down)",
        "begin; down; rescue SystemStackError; end",
        "p [caller.size, $depth]",
      ].join("\n"),
    };
    const [on, off] = [await pair.fromTemplate(depth), await pair.fromFresh(depth)];
    const [onCaller, onDepth] = JSON.parse(on.run?.stdout ?? "") as [number, number];
    const [offCaller, offDepth] = JSON.parse(off.run?.stdout ?? "") as [number, number];
    expect([onCaller, offCaller]).toEqual([2, 0]);
    expect(offDepth - onDepth).toBe(2);
  });
});
