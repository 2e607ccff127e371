import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DESKTOP, PHONE } from "./support/browser.js";
import { OUTPUT_DIR } from "./support/environment.js";
import { PlaygroundPage } from "./support/playground-page.js";
import { usePlaygroundSuite } from "./support/playground-suite.js";

/** The five core languages, whose starter programs every run of this suite executes. */
const CORE_LANGUAGES = ["python", "javascript", "java", "c", "cpp"];

const suite = usePlaygroundSuite({
  languages: CORE_LANGUAGES,
  // The suite runs dozens of programs from one address in a few minutes.
  rateLimitPerMinute: 0,
});

describe("the playground in Chromium", () => {
  it("lists the server's languages and runs each core starter program with stdin", async () => {
    const { page, playground, errors } = await suite.open();
    const listed = await page.$$eval("#language-select option", (options) =>
      options.map((option) => (option as HTMLOptionElement).value),
    );
    const served = (await (await fetch(`${suite.server.url}/v1/languages`)).json()) as {
      id: string;
      starter: string;
    }[];
    expect(listed).toEqual(served.map((language) => language.id));

    for (const language of CORE_LANGUAGES) {
      await playground.pickLanguage(language);
      const starter = served.find((item) => item.id === language)?.starter ?? "";
      expect((await playground.code()).trim()).toBe(starter.trim());
      // Highlighted: the editor's lines hold styled token spans, not bare text.
      expect(await page.locator(".cm-content .cm-line span").count()).toBeGreaterThan(0);

      // One word: the C and C++ starters read a word with scanf("%s").
      await playground.setStdin(`Ada_${language}\n`);
      const status = await playground.run();
      expect(status, `${language}: ${await playground.outputText()}`).toBe("ok");
      expect(await playground.stdout()).toContain(`Hello, Ada_${language}!`);
      const statusLine = await playground.statusLine();
      expect(statusLine).toMatch(/Success/);
      expect(statusLine).toMatch(/Wall \d/);
      expect(statusLine).toMatch(/CPU \d/);
      expect(statusLine).toMatch(/Memory [\d.]+ (B|KB|MB)/);
      if (language === "java" || language === "c" || language === "cpp") {
        await expect
          .poll(() => page.locator("#compile-summary").textContent())
          .toMatch(/Compiled in/);
      } else {
        expect(await page.locator("#compile-output").isHidden()).toBe(true);
      }
    }
    expect(errors).toEqual([]);
  });

  it("streams stdout and stderr as they arrive, stderr in its own colour", async () => {
    const { page, playground } = await suite.open();
    await playground.pickLanguage("python");
    await playground.setCode(
      [
        "import sys, time",
        "print('first', flush=True)",
        "time.sleep(1.5)",
        "print('oops', file=sys.stderr, flush=True)",
        "print('last')",
        "sys.exit(3)",
      ].join("\n"),
    );
    // Ctrl/Cmd+Enter in the editor runs (and inserts no blank line, CodeMirror's own binding).
    const code = await playground.code();
    await page.locator(".cm-content").focus();
    await page.keyboard.press("ControlOrMeta+Enter");
    // The first line shows while the program still sleeps.
    await expect.poll(() => playground.stdout(), { timeout: 10_000 }).toContain("first");
    expect(await page.locator("#run-button").getAttribute("aria-busy")).toBe("true");
    expect(await page.locator("#stop-button").isEnabled()).toBe(true);
    expect(await playground.finished()).toBe("runtime_error");
    expect(await playground.code()).toBe(code);
    expect(await playground.stdout()).toBe("first\nlast\n");
    expect(await playground.stderr()).toBe("oops\n");
    const colours = await page.evaluate(() => ({
      stdout: getComputedStyle(document.querySelector("#output .out-stdout") as Element).color,
      stderr: getComputedStyle(document.querySelector("#output .out-stderr") as Element).color,
    }));
    expect(colours.stderr).not.toBe(colours.stdout);
    expect(await playground.outputText()).toContain("exited with code 3");
    expect(await playground.statusLine()).toContain("Runtime error");
  });

  it("shows a C compile error apart from the run", async () => {
    const { page, playground } = await suite.open();
    await playground.pickLanguage("c");
    await playground.setCode(
      '#include <stdio.h>\nint main(void) {\n    printf("hi\\n")\n    return 0;\n}\n',
    );
    expect(await playground.run()).toBe("compile_error");
    const compile = page.locator("#compile-output");
    expect(await compile.isVisible()).toBe(true);
    expect(await page.locator("#compile-summary").textContent()).toMatch(/Compilation failed/);
    expect(await page.locator("#compile-text").textContent()).toMatch(/error/);
    expect(await playground.stdout()).toBe("");
    expect(await playground.statusLine()).toContain("Compilation error");
  });

  it("reports a program that runs past its time limit", async () => {
    const { playground } = await suite.open();
    await playground.pickLanguage("python");
    await playground.setCode("while True:\n    pass\n");
    expect(await playground.run({ timeout: 60_000 })).toBe("timeout");
    expect(await playground.statusLine()).toContain("Time limit exceeded");
  });

  it("Stop ends an infinite loop, streamed or interactive, and the next run works", async () => {
    const { page, playground } = await suite.open();
    await playground.pickLanguage("python");
    await playground.setCode(
      "import time\ni = 0\nwhile True:\n    print('tick', i, flush=True)\n    i += 1\n    time.sleep(0.1)\n",
    );
    for (const interactive of [false, true]) {
      await page.getByLabel("Interactive").setChecked(interactive);
      await page.getByRole("button", { name: /^Run/ }).click();
      await expect.poll(() => playground.stdout(), { timeout: 15_000 }).toContain("tick 3");
      const started = Date.now();
      await page.getByRole("button", { name: "Stop" }).click();
      expect(await playground.finished(10_000)).toBe("stopped");
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await page.locator("#stop-button").isDisabled()).toBe(true);
      expect(await page.locator("#run-button").isEnabled()).toBe(true);
    }
    await page.getByLabel("Interactive").setChecked(false);
    await playground.setCode("print('after stop')\n");
    expect(await playground.run()).toBe("ok");
    expect(await playground.stdout()).toBe("after stop\n");
  });

  it("answers a Python input() loop from the page over the WebSocket", async () => {
    const { page, playground, errors } = await suite.open();
    await playground.pickLanguage("python");
    await playground.setCode(
      [
        "while True:",
        "    try:",
        '        line = input("> ")',
        "    except EOFError:",
        "        break",
        '    print("echo:", line.upper())',
        'print("bye")',
      ].join("\n"),
    );
    await playground.setStdin("");
    await page.getByLabel("Interactive").check();
    await page.keyboard.press("ControlOrMeta+Enter");
    const line = page.getByLabel(/Type a line for the running program/);
    await line.waitFor();
    await expect.poll(() => playground.stdout(), { timeout: 15_000 }).toBe("> ");
    await line.fill("hello");
    await line.press("Enter");
    await expect.poll(() => playground.stdout(), { timeout: 10_000 }).toContain("echo: HELLO");
    await line.fill("warm box");
    await line.press("Enter");
    await expect.poll(() => playground.stdout(), { timeout: 10_000 }).toContain("echo: WARM BOX");
    // What was typed is echoed in the output, in its own style.
    expect(await page.locator("#output .out-stdin").first().textContent()).toBe("hello\n");
    await page.screenshot({
      path: join(OUTPUT_DIR, "playground-dracula-interactive.png"),
      animations: "disabled",
    });
    await page.getByRole("button", { name: "EOF" }).click();
    expect(await playground.finished()).toBe("ok");
    expect(await playground.stdout()).toBe("> echo: HELLO\n> echo: WARM BOX\n> bye\n");
    expect(await line.isHidden()).toBe(true);
    // The page runs under its Content-Security-Policy, WebSocket included, with no violation.
    const served = await fetch(`${suite.server.url}/`);
    expect(served.headers.get("content-security-policy")).toMatch(/script-src 'self'(;|$)/);
    expect(served.headers.get("content-security-policy")).toMatch(/connect-src 'self'/);
    expect(errors).toEqual([]);
  });

  it("remembers the theme across reloads, and the whole page follows it", async () => {
    const { page } = await suite.open();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dracula");
    const darkBackground = await page.evaluate(
      () => getComputedStyle(document.body).backgroundColor,
    );
    const themes = await page.$$eval("#theme-select option", (options) =>
      options.map((option) => (option as HTMLOptionElement).value),
    );
    expect(themes.length).toBeGreaterThanOrEqual(4);
    expect(themes).toContain("github-light");

    await page.getByLabel("Theme").selectOption("github-light");
    const look = () =>
      page.evaluate(() => ({
        theme: document.documentElement.dataset.theme,
        body: getComputedStyle(document.body).backgroundColor,
        header: getComputedStyle(document.querySelector(".topbar") as Element).backgroundColor,
        editor: getComputedStyle(document.querySelector(".cm-editor") as Element).backgroundColor,
        output: getComputedStyle(document.querySelector(".output-body") as Element).backgroundColor,
      }));
    const light = await look();
    expect(light.theme).toBe("github-light");
    expect(light.body).not.toBe(darkBackground);
    expect(light.editor).toBe("rgb(255, 255, 255)");
    expect(light.output).toBe("rgb(255, 255, 255)");

    await page.reload();
    await new PlaygroundPage(page).ready();
    expect(await look()).toEqual(light);
    expect(await page.getByLabel("Theme").inputValue()).toBe("github-light");
  });

  it("keeps the code, language and stdin across a reload", async () => {
    const { page, playground } = await suite.open();
    await playground.pickLanguage("javascript");
    await playground.setCode('console.log("kept across reloads");');
    await playground.setStdin("some input");
    await page.reload();
    await playground.ready();
    expect(await page.getByLabel("Language").inputValue()).toBe("javascript");
    expect(await playground.code()).toBe('console.log("kept across reloads");');
    expect(await page.getByLabel("Input", { exact: true }).inputValue()).toBe("some input");
  });

  it("makes a share link that reopens the same code, language and stdin elsewhere", async () => {
    const { page, playground } = await suite.open();
    await playground.pickLanguage("cpp");
    const code =
      '#include <iostream>\nint main() {\n    std::cout << "shared ünïcode ✓" << std::endl;\n}';
    await playground.setCode(code);
    await playground.setStdin("line one\nline two\n");
    await page.getByRole("button", { name: "Share" }).click();
    const shareField = page.getByLabel("Share link");
    await expect.poll(() => shareField.inputValue()).toMatch(/#code=[A-Za-z0-9_-]+$/);
    const link = await shareField.inputValue();
    expect(link.length).toBeLessThan(600);

    // A fresh browser context: nothing in its storage, only the link.
    const other = await suite.open(DESKTOP, link);
    expect(await other.page.getByLabel("Language").inputValue()).toBe("cpp");
    expect(await other.playground.code()).toBe(code);
    expect(await other.page.getByLabel("Input", { exact: true }).inputValue()).toBe(
      "line one\nline two\n",
    );
    expect(await other.playground.run()).toBe("ok");
    expect(await other.playground.stdout()).toBe("shared ünïcode ✓\n");
    // Until it is edited, the shared program stays in the address bar and survives a reload.
    await other.page.reload();
    await other.playground.ready();
    expect(await other.playground.code()).toBe(code);
  });

  it("says plainly when the server answers 503 or 429, or cannot be reached", async () => {
    const { page, context, playground } = await suite.open();
    await playground.pickLanguage("python");
    const refuse = (status: number, code: string) =>
      page.route("**/v1/execute", (route) =>
        route.fulfill({
          status,
          headers: { "content-type": "application/json", "retry-after": "7" },
          body: JSON.stringify({ error: { code, message: "refused by the test" } }),
        }),
      );

    await refuse(503, "overloaded");
    expect(await playground.run()).toBe("error");
    expect(await page.locator("#output .out-error").textContent()).toMatch(/busy[\s\S]*7 seconds/);
    expect(await playground.statusLine()).toContain("Server busy");
    await page.unroute("**/v1/execute");

    await refuse(503, "unavailable");
    expect(await playground.run()).toBe("error");
    expect(await page.locator("#output .out-error").textContent()).toMatch(
      /shutting down[\s\S]*7 seconds/,
    );
    expect(await playground.statusLine()).toContain("Unavailable");
    await page.unroute("**/v1/execute");

    await refuse(429, "rate_limited");
    expect(await playground.run()).toBe("error");
    expect(await page.locator("#output .out-error").textContent()).toMatch(
      /too quickly[\s\S]*7 seconds/,
    );
    await page.unroute("**/v1/execute");

    await context.setOffline(true);
    expect(await playground.run()).toBe("error");
    expect(await page.locator("#output .out-error").textContent()).toMatch(
      /Can't reach the Warmbox server/,
    );
    await page.getByLabel("Interactive").check();
    expect(await playground.run()).toBe("error");
    expect(await page.locator("#output .out-error").textContent()).toMatch(
      /Can't reach the Warmbox server/,
    );
    await context.setOffline(false);

    await page.getByLabel("Interactive").uncheck();
    expect(await playground.run()).toBe("ok");
  });

  it("says so when the language list cannot be loaded, and recovers on Retry", async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP });
    suite.track(context);
    const page = await context.newPage();
    await page.route("**/v1/languages", (route) => route.abort("connectionrefused"));
    await page.goto(`${suite.server.url}/`);
    const banner = page.locator("#banner");
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Couldn't load the list of languages/);
    expect(await page.locator("#run-button").isDisabled()).toBe(true);
    await page.unroute("**/v1/languages");
    await page.getByRole("button", { name: "Retry" }).click();
    await new PlaygroundPage(page).ready();
    expect(await banner.isHidden()).toBe(true);
  });

  it("is keyboard-usable, with labelled controls and visible focus", async () => {
    const { page } = await suite.open();
    for (const name of ["Language", "Theme", "Input", "Interactive"]) {
      expect(await page.getByLabel(name, { exact: true }).count(), name).toBe(1);
    }
    for (const name of [/^Run/, /^Stop/, /^Share/, /^Reset/, /^Clear/, /^Copy/]) {
      expect(await page.getByRole("button", { name }).count(), String(name)).toBe(1);
    }
    expect(await page.getByRole("textbox", { name: /Code editor/ }).count()).toBe(1);
    expect(await page.getByRole("log", { name: "Program output" }).count()).toBe(1);

    // Tab from the top of the page reaches the language selector, with a visible outline.
    await page.keyboard.press("Tab"); // skip link
    await page.keyboard.press("Tab"); // brand link
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return { id: element.id, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focused.id).toBe("language-select");
    expect(focused.outline).not.toBe("none");
    expect(focused.width).not.toBe("0px");
  });

  it("stacks the panes on a phone-sized screen", async () => {
    const { page, playground } = await suite.open(PHONE);
    const box = async (selector: string) => {
      const found = await page.locator(selector).boundingBox();
      if (!found) throw new Error(`${selector} is not visible`);
      return found;
    };
    const editor = await box(".pane-editor");
    const stdin = await box(".pane-stdin");
    const output = await box(".pane-output");
    expect(stdin.y).toBeGreaterThanOrEqual(editor.y + editor.height);
    expect(output.y).toBeGreaterThanOrEqual(stdin.y + stdin.height);
    for (const pane of [editor, stdin, output]) expect(pane.width).toBeLessThanOrEqual(PHONE.width);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await playground.run()).toBe("ok");
  });

  it("looks finished: screenshots in Dracula and the light theme, desktop and phone", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      for (const theme of ["dracula", "github-light"]) {
        const { page, playground } = await suite.open(viewport);
        await page.getByLabel("Theme").selectOption(theme);
        await playground.pickLanguage("python");
        await playground.setStdin("Warmbox\n");
        expect(await playground.run()).toBe("ok");
        const name = viewport === PHONE ? "phone" : "desktop";
        await page.screenshot({
          path: join(OUTPUT_DIR, `playground-${theme}-${name}.png`),
          fullPage: viewport === PHONE,
          animations: "disabled",
        });
      }
    }
    // A compiled language with a compile error, to see that pane too.
    const { page, playground } = await suite.open();
    await playground.pickLanguage("java");
    await playground.setCode(
      'public class Main {\n    public static void main(String[] args) {\n        System.out.println("hi")\n    }\n}\n',
    );
    expect(await playground.run()).toBe("compile_error");
    await page.screenshot({
      path: join(OUTPUT_DIR, "playground-dracula-compile-error.png"),
      animations: "disabled",
    });
  });
});
