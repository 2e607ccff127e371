import semver from "semver";
import { ada } from "./ada.js";
import { algol68 } from "./algol68.js";
import { assembly } from "./assembly.js";
import { awk } from "./awk.js";
import { bash } from "./bash.js";
import { basic } from "./basic.js";
import { brainfuck } from "./brainfuck.js";
import { bun } from "./bun.js";
import { c, c14 } from "./c.js";
import { cTcc } from "./c-tcc.js";
import { chicken } from "./chicken.js";
import { clisp } from "./clisp.js";
import { clojure } from "./clojure.js";
import { cobol } from "./cobol.js";
import { coffeescript } from "./coffeescript.js";
import { commonlisp } from "./commonlisp.js";
import { cpp, cpp14 } from "./cpp.js";
import { crystal } from "./crystal.js";
import { csharp } from "./csharp.js";
import { d } from "./d.js";
import { dash } from "./dash.js";
import { deno } from "./deno.js";
import { ecl } from "./ecl.js";
import { elixir } from "./elixir.js";
import { elvish } from "./elvish.js";
import { emacsLisp } from "./emacs-lisp.js";
import { erlang } from "./erlang.js";
import { fennel } from "./fennel.js";
import { fish } from "./fish.js";
import { forth } from "./forth.js";
import { fortran } from "./fortran.js";
import { gauche } from "./gauche.js";
import { go } from "./go.js";
import { gprolog } from "./gprolog.js";
import { groovy } from "./groovy.js";
import { hare } from "./hare.js";
import { haskell } from "./haskell.js";
import { haxe } from "./haxe.js";
import { icon } from "./icon.js";
import { janet } from "./janet.js";
import { java, java21 } from "./java.js";
import { javascript, javascript20 } from "./javascript.js";
import { jq } from "./jq.js";
import { kotlin } from "./kotlin.js";
import { ksh } from "./ksh.js";
import {
  type LanguageSpec,
  type LanguageSpecInput,
  languageKey,
  languageSpecSchema,
} from "./language-spec.js";
import { livescript } from "./livescript.js";
import { llvmIr } from "./llvm-ir.js";
import { lua } from "./lua.js";
import { luajit } from "./luajit.js";
import { m4 } from "./m4.js";
import { modula2 } from "./modula2.js";
import { mruby } from "./mruby.js";
import { newlisp } from "./newlisp.js";
import { nickle } from "./nickle.js";
import { nim } from "./nim.js";
import { objectiveC } from "./objective-c.js";
import { ocaml } from "./ocaml.js";
import { octave } from "./octave.js";
import { pariGp } from "./pari-gp.js";
import { pascal } from "./pascal.js";
import { perl } from "./perl.js";
import { php } from "./php.js";
import { picolisp } from "./picolisp.js";
import { pike } from "./pike.js";
import { prolog } from "./prolog.js";
import { pypy } from "./pypy.js";
import { python, python313 } from "./python.js";
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
import { typescript, typescript48 } from "./typescript.js";
import { vala } from "./vala.js";
import { verilog } from "./verilog.js";
import { versionMatches } from "./version-match.js";
import { vhdl } from "./vhdl.js";
import { wat } from "./wat.js";
import { yash } from "./yash.js";
import { zsh } from "./zsh.js";

/**
 * Every language Warmbox knows, as data, one spec per version. Adding one = a spec here + its
 * image recipe; adding a version = a spec with its own `version` (and `suite` or `image`).
 */
const SPECS: LanguageSpecInput[] = [
  python,
  python313,
  javascript,
  javascript20,
  java,
  java21,
  c,
  c14,
  cpp,
  cpp14,
  typescript,
  typescript48,
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
  verilog,
  vhdl,
  llvmIr,
  gprolog,
  cTcc,
  bun,
  deno,
  wat,
  modula2,
  hare,
  janet,
  clisp,
  ecl,
  chicken,
  gauche,
  pariGp,
  m4,
  fennel,
];

/**
 * The validated specs. A language (one id, its aliases) has one spec per version it is served
 * at; its versions are kept newest first, and the newest is its default.
 */
export class LanguageRegistry {
  readonly #versionsByName = new Map<string, LanguageSpec[]>();
  /** Every spec: each language's versions together, newest first. */
  readonly all: readonly LanguageSpec[];

  constructor(inputs: readonly LanguageSpecInput[]) {
    const byId = new Map<string, LanguageSpec[]>();
    for (const input of inputs) {
      const parsed = languageSpecSchema.safeParse(input);
      if (!parsed.success) {
        throw new Error(`language spec '${input.id}' is invalid: ${parsed.error.message}`);
      }
      byId.set(parsed.data.id, [...(byId.get(parsed.data.id) ?? []), parsed.data]);
    }
    for (const [id, versions] of byId) {
      if (versions.length > 1 && versions.some((spec) => spec.version === undefined)) {
        throw new Error(`'${id}' has several specs: each must name its version`);
      }
      if (new Set(versions.map(languageKey)).size < versions.length) {
        throw new Error(`'${id}' has two specs of one version`);
      }
      versions.sort(newestFirst);
    }
    this.all = [...byId.values()].flat();
    for (const versions of byId.values()) {
      const names = new Set(versions.flatMap((spec) => [spec.id, ...spec.aliases]));
      for (const name of names) {
        const key = name.toLowerCase();
        const taken = this.#versionsByName.get(key)?.[0];
        if (taken) throw new Error(`'${name}' names both ${taken.id} and ${versions[0]?.id}`);
        this.#versionsByName.set(key, versions);
      }
    }
  }

  /** The default (newest) spec of a language, by id or alias (case-insensitive), or undefined. */
  find(name: string): LanguageSpec | undefined {
    return this.versionsOf(name)[0];
  }

  /** The spec of one version, by its key ("python@3.13", or "ruby" for a one-version language). */
  byKey(key: string): LanguageSpec | undefined {
    return this.all.find((spec) => languageKey(spec) === key);
  }

  /** Every version's spec of a language, by id or alias (case-insensitive), newest first. */
  versionsOf(name: string): readonly LanguageSpec[] {
    return this.#versionsByName.get(name.toLowerCase()) ?? [];
  }

  /**
   * The versions a configuration names (engine options, image builds, the CLI):
   * - `"python"` (an id or alias): the language's default, its newest version;
   * - `"python@3.11"`, `"python@3.x"`: every version the semver range matches;
   * - `"python@*"`: every version.
   * Empty when the language is unknown or no version matches.
   */
  select(selector: string): LanguageSpec[] {
    const at = selector.indexOf("@");
    if (at < 0) {
      const spec = this.find(selector);
      return spec ? [spec] : [];
    }
    const wanted = selector.slice(at + 1);
    return this.versionsOf(selector.slice(0, at)).filter((spec) => versionMatches(spec, wanted));
  }
}

function newestFirst(a: LanguageSpec, b: LanguageSpec): number {
  return semver.rcompare(semver.coerce(a.version) ?? "0.0.0", semver.coerce(b.version) ?? "0.0.0");
}

export const languageRegistry = new LanguageRegistry(SPECS);
