import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DESKTOP, PHONE } from "./support/browser.js";
import { OUTPUT_DIR } from "./support/environment.js";
import { usePlaygroundSuite } from "./support/playground-suite.js";

const suite = usePlaygroundSuite({
  languages: ["python", "c"],
  // The suite judges a few dozen tests from one address in a minute or two.
  rateLimitPerMinute: 0,
});

/** Reads two numbers and prints their sum, in C (compiled once for all the tests). */
const C_SUM = `#include <stdio.h>
int main(void) {
    long a, b;
    if (scanf("%ld %ld", &a, &b) != 2) return 1;
    printf("sum\\n%ld\\n", a + b);
    return 0;
}
`;

/** The tests of the sum: three lines each way, the answer on the second line of output. */
const SUM_TESTS = [
  { stdin: "1 2\n", expected: "sum\n3\n" },
  { stdin: "40 2\n", expected: "sum\n42\n" },
  { stdin: "-5 5\n", expected: "sum\n0\n" },
];

/** The header's box, which must not move while tests are judged. */
function headerBox(page: Page) {
  return page.evaluate(() => {
    const box = (document.querySelector(".topbar") as HTMLElement).getBoundingClientRect();
    return { top: box.top, height: box.height, width: box.width };
  });
}

describe("the Tests tab in Chromium", () => {
  it("judges a correct C solution all green, a verdict per test, the header still", async () => {
    const { page, playground, errors } = await suite.open();
    await playground.pickLanguage("c");
    await playground.setCode(C_SUM);
    await playground.openTests();
    expect(await page.locator("#tests-empty").isVisible()).toBe(true);
    for (const test of SUM_TESTS) await playground.addTest(test.stdin, test.expected);
    expect(await page.locator("#tests-count").textContent()).toBe("3");

    const header = await headerBox(page);
    await page.getByRole("button", { name: "Run tests" }).click();
    // While the judge runs: the header has not moved, Run is locked and Stop is live.
    await page.locator('#run-tests-button[aria-busy="true"]').waitFor();
    expect(await headerBox(page)).toEqual(header);
    expect(await page.locator("#run-button").isDisabled()).toBe(true);
    await page.locator("#tests-verdict[data-verdict]").waitFor({ timeout: 90_000 });
    expect(await page.locator("#tests-verdict").getAttribute("data-verdict")).toBe("accepted");
    expect(await page.locator("#tests-verdict").textContent()).toBe("Accepted · 3/3");
    expect(await playground.testVerdicts()).toEqual(["accepted", "accepted", "accepted"]);
    expect(await page.locator("#test-list .test-verdict").allTextContents()).toEqual([
      "Accepted",
      "Accepted",
      "Accepted",
    ]);
    expect(await headerBox(page)).toEqual(header);
    // The output pane: compiled once, and the whole run's verdict.
    expect(await page.locator("#compile-summary").textContent()).toMatch(/Compiled in/);
    expect(await playground.statusLine()).toMatch(/Accepted[\s\S]*Passed 3\/3/);
    expect(await playground.outputText()).toContain("All 3 tests passed.");
    expect(await page.locator("#run-button").isEnabled()).toBe(true);
    await page.screenshot({ path: join(OUTPUT_DIR, "tests-tab-accepted.png") });
    expect(errors).toEqual([]);
  });

  it("shows a wrong answer's expected and actual output side by side, the difference marked", async () => {
    const { page, playground, errors } = await suite.open();
    await playground.pickLanguage("python");
    // Right for small sums, wrong past 9 (prints the sum's last digit), and crashes on no input.
    await playground.setCode(
      "a, b = map(int, input().split())\nprint('sum')\nprint((a + b) % 10)\n",
    );
    await playground.openTests();
    for (const test of SUM_TESTS) await playground.addTest(test.stdin, test.expected);
    await playground.addTest("", "sum\n0\n");

    expect(await playground.runTests()).toBe("wrong_answer");
    expect(await playground.testVerdicts()).toEqual([
      "accepted",
      "wrong_answer",
      "accepted",
      "runtime_error",
    ]);
    expect(await page.locator("#tests-verdict").textContent()).toBe("Wrong answer · 2/4");
    expect(await playground.statusLine()).toContain("Wrong answer");

    // A test not yet judged, or accepted, shows no comparison until opened.
    const failing = page.locator("#test-list > li").nth(1);
    const toggle = failing.locator(".test-case-toggle");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    const table = failing.locator(".comparison-table");
    await table.waitFor();
    const rows = await table
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    expect(rows).toEqual([
      ["1", "sum", "sum"],
      ["2", "42", "2"],
    ]);
    const differing = table.locator("tr[data-first-difference]");
    expect(await differing.locator("th").textContent()).toBe("2");
    // Marked from the first character where the lines part: "42" vs "2" part at once.
    expect(await differing.locator("mark").allTextContents()).toEqual(["42", "2"]);
    const marked = await differing
      .locator("mark")
      .first()
      .evaluate((mark) => getComputedStyle(mark).backgroundColor);
    expect(marked).not.toBe("rgba(0, 0, 0, 0)");
    await page.screenshot({ path: join(OUTPUT_DIR, "tests-tab-wrong-answer.png") });

    // The crash shows its stderr under the comparison; Enter on the toggle opens it too.
    const crashed = page.locator("#test-list > li").nth(3);
    await crashed.locator(".test-case-toggle").focus();
    await page.keyboard.press("Enter");
    expect(await crashed.locator(".comparison-stderr").textContent()).toMatch(/EOFError/);

    // Editing a test makes its verdict stale; fixing the program makes every test pass.
    await page.getByLabel("Test 4 expected output", { exact: true }).fill("");
    expect((await playground.testVerdicts())[3]).toBe("idle");
    expect(await page.locator("#tests-verdict").isHidden()).toBe(true);
    await page.getByLabel("Test 4 input", { exact: true }).fill("0 0\n");
    await page.getByLabel("Test 4 expected output", { exact: true }).fill("sum\n0\n");
    await playground.setCode("a, b = map(int, input().split())\nprint('sum')\nprint(a + b)\n");
    expect(await playground.runTests()).toBe("accepted");
    expect(await playground.testVerdicts()).toEqual(Array(4).fill("accepted"));
    expect(errors).toEqual([]);
  });

  it("Stop ends the tests, and the page runs again", async () => {
    const { page, playground } = await suite.open();
    await playground.pickLanguage("python");
    await playground.setCode("import time\ntime.sleep(60)\n");
    await playground.openTests();
    await playground.addTest("", "never\n");
    await playground.addTest("", "never\n");
    await page.getByRole("button", { name: "Run tests" }).click();
    await page.locator('#run-tests-button[aria-busy="true"]').waitFor();
    expect(await playground.testVerdicts()).toEqual(["pending", "pending"]);
    await page.getByRole("button", { name: "Stop" }).click();
    await page.locator('#run-badge[data-status="stopped"]').waitFor({ timeout: 15_000 });
    await page.locator('#run-tests-button[aria-busy="false"]').waitFor();
    expect(await playground.testVerdicts()).toEqual(["idle", "idle"]);
    expect(await page.locator("#tests-verdict").isHidden()).toBe(true);
    expect(await page.locator("#stop-button").isDisabled()).toBe(true);
    expect(await page.locator("#run-tests-button").isEnabled()).toBe(true);
    // The tests are editable again, and a plain run goes.
    expect(await page.getByLabel("Test 1 input", { exact: true }).isEditable()).toBe(true);
    await playground.setCode("print('after stop')\n");
    expect(await playground.run()).toBe("ok");
    expect(await playground.stdout()).toBe("after stop\n");
  });

  it("keeps the tests across a reload, and carries them in a share link", async () => {
    const { page, playground } = await suite.open();
    await playground.pickLanguage("python");
    await playground.setCode("a, b = map(int, input().split())\nprint('sum')\nprint(a + b)\n");
    await playground.openTests();
    for (const test of SUM_TESTS) await playground.addTest(test.stdin, test.expected);
    // Delete the second test: the others move up and are named by their new place.
    await page.getByRole("button", { name: "Delete Test 2" }).click();
    const kept = [SUM_TESTS[0], SUM_TESTS[2]];
    expect(await playground.testCases()).toEqual(kept);
    expect(await page.getByLabel("Test 2 input", { exact: true }).inputValue()).toBe("-5 5\n");

    await page.reload();
    await playground.ready();
    // The Tests tab is still the one shown, with its tests.
    expect(await page.getByRole("tab", { name: /^Tests/ }).getAttribute("aria-selected")).toBe(
      "true",
    );
    expect(await playground.testCases()).toEqual(kept);

    await page.getByRole("button", { name: "Share" }).click();
    const shareField = page.getByLabel("Share link");
    await expect.poll(() => shareField.inputValue()).toMatch(/#code=[A-Za-z0-9_-]+$/);
    const link = await shareField.inputValue();

    // A fresh browser context: nothing in its storage, only the link.
    const other = await suite.open(DESKTOP, link);
    await other.playground.openTests();
    expect(await other.playground.testCases()).toEqual(kept);
    expect(await other.playground.runTests()).toBe("accepted");
    expect(await other.playground.testVerdicts()).toEqual(["accepted", "accepted"]);
  });

  it("is keyboard-usable: arrow keys switch tabs, tests are added, edited and deleted by keys", async () => {
    const { page, playground } = await suite.open();
    const inputTab = page.getByRole("tab", { name: "Input" });
    await inputTab.focus();
    await page.keyboard.press("ArrowRight");
    const testsTab = page.getByRole("tab", { name: /^Tests/ });
    expect(await testsTab.getAttribute("aria-selected")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tests-tab");
    expect(await page.getByRole("tabpanel", { name: "Test cases" }).isVisible()).toBe(true);
    expect(await page.getByLabel("Input", { exact: true }).isHidden()).toBe(true);
    expect(await page.getByLabel("Interactive").isHidden()).toBe(true);

    // Tab reaches Add test; Enter adds a test and puts the cursor in its input.
    await page.getByRole("button", { name: "Add test" }).focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Test 1 input",
    );
    await page.keyboard.type("7 8");
    await page.keyboard.press("Tab");
    await page.keyboard.type("sum\n15");
    expect(await playground.testCases()).toEqual([{ stdin: "7 8", expected: "sum\n15" }]);
    await page.getByRole("button", { name: "Delete Test 1" }).focus();
    await page.keyboard.press("Enter");
    expect(await playground.testCases()).toEqual([]);
    // Focus lands on Add test, not on the page's body.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("add-test-button");

    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Home");
    expect(await inputTab.getAttribute("aria-selected")).toBe("true");
  });

  it("fits a phone and both themes", async () => {
    for (const [viewport, theme] of [
      [DESKTOP, "github-light"],
      [PHONE, "dracula"],
    ] as const) {
      const { page, playground } = await suite.open(viewport);
      await page.getByLabel("Theme").selectOption(theme);
      await playground.pickLanguage("python");
      await playground.setCode("print('sum')\nprint(sum(map(int, input().split())) + 1)\n");
      await playground.openTests();
      for (const test of SUM_TESTS.slice(0, 2)) await playground.addTest(test.stdin, test.expected);
      expect(await playground.runTests()).toBe("wrong_answer");
      await page.locator("#test-list > li").first().locator(".test-case-toggle").click();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // Every control of the Tests tab's header is whole inside its pane (none clipped away).
      const pane = await page.locator(".pane-stdin").boundingBox();
      for (const control of ["#tests-verdict", "#add-test-button", "#run-tests-button"]) {
        const box = await page.locator(control).boundingBox();
        if (!pane || !box) throw new Error(`${control} or its pane is not visible`);
        expect(box.x, control).toBeGreaterThanOrEqual(pane.x);
        expect(box.x + box.width, control).toBeLessThanOrEqual(pane.x + pane.width);
      }
      const name = viewport === PHONE ? "phone" : "desktop";
      await page.screenshot({
        path: join(OUTPUT_DIR, `tests-tab-${theme}-${name}.png`),
        fullPage: viewport === PHONE,
        animations: "disabled",
      });
    }
  });
});
