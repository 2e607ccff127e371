import { describe, expect, it } from "vitest";
import type { JudgeTestResult } from "../judge/judge-result.js";
import { JudgeProgress } from "./judge-progress-view.js";

const finished = (index: number, verdict: JudgeTestResult["verdict"]): JudgeTestResult => ({
  index,
  name: `t${index + 1}`,
  verdict,
  run: null,
});

describe("JudgeProgress", () => {
  it("counts finished tests and names the first failure in test order, not finishing order", () => {
    const progress = new JudgeProgress(5);
    expect(progress.text).toBe("judging: 0/5 tests done");
    progress.test(finished(0, "accepted"));
    progress.test(finished(3, "timeout"));
    progress.test(finished(1, "wrong_answer"));
    progress.test(finished(4, "skipped"));
    expect(progress.text).toBe(
      "judging: 3/5 tests done, 1 accepted, first failure: t2 (wrong_answer)",
    );
  });
});
