import { describe, expect, it } from "vitest";
import { fieldIssues } from "../validation/field-issues.js";
import { executeRequestSchema } from "./execute-request.js";

/**
 * Linux refuses to exec a program with one argument of 128 KiB or more (MAX_ARG_STRLEN, NUL
 * included), whatever the total: such a request passes today's check (1 MiB of arguments in
 * all) and ends as the program's `runtime_error` ("Argument list too long", exit 127). It is
 * the request that is wrong: it must be refused up front, naming the argument.
 */
describe("a single argument too long for exec", () => {
  const MAX_ARG_STRLEN = 128 * 1_024;

  it("is refused as invalid at args[i]", () => {
    const parsed = executeRequestSchema.safeParse({
      language: "python",
      source: "import sys\nprint(len(sys.argv[2]))",
      args: ["short", "a".repeat(MAX_ARG_STRLEN)],
    });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(fieldIssues(parsed.error, "(request)").map((issue) => issue.path)).toContain(
        "args[1]",
      );
    }
  });

  it("one byte under the kernel's bound is still accepted", () => {
    const parsed = executeRequestSchema.safeParse({
      language: "python",
      source: "",
      args: ["a".repeat(MAX_ARG_STRLEN - 1)],
    });
    expect(parsed.success).toBe(true);
  });
});
