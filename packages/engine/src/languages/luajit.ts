import type { LanguageSpecInput } from "./language-spec.js";

export const luajit: LanguageSpecInput = {
  id: "luajit",
  name: "LuaJIT",
  aliases: [],
  image: "small-interpreters",
  defaultFile: "main.lua",
  run: { command: ["luajit", "{entry}"] },
  starter: [
    'io.write("What is your name? ")',
    'local name = io.read("*l") or ""',
    'print("Hello, " .. name .. "!")',
    "",
  ].join("\n"),
  highlight: "lua",
};
