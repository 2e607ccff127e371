import { type LanguageSupport, StreamLanguage, type StreamParser } from "@codemirror/language";
import type { Extension } from "@codemirror/state";

/**
 * The lookup table from a language's `highlight` name (GET /v1/languages) to a CodeMirror 6
 * language. First-class @codemirror/lang-* packages where one exists, the legacy stream modes
 * otherwise. Each entry is a dynamic import, so a visitor downloads only the modes they use.
 * A name not in the table is shown as plain text.
 */
type Loader = () => Promise<Extension>;

async function legacy<T>(
  load: Promise<T>,
  pick: (module: T) => StreamParser<unknown>,
): Promise<Extension> {
  return StreamLanguage.define(pick(await load));
}

const clike = () => import("@codemirror/legacy-modes/mode/clike");
const mllike = () => import("@codemirror/legacy-modes/mode/mllike");

const LOADERS: Record<string, Loader> = {
  python: async (): Promise<LanguageSupport> => (await import("@codemirror/lang-python")).python(),
  javascript: async () => (await import("@codemirror/lang-javascript")).javascript(),
  typescript: async () =>
    (await import("@codemirror/lang-javascript")).javascript({ typescript: true }),
  jsx: async () => (await import("@codemirror/lang-javascript")).javascript({ jsx: true }),
  tsx: async () =>
    (await import("@codemirror/lang-javascript")).javascript({ jsx: true, typescript: true }),
  java: async () => (await import("@codemirror/lang-java")).java(),
  c: async () => (await import("@codemirror/lang-cpp")).cpp(),
  cpp: async () => (await import("@codemirror/lang-cpp")).cpp(),
  rust: async () => (await import("@codemirror/lang-rust")).rust(),
  go: async () => (await import("@codemirror/lang-go")).go(),
  php: async () => (await import("@codemirror/lang-php")).php(),

  csharp: () => legacy(clike(), (m) => m.csharp),
  kotlin: () => legacy(clike(), (m) => m.kotlin),
  scala: () => legacy(clike(), (m) => m.scala),
  dart: () => legacy(clike(), (m) => m.dart),
  objectivec: () => legacy(clike(), (m) => m.objectiveC),
  "objective-c": () => legacy(clike(), (m) => m.objectiveC),
  objectivecpp: () => legacy(clike(), (m) => m.objectiveCpp),
  squirrel: () => legacy(clike(), (m) => m.squirrel),
  ceylon: () => legacy(clike(), (m) => m.ceylon),
  ocaml: () => legacy(mllike(), (m) => m.oCaml),
  fsharp: () => legacy(mllike(), (m) => m.fSharp),
  sml: () => legacy(mllike(), (m) => m.sml),
  sql: () => legacy(import("@codemirror/legacy-modes/mode/sql"), (m) => m.standardSQL),
  sqlite: () => legacy(import("@codemirror/legacy-modes/mode/sql"), (m) => m.sqlite),
  shell: () => legacy(import("@codemirror/legacy-modes/mode/shell"), (m) => m.shell),
  ruby: () => legacy(import("@codemirror/legacy-modes/mode/ruby"), (m) => m.ruby),
  lua: () => legacy(import("@codemirror/legacy-modes/mode/lua"), (m) => m.lua),
  perl: () => legacy(import("@codemirror/legacy-modes/mode/perl"), (m) => m.perl),
  swift: () => legacy(import("@codemirror/legacy-modes/mode/swift"), (m) => m.swift),
  haskell: () => legacy(import("@codemirror/legacy-modes/mode/haskell"), (m) => m.haskell),
  r: () => legacy(import("@codemirror/legacy-modes/mode/r"), (m) => m.r),
  julia: () => legacy(import("@codemirror/legacy-modes/mode/julia"), (m) => m.julia),
  pascal: () => legacy(import("@codemirror/legacy-modes/mode/pascal"), (m) => m.pascal),
  fortran: () => legacy(import("@codemirror/legacy-modes/mode/fortran"), (m) => m.fortran),
  erlang: () => legacy(import("@codemirror/legacy-modes/mode/erlang"), (m) => m.erlang),
  clojure: () => legacy(import("@codemirror/legacy-modes/mode/clojure"), (m) => m.clojure),
  commonlisp: () => legacy(import("@codemirror/legacy-modes/mode/commonlisp"), (m) => m.commonLisp),
  scheme: () => legacy(import("@codemirror/legacy-modes/mode/scheme"), (m) => m.scheme),
  d: () => legacy(import("@codemirror/legacy-modes/mode/d"), (m) => m.d),
  groovy: () => legacy(import("@codemirror/legacy-modes/mode/groovy"), (m) => m.groovy),
  crystal: () => legacy(import("@codemirror/legacy-modes/mode/crystal"), (m) => m.crystal),
  cobol: () => legacy(import("@codemirror/legacy-modes/mode/cobol"), (m) => m.cobol),
  brainfuck: () => legacy(import("@codemirror/legacy-modes/mode/brainfuck"), (m) => m.brainfuck),
  tcl: () => legacy(import("@codemirror/legacy-modes/mode/tcl"), (m) => m.tcl),
  coffeescript: () =>
    legacy(import("@codemirror/legacy-modes/mode/coffeescript"), (m) => m.coffeeScript),
  octave: () => legacy(import("@codemirror/legacy-modes/mode/octave"), (m) => m.octave),
  powershell: () => legacy(import("@codemirror/legacy-modes/mode/powershell"), (m) => m.powerShell),
  elm: () => legacy(import("@codemirror/legacy-modes/mode/elm"), (m) => m.elm),
  vb: () => legacy(import("@codemirror/legacy-modes/mode/vb"), (m) => m.vb),
  assembly: () => legacy(import("@codemirror/legacy-modes/mode/gas"), (m) => m.gas),
  smalltalk: () => legacy(import("@codemirror/legacy-modes/mode/smalltalk"), (m) => m.smalltalk),
  haxe: () => legacy(import("@codemirror/legacy-modes/mode/haxe"), (m) => m.haxe),
  factor: () => legacy(import("@codemirror/legacy-modes/mode/factor"), (m) => m.factor),
  verilog: () => legacy(import("@codemirror/legacy-modes/mode/verilog"), (m) => m.verilog),
  vhdl: () => legacy(import("@codemirror/legacy-modes/mode/vhdl"), (m) => m.vhdl),
  wast: () => legacy(import("@codemirror/legacy-modes/mode/wast"), (m) => m.wast),
  livescript: () => legacy(import("@codemirror/legacy-modes/mode/livescript"), (m) => m.liveScript),
  forth: () => legacy(import("@codemirror/legacy-modes/mode/forth"), (m) => m.forth),
  yaml: () => legacy(import("@codemirror/legacy-modes/mode/yaml"), (m) => m.yaml),
  toml: () => legacy(import("@codemirror/legacy-modes/mode/toml"), (m) => m.toml),
};

