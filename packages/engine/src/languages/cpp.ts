import type { LanguageSpecInput } from "./language-spec.js";

/** C++ with GCC 12, Debian bookworm's default G++. */
export const cpp: LanguageSpecInput = {
  id: "cpp",
  version: "12",
  name: "C++ (GCC)",
  aliases: ["c++", "g++", "cxx"],
  image: "cpp",
  defaultFile: "main.cpp",
  sourceExtensions: [".cpp", ".cc", ".cxx", ".c++"],
  compile: {
    // The image's precompiled <bits/stdc++.h> and <iostream> come first; they were built with
    // exactly these flags, so change both together (images/cpp/Dockerfile).
    command: [
      "g++",
      "-O2",
      "-std=gnu++20",
      "-Wall",
      "-pipe",
      // GCC sizes its collector's heap growth from the host's memory (100 % on a host with
      // more than 1 GiB), not the sandbox's: <iostream>'s precompiled header followed by
      // <bits/stdc++.h> then peaked above the compile stage's 256 MiB on GCC 14. 50 % keeps it
      // below with no measured cost to the other compiles (it doesn't change which PCH loads).
      "--param",
      "ggc-min-expand=50",
      "-isystem",
      "/usr/local/lib/warmbox/pch",
      "-o",
      "main",
      "{sources}",
      "-lm",
    ],
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

/** C++ with GCC 14, Debian trixie's default G++: the same recipe built on trixie. */
export const cpp14: LanguageSpecInput = { ...cpp, version: "14", suite: "trixie" };
