import { ada } from "./ada.js";
import { algol68 } from "./algol68.js";
import { assembly } from "./assembly.js";
import { awk } from "./awk.js";
import { bash } from "./bash.js";
import { basic } from "./basic.js";
import { brainfuck } from "./brainfuck.js";
import { c } from "./c.js";
import { clojure } from "./clojure.js";
import { cobol } from "./cobol.js";
import { coffeescript } from "./coffeescript.js";
import { commonlisp } from "./commonlisp.js";
import { cpp } from "./cpp.js";
import { crystal } from "./crystal.js";
import { csharp } from "./csharp.js";
import { d } from "./d.js";
import { dash } from "./dash.js";
import { elixir } from "./elixir.js";
import { elvish } from "./elvish.js";
import { emacsLisp } from "./emacs-lisp.js";
import { erlang } from "./erlang.js";
import { fish } from "./fish.js";
import { forth } from "./forth.js";
import { fortran } from "./fortran.js";
import { go } from "./go.js";
import { groovy } from "./groovy.js";
import { haskell } from "./haskell.js";
import { haxe } from "./haxe.js";
import { icon } from "./icon.js";
import { java } from "./java.js";
import { javascript } from "./javascript.js";
import { jq } from "./jq.js";
import { kotlin } from "./kotlin.js";
import { ksh } from "./ksh.js";
import { type LanguageSpec, type LanguageSpecInput, languageSpecSchema } from "./language-spec.js";
import { livescript } from "./livescript.js";
import { lua } from "./lua.js";
import { luajit } from "./luajit.js";
import { mruby } from "./mruby.js";
import { newlisp } from "./newlisp.js";
import { nickle } from "./nickle.js";
import { nim } from "./nim.js";
import { objectiveC } from "./objective-c.js";
import { ocaml } from "./ocaml.js";
import { octave } from "./octave.js";
import { pascal } from "./pascal.js";
import { perl } from "./perl.js";
import { php } from "./php.js";
import { picolisp } from "./picolisp.js";
import { pike } from "./pike.js";
import { prolog } from "./prolog.js";
import { pypy } from "./pypy.js";
import { python } from "./python.js";
import { r } from "./r.js";
import { racket } from "./racket.js";
import { raku } from "./raku.js";
import { rc } from "./rc.js";
import { rexx } from "./rexx.js";
import { ruby } from "./ruby.js";
import { rust } from "./rust.js";
import { scala } from "./scala.js";
import { scheme } from "./scheme.js";
import { slang } from "./slang.js";
import { sml } from "./sml.js";
import { sqlite } from "./sqlite.js";
import { tcl } from "./tcl.js";
import { tcsh } from "./tcsh.js";
import { typescript } from "./typescript.js";
import { vala } from "./vala.js";
import { yash } from "./yash.js";
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
  dash,
  ksh,
  yash,
  fish,
  tcsh,
  rc,
  elvish,
  jq,
  luajit,
  mruby,
  rexx,
  icon,
  algol68,
  pike,
  picolisp,
  newlisp,
  slang,
  nickle,
  emacsLisp,
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
