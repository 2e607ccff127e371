/**
 * The languages whose compilers take `compiler_options`, as Judge0 names them in
 * `allowed_languages_for_compile_options` (a language is allowed when its name starts with one
 * of them and a space: "C" allows "C (GCC 14.2.0)" and "C (TCC 0.9.27)", not "C++" or "C#").
 * The options are appended to the language's compile command, so only compilers that read an
 * option after the sources as before them are listed: GCC's and TCC's C, GCC's C++.
 */
export const COMPILER_OPTIONS_LANGUAGES: readonly string[] = ["C", "C++"];

/** What `compiler_options` needs to know of a submission's language. */
export interface CompilerOptionsLanguage {
  /** Its Judge0 name ("C (GCC 14.2.0)"). */
  name: string;
  /** Whether it has a compile stage. */
  compiled: boolean;
}

/** "C", "C and C++", "A, B and C", as Judge0 (Rails' to_sentence) writes a list. */
function sentence(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * Why `compiler_options` can't be set for this language, with Judge0's message, or undefined
 * when they can. An allow-list that is empty allows every compiled language (Judge0's rule).
 */
export function compilerOptionsProblem(
  language: CompilerOptionsLanguage,
  allowed: readonly string[],
): string | undefined {
  if (!language.compiled) return "setting compiler options is only allowed for compiled languages";
  if (allowed.length > 0 && !allowed.some((prefix) => language.name.startsWith(`${prefix} `)))
    return `setting compiler options is only allowed for ${sentence(allowed)}`;
  return undefined;
}
