/**
 * The built-in ways of comparing a test's stdout with its expected output (the `compare`
 * modes but `checker`). Pure functions: the verdict's rules, kept apart from running anything.
 */

/** A float tolerance as the request gives it. */
export interface FloatTolerance {
  absolute?: number;
  relative?: number;
}

/** The tolerance of `{ float: {} }`: the usual 1e-6 of contest judges, absolute or relative. */
export const DEFAULT_FLOAT_TOLERANCE = 1e-6;

/** A built-in compare mode: `"exact"`, `"lines"`, `"tokens"` or `{ float }`. */
export type OutputComparison = "exact" | "lines" | "tokens" | { float: FloatTolerance };

/** A decimal number as a token: optional sign, digits with an optional point, optional exponent. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The lines of an output, trailing whitespace of each and trailing blank lines dropped. */
export function significantLines(output: string): string[] {
  const lines = output.split("\n").map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The whitespace-separated tokens of an output. */
export function tokensOf(output: string): string[] {
  return output.split(/\s+/).filter((token) => token !== "");
}

function sameArrays<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((item, index) => same(item, b[index] as T));
}

/**
 * True when `actual` is within the tolerance of `expected`: both numbers and
 * |actual − expected| ≤ absolute, or ≤ relative × |expected|; any other token must be equal.
 */
export function tokensMatch(expected: string, actual: string, tolerance: FloatTolerance): boolean {
  if (expected === actual) return true;
  if (!NUMBER.test(expected) || !NUMBER.test(actual)) return false;
  const given = tolerance.absolute !== undefined || tolerance.relative !== undefined;
  const absolute = given ? tolerance.absolute : DEFAULT_FLOAT_TOLERANCE;
  const relative = given ? tolerance.relative : DEFAULT_FLOAT_TOLERANCE;
  const want = Number(expected);
  const got = Number(actual);
  // A number past the double range (1e309) is Infinity, and a tolerance relative to Infinity
  // would accept anything: such tokens match only as text (above).
  if (!Number.isFinite(want) || !Number.isFinite(got)) return false;
  const error = Math.abs(got - want);
  return (
    (absolute !== undefined && error <= absolute) ||
    (relative !== undefined && error <= relative * Math.abs(want))
  );
}

/** True when `actual` is accepted as `expected` under `comparison`. */
export function outputsMatch(
  comparison: OutputComparison,
  expected: string,
  actual: string,
): boolean {
  if (comparison === "exact") return expected === actual;
  if (comparison === "lines")
    return sameArrays(significantLines(expected), significantLines(actual), Object.is);
  const expectedTokens = tokensOf(expected);
  const actualTokens = tokensOf(actual);
  if (comparison === "tokens") return sameArrays(expectedTokens, actualTokens, Object.is);
  const { float } = comparison;
  return sameArrays(expectedTokens, actualTokens, (want, got) => tokensMatch(want, got, float));
}
