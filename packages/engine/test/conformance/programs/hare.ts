import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "use fmt;",
    "use io;",
    "use os;",
    "use strings;",
    "",
    "export fn main() void = {",
    '\tfmt::println("hello")!;',
    "\tio::copy(os::stdout, os::stdin)!;",
    '\tconst args = strings::join(" ", os::args[1..]...);',
    "\tdefer free(args);",
    "\tfmt::println(args)!;",
    "};",
  ].join("\n"),
  exit3: ["use os;", "", "export fn main() void = {", "\tos::exit(3);", "};"].join("\n"),
  loop: ["export fn main() void = {", "\tfor (true) {", "\t\tvoid;", "\t};", "};"].join("\n"),
  compileError: ["export fn main() void = {", '\tlet x: int = "text";', "};"].join("\n"),
};
