import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The image test builds and runs a real container; the static tests take milliseconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
