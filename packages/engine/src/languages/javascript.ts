import type { LanguageSpecInput } from "./language-spec.js";

/** Node.js 18, as Debian bookworm ships it. */
export const javascript: LanguageSpecInput = {
  id: "javascript",
  version: "18",
  name: "JavaScript (Node.js)",
  aliases: ["js", "node", "nodejs"],
  image: "javascript",
  defaultFile: "main.js",
  // Starts from the image's startup snapshot, built with this V8 flag and NODE_OPTIONS
  // (images/javascript: V8 takes a snapshot only with the flags it was built with).
  run: {
    command: [
      "node",
      "--no-verify-snapshot-checksum",
      "--snapshot-blob",
      "/usr/local/lib/warmbox/node/startup.blob",
      "{entry}",
    ],
  },
  // V8 reserves far more heap than a sandbox has; keep it inside the cgroup.
  env: { NODE_OPTIONS: "--max-old-space-size=192" },
  starter: [
    'const readline = require("node:readline");',
    "const rl = readline.createInterface({ input: process.stdin });",
    'rl.question("What is your name? ", (name) => {',
    "  console.log(`Hello, ${name}!`);",
    "  rl.close();",
    "});",
    "",
  ].join("\n"),
  highlight: "javascript",
};

/** Node.js 20, as Debian trixie ships it: the same recipe built on trixie. */
export const javascript20: LanguageSpecInput = { ...javascript, version: "20", suite: "trixie" };
