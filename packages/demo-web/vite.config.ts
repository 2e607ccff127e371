import { defineConfig } from "vite";

/** The Warmbox server the dev server forwards the API to (`npm start` listens there). */
const API_TARGET = "http://127.0.0.1:8080";

export default defineConfig({
  // Relative asset URLs: the page works wherever the server mounts it.
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/v1/run": { target: API_TARGET, ws: true },
      "/v1": { target: API_TARGET },
      "/api": { target: API_TARGET },
    },
  },
  preview: { host: "127.0.0.1" },
});
