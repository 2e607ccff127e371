import { defineConfig } from "tsup";

// p-queue and its p-timeout are ESM-only: `require()` can't load them (or, where Node can, hands
// the CommonJS build a namespace instead of the class). Bundled into both builds, with the
// EventEmitter they import, so `require` and `import` give the same working engine.
const bundledEsmOnly = ["p-queue", "p-timeout", "eventemitter3"];

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
    // import.meta.url in the CommonJS build, to find the package's images/ folder.
    shims: true,
    noExternal: bundledEsmOnly,
  },
  {
    // The `warmbox` command is ESM only (its terminal progress uses ESM-only log-update).
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    noExternal: bundledEsmOnly,
  },
]);
