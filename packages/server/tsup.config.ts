import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", main: "src/main.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  // api-types is types only (the `./api-types` export): clients `import type` the wire types.
  dts: { entry: { index: "src/index.ts", "api-types": "src/api-types.ts" } },
  sourcemap: true,
  clean: true,
  splitting: true,
});
