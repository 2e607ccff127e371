import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Dockerode from "dockerode";
import { pack } from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeImageTag } from "../src/docker/docker-image-inventory.js";
import { EngineUnavailableError } from "../src/errors/engine-errors.js";
import { RECIPE_HASH_LABEL, RECIPE_LABEL } from "../src/images/image-recipe.js";
import { pruneImages } from "../src/images/prune-images.js";

/**
 * The daemon is shared (other people's warmbox/ tags are live): every image here is made by the
 * test under a repository prefix of its own, and every prune is confined to that prefix.
 */
const docker = new Dockerode();
const run = randomBytes(4).toString("hex");
const prefix = `warmbox/prune-test-${run}-`;
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const containers: Dockerode.Container[] = [];
/**
 * A prune reads the layers of every image on the daemon: a second each when other builds load
 * it (a few milliseconds otherwise).
 */
const PRUNE_TIMEOUT_MS = 300_000;

/** A tiny image as `images build` labels it, named `<prefix><recipe>:<hash>`; its id. */
async function recipeImage(recipe: string, hash: string): Promise<string> {
  const layer = pack();
  layer.entry({ name: "payload" }, randomBytes(64 * 1024));
  layer.finalize();
  const name = `${prefix}${recipe}`;
  const stream = await docker.importImage(Readable.from(layer) as unknown as string, {
    repo: name,
    tag: hash,
    changes: [
      `LABEL ${RECIPE_LABEL}=${name.slice("warmbox/".length)}`,
      `LABEL ${RECIPE_HASH_LABEL}=${hash}`,
    ],
  });
  await new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve(undefined))),
  );
  return (await docker.getImage(`${name}:${hash}`).inspect()).Id;
}

/** A stopped container of the image, made (never started) by this test. */
async function containerOf(image: string): Promise<string> {
  const name = `prune-test-${run}-${containers.length}`;
  containers.push(await docker.createContainer({ name, Image: image, Cmd: ["/payload"] }));
  return name;
}

async function exists(tag: string): Promise<boolean> {
  return docker
    .getImage(tag)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

let staleSize: number;
let usedBy: string;

beforeAll(async () => {
  await recipeImage("lang", "000000000001");
  await recipeImage("lang", "000000000002");
  staleSize = (await docker.getImage(`${prefix}lang:000000000001`).inspect()).Size;
  // A stale name of an image another name keeps.
  await recipeImage("base", "000000000001");
  await docker.getImage(`${prefix}base:000000000001`).tag({ repo: `${prefix}pinned`, tag: "keep" });
  // A stale image a stopped container uses.
  await recipeImage("used", "000000000001");
  usedBy = await containerOf(`${prefix}used:000000000001`);
});

afterAll(async () => {
  for (const container of containers) await container.remove({ force: true }).catch(() => {});
  for (const image of await docker.listImages()) {
    for (const tag of image.RepoTags ?? []) {
      if (tag.startsWith(prefix))
        await docker
          .getImage(tag)
          .remove({ force: true })
          .catch(() => {});
    }
  }
});

const current = new Set([`${prefix}lang:000000000002`]);

describe("pruneImages", () => {
  it(
    "lists in a dry run what would go and the space it frees, removing nothing",
    async () => {
      const result = await pruneImages({ current, repositoryPrefix: prefix });
      expect(result.dryRun).toBe(true);
      expect(result.tags).toEqual([
        expect.objectContaining({
          tag: `${prefix}base:000000000001`,
          outcome: "would-remove",
          deletesImage: false,
        }),
        expect.objectContaining({
          tag: `${prefix}lang:000000000001`,
          outcome: "would-remove",
          deletesImage: true,
        }),
        expect.objectContaining({
          tag: `${prefix}used:000000000001`,
          outcome: "in-use",
          reason: `used by container ${usedBy}`,
        }),
      ]);
      // Only the image that goes frees space; the untagged one stays whole.
      expect(result.freedBytes).toBe(staleSize);
      for (const name of ["lang:000000000001", "base:000000000001", "used:000000000001"]) {
        expect(await exists(`${prefix}${name}`)).toBe(true);
      }
    },
    PRUNE_TIMEOUT_MS,
  );

  it(
    "removes the stale tags, keeps the current ones, other names' images and used images",
    async () => {
      const pinnedId = (await docker.getImage(`${prefix}pinned:keep`).inspect()).Id;
      const result = await pruneImages({ current, repositoryPrefix: prefix, remove: true });
      expect(result.tags.map((tag) => [tag.tag, tag.outcome])).toEqual([
        [`${prefix}base:000000000001`, "removed"],
        [`${prefix}lang:000000000001`, "removed"],
        [`${prefix}used:000000000001`, "in-use"],
      ]);
      expect(result.freedBytes).toBe(staleSize);
      expect(await exists(`${prefix}lang:000000000001`)).toBe(false);
      expect(await exists(`${prefix}base:000000000001`)).toBe(false);
      expect(await exists(`${prefix}lang:000000000002`)).toBe(true);
      expect((await docker.getImage(`${prefix}pinned:keep`).inspect()).Id).toBe(pinnedId);
      expect(await exists(`${prefix}used:000000000001`)).toBe(true);
      // Nothing stale is left to remove.
      const again = await pruneImages({ current, repositoryPrefix: prefix });
      expect(again.tags.map((tag) => tag.outcome)).toEqual(["in-use"]);
    },
    PRUNE_TIMEOUT_MS,
  );

  it("reports Docker's refusal to remove an image a container uses, as an answer", async () => {
    const tag = `${prefix}raced:000000000001`;
    await recipeImage("raced", "000000000001");
    await containerOf(tag);
    expect(await removeImageTag(docker, tag)).toMatchObject({
      outcome: "in-use",
      message: expect.stringContaining("container"),
    });
    expect(await exists(tag)).toBe(true);
  });

  it("throws a typed error when the Docker daemon does not answer", async () => {
    const unreachable = new Dockerode({ socketPath: `/tmp/no-docker-${run}.sock` });
    const failure = await pruneImages({ docker: unreachable }).catch((error: unknown) => error);
    expect(EngineUnavailableError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/Docker daemon does not answer.*ENOENT/);
  });
});

describe("warmbox images prune", () => {
  const warmbox = promisify(execFile);

  it("exits with the engine-failure status and says why when Docker is down", async () => {
    const failure = await warmbox(process.execPath, [cli, "images", "prune"], {
      env: { ...process.env, DOCKER_HOST: `unix:///tmp/no-docker-${run}.sock` },
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 3 });
    expect((failure as { stderr: string }).stderr).toMatch(
      /^warmbox: the Docker daemon does not answer/,
    );
  });

  it(
    "makes a dry run by default, ending with what removing would free",
    async () => {
      // The daemon's real tags: only ever a dry run here (pruneImages' tests cover removing).
      const { stdout } = await warmbox(process.execPath, [cli, "images", "prune"]);
      expect(stdout).toMatch(
        /^(dry run: \d+ stale tag\(s\) would be removed, freeing [\d.]+ [kMG]B|no stale warmbox images)/m,
      );
    },
    PRUNE_TIMEOUT_MS,
  );
});
