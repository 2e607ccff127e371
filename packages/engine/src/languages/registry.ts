import { ada } from "./ada.js";
import { assembly } from "./assembly.js";
import { awk } from "./awk.js";
import { bash } from "./bash.js";
import { basic } from "./basic.js";
import { brainfuck } from "./brainfuck.js";
import { c } from "./c.js";
import { cTcc } from "./c-tcc.js";
import { clojure } from "./clojure.js";
import { cobol } from "./cobol.js";
import { coffeescript } from "./coffeescript.js";
import { commonlisp } from "./commonlisp.js";
import { cpp } from "./cpp.js";
import { crystal } from "./crystal.js";
import { csharp } from "./csharp.js";
import { d } from "./d.js";
import { elixir } from "./elixir.js";
import { erlang } from "./erlang.js";
import { forth } from "./forth.js";
import { fortran } from "./fortran.js";
import { go } from "./go.js";
import { gprolog } from "./gprolog.js";
import { groovy } from "./groovy.js";
import { haskell } from "./haskell.js";
import { haxe } from "./haxe.js";
import { java } from "./java.js";
import { javascript } from "./javascript.js";
import { kotlin } from "./kotlin.js";
import { type LanguageSpec, type LanguageSpecInput, languageSpecSchema } from "./language-spec.js";
import { livescript } from "./livescript.js";
import { llvmIr } from "./llvm-ir.js";
import { lua } from "./lua.js";
import { nim } from "./nim.js";
import { objectiveC } from "./objective-c.js";
import { ocaml } from "./ocaml.js";
import { octave } from "./octave.js";
import { pascal } from "./pascal.js";
import { perl } from "./perl.js";
import { php } from "./php.js";
import { prolog } from "./prolog.js";
import { pypy } from "./pypy.js";
import { python } from "./python.js";
import { r } from "./r.js";
import { racket } from "./racket.js";
import { raku } from "./raku.js";
import { ruby } from "./ruby.js";
import { rust } from "./rust.js";
import { scala } from "./scala.js";
import { scheme } from "./scheme.js";
import { sml } from "./sml.js";
import { sqlite } from "./sqlite.js";
import { tcl } from "./tcl.js";
import { typescript } from "./typescript.js";
import { vala } from "./vala.js";
import { verilog } from "./verilog.js";
import { vhdl } from "./vhdl.js";
import { zsh } from "./zsh.js";

/** Every language Warmbox knows, as data. Adding one = a spec here + its image recipe. */
const SPECS: LanguageSpecInput[] = [
  python,
  javascript,
  java,
  c,
  cpp,
  typescript,
  coffeescript,
  livescript,
  go,
  rust,
  ruby,
  php,
  perl,
  lua,
  bash,
  zsh,
  tcl,
  awk,
  sqlite,
  pypy,
  r,
  haskell,
  ocaml,
  kotlin,
  scala,
  groovy,
  clojure,
  csharp,
  erlang,
  elixir,
  commonlisp,
  scheme,
  racket,
  fortran,
  objectiveC,
  d,
  ada,
  cobol,
  assembly,
  pascal,
  nim,
  vala,
  crystal,
  prolog,
  forth,
  basic,
  brainfuck,
  raku,
  haxe,
  sml,
  octave,
  verilog,
  vhdl,
  llvmIr,
  gprolog,
  cTcc,
];

/** The validated specs, keyed by id, with every alias resolvable. */
export class LanguageRegistry {
  readonly #byName = new Map<string, LanguageSpec>();
  readonly all: readonly LanguageSpec[];

  constructor(inputs: readonly LanguageSpecInput[]) {
    this.all = inputs.map((input) => {
      const parsed = languageSpecSchema.safeParse(input);
      if (!parsed.success) {
        throw new Error(`language spec '${input.id}' is invalid: ${parsed.error.message}`);
      }
      return parsed.data;
    });
    for (const spec of this.all) {
      for (const name of [spec.id, ...spec.aliases]) {
        const key = name.toLowerCase();
        const taken = this.#byName.get(key);
        if (taken) throw new Error(`'${name}' names both ${taken.id} and ${spec.id}`);
        this.#byName.set(key, spec);
      }
    }
  }

  /** The language spec for an id or alias (case-insensitive), or undefined. */
  find(name: string): LanguageSpec | undefined {
    return this.#byName.get(name.toLowerCase());
  }
}

export const languageRegistry = new LanguageRegistry(SPECS);
