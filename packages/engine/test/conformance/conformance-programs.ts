/**
 * The programs that prove one language works end to end, as data: one file per language in
 * ./programs/<language-id>.ts, each checked by conformance.test.ts.
 */
export interface ConformancePrograms {
  /**
   * Prints "hello" and a newline, then its stdin byte for byte, then its arguments joined by
   * single spaces and a newline (only "hello" and the copy of stdin when `seesArgs` is false).
   */
  echo: string;
  /** Ends with exit code 3; null for a language that cannot set its exit code (Brainfuck). */
  exit3: string | null;
  /** Runs forever. */
  loop: string;
  /** Fails to compile; required for every language with a compile stage. */
  compileError?: string;
  /** What the compiler's message of `compileError` contains. @default /error/i */
  compileMessage?: RegExp;
  /** False for a language whose programs cannot see their arguments. @default true */
  seesArgs?: boolean;
}
