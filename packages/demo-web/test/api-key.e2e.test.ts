import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { collectPageErrors, DESKTOP } from "./support/browser.js";
import { OUTPUT_DIR } from "./support/environment.js";
import { PlaygroundPage } from "./support/playground-page.js";
import { usePlaygroundSuite } from "./support/playground-suite.js";

/** The one key this suite's server accepts. */
const API_KEY = "playground-test-key-0123456789abcdef";
const DIALOG_TITLE = "This server needs an API key";

const suite = usePlaygroundSuite({
  languages: ["python"],
  rateLimitPerMinute: 0,
  apiKeys: [API_KEY],
});

/** A fresh context (no key in its storage) on the page, without waiting for the languages. */
async function open(): Promise<{ page: Page; playground: PlaygroundPage; errors: string[] }> {
  const context = await suite.browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
  suite.track(context);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${suite.server.url}/`);
  return { page, playground: new PlaygroundPage(page), errors };
}

function keyDialog(page: Page, name: string | RegExp = DIALOG_TITLE) {
  return page.getByRole("dialog", { name });
}

/** Types a key into the open dialog as a keyboard user would, and presses Enter. */
async function enterKey(page: Page, key: string): Promise<void> {
  const input = keyDialog(page, /API key/).getByLabel("API key");
  await input.fill("");
  await input.pressSequentially(key);
  await page.keyboard.press("Enter");
}

function storedKey(page: Page): Promise<string | null> {
  return page.evaluate(() => localStorage.getItem("warmbox.playground.api-key"));
}

async function runInteractiveEcho(page: Page, playground: PlaygroundPage): Promise<void> {
  await playground.setCode(
    'while True:\n    try:\n        line = input("> ")\n    except EOFError:\n        break\n    print("echo:", line)\n',
  );
  await playground.setStdin("");
  await page.getByLabel("Interactive").check();
  await page.getByRole("button", { name: /^Run/ }).click();
  const line = page.getByLabel(/Type a line for the running program/);
  await line.waitFor({ timeout: 30_000 });
  await line.fill("keyed");
  await line.press("Enter");
  await expect.poll(() => playground.stdout(), { timeout: 15_000 }).toContain("echo: keyed");
  await page.getByRole("button", { name: "EOF" }).click();
  expect(await playground.finished()).toBe("ok");
}

describe("the playground on a server with API keys", () => {
  it("the server refuses the API without the key, and serves the page and health without one", async () => {
    expect((await fetch(`${suite.server.url}/v1/languages`)).status).toBe(401);
    const keyed = await fetch(`${suite.server.url}/v1/languages`, {
      headers: { "x-api-key": API_KEY },
    });
    expect(keyed.status).toBe(200);
    expect((await fetch(`${suite.server.url}/`)).status).toBe(200);
    expect((await fetch(`${suite.server.url}/healthz`)).status).toBe(200);
  });

  it("asks for a key, refuses a wrong one, runs with the right one, and remembers it", async () => {
    const { page, playground, errors } = await open();
    const dialog = keyDialog(page);
    await dialog.waitFor({ timeout: 15_000 });
    // Keyboard first: the key field has the focus, the buttons are labelled.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("api-key-input");
    expect(await dialog.getByRole("button", { name: "Save" }).count()).toBe(1);
    expect(await dialog.getByRole("button", { name: "Cancel" }).count()).toBe(1);
    expect(await page.locator("#run-button").isDisabled()).toBe(true);

    await enterKey(page, "not-the-right-key");
    const alert = dialog.getByRole("alert");
    await expect.poll(() => alert.textContent()).toMatch(/not accepted/);
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByLabel("API key").getAttribute("aria-invalid")).toBe("true");
    expect(await storedKey(page)).toBeNull();
    await page.screenshot({
      path: join(OUTPUT_DIR, "api-key-dialog-dracula.png"),
      animations: "disabled",
    });

    await enterKey(page, API_KEY);
    await playground.ready();
    expect(await dialog.isHidden()).toBe(true);
    expect(await storedKey(page)).toBe(API_KEY);
    const listed = await page.$$eval("#language-select option", (options) =>
      options.map((option) => (option as HTMLOptionElement).value),
    );
    expect(listed).toEqual(["python"]);
    expect(await page.getByRole("button", { name: "API key" }).isVisible()).toBe(true);

    // Streamed: the key goes in X-API-Key.
    const sent: (string | undefined)[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/v1/execute")) sent.push(request.headers()["x-api-key"]);
    });
    await playground.pickLanguage("python");
    await playground.setStdin("Ada\n");
    expect(await playground.run()).toBe("ok");
    expect(await playground.stdout()).toContain("Hello, Ada!");
    expect(sent).toEqual([API_KEY]);

    // Interactive: the key goes in Sec-WebSocket-Protocol, never in the URL.
    const sockets: string[] = [];
    page.on("websocket", (socket) => sockets.push(socket.url()));
    await runInteractiveEcho(page, playground);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]).not.toContain(API_KEY);
    // The server refuses a keyless upgrade, so the run above proves the key went along.
    expect(new URL(sockets[0] ?? "").search).toBe("");

    // A reload uses the remembered key without asking.
    await page.reload();
    await playground.ready();
    expect(await dialog.isHidden()).toBe(true);
    await page.getByLabel("Interactive").uncheck();
    await playground.setCode("print('still keyed')\n");
    expect(await playground.run()).toBe("ok");
    expect(await playground.stdout()).toBe("still keyed\n");
    expect(errors).toEqual([]);
  });

  it("Escape leaves the page saying a key is needed, and Retry asks again", async () => {
    const { page, playground } = await open();
    await page.getByLabel("Theme").selectOption("github-light");
    const dialog = keyDialog(page);
    await dialog.waitFor({ timeout: 15_000 });
    await page.screenshot({
      path: join(OUTPUT_DIR, "api-key-dialog-github-light.png"),
      animations: "disabled",
    });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    const banner = page.locator("#banner");
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/needs an API key/);
    expect(await page.locator("#run-button").isDisabled()).toBe(true);

    await page.getByRole("button", { name: "Retry" }).click();
    await dialog.waitFor();
    // Tab reaches Cancel and Save from the field.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("api-key-save");
    await enterKey(page, API_KEY);
    await playground.ready();
    expect(await banner.isHidden()).toBe(true);
  });

  it("a saved key the server no longer takes is asked for again, with a message", async () => {
    const { page, playground } = await open();
    await keyDialog(page).waitFor({ timeout: 15_000 });
    await page.evaluate(() => localStorage.setItem("warmbox.playground.api-key", "an-old-key-1"));
    await page.reload();
    const dialog = keyDialog(page);
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.getByRole("alert").textContent()).toMatch(/saved key is no longer/);
    // The key is kept until the visitor says otherwise: Forget is offered.
    expect(await dialog.getByRole("button", { name: "Forget key" }).isVisible()).toBe(true);
    await enterKey(page, API_KEY);
    await playground.ready();
    expect(await storedKey(page)).toBe(API_KEY);
  });

  it("the header's API key button forgets the key, and the next interactive run asks again", async () => {
    const { page, playground } = await open();
    await keyDialog(page).waitFor({ timeout: 15_000 });
    await enterKey(page, API_KEY);
    await playground.ready();

    await page.getByRole("button", { name: "API key" }).click();
    const change = keyDialog(page, "API key");
    await change.waitFor();
    await change.getByRole("button", { name: "Forget key" }).click();
    await change.waitFor({ state: "hidden" });
    expect(await storedKey(page)).toBeNull();

    // The WebSocket upgrade is refused (401): the page finds out why, asks, and runs.
    await playground.setCode("print(input())\n");
    await playground.setStdin("typed before\n");
    await page.getByLabel("Interactive").check();
    await page.getByRole("button", { name: /^Run/ }).click();
    const dialog = keyDialog(page);
    await dialog.waitFor({ timeout: 15_000 });
    // A first question, not a refusal: no error message (an empty alert is not shown).
    expect(await page.locator("#api-key-error").textContent()).toBe("");
    expect(await page.locator("#output .out-error").textContent()).toMatch(/API key/);
    await enterKey(page, API_KEY);
    await expect.poll(() => playground.stdout(), { timeout: 30_000 }).toBe("typed before\n");
    expect(await playground.finished()).toBe("ok");
    expect(await storedKey(page)).toBe(API_KEY);
  });

  it("Run tests sends the key, and asks for one when the page has none", async () => {
    const { page, playground } = await open();
    await keyDialog(page).waitFor({ timeout: 15_000 });
    await enterKey(page, API_KEY);
    await playground.ready();
    await page.getByRole("button", { name: "API key" }).click();
    const change = keyDialog(page, "API key");
    await change.waitFor();
    await change.getByRole("button", { name: "Forget key" }).click();
    await change.waitFor({ state: "hidden" });

    await playground.setCode("print(int(input()) * 2)\n");
    await playground.openTests();
    await playground.addTest("21\n", "42\n");
    await page.getByRole("button", { name: "Run tests" }).click();
    await keyDialog(page).waitFor({ timeout: 15_000 });
    await enterKey(page, API_KEY);
    // Once the key is saved, the tests run with it.
    await page.locator('#tests-verdict[data-verdict="accepted"]').waitFor({ timeout: 60_000 });
    expect(await playground.testVerdicts()).toEqual(["accepted"]);
    expect(await storedKey(page)).toBe(API_KEY);
  });
});
