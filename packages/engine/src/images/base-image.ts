import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Dockerode from "dockerode";
import { imageExists, importRootFs, tryPullImage } from "../docker/docker-images.js";
import { ImageBuildError } from "../errors/engine-errors.js";

/** The base every runner image is built on, when the caller names none. */
export const DEFAULT_BASE_IMAGE = "debian:bookworm-slim";
/** The equivalent base Warmbox makes itself when the default can't be pulled (air-gapped hosts). */
export const BOOTSTRAPPED_BASE_IMAGE = "warmbox/debian-base:bookworm";
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

/** debootstrap a minimal bookworm and import it as BOOTSTRAPPED_BASE_IMAGE. Needs root and debootstrap. */
async function bootstrapBase(
  docker: Dockerode,
  mirror: string,
  onLine: (line: string) => void,
): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new ImageBuildError(
      `the base image ${DEFAULT_BASE_IMAGE} can't be pulled, and making one with debootstrap needs root`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), "warmbox-base-"));
  try {
    onLine(`bootstrapping ${BOOTSTRAPPED_BASE_IMAGE} from ${mirror} with debootstrap ...\n`);
    await run("debootstrap", ["--variant=minbase", "bookworm", dir, mirror], onLine);
    await writeFile(join(dir, "etc/dpkg/dpkg.cfg.d/warmbox-slim"), SLIM_DPKG_CONFIG);
    await writeFile(join(dir, "etc/apt/sources.list"), `deb ${mirror} bookworm main\n`);
    for (const junk of [
      "var/cache/apt/archives",
      "var/lib/apt/lists",
      "usr/share/doc",
      "usr/share/man",
    ]) {
      await rm(join(dir, junk), { recursive: true, force: true });
    }
    await importRootFs(docker, dir, BOOTSTRAPPED_BASE_IMAGE);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The base image to build on: the one asked for if present or pullable; for the default,
 * the bootstrapped equivalent when Docker Hub can't be reached.
 */
export async function ensureBaseImage(
  docker: Dockerode,
  options: { baseImage?: string; mirror?: string; onLine?: (line: string) => void },
): Promise<string> {
  const onLine = options.onLine ?? (() => {});
  const wanted = options.baseImage ?? DEFAULT_BASE_IMAGE;
  if ((await imageExists(docker, wanted)) || (await tryPullImage(docker, wanted))) return wanted;
  if (options.baseImage !== undefined && options.baseImage !== DEFAULT_BASE_IMAGE) {
    throw new ImageBuildError(`the base image ${wanted} is not present and can't be pulled`);
  }
  if (!(await imageExists(docker, BOOTSTRAPPED_BASE_IMAGE))) {
    onLine(`${DEFAULT_BASE_IMAGE} can't be pulled; making an equivalent base locally\n`);
    await bootstrapBase(docker, options.mirror ?? DEFAULT_DEBIAN_MIRROR, onLine);
  }
  return BOOTSTRAPPED_BASE_IMAGE;
}
