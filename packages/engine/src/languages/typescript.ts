import type { LanguageSpecInput } from "./language-spec.js";

/** TypeScript 4.8, as Debian bookworm ships it (images/node-langs: Node.js 18 runs its output). */
export const typescript48: LanguageSpecInput = {
  id: "typescript",
  version: "4.8",
  name: "TypeScript",
  aliases: ["ts", "tsc"],
  image: "node-langs",
  defaultFile: "main.ts",
  sourceExtensions: [".ts"],
  // tsc type-checks (strict) and emits CommonJS next to the sources; a type error is a compile error. node runs the entry's .js.
  compile: {
    command: [
      "tsc",
      "--pretty",
      "false",
      "--strict",
      "--noEmitOnError",
      "--skipLibCheck",
      "--target",
      "es2022",
      "--module",
      "commonjs",
      "--moduleResolution",
      "node",
      "--esModuleInterop",
      "--moduleDetection",
      "force",
      "--typeRoots",
      "/usr/local/lib/warmbox/types",
      "--types",
      "node",
      "--outDir",
      ".",
      "{sources}",
    ],
  },
  run: { command: ["ts-run", "{entry}"] },
  // tsc 4.8 is JavaScript: a compile took 12-15 s of wall time (2-3 s of CPU) on a loaded 2-core machine.
  compileLimits: { memoryMb: 512, timeMs: 30_000 },
  starter: [
    'import * as readline from "node:readline";',
    "",
    "const rl = readline.createInterface({ input: process.stdin });",
    'process.stdout.write("What is your name? ");',
    'rl.once("line", (name: string) => {',
    "  console.log(`Hello, ${name}!`);",
    "  rl.close();",
    "});",
    "",
  ].join("\n"),
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
    command: [
      "tsc",
      "--pretty",
      "false",
      "--strict",
      "--noEmitOnError",
      "--skipLibCheck",
      "--target",
      "es2022",
      "--module",
      "nodenext",
      "--moduleDetection",
      "force",
      "--typeRoots",
      "/opt/warmbox-npm/node_modules/@types",
      "--types",
      "node",
      "--outDir",
      ".",
      "{sources}",
    ],
  },
};
