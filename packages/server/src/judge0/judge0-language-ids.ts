/**
 * Judge0 CE's language ids mapped onto Warmbox's languages. Clients hardcode these numbers
 * (71 for Python, 54 for C++...), so each entry is fixed once published.
 *
 * - `id` is the id Judge0 CE 1.13.1 gives the language; `legacyIds` are its other ids for the
 *   same language at other versions (48/49/50/75 are all C there). Those are accepted and
 *   listed by `/languages/all` as archived, so a client's older id still runs.
 * - Languages Judge0 doesn't have take ids from WARMBOX_ONLY_FIRST_ID up (Judge0 CE uses 43-96,
 *   Judge0 Extra CE 1-42), in a fixed order: a new one is appended, never inserted.
 */
export interface Judge0LanguageId {
  readonly id: number;
  /** The Warmbox language (registry id). */
  readonly language: string;
  readonly legacyIds?: readonly number[];
}

/** Languages both have, with Judge0 CE 1.13.1's ids. */
const SHARED: readonly Judge0LanguageId[] = [
  { id: 45, language: "assembly" },
  { id: 46, language: "bash" },
  { id: 47, language: "basic" },
  { id: 50, language: "c", legacyIds: [48, 49, 75] },
  { id: 54, language: "cpp", legacyIds: [52, 53, 76] },
  { id: 86, language: "clojure" },
  { id: 51, language: "csharp" },
  { id: 77, language: "cobol" },
  { id: 55, language: "commonlisp" },
  { id: 56, language: "d" },
  { id: 57, language: "elixir" },
  { id: 58, language: "erlang" },
  { id: 59, language: "fortran" },
  { id: 60, language: "go", legacyIds: [95] },
  { id: 88, language: "groovy" },
  { id: 61, language: "haskell" },
  { id: 62, language: "java", legacyIds: [91] },
  { id: 63, language: "javascript", legacyIds: [93] },
  { id: 78, language: "kotlin" },
  { id: 64, language: "lua" },
  { id: 79, language: "objective-c" },
  { id: 65, language: "ocaml" },
  { id: 66, language: "octave" },
  { id: 67, language: "pascal" },
  { id: 85, language: "perl" },
  { id: 68, language: "php" },
  // Judge0's 69 is GNU Prolog (gplc, `:- initialization(main).`), not SWI-Prolog.
  { id: 69, language: "gprolog" },
  { id: 71, language: "python", legacyIds: [92] },
  { id: 80, language: "r" },
  { id: 72, language: "ruby" },
  { id: 73, language: "rust" },
  { id: 81, language: "scala" },
  { id: 82, language: "sqlite" },
  { id: 74, language: "typescript", legacyIds: [94] },
];

/** The first id of languages only Warmbox has. */
export const WARMBOX_ONLY_FIRST_ID = 1_001;

/** Languages only Warmbox has, in the order that gives their ids (append only). */
const WARMBOX_ONLY = [
  "ada",
  "awk",
  "brainfuck",
  "coffeescript",
  "crystal",
  "forth",
  "haxe",
  "livescript",
  "nim",
  "pypy",
  "racket",
  "raku",
  "scheme",
  "sml",
  "tcl",
  "vala",
  "zsh",
  "algol68",
  "bun",
  "c-tcc",
  "chicken",
  "clisp",
  "dash",
  "deno",
  "ecl",
  "elvish",
  "emacs-lisp",
  "fennel",
  "fish",
  "gauche",
  "hare",
  "icon",
  "janet",
  "jq",
  "ksh",
  "llvm-ir",
  "luajit",
  "m4",
  "modula2",
  "mruby",
  "newlisp",
  "nickle",
  "pari-gp",
  "picolisp",
  "pike",
  "prolog",
  "rc",
  "rexx",
  "slang",
  "tcsh",
  "verilog",
  "vhdl",
  "wat",
  "yash",
] as const;

/** Every mapped language, Judge0's first, then Warmbox's own. */
export const JUDGE0_LANGUAGE_IDS: readonly Judge0LanguageId[] = [
  ...SHARED,
  ...WARMBOX_ONLY.map((language, index) => ({ id: WARMBOX_ONLY_FIRST_ID + index, language })),
];

/** Judge0's special languages: run through the Bash sandbox by a fixed wrapper. */
export const PLAIN_TEXT_ID = 43;
export const EXECUTABLE_ID = 44;
export const MULTI_FILE_ID = 89;
/** The Warmbox language the special languages run in. */
export const SPECIAL_LANGUAGE_HOST = "bash";

/** Names Judge0 gives its special languages. */
export const SPECIAL_LANGUAGE_NAMES: Readonly<Record<number, string>> = {
  [PLAIN_TEXT_ID]: "Plain Text",
  [EXECUTABLE_ID]: "Executable",
  [MULTI_FILE_ID]: "Multi-file program",
};

/** The mapping of a Judge0 id (current or legacy), with whether the id is a legacy one. */
export function findJudge0Language(
  id: number,
): { entry: Judge0LanguageId; legacy: boolean } | undefined {
  for (const entry of JUDGE0_LANGUAGE_IDS) {
    if (entry.id === id) return { entry, legacy: false };
    if (entry.legacyIds?.includes(id)) return { entry, legacy: true };
  }
  return undefined;
}
