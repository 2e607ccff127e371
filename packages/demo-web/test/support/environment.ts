import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** packages/demo-web */
export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The built page the server serves (turbo runs `build` before `test`). */
export const DIST_DIR = join(PACKAGE_DIR, "dist");
/** Screenshots go here; look at them. */
export const OUTPUT_DIR = join(PACKAGE_DIR, "test-output");
/** Debian's Chromium; never a browser downloaded by a test tool. */
export const CHROMIUM = process.env.WARMBOX_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Throws, with what to do, when something the browser suite needs is missing. The suite fails
 * loudly rather than skipping: a green run must mean the page was tested in a real browser.
 */
export function assertEnvironment(): void {
  const problems: string[] = [];
  if (!existsSync(CHROMIUM)) {
    problems.push(
      `Chromium is missing at ${CHROMIUM}: run \`bash scripts/ensure-chromium\` (as root on Debian).`,
    );
  }
  if (!existsSync(join(DIST_DIR, "index.html"))) {
    problems.push("The page is not built: run `npm run build -w @warmbox/demo-web` first.");
  }
  if (!dockerAnswers()) {
    problems.push(
      "No Docker daemon answers: run `bash scripts/ensure-docker` (the server runs programs in Docker).",
    );
  }
  if (problems.length > 0) {
    throw new Error(`The playground's browser tests cannot run:\n  - ${problems.join("\n  - ")}`);
  }
}

/** A daemon busy building images can be slow to answer: ask twice, with room. */
function dockerAnswers(): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      execFileSync("docker", ["version", "--format", "{{.Server.Version}}"], {
        stdio: "pipe",
        timeout: 60_000,
      });
      return true;
    } catch {
      // Asked again, once.
    }
  }
  return false;
}
