import { mkdirSync } from "node:fs";
import { type RunningServer, type StartServerOptions, startServer } from "@warmbox/server";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { DESKTOP, launchChromium, openPage } from "./browser.js";
import { assertEnvironment, DIST_DIR, OUTPUT_DIR } from "./environment.js";
import { PlaygroundPage } from "./playground-page.js";

/** A browser suite's server, browser and page opener (see `usePlaygroundSuite`). */
export interface PlaygroundSuite {
  server: RunningServer;
  browser: Browser;
  /** Closes `context` after the current test. */
  track(context: BrowserContext): BrowserContext;
  /** A fresh context on the page (the server's root unless `url`), once its languages loaded. */
  open(
    viewport?: { width: number; height: number },
    url?: string,
  ): Promise<Awaited<ReturnType<typeof openPage>> & { playground: PlaygroundPage }>;
}

/**
 * The set-up every browser suite shares: a real server on loopback serving the built page (with
 * `serverOptions` on top) and Chromium, started before the suite and stopped after it; every
 * browser context a test opens (through `open` or `track`) is closed after that test.
 */
export function usePlaygroundSuite(serverOptions: StartServerOptions): PlaygroundSuite {
  const contexts: BrowserContext[] = [];
  const suite: PlaygroundSuite = {
    server: undefined as unknown as RunningServer,
    browser: undefined as unknown as Browser,
    track(context) {
      contexts.push(context);
      return context;
    },
    async open(viewport = DESKTOP, url = `${suite.server.url}/`) {
      const opened = await openPage(suite.browser, url, viewport);
      suite.track(opened.context);
      const playground = new PlaygroundPage(opened.page);
      await playground.ready();
      return { ...opened, playground };
    },
  };

  beforeAll(async () => {
    assertEnvironment();
    mkdirSync(OUTPUT_DIR, { recursive: true });
    [suite.server, suite.browser] = await Promise.all([
      startServer({
        port: 0,
        host: "127.0.0.1",
        staticDir: DIST_DIR,
        logLevel: "warn",
        ...serverOptions,
      }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  return suite;
}
