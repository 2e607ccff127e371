import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: "unit", include: ["src/**/*.test.ts"] },
      },
      {
        test: {
          name: "docker",
          include: ["test/**/*.test.ts"],
          // Every file here runs real containers on one daemon of a 2-core machine: one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
          // Fails the run at once, with what to do, when Docker or the images are missing.
          globalSetup: ["test/global-setup.ts"],
        },
      },
    ],
  },
});
