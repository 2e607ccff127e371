import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "class Main {",
    "    static function main() {",
    '        Sys.stdout().writeString("hello\\n");',
    "        Sys.stdout().write(Sys.stdin().readAll());",
    '        Sys.stdout().writeString(Sys.args().join(" ") + "\\n");',
    "    }",
    "}",
  ].join("\n"),
  exit3: [
    "class Main {",
    "    static function main() {",
    "        Sys.exit(3);",
    "    }",
    "}",
  ].join("\n"),
  loop: [
    "class Main {",
    "    static function main() {",
    "        while (true) {}",
    "    }",
    "}",
  ].join("\n"),
};
