import { parse } from "shell-quote";
import { unprocessable } from "./judge0-errors.js";

/**
 * Splits `command_line_arguments` (or `compiler_options`, named by `field`) into arguments the
 * way a shell splits words (quotes and escapes honoured), without a shell: `$NAME` stays as
 * written and a glob is passed as is.
 * Judge0 hands the line to a shell; pipes and redirections have no meaning here and are
 * refused with a 422 naming them.
 *
 * @example
 * ```ts
 * splitArguments(`a "b c" 'd'`); // ["a", "b c", "d"]
 * ```
 */
export function splitArguments(
  line: string,
  field: "command_line_arguments" | "compiler_options" = "command_line_arguments",
): string[] {
  const args: string[] = [];
  for (const token of parse(line, (name) => `$${name}`)) {
    if (typeof token === "string") args.push(token);
    else if ("comment" in token) break;
    else if (token.op === "glob") args.push(token.pattern);
    else {
      throw unprocessable({
        [field]: [
          `the shell operator '${token.op}' is not supported: arguments are passed to the ${field === "compiler_options" ? "compiler" : "program"}, not to a shell`,
        ],
      });
    }
  }
  return args;
}
