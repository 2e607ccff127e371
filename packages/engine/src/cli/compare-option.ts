import { InvalidArgumentError } from "commander";
import type { Compare } from "../judge/judge-request.js";

/** The `--compare` values, for help and error texts. */
export const COMPARE_OPTION_FORMS = "lines, exact, tokens or float[:ABSOLUTE[:RELATIVE]]";

/** A tolerance of `float:…`: a non-negative number, or empty for "not set". */
function tolerance(text: string | undefined, which: string): number | undefined {
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new InvalidArgumentError(
      `the ${which} tolerance of float must be a non-negative number, got '${text}'`,
    );
  return value;
}

/**
 * Parses `--compare`: `lines`, `exact`, `tokens`, or `float` with optional tolerances
 * (`float:1e-6` absolute, `float:1e-6:1e-9` absolute and relative, `float::1e-9` relative only).
 */
export function parseCompareOption(value: string): Compare {
  if (value === "lines" || value === "exact" || value === "tokens") return value;
  const [mode, absoluteText, relativeText, ...rest] = value.split(":");
  if (mode !== "float" || rest.length > 0)
    throw new InvalidArgumentError(`expected ${COMPARE_OPTION_FORMS}`);
  const absolute = tolerance(absoluteText, "absolute");
  const relative = tolerance(relativeText, "relative");
  return {
    float: {
      ...(absolute === undefined ? {} : { absolute }),
      ...(relative === undefined ? {} : { relative }),
    },
  };
}
