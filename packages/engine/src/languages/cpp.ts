import type { LanguageSpecInput } from "./language-spec.js";

export const cpp: LanguageSpecInput = {
  id: "cpp",
  name: "C++ (GCC)",
  aliases: ["c++", "g++", "cxx"],
  image: "cpp",
  defaultFile: "main.cpp",
  sourceExtensions: [".cpp", ".cc", ".cxx", ".c++"],
  compile: {
    command: ["g++", "-O2", "-std=gnu++20", "-Wall", "-pipe", "-o", "main", "{sources}", "-lm"],
  },
  run: { command: ["./main"] },
  starter: [
    "#include <iostream>",
    "#include <string>",
    "",
    "int main() {",
    "    std::string name;",
    '    std::cout << "What is your name? ";',
    "    std::getline(std::cin, name);",
    '    std::cout << "Hello, " << name << "!" << std::endl;',
    "}",
    "",
  ].join("\n"),
  highlight: "cpp",
};
