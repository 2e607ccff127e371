import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
    // import.meta.url in the CommonJS build, to find the package's images/ folder.
    shims: true,
  },
  {
    // The `warmbox` command is ESM only (its terminal progress uses ESM-only log-update).
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
  },
]);
