import type { LanguageSpecInput } from "./language-spec.js";

export const pypy: LanguageSpecInput = {
  id: "pypy",
  name: "Python (PyPy)",
  aliases: ["pypy3"],
  image: "misc",
  defaultFile: "main.py",
  run: { command: ["pypy3", "-u", "{entry}"] },
  env: { PYTHONDONTWRITEBYTECODE: "1" },
  limits: { memoryMb: 512 },
  starter: ['name = input("What is your name? ")', 'print(f"Hello, {name}!")', ""].join("\n"),
  highlight: "python",
};
