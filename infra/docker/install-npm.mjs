// Installs npm into a Node image that has none (Debian's `nodejs` package ships without it):
// the exact version named by the root package.json's "packageManager" field, from the npm
// registry (or $npm_config_registry), into /opt/npm, linked as /usr/local/bin/npm and npx.
// Used only in the Dockerfile's build stage. Nothing happens when npm is already there.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";

const DEFAULT_REGISTRY = "https://registry.npmjs.org";

function hasNpm() {
  try {
    execFileSync("npm", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

if (hasNpm()) {
  console.log(`npm ${execFileSync("npm", ["--version"]).toString().trim()} is already installed`);
} else {
  const manifest = JSON.parse(readFileSync(process.argv[2] ?? "package.json", "utf8"));
  const match = /^npm@(\d+\.\d+\.\d+)/.exec(manifest.packageManager ?? "");
  const version = match?.[1] ?? "10";
  const registry = (process.env.npm_config_registry ?? DEFAULT_REGISTRY).replace(/\/$/, "");
  const meta = await fetch(`${registry}/npm/${version}`).then((response) => {
    if (!response.ok)
      throw new Error(`the registry answered ${response.status} for npm@${version}`);
    return response.json();
  });
  const tarball = await fetch(meta.dist.tarball).then((response) => {
    if (!response.ok)
      throw new Error(`the registry answered ${response.status} for ${meta.dist.tarball}`);
    return response.arrayBuffer();
  });
  const bytes = Buffer.from(tarball);
  const [algorithm, expected] = String(meta.dist.integrity).split(/-(.*)/s);
  const actual = createHash(algorithm).update(bytes).digest("base64");
  if (actual !== expected)
    throw new Error(`npm@${meta.version}: integrity mismatch (${algorithm})`);
  writeFileSync("/tmp/npm.tgz", bytes);
  mkdirSync("/opt/npm", { recursive: true });
  execFileSync("tar", ["-xzf", "/tmp/npm.tgz", "-C", "/opt/npm", "--strip-components=1"]);
  mkdirSync("/usr/local/bin", { recursive: true });
  symlinkSync("/opt/npm/bin/npm-cli.js", "/usr/local/bin/npm");
  symlinkSync("/opt/npm/bin/npx-cli.js", "/usr/local/bin/npx");
  console.log(`installed npm ${meta.version}`);
}
