import type { ConformancePrograms } from "../conformance-programs.js";
import { programs as ada } from "./ada.js";
import { programs as algol68 } from "./algol68.js";
import { programs as assembly } from "./assembly.js";
import { programs as awk } from "./awk.js";
import { programs as bash } from "./bash.js";
import { programs as basic } from "./basic.js";
import { programs as brainfuck } from "./brainfuck.js";
import { programs as bun } from "./bun.js";
import { programs as c } from "./c.js";
import { programs as cTcc } from "./c-tcc.js";
import { programs as chicken } from "./chicken.js";
import { programs as clisp } from "./clisp.js";
import { programs as clojure } from "./clojure.js";
import { programs as cobol } from "./cobol.js";
import { programs as coffeescript } from "./coffeescript.js";
import { programs as commonlisp } from "./commonlisp.js";
import { programs as cpp } from "./cpp.js";
import { programs as crystal } from "./crystal.js";
import { programs as csharp } from "./csharp.js";
import { programs as d } from "./d.js";
import { programs as dash } from "./dash.js";
import { programs as deno } from "./deno.js";
import { programs as ecl } from "./ecl.js";
import { programs as elixir } from "./elixir.js";
import { programs as elvish } from "./elvish.js";
import { programs as emacsLisp } from "./emacs-lisp.js";
import { programs as erlang } from "./erlang.js";
import { programs as fennel } from "./fennel.js";
import { programs as fish } from "./fish.js";
import { programs as forth } from "./forth.js";
import { programs as fortran } from "./fortran.js";
import { programs as gauche } from "./gauche.js";
import { programs as go } from "./go.js";
import { programs as gprolog } from "./gprolog.js";
import { programs as groovy } from "./groovy.js";
import { programs as hare } from "./hare.js";
import { programs as haskell } from "./haskell.js";
import { programs as haxe } from "./haxe.js";
import { programs as icon } from "./icon.js";
import { programs as janet } from "./janet.js";
import { programs as java } from "./java.js";
import { programs as javascript } from "./javascript.js";
import { programs as jq } from "./jq.js";
import { programs as kotlin } from "./kotlin.js";
import { programs as ksh } from "./ksh.js";
import { programs as livescript } from "./livescript.js";
import { programs as llvmIr } from "./llvm-ir.js";
import { programs as lua } from "./lua.js";
import { programs as luajit } from "./luajit.js";
import { programs as m4 } from "./m4.js";
import { programs as modula2 } from "./modula2.js";
import { programs as mruby } from "./mruby.js";
import { programs as newlisp } from "./newlisp.js";
import { programs as nickle } from "./nickle.js";
import { programs as nim } from "./nim.js";
import { programs as objectiveC } from "./objective-c.js";
import { programs as ocaml } from "./ocaml.js";
import { programs as octave } from "./octave.js";
import { programs as pariGp } from "./pari-gp.js";
import { programs as pascal } from "./pascal.js";
import { programs as perl } from "./perl.js";
import { programs as php } from "./php.js";
import { programs as picolisp } from "./picolisp.js";
import { programs as pike } from "./pike.js";
import { programs as prolog } from "./prolog.js";
import { programs as pypy } from "./pypy.js";
import { programs as python } from "./python.js";
import { programs as r } from "./r.js";
import { programs as racket } from "./racket.js";
import { programs as raku } from "./raku.js";
import { programs as rc } from "./rc.js";
import { programs as rexx } from "./rexx.js";
import { programs as ruby } from "./ruby.js";
import { programs as rust } from "./rust.js";
import { programs as scala } from "./scala.js";
import { programs as scheme } from "./scheme.js";
import { programs as slang } from "./slang.js";
import { programs as sml } from "./sml.js";
import { programs as sqlite } from "./sqlite.js";
import { programs as tcl } from "./tcl.js";
import { programs as tcsh } from "./tcsh.js";
import { programs as typescript } from "./typescript.js";
import { programs as vala } from "./vala.js";
import { programs as verilog } from "./verilog.js";
import { programs as vhdl } from "./vhdl.js";
import { programs as wat } from "./wat.js";
import { programs as yash } from "./yash.js";
import { programs as zsh } from "./zsh.js";

/** The conformance programs of every language, by language id. */
export const conformancePrograms: Record<string, ConformancePrograms> = {
  ada: ada,
  assembly: assembly,
  awk: awk,
  bash: bash,
  basic: basic,
  brainfuck: brainfuck,
  c: c,
  "c-tcc": cTcc,
  clojure: clojure,
  cobol: cobol,
  coffeescript: coffeescript,
  commonlisp: commonlisp,
  cpp: cpp,
  crystal: crystal,
  csharp: csharp,
  d: d,
  elixir: elixir,
  erlang: erlang,
  forth: forth,
  fortran: fortran,
  go: go,
  gprolog: gprolog,
  groovy: groovy,
  haskell: haskell,
  haxe: haxe,
  java: java,
  javascript: javascript,
  kotlin: kotlin,
  livescript: livescript,
  "llvm-ir": llvmIr,
  lua: lua,
  nim: nim,
  "objective-c": objectiveC,
  ocaml: ocaml,
  octave: octave,
  pascal: pascal,
  perl: perl,
  php: php,
  prolog: prolog,
  pypy: pypy,
  python: python,
  r: r,
  racket: racket,
  raku: raku,
  ruby: ruby,
  rust: rust,
  scala: scala,
  scheme: scheme,
  sml: sml,
  sqlite: sqlite,
  tcl: tcl,
  typescript: typescript,
  vala: vala,
  verilog: verilog,
  vhdl: vhdl,
  zsh: zsh,
  dash: dash,
  ksh: ksh,
  yash: yash,
  fish: fish,
  tcsh: tcsh,
  rc: rc,
  elvish: elvish,
  jq: jq,
  luajit: luajit,
  mruby: mruby,
  rexx: rexx,
  icon: icon,
  algol68: algol68,
  pike: pike,
  picolisp: picolisp,
  newlisp: newlisp,
  slang: slang,
  nickle: nickle,
  "emacs-lisp": emacsLisp,
  bun: bun,
  deno: deno,
  wat: wat,
  modula2: modula2,
  hare: hare,
  janet: janet,
  clisp: clisp,
  ecl: ecl,
  chicken: chicken,
  gauche: gauche,
  "pari-gp": pariGp,
  m4: m4,
  fennel: fennel,
};
