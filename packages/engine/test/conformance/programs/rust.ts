import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "use std::io::{self, Read};",
    "",
    "fn main() {",
    '    println!("hello");',
    "    let mut input = String::new();",
    "    io::stdin().read_to_string(&mut input).unwrap();",
    '    print!("{}", input);',
    "    let args: Vec<String> = std::env::args().skip(1).collect();",
    '    println!("{}", args.join(" "));',
    "}",
  ].join("\n"),
  exit3: ["fn main() {", "    std::process::exit(3);", "}"].join("\n"),
  loop: ["fn main() {", "    loop {}", "}"].join("\n"),
  compileError: ["fn main() {", '    let x: i32 = "text";', "}"].join("\n"),
  compileMessage: /error\[E0308\]/,
};
