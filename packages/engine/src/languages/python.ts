import type { LanguageSpecInput } from "./language-spec.js";

/** Python 3.11, as Debian bookworm ships it. */
export const python: LanguageSpecInput = {
  id: "python",
  version: "3.11",
  name: "Python",
  aliases: ["py", "python3", "py3"],
  image: "python",
  defaultFile: "main.py",
  // Unbuffered, so output streams to the page as it is printed.
  run: { command: ["python3", "-u", "{entry}"] },
  env: { PYTHONDONTWRITEBYTECODE: "1" },
  // A started CPython forks for each run (images/python/template.py); the env above is its own.
  template: true,
  starter: 'name = input("What is your name? ")\nprint(f"Hello, {name}!")\n',
  highlight: "python",
};

/** Python 3.13, as Debian trixie ships it: the same recipe (and template) built on trixie. */
export const python313: LanguageSpecInput = { ...python, version: "3.13", suite: "trixie" };
