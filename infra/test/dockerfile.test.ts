import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readRepoFile, repoPath, serverDefaultPort } from "./repo.js";

const dockerfile = readRepoFile("infra/docker/Dockerfile");
const instructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("#"));
const froms = instructions.filter((line) => /^FROM\s/i.test(line));
const finalStage = instructions.slice(instructions.lastIndexOf(froms.at(-1) ?? ""));

describe("infra/docker/Dockerfile", () => {
  it("takes its Node base as ARG NODE_BASE, node:20-bookworm-slim by default", () => {
    expect(instructions[0]).toBe("ARG NODE_BASE=node:20-bookworm-slim");
    for (const from of froms) expect(from).toMatch(/^FROM (\$\{NODE_BASE\}|npm) AS [a-z-]+$/);
  });

  it("is multi-stage: manifests, npm, build, prod-deps, runtime", () => {
    expect(froms.map((from) => from.split(" ").at(-1))).toEqual([
      "manifests",
      "npm",
      "build",
      "prod-deps",
      "runtime",
    ]);
  });

  it("runs as a non-root user, exposes the server's port, and checks its health", () => {
    const user = finalStage.find((line) => line.startsWith("USER "));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(finalStage).toContain(`EXPOSE ${serverDefaultPort()}`);
    const health = finalStage.find((line) => line.startsWith("HEALTHCHECK "));
    expect(health).toMatch(/\/(healthz|readyz)/);
    expect(finalStage.at(-1)).toBe('CMD ["node", "packages/server/dist/main.js"]');
  });

  it("carries the engine's runner-image recipes and holds no Docker", () => {
    expect(dockerfile).toMatch(
      /COPY --from=\S+ \/src\/packages\/engine\/images packages\/engine\/images/,
    );
    expect(dockerfile).not.toMatch(/apt-get install[^\n]*docker|docker\.io|docker-ce/);
  });

  it("has a build script that is executable and valid bash", () => {
    const script = repoPath("infra/docker/build-server-image");
    expect(statSync(script).mode & 0o111).not.toBe(0);
    const check = spawnSync("bash", ["-n", script], { encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
    const help = spawnSync(script, ["--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("warmbox/node-base:20");
  });
});
