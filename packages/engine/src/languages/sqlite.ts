import type { LanguageSpecInput } from "./language-spec.js";

export const sqlite: LanguageSpecInput = {
  id: "sqlite",
  name: "SQL (SQLite)",
  aliases: ["sql", "sqlite3"],
  image: "scripting",
  defaultFile: "main.sql",
  // A fresh in-memory database; the arguments are in the table args(i, value), and `.import '|cat -' t` reads stdin.
  run: { command: ["sqlite-run", "{entry}"] },
  starter: [
    "-- stdin becomes the table input(line), one row per line",
    "CREATE TABLE input(line TEXT);",
    ".import '|cat -' input",
    "SELECT 'Hello, ' || line || '!' FROM input LIMIT 1;",
    "",
  ].join("\n"),
  highlight: "sqlite",
};
