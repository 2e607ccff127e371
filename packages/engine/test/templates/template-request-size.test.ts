import { expect } from "vitest";
import type { Engine } from "../../src/engine/engine-types.js";
import { programText, report } from "../isolation/isolation-helpers.js";
import { isolationTest } from "../isolation/isolation-test.js";

/**
 * How big another tenant's request was reaches a later run of the same sandbox through the Ruby
 * and PHP templates (docs/templates.md). A template receives every request (argv and env) into
 * one buffer of its own memory and zeroes it after cloning: the zeroing writes the pages the
 * clone now shares copy-on-write, one minor fault per 4 KiB of the request (and the next receive
 * as many again), and the received bytes stay resident. Both counters are the template's /proc/<pid>/stat (minflt) and
 * /proc/<pid>/status (RssAnon), which every process may read: a run that reads them before and
 * after another's learns the size of that run's arguments, to 4 KiB. (The bytes themselves
 * don't reach it: template-heap-leak*.test.ts.)
 */
const test = isolationTest({ languages: ["ruby", "php"], pool: { min: 1, max: 1 } });

/** 200,000 bytes of arguments: under the control socket's send buffer, so the template gets them. */
const BIG_ARGS = Array.from({ length: 5 }, () => "a".repeat(40_000));

async function probe(engine: Engine, language: string, source: string) {
  const result = await engine.execute({ language, source });
  const seen = report(result.run?.stdout);
  expect(seen.self, JSON.stringify(result)).toBe("clone");
  return { minflt: Number(seen.minflt), rssanon: Number(seen.rssanon) };
}

async function victim(engine: Engine, language: string, source: string, args: string[]) {
  const result = await engine.execute({ language, source, args });
  expect(report(result.run?.stdout).self, JSON.stringify(result)).toBe("clone");
}

for (const [language, file] of [
  ["ruby", "template-probe.rb"],
  ["php", "template-probe.php"],
] as const) {
  // A hole: over a run with 200 KB of arguments the template takes about 95 more page faults
  // than over one with a single byte (twice 49 pages: the receive, then the zeroing); measured
  // 95-97 for both languages, against differences under 10 between two small runs. PHP's RssAnon
  // also grew by 192 KiB the first time.
  test.fails(`a ${language} run can't learn the size of the previous run's arguments`, async ({
    engine,
  }) => {
    const source = programText(file);
    const before = await probe(engine, language, source);
    await victim(engine, language, source, ["x"]);
    const afterSmall = await probe(engine, language, source);
    await victim(engine, language, source, BIG_ARGS);
    const afterBig = await probe(engine, language, source);
    await victim(engine, language, source, ["x"]);
    const afterSmallAgain = await probe(engine, language, source);
    const small = Math.min(
      afterSmall.minflt - before.minflt,
      afterSmallAgain.minflt - afterBig.minflt,
    );
    const big = afterBig.minflt - afterSmall.minflt;
    const grown = afterBig.rssanon - afterSmall.rssanon;
    // Page faults over a run and the probe after it; the probe's own request is the same each time.
    expect(big - small, `faults ${small} then ${big}; RssAnon +${grown} KiB`).toBeLessThan(24);
  });
}
