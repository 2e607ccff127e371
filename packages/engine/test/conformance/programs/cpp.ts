import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "#include <iostream>",
    "#include <iterator>",
    "#include <string>",
    "int main(int argc, char **argv) {",
    '  std::cout << "hello" << std::endl;',
    "  std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());",
    "  std::cout << all;",
    '  for (int i = 1; i < argc; i++) std::cout << (i > 1 ? " " : "") << argv[i];',
    "  std::cout << std::endl;",
    "}",
  ].join("\n"),
  exit3: ["int main() { return 3; }"].join("\n"),
  loop: ["int main() {", "  for (;;) {}", "}"].join("\n"),
  compileError: ["int main() { return undefined_name; }"].join("\n"),
};
