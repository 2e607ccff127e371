import type { Page } from "playwright-core";

/**
 * How the tests drive the playground: through its labelled controls, as a person with a keyboard
 * and a mouse would.
 */
export class PlaygroundPage {
  constructor(readonly page: Page) {}

  /** Waits until the server's languages are in the selector and the Run button is live. */
  async ready(): Promise<void> {
    await this.page.locator("#run-button:not([disabled])").waitFor({ timeout: 30_000 });
  }

  async pickLanguage(id: string): Promise<void> {
    await this.page.getByLabel("Language").selectOption(id);
    await this.page.locator("#file-name").waitFor();
  }

  /** Replaces the code in the editor by typing it (select all, then insert). */
  async setCode(code: string): Promise<void> {
    await this.page.locator(".cm-content").click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Delete");
    await this.page.keyboard.insertText(code);
  }

  /** The text in the editor. */
  code(): Promise<string> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll(".cm-content .cm-line")]
        .map((line) => line.textContent ?? "")
        .join("\n"),
    );
  }

  async setStdin(text: string): Promise<void> {
    await this.page.getByLabel("Input", { exact: true }).fill(text);
  }

  /** Clicks Run and waits until the run has ended (the badge shows its outcome). */
  async run(options: { timeout?: number } = {}): Promise<string> {
    // Exact: the Tests tab, when open, has a "Run tests" button too.
    await this.page.getByRole("button", { name: "Run", exact: true }).click();
    return this.finished(options.timeout);
  }

  /** Waits for the outcome badge of the current run and returns its status. */
  async finished(timeout = 60_000): Promise<string> {
    await this.page.locator('#run-button[aria-busy="false"]').waitFor({ timeout });
    const badge = this.page.locator("#run-badge");
    await badge.waitFor({ timeout });
    return (await badge.getAttribute("data-status")) ?? "";
  }

  stdout(): Promise<string> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll("#output .out-stdout")]
        .map((node) => node.textContent)
        .join(""),
    );
  }

  stderr(): Promise<string> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll("#output .out-stderr")]
        .map((node) => node.textContent)
        .join(""),
    );
  }

  /** Everything the output pane shows, notes and errors included. */
  async outputText(): Promise<string> {
    return (await this.page.locator("#output").textContent()) ?? "";
  }

  async statusLine(): Promise<string> {
    return (await this.page.locator("#status-line").textContent()) ?? "";
  }

  /** Shows the Tests tab. */
  async openTests(): Promise<void> {
    await this.page.getByRole("tab", { name: /^Tests/ }).click();
  }

  /** Adds a test case through the Tests tab's controls (the tab must be open). */
  async addTest(stdin: string, expected: string): Promise<void> {
    await this.page.getByRole("button", { name: "Add test" }).click();
    const number = await this.page.locator("#test-list > li").count();
    await this.page.getByLabel(`Test ${number} input`, { exact: true }).fill(stdin);
    await this.page.getByLabel(`Test ${number} expected output`, { exact: true }).fill(expected);
  }

  /** Clicks "Run tests" and waits for the overall verdict, which it returns. */
  async runTests(timeout = 90_000): Promise<string> {
    await this.page.getByRole("button", { name: "Run tests" }).click();
    const verdict = this.page.locator("#tests-verdict[data-verdict]");
    await verdict.waitFor({ timeout });
    await this.page.locator('#run-tests-button[aria-busy="false"]').waitFor({ timeout });
    return (await verdict.getAttribute("data-verdict")) ?? "";
  }

  /** Each test case's verdict, in order ("idle" for one not run). */
  testVerdicts(): Promise<string[]> {
    return this.page.$$eval("#test-list > li", (items) =>
      items.map((item) => (item as HTMLElement).dataset.verdict ?? ""),
    );
  }

  /** Each test case's input and expected output, in order. */
  testCases(): Promise<{ stdin: string; expected: string }[]> {
    return this.page.$$eval("#test-list > li", (items) =>
      items.map((item) => ({
        stdin: (item.querySelector(".test-stdin") as HTMLTextAreaElement).value,
        expected: (item.querySelector(".test-expected") as HTMLTextAreaElement).value,
      })),
    );
  }
}
