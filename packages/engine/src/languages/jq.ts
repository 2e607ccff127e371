import type { LanguageSpecInput } from "./language-spec.js";

export const jq: LanguageSpecInput = {
  id: "jq",
  name: "jq",
  aliases: [],
  image: "small-interpreters",
  defaultFile: "main.jq",
  run: { command: ["jq", "-R", "-s", "-j", "-f", "{entry}", "--args", "--"] },
  starter: [
    "# The program reads all of stdin as one string (.) and prints raw strings.",
    '"What is your name? Hello, " + (split("\\n")[0]) + "!\\n"',
    "",
  ].join("\n"),
  highlight: null,
};
