import type { LanguageSpecInput } from "./language-spec.js";

export const lua: LanguageSpecInput = {
  id: "lua",
  name: "Lua",
  aliases: ["lua5.4", "lua54"],
  image: "scripting",
  defaultFile: "main.lua",
  run: { command: ["lua5.4", "{entry}"] },
  starter: [
    'io.write("What is your name? ")',
    'local name = io.read("l") or ""',
    'print("Hello, " .. name .. "!")',
    "",
  ].join("\n"),
  highlight: "lua",
};
