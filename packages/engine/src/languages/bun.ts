import type { LanguageSpecInput } from "./language-spec.js";
import { TYPESCRIPT_STARTER } from "./typescript.js";

/** Bun from its npm package, at the version images/npm-langs pins. */
export const bun: LanguageSpecInput = {
  id: "bun",
  name: "TypeScript (Bun)",
  aliases: ["bunjs"],
  image: "npm-langs",
  suite: "trixie",
  origin: "npm",
  defaultFile: "main.ts",
  // Bun runs TypeScript and JavaScript directly; its caches go to /tmp (the root is read-only).
  run: { command: ["bun", "run", "{entry}"] },
  env: { BUN_INSTALL_CACHE_DIR: "/tmp/bun-cache", BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0" },
  limits: { memoryMb: 512 },
  starter: TYPESCRIPT_STARTER,
  highlight: "typescript",
};
