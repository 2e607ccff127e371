import { type LanguageInfo, versionSatisfies } from "@warmbox/engine";
import type { PistonRuntime } from "./piston-schemas.js";

/**
 * How Piston names each language we serve, from Piston's package list (each package's
 * `metadata.json`): the name it lists a runtime under and its aliases. A language missing here,
 * or without `language`, keeps its own id; Piston clients look versions up in
 * `/api/v2/runtimes` by these names (piston-client sends `execute("c++", …)`), so they must
 * match Piston's exactly. Aliases are served beside ours; none may name another language.
 */
const PISTON_NAMES: Readonly<Record<string, { language?: string; aliases: readonly string[] }>> = {
  ada: { aliases: ["gnat"] },
  assembly: { language: "nasm", aliases: ["nasm64", "asm"] },
  awk: { aliases: ["gawk"] },
  bash: { aliases: ["sh"] },
  brainfuck: { aliases: ["bf"] },
  c: { aliases: ["gcc"] },
  clojure: { aliases: ["clj"] },
  cobol: { aliases: ["cob"] },
  coffeescript: { aliases: ["coffee"] },
  commonlisp: { language: "lisp", aliases: ["cl", "sbcl", "commonlisp"] },
  cpp: { language: "c++", aliases: ["cpp", "g++"] },
  crystal: { aliases: ["cr"] },
  csharp: { aliases: ["mono", "mono-csharp", "mono-c#", "mono-cs", "c#", "cs"] },
  d: { aliases: ["gdc"] },
  elixir: { aliases: ["exs"] },
  erlang: { aliases: ["erl", "escript"] },
  forth: { aliases: ["gforth"] },
  fortran: { aliases: ["f90"] },
  go: { aliases: ["golang"] },
  groovy: { aliases: ["gvy"] },
  haskell: { aliases: ["hs"] },
  javascript: { aliases: ["node-javascript", "node-js", "js"] },
  kotlin: { aliases: ["kt"] },
  "llvm-ir": { language: "llvm_ir", aliases: ["llvm", "llvm-ir", "ll"] },
  ocaml: { aliases: ["ml"] },
  octave: { aliases: ["matlab"] },
  pascal: { aliases: ["freepascal", "pp", "pas"] },
  perl: { aliases: ["pl"] },
  prolog: { aliases: ["plg"] },
  python: { aliases: ["py", "py3", "python3"] },
  r: { language: "rscript", aliases: ["r"] },
  racket: { aliases: ["rkt"] },
  raku: { aliases: ["rakudo", "perl6", "p6", "pl6"] },
  ruby: { aliases: ["ruby3", "rb"] },
  rust: { aliases: ["rs"] },
  scala: { aliases: ["sc"] },
  sqlite: { language: "sqlite3", aliases: ["sqlite", "sql"] },
  typescript: { aliases: ["ts", "node-ts", "tsc"] },
  verilog: { language: "iverilog", aliases: ["verilog", "vvp"] },
};

/** What naming a language takes from its LanguageInfo. */
type NamedLanguage = Pick<LanguageInfo, "id" | "aliases" | "version">;

/** The name Piston lists a language under (`cpp` → `c++`, `r` → `rscript`). */
export function pistonLanguageName(id: string): string {
  return PISTON_NAMES[id]?.language ?? id;
}

/**
 * The Piston runtime entry of a served language: Piston's name, and Piston's aliases beside
 * ours (our id among them when Piston's name differs), each once.
 */
export function toPistonRuntime(language: NamedLanguage): PistonRuntime {
  const name = pistonLanguageName(language.id);
  const aliases = new Set([
    ...(PISTON_NAMES[language.id]?.aliases ?? []),
    language.id,
    ...language.aliases,
  ]);
  aliases.delete(name);
  return { language: name, version: language.version, aliases: [...aliases] };
}

/**
 * The served language version a Piston request names: by Piston's name, our id or any alias of
 * either (case-insensitive), as Piston looks runtimes up, and a version selector Piston's way
 * (`*`, exact, or a semver range such as `3.x`). Each version is its own runtime; languages are
 * listed newest first, so `*` picks the newest.
 */
export function findPistonRuntime<Language extends NamedLanguage>(
  languages: readonly Language[],
  name: string,
  version: string,
): Language | undefined {
  const wanted = name.toLowerCase();
  return languages.find((language) => {
    const runtime = toPistonRuntime(language);
    const named =
      runtime.language === wanted ||
      runtime.aliases.some((alias) => alias.toLowerCase() === wanted);
    return named && versionSatisfies(language.version, version);
  });
}
