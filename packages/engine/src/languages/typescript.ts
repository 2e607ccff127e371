import type { LanguageSpecInput } from "./language-spec.js";

/** A TypeScript program's starter: ask a name on stdin, greet it (Bun's too). */
export const TYPESCRIPT_STARTER = [
  'import * as readline from "node:readline";',
  "",
  "const rl = readline.createInterface({ input: process.stdin });",
  'process.stdout.write("What is your name? ");',
  'rl.once("line", (name: string) => {',
  "  console.log(`Hello, ${name}!`);",
  "  rl.close();",
  "});",
  "",
].join("\n");

/**
 * tsc's command: type-check (strict) and emit next to the sources; a type error is a compile
 * error. `moduleOptions` say how modules compile, `typeRoots` where @types/node is.
 */
function tscCommand(moduleOptions: string[], typeRoots: string): string[] {
  return [
    "tsc",
    "--pretty",
    "false",
    "--strict",
    "--noEmitOnError",
    "--skipLibCheck",
    "--target",
    "es2022",
    ...moduleOptions,
    "--moduleDetection",
    "force",
    "--typeRoots",
    typeRoots,
    "--types",
    "node",
    "--outDir",
    ".",
    "{sources}",
  ];
}

/** TypeScript 4.8, as Debian bookworm ships it (images/node-langs: Node.js 18 runs its output). */
export const typescript48: LanguageSpecInput = {
  id: "typescript",
  version: "4.8",
  name: "TypeScript",
  aliases: ["ts", "tsc"],
  image: "node-langs",
  defaultFile: "main.ts",
  sourceExtensions: [".ts"],
  // CommonJS next to the sources; node runs the entry's .js.
  compile: {
    command: tscCommand(
      ["--module", "commonjs", "--moduleResolution", "node", "--esModuleInterop"],
      "/usr/local/lib/warmbox/types",
    ),
  },
  run: { command: ["ts-run", "{entry}"] },
  // tsc 4.8 is JavaScript: a compile took 12-15 s of wall time (2-3 s of CPU) on a loaded 2-core machine.
  compileLimits: { memoryMb: 512, timeMs: 30_000 },
  starter: TYPESCRIPT_STARTER,
  highlight: "typescript",
};

/**
 * TypeScript 7, the native compiler from the npm registry (images/npm-langs: trixie's Node.js 20
 * runs its output, typed by @types/node 20). TypeScript 7 has no `node` module resolution: the
 * sources compile as Node's CommonJS modules (`nodenext`, no package.json).
 */
export const typescript: LanguageSpecInput = {
  ...typescript48,
  version: "7.0",
  image: "npm-langs",
  suite: "trixie",
  origin: "npm",
  compileLimits: { memoryMb: 512 },
  compile: {
    // One thread: tsc 7 is a Go program, and its parallel file reads each took an OS thread,
    // past the sandbox's processes limit (64) once ("failed to create new OS thread").
    command: [
      ...tscCommand(["--module", "nodenext"], "/opt/warmbox-npm/node_modules/@types"),
      "--singleThreaded",
    ],
  },
};
