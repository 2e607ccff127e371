import isInteractive from "is-interactive";
import { createLogUpdate } from "log-update";
import type { JudgeTestResult } from "../judge/judge-result.js";
import type { StageResult } from "../request/execute-result.js";

/** Shows a judge's progress as its tests finish; `stop()` leaves the terminal clean. */
export interface JudgeProgressView {
  onCompile(stage: StageResult): void;
  onTest(test: JudgeTestResult): void;
  stop(): void;
}

/** Counts finished tests and remembers the first failure in test order, for the progress line. */
export class JudgeProgress {
  private finished = 0;
  private accepted = 0;
  private compiled?: StageResult;
  private firstFailure?: JudgeTestResult;

  constructor(private readonly total: number) {}

  compile(stage: StageResult): void {
    this.compiled = stage;
  }

  test(test: JudgeTestResult): void {
    if (test.verdict === "skipped") return;
    this.finished++;
    if (test.verdict === "accepted") this.accepted++;
    else if (!this.firstFailure || test.index < this.firstFailure.index) this.firstFailure = test;
  }

  /** "judging: 12/50 tests done, 11 accepted, first failure: 7 (wrong_answer)". */
  get text(): string {
    const parts = [`judging: ${this.finished}/${this.total} tests done`];
    if (this.finished > 0) parts.push(`${this.accepted} accepted`);
    if (this.firstFailure)
      parts.push(`first failure: ${this.firstFailure.name} (${this.firstFailure.verdict})`);
    if (this.finished === 0 && this.compiled) parts.push(`compiled in ${this.compiled.wallMs} ms`);
    return parts.join(", ");
  }
}

/**
 * On an interactive terminal, one line redrawn in place as the compile and each test finish; in
 * a pipe or in CI, nothing (the report after the judge says it all).
 */
export function judgeProgressView(
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  interactive: boolean = isInteractive({ stream }) && (stream.rows ?? 0) > 0,
): JudgeProgressView {
  if (!interactive) return { onCompile() {}, onTest() {}, stop() {} };
  const draw = createLogUpdate(stream, { showCursor: true });
  const progress = new JudgeProgress(total);
  draw(progress.text);
  return {
    onCompile(stage) {
      progress.compile(stage);
      draw(progress.text);
    },
    onTest(test) {
      progress.test(test);
      draw(progress.text);
    },
    stop() {
      draw.clear();
      draw.done();
    },
  };
}
