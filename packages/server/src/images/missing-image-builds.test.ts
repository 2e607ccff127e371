import { Writable } from "node:stream";
import {
  type BuildImagesOptions,
  type Engine,
  type LanguageInfo,
  languageImageTag,
} from "@warmbox/engine";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { LanguageCatalog } from "../execution/language-catalog.js";
import { type Json, startTestServer } from "../testing/test-server.js";
import { buildMissingImages } from "./missing-image-builds.js";

// The state kept while images build, on a stand-in engine: a real one would need images that
// are missing from the daemon, and tests must not remove the daemon's images (other engines
// use them). The real path (a fresh daemon, `npm start`) is measured in the README; the last
// test runs a real server with the setting on.

/** An engine serving `served`; `refreshImages` serves what `built` holds by then. */
function standInEngine(served: string[], built: Set<string>): Engine {
  const info = (id: string): LanguageInfo => ({
    id,
    name: id,
    version: "1.0",
    default: true,
    aliases: [],
    runtime: "runc",
    compiled: false,
    defaultFile: "main",
    starter: "",
    highlight: null,
  });
  return {
    languages: async () => served.map(info),
    refreshImages: async () => {
      const arrived = [...built].filter((id) => !served.includes(id));
      served.push(...arrived);
      return arrived;
    },
  } as Partial<Engine> as Engine;
}

function captureLog() {
  const lines: { msg: string; level: number }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

describe("buildMissingImages", () => {
  it("lists missing languages as building, serves each as its image arrives, and marks a failed one", async () => {
    const built = new Set<string>();
    const engine = standInEngine(["ruby"], built);
    const catalog = new LanguageCatalog(engine);
    const { logger, lines } = captureLog();
    const statuses: Record<string, string>[] = [];
    const status = async () =>
      Object.fromEntries((await catalog.entries()).map((entry) => [entry.id, entry.status]));

    const buildImages = async ({ languages, onProgress }: BuildImagesOptions) => {
      expect(languages).toEqual(["go", "lua", "tcl"]);
      statuses.push(await status());
      onProgress?.({ type: "started", recipe: "go", tag: "warmbox/go:1" });
      built.add("go");
      onProgress?.({ type: "finished", recipe: "go", tag: "warmbox/go:1", seconds: 1 });
      await new Promise((resolve) => setTimeout(resolve, 10));
      statuses.push(await status());
      // lua and tcl share the "scripting" image.
      onProgress?.({
        type: "failed",
        recipe: "scripting",
        tag: languageImageTag("lua"),
        message: "apt failed\nmore",
      });
      throw new Error("1 image(s) failed to build");
    };
    const tried = await buildMissingImages({
      engine,
      catalog,
      logger,
      languages: ["ruby", "go", "lua", "tcl"],
      buildImages,
    });
    expect(tried).toEqual(["go", "lua", "tcl"]);

    expect(statuses[0]).toEqual({
      ruby: "ready",
      go: "building",
      lua: "building",
      tcl: "building",
    });
    expect(statuses[1]).toEqual({ ruby: "ready", go: "ready", lua: "building", tcl: "building" });
    expect(await status()).toEqual({ ruby: "ready", go: "ready", lua: "failed", tcl: "failed" });
    const building = (await catalog.entries()).find((entry) => entry.id === "lua");
    expect(building?.version).toBeNull();
    expect((await catalog.list()).map((language) => language.id)).toEqual(["ruby", "go"]);

    const messages = lines.map((line) => line.msg);
    expect(messages).toContain("language ready: go");
    expect(messages).toContain("image build failed: scripting; not served: lua, tcl");
    expect(messages.at(-1)).toBe("background image builds done; not served: lua, tcl");
  });

  it("marks every missing language failed when the runner base fails", async () => {
    const engine = standInEngine(["ruby"], new Set());
    const catalog = new LanguageCatalog(engine);
    await buildMissingImages({
      engine,
      catalog,
      logger: captureLog().logger,
      languages: ["ruby", "go", "rust"],
      buildImages: async ({ onProgress }) => {
        onProgress?.({
          type: "failed",
          recipe: "runner-base",
          tag: "warmbox/runner-base:1",
          message: "no mirror",
        });
        throw new Error("failed");
      },
    });
    const statuses = (await catalog.entries()).map((entry) => `${entry.id}:${entry.status}`);
    expect(statuses.sort()).toEqual(["go:failed", "ruby:ready", "rust:failed"]);
  });

  it("builds nothing when every configured language is served", async () => {
    const engine = standInEngine(["ruby", "go"], new Set());
    const tried = await buildMissingImages({
      engine,
      catalog: new LanguageCatalog(engine),
      logger: captureLog().logger,
      languages: ["rb", "go"],
      buildImages: async () => {
        throw new Error("must not build");
      },
    });
    expect(tried).toEqual([]);
  });
});

describe("a real server with buildMissingImages", () => {
  it("starts, finds nothing missing when every configured image exists, and lists all ready", async () => {
    const server = await startTestServer({ buildMissingImages: true });
    try {
      expect(await server.imagesSettled).toEqual([]);
      const languages = (await (await fetch(`${server.url}/v1/languages`)).json()) as Json[];
      expect(languages.map((language) => `${language.id}:${language.status}`).sort()).toEqual([
        "javascript:ready",
        "python:ready",
      ]);
    } finally {
      await server.close();
    }
  });
});
