import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * The packages as users get them: `npm pack`ed, installed from the tarballs into a fresh
 * project outside the monorepo, then used from ESM, CommonJS and type-checked TypeScript, the
 * `warmbox` command, and the server started from its own package.
 */

const exec = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const packageDir = (name: string) => join(repoRoot, "packages", name);
const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
/** The Node types the monorepo uses, so the consumer's type-check matches ours. */
const typesNodeVersion = JSON.parse(
  readFileSync(join(repoRoot, "node_modules", "@types", "node", "package.json"), "utf8"),
).version as string;

/** npm runs in the fresh project only: no workspace, no monorepo config above it. */
function npm(args: string[], cwd: string) {
  return exec("npm", [...args, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    timeout: 300_000,
  });
}

async function pack(name: string, destination: string): Promise<string> {
  if (!existsSync(join(packageDir(name), "dist", "index.js")))
    throw new Error(`packages/${name} is not built: run \`npm run build\` at the repository root`);
  const { stdout } = await npm(["pack", "--pack-destination", destination], packageDir(name));
  return join(destination, stdout.trim().split("\n").at(-1) as string);
}

/** A program that runs one Python line and prints its stdout, as each kind of user writes it. */
const PROGRAMS = {
  "esm.mjs": `import { createEngine } from "@warmbox/engine";
const engine = createEngine({ languages: ["python"], pool: { min: 0, max: 1 } });
const result = await engine.execute({ language: "python", source: "print(6 * 7)" });
await engine.close();
process.stdout.write(result.run.stdout);
`,
  "cjs.cjs": `const { createEngine } = require("@warmbox/engine");
(async () => {
  const engine = createEngine({ languages: ["python"], pool: { min: 0, max: 1 } });
  const result = await engine.execute({ language: "python", source: "print(6 * 7)" });
  await engine.close();
  process.stdout.write(result.run.stdout);
})();
`,
  "typed.ts": `import { createEngine, type ExecuteResult } from "@warmbox/engine";
const engine = createEngine({ languages: ["python"], pool: { min: 0, max: 1 } });
const result: ExecuteResult = await engine.execute({ language: "python", source: "print(6 * 7)" });
await engine.close();
const stdout: string = result.run?.stdout ?? "";
process.stdout.write(stdout);
`,
  // The CommonJS types (index.d.cts), as a TypeScript CommonJS module sees them.
  "typed-cjs.cts": `import engineModule = require("@warmbox/engine");
const engine: engineModule.Engine = engineModule.createEngine({ languages: ["python"] });
void engine.close();
`,
};

function tsconfig(resolution: "node16" | "nodenext" | "bundler", files: string[]) {
  const module = resolution === "bundler" ? "esnext" : resolution;
  return JSON.stringify({
    compilerOptions: {
      module,
      moduleResolution: resolution,
      target: "es2022",
      strict: true,
      types: ["node"],
      outDir: "out",
    },
    files,
  });
}

/** A free loopback port for the server's configuration. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe("the packed packages in a fresh project", () => {
  let project: string;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), "warmbox-consumer-"));
    const engineTarball = await pack("engine", project);
    const serverTarball = await pack("server", project);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "warmbox-consumer", private: true, type: "module" }),
    );
    for (const [name, content] of Object.entries(PROGRAMS))
      writeFileSync(join(project, name), content);
    await npm(
      ["install", engineTarball, serverTarball, `@types/node@${typesNodeVersion}`],
      project,
    );
  }, 600_000);
  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it("runs a program from an ES module", async () => {
    const { stdout } = await exec(process.execPath, ["esm.mjs"], { cwd: project });
    expect(stdout).toBe("42\n");
  });

  it("runs a program from CommonJS (require)", async () => {
    const { stdout } = await exec(process.execPath, ["cjs.cjs"], { cwd: project });
    expect(stdout).toBe("42\n");
  });

  it("type-checks under moduleResolution node16, nodenext and bundler, then runs", async () => {
    const resolutions = ["node16", "nodenext", "bundler"] as const;
    const checks = await Promise.all(
      resolutions.map((resolution) => {
        // typed-cjs.cts checks index.d.cts, the types `require` gets; bundler has no require.
        const files = resolution === "bundler" ? ["typed.ts"] : ["typed.ts", "typed-cjs.cts"];
        writeFileSync(join(project, `tsconfig.${resolution}.json`), tsconfig(resolution, files));
        return exec(process.execPath, [tsc, "--noEmit", "-p", `tsconfig.${resolution}.json`], {
          cwd: project,
        }).then(
          () => `${resolution}: ok`,
          (error: { stdout: string }) => `${resolution}: ${error.stdout}`,
        );
      }),
    );
    expect(checks).toEqual(resolutions.map((resolution) => `${resolution}: ok`));
    await exec(process.execPath, [tsc, "-p", "tsconfig.nodenext.json"], { cwd: project });
    const { stdout } = await exec(process.execPath, [join("out", "typed.js")], { cwd: project });
    expect(stdout).toBe("42\n");
  }, 600_000);

  it("runs a file with `npx warmbox run`", async () => {
    writeFileSync(join(project, "hello.py"), "print('hello from', input())\n");
    writeFileSync(join(project, "input.txt"), "npx\n");
    const { stdout } = await exec("npx", ["warmbox", "run", "hello.py", "--stdin", "input.txt"], {
      cwd: project,
    });
    expect(stdout).toBe("hello from npx\n");
  });

  it("starts the server from its package and runs one execution over HTTP", async () => {
    const port = await freePort();
    const server = spawn(
      process.execPath,
      [join("node_modules", "@warmbox", "server", "dist", "main.js")],
      {
        cwd: project,
        env: {
          ...process.env,
          WARMBOX_HOST: "127.0.0.1",
          WARMBOX_PORT: String(port),
          WARMBOX_LANGUAGES: "python",
          WARMBOX_POOL_MIN: "1",
          WARMBOX_POOL_MAX: "1",
          WARMBOX_STATIC_DIR: "none",
          WARMBOX_LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
    try {
      const url = `http://127.0.0.1:${port}`;
      const ready = vi.waitFor(
        async () => {
          const response = await fetch(`${url}/readyz`);
          if (!response.ok) throw new Error(`/readyz answers ${response.status}`);
        },
        { timeout: 120_000, interval: 250 },
      );
      const exitedFirst = exited.then((code) => {
        throw new Error(`the server exited (${code}) before it was ready`);
      });
      exitedFirst.catch(() => {}); // moot once the server is ready
      await Promise.race([ready, exitedFirst]);
      const response = await fetch(`${url}/v1/execute`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ language: "python", source: "print(6 * 7)" }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "ok", run: { stdout: "42\n" } });
    } finally {
      server.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 180_000);
});
