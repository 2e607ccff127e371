import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli/main.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  sourcemap: true,
  clean: true,
  target: "node20",
  // import.meta.url in the CommonJS build, to find the package's images/ folder.
  shims: true,
  // p-queue and its p-timeout are ESM-only: `require()` can't load them (or, where Node can,
  // hands the CommonJS build a namespace instead of the class). Bundled into both builds, with
  // the EventEmitter they import, so `require` and `import` give the same working engine.
  noExternal: ["p-queue", "p-timeout", "eventemitter3"],
});
