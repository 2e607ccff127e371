import type { LanguageSpecInput } from "./language-spec.js";

/** Deno from its npm package, at the version images/npm-langs pins. */
export const deno: LanguageSpecInput = {
  id: "deno",
  name: "TypeScript (Deno)",
  aliases: [],
  image: "npm-langs",
  suite: "trixie",
  origin: "npm",
  defaultFile: "main.ts",
  // Deno runs TypeScript directly, with no permissions (stdin, stdout and arguments need none);
  // its cache goes to /tmp (the root is read-only).
  run: { command: ["deno", "run", "--quiet", "--no-prompt", "{entry}"] },
  env: { DENO_DIR: "/tmp/deno", DENO_NO_UPDATE_CHECK: "1" },
  limits: { memoryMb: 512 },
  starter: [
    "const encoder = new TextEncoder();",
    'await Deno.stdout.write(encoder.encode("What is your name? "));',
    "const buffer = new Uint8Array(256);",
    "const read = (await Deno.stdin.read(buffer)) ?? 0;",
    "const name = new TextDecoder().decode(buffer.subarray(0, read)).trim();",
    "console.log(`Hello, ${name}!`);",
    "",
  ].join("\n"),
  highlight: "typescript",
};
