import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE } from "./support/browser.js";
import { OUTPUT_DIR } from "./support/environment.js";
import { PlaygroundPage } from "./support/playground-page.js";
import { usePlaygroundSuite } from "./support/playground-suite.js";

/** The longest name of a language in the registry, with a version. */
const LONGEST_LANGUAGE_LABEL = "Assembly (NASM, x86-64) 2.16.01";

/** The laptop screen the header must fit on one line. */
const LAPTOP = { width: 1280, height: 800 };

const suite = usePlaygroundSuite({
  // Every language with a built image, as `npm start` serves them: the selector's longest
  // label is part of what must fit. Only Python is kept warm.
  warmLanguages: ["python"],
});

/** The header's height and the boxes of its visible controls. */
function headerLayout(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector(".topbar") as HTMLElement;
    const controls = [
      ...header.querySelectorAll(".brand, select, button:not([hidden]), .topbar-link"),
    ]
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ element, box }) => box.width > 0 && getComputedStyle(element).display !== "none")
      .map(({ element, box }) => ({
        name: element.id || element.className,
        top: box.top,
        bottom: box.bottom,
        left: box.left,
        right: box.right,
      }));
    return {
      height: header.getBoundingClientRect().height,
      pageWidth: document.documentElement.scrollWidth,
      controls,
    };
  });
}

describe("the header", () => {
  it("fits on one line at 1280 × 800, with the longest language name and the API key button", async () => {
    const { page, errors } = await suite.open(LAPTOP);
    // The worst case whatever images this machine has built: the longest label a server lists,
    // and the API key button a server with keys shows.
    await page.evaluate((label) => {
      const option = document.createElement("option");
      option.textContent = label;
      document.querySelector("#language-select")?.append(option);
      document.querySelector("#api-key-button")?.removeAttribute("hidden");
    }, LONGEST_LANGUAGE_LABEL);
    const layout = await headerLayout(page);
    await page.screenshot({ path: join(OUTPUT_DIR, "header-1280.png") });

    expect(layout.controls.length).toBeGreaterThanOrEqual(5);
    // One line: every control shares the first control's row, and the header is one row tall.
    const first = layout.controls[0] as (typeof layout.controls)[number];
    for (const control of layout.controls) {
      expect(control.top, `${control.name} sits on the first row`).toBeLessThan(first.bottom);
    }
    expect(layout.height).toBeLessThanOrEqual(60);
    expect(layout.pageWidth).toBeLessThanOrEqual(LAPTOP.width);
    expect(errors).toEqual([]);
  });

  it("keeps every control inside a phone's width, none over another", async () => {
    const { page, errors } = await suite.open(PHONE);
    const layout = await headerLayout(page);
    await page.screenshot({ path: join(OUTPUT_DIR, "header-phone.png") });

    expect(layout.pageWidth).toBeLessThanOrEqual(PHONE.width);
    for (const control of layout.controls) {
      expect(control.left, `${control.name} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(control.right, `${control.name} ends on screen`).toBeLessThanOrEqual(PHONE.width);
    }
    for (const [index, a] of layout.controls.entries()) {
      for (const b of layout.controls.slice(index + 1)) {
        const overlap =
          a.left < b.right - 1 &&
          b.left < a.right - 1 &&
          a.top < b.bottom - 1 &&
          b.top < a.bottom - 1;
        expect(overlap, `${a.name} and ${b.name} do not overlap`).toBe(false);
      }
    }
    // Two rows on a phone: brand and theme, then language, Run, Stop and Share.
    expect(layout.height).toBeLessThanOrEqual(110);
    expect(errors).toEqual([]);
  });
});

describe("languages whose image is still building", () => {
  it("lists them as building, then enables each when the server serves it", async () => {
    const context = await suite.browser.newContext({ viewport: LAPTOP, deviceScaleFactor: 1 });
    suite.track(context);
    const page = await context.newPage();
    // The server's real answer, with JavaScript shown as building for the first two asks (a
    // fresh `npm start` answers so while the image builds; every image here is built already).
    let asked = 0;
    await page.route("**/v1/languages", async (route) => {
      const response = await route.fetch();
      const languages = (await response.json()) as { id: string; status: string }[];
      asked++;
      const shown =
        asked <= 2
          ? languages.map((language) =>
              language.id === "javascript"
                ? { ...language, status: "building", version: null }
                : language,
            )
          : languages;
      await route.fulfill({ response, json: shown });
    });
    await page.goto(`${suite.server.url}/`);
    const playground = new PlaygroundPage(page);
    await playground.ready();

    const javascript = page.locator('#language-select option[value="javascript"]');
    await expect.poll(() => javascript.textContent()).toBe("JavaScript (Node.js) (building…)");
    expect(await javascript.isDisabled()).toBe(true);
    expect(await page.locator("#language-select").inputValue()).toBe("python");
    await page.screenshot({ path: join(OUTPUT_DIR, "languages-building.png") });

    // The page asks again every few seconds while a language builds; the third answer has it.
    await expect
      .poll(() => javascript.isDisabled(), { timeout: 30_000, interval: 500 })
      .toBe(false);
    expect(await javascript.textContent()).toMatch(/^JavaScript \(Node\.js\) \d+\.\d+/);
    await expect.poll(() => page.locator("#toast").textContent()).toContain("ready to run");
    await playground.pickLanguage("javascript");
    expect(await page.locator("#language-select").inputValue()).toBe("javascript");
  });
});