/** Other spellings of the same modes (language ids and file extensions people use). */
const SYNONYMS: Record<string, string> = {
  py: "python",
  python3: "python",
  js: "javascript",
  node: "javascript",
  nodejs: "javascript",
  ts: "typescript",
  "c++": "cpp",
  cxx: "cpp",
  "c#": "csharp",
  cs: "csharp",
  kt: "kotlin",
  rs: "rust",
  golang: "go",
  rb: "ruby",
  bash: "shell",
  sh: "shell",
  zsh: "shell",
  pl: "perl",
  hs: "haskell",
  jl: "julia",
  erl: "erlang",
  clj: "clojure",
  lisp: "commonlisp",
  racket: "scheme",
  "f#": "fsharp",
  ml: "ocaml",
  objc: "objectivec",
  asm: "assembly",
  gas: "assembly",
  nasm: "assembly",
  matlab: "octave",
  ps1: "powershell",
  vbnet: "vb",
  bf: "brainfuck",
  coffee: "coffeescript",
};

function resolve(name: string): Loader | undefined {
  const key = name.trim().toLowerCase();
  return LOADERS[key] ?? LOADERS[SYNONYMS[key] ?? ""];
}

/** True when the page has a highlighter for this mode name. */
export function hasHighlighter(name: string | null | undefined): boolean {
  return typeof name === "string" && resolve(name) !== undefined;
}

/**
 * The CodeMirror language extension for a mode name; an empty extension (plain text) when the
 * name is unknown, null, or its module fails to load.
 */
export async function loadHighlighter(name: string | null | undefined): Promise<Extension> {
  const loader = typeof name === "string" ? resolve(name) : undefined;
  if (!loader) return [];
  try {
    return await loader();
  } catch {
    return [];
  }
}
