import type { LanguageSpecInput } from "./language-spec.js";

export const assemblyscript: LanguageSpecInput = {
  id: "assemblyscript",
  name: "AssemblyScript",
  aliases: ["asc"],
  image: "npm-langs",
  defaultFile: "main.ts",
  sourceExtensions: [".ts"],
  // asc compiles to WebAssembly with the WASI shim (process.stdin, process.stdout, process.argv
  // and process.exit over WASI); wasi-run runs the module on Node's WASI.
  compile: {
    command: [
      "asc",
      "{entry}",
      "--config",
      "/opt/warmbox-npm/node_modules/@assemblyscript/wasi-shim/asconfig.json",
      "-o",
      "main.wasm",
    ],
  },
  run: { command: ["wasi-run", "main.wasm"] },
  compileLimits: { memoryMb: 512 },
  starter: [
    'process.stdout.write("What is your name? ");',
    "const buffer = new ArrayBuffer(256);",
    "const length = process.stdin.read(buffer);",
    "const name = String.UTF8.decode(buffer.slice(0, length)).trim();",
    'process.stdout.write("Hello, " + name + "!\\n");',
    "",
  ].join("\n"),
  highlight: "typescript",
};
