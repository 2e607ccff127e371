import { createHash } from "node:crypto";
import { PassThrough, type Readable } from "node:stream";
import Dockerode from "dockerode";
import { extract } from "tar-stream";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILD_CA_FILE, readBuildCaBundle } from "../src/images/build-ca-bundle.js";
import { languageRecipe } from "../src/images/image-recipe.js";
import type { LanguageSpec } from "../src/languages/language-spec.js";
import { languageRegistry } from "../src/languages/registry.js";

/**
 * The npm-langs image fetches its toolchains from the npm registry in a build stage that trusts
 * the host's CA bundle (images/npm-langs/Dockerfile). Neither that bundle nor npm may reach the
 * image: every file of every layer of the saved image (`docker save`) is looked at, the ones a
 * later layer deletes too.
 */

interface LayerFile {
  path: string;
  sha256: string;
}

/**
 * Every regular file of a tar stream, hashed as it streams by; a file that is itself a tar (a
 * layer of the saved image) is entered instead.
 */
function filesOf(stream: Readable, files: LayerFile[] = []): Promise<LayerFile[]> {
  return new Promise((resolve, reject) => {
    const tar = extract();
    tar.on("entry", (header, entry, next) => {
      if (header.type !== "file") {
        entry.resume();
        entry.on("end", () => next());
        return;
      }
      // The first 512 bytes tell a tar (its header's "ustar" magic) from any other file.
      const hash = createHash("sha256");
      let head = Buffer.alloc(0);
      let inner: PassThrough | undefined;
      entry.on("data", (data: unknown) => {
        const chunk = data as Buffer;
        if (inner) {
          inner.write(chunk);
          return;
        }
        hash.update(chunk);
        if (head.length >= 512) return;
        head = Buffer.concat([head, chunk]);
        if (head.length >= 512 && head.subarray(257, 262).toString("latin1") === "ustar") {
          inner = new PassThrough();
          filesOf(inner, files).then(() => next(), reject);
          inner.write(head);
        }
      });
      entry.on("end", () => {
        if (inner) {
          inner.end();
          return;
        }
        files.push({ path: header.name, sha256: hash.digest("hex") });
        next();
      });
      entry.on("error", reject);
    });
    tar.on("finish", () => resolve(files));
    tar.on("error", reject);
    stream.on("error", reject);
    stream.pipe(tar);
  });
}

const sha256 = (content: Buffer) => createHash("sha256").update(content).digest("hex");

describe("the build's CA bundle", () => {
  const tag = languageRecipe(languageRegistry.select("bun")[0] as LanguageSpec).tag;
  let files: LayerFile[];

  beforeAll(async () => {
    const docker = new Dockerode();
    files = await filesOf((await docker.getImage(tag).get()) as unknown as Readable);
  }, 300_000);

  it("is the host's, and npm-langs was built with it", async () => {
    // Without the host's bundle npm could not have fetched through this network's proxy; a
    // host without one (no proxy) leaves this test nothing to look for.
    expect((await readBuildCaBundle(undefined)).length).toBeGreaterThan(0);
    expect(
      files.some((file) => file.path.endsWith("node_modules/@oven/bun-linux-x64/bin/bun")),
    ).toBe(true);
  });

  it("is in no layer of the image, under any name", async () => {
    const bundleHash = sha256(await readBuildCaBundle(undefined));
    expect(files.filter((file) => file.path.endsWith(BUILD_CA_FILE))).toEqual([]);
    expect(files.filter((file) => file.sha256 === bundleHash)).toEqual([]);
  });

  it("nor is npm, which fetched the toolchains", () => {
    expect(
      files.filter((file) => /(^|\/)usr\/(bin\/npm|share\/nodejs\/npm\/)/.test(file.path)),
    ).toEqual([]);
  });
});
