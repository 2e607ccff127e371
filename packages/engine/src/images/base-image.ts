import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Dockerode from "dockerode";
import { imageExists, importRootFs, tryPullImage } from "../docker/docker-images.js";
import { ImageBuildError } from "../errors/engine-errors.js";

/** The base every runner image of a Debian release is built on, when the caller names none. */
export const defaultBaseImage = (suite: string) => `debian:${suite}-slim`;
/** The equivalent base Warmbox makes itself when the default can't be pulled (air-gapped hosts). */
export const bootstrappedBaseImage = (suite: string) => `warmbox/debian-base:${suite}`;
export const DEFAULT_DEBIAN_MIRROR = "http://deb.debian.org/debian";

/** Leaves documentation out of every later package install, as Debian's slim images do. */
const SLIM_DPKG_CONFIG = [
  "path-exclude /usr/share/doc/*",
  "path-include /usr/share/doc/*/copyright",
  "path-exclude /usr/share/man/*",
  "path-exclude /usr/share/info/*",
  "path-exclude /usr/share/locale/*",
  "path-include /usr/share/locale/locale.alias",
  "",
].join("\n");

function run(command: string, args: string[], onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => onLine(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => onLine(chunk.toString()));
    child.on("error", (error) =>
      reject(new ImageBuildError(`cannot run ${command}: ${error.message}`)),
    );
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new ImageBuildError(`${command} exited with ${code}`)),
    );
  });
}

/** debootstrap a minimal Debian release and import it as its bootstrapped base. Needs root and debootstrap. */
async function bootstrapBase(
  docker: Dockerode,
  suite: string,
  mirror: string,
  onLine: (line: string) => void,
): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new ImageBuildError(
      `the base image ${defaultBaseImage(suite)} can't be pulled, and making one with debootstrap needs root`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), "warmbox-base-"));
  try {
    onLine(`bootstrapping ${bootstrappedBaseImage(suite)} from ${mirror} with debootstrap ...\n`);
    await run("debootstrap", ["--variant=minbase", suite, dir, mirror], onLine);
    await writeFile(join(dir, "etc/dpkg/dpkg.cfg.d/warmbox-slim"), SLIM_DPKG_CONFIG);
    // One sources file: debootstrap of a newer release may also write deb822 sources.
    await rm(join(dir, "etc/apt/sources.list.d"), { recursive: true, force: true });
    await mkdir(join(dir, "etc/apt/sources.list.d"));
    await writeFile(join(dir, "etc/apt/sources.list"), `deb ${mirror} ${suite} main\n`);
    for (const junk of [
      "var/cache/apt/archives",
      "var/lib/apt/lists",
      "usr/share/doc",
      "usr/share/man",
    ]) {
      await rm(join(dir, junk), { recursive: true, force: true });
    }
    await importRootFs(docker, dir, bootstrappedBaseImage(suite));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The base image of a Debian release to build on: the one asked for if present or pullable;
 * for the default, the bootstrapped equivalent when Docker Hub can't be reached.
 */
export async function ensureBaseImage(
  docker: Dockerode,
  options: { suite: string; baseImage?: string; mirror?: string; onLine?: (line: string) => void },
): Promise<string> {
  const onLine = options.onLine ?? (() => {});
  const standard = defaultBaseImage(options.suite);
  const wanted = options.baseImage ?? standard;
  if ((await imageExists(docker, wanted)) || (await tryPullImage(docker, wanted))) return wanted;
  if (wanted !== standard) {
    throw new ImageBuildError(`the base image ${wanted} is not present and can't be pulled`);
  }
  const bootstrapped = bootstrappedBaseImage(options.suite);
  if (!(await imageExists(docker, bootstrapped))) {
    onLine(`${standard} can't be pulled; making an equivalent base locally\n`);
    await bootstrapBase(docker, options.suite, options.mirror ?? DEFAULT_DEBIAN_MIRROR, onLine);
  }
  return bootstrapped;
}
