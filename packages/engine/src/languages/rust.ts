import type { LanguageSpecInput } from "./language-spec.js";

export const rust: LanguageSpecInput = {
  id: "rust",
  name: "Rust",
  aliases: ["rs", "rustc"],
  image: "rust",
  defaultFile: "main.rs",
  sourceExtensions: [".rs"],
  // rustc compiles the crate root; other files are modules it finds itself.
  compile: { command: ["rustc", "--edition", "2021", "-O", "-o", "main", "{entry}"] },
  run: { command: ["./main"] },
  compileLimits: { memoryMb: 512 },
  starter: [
    "use std::io::{self, Write};",
    "",
    "fn main() {",
    '    print!("What is your name? ");',
    "    io::stdout().flush().unwrap();",
    "    let mut name = String::new();",
    "    io::stdin().read_line(&mut name).unwrap();",
    '    println!("Hello, {}!", name.trim());',
    "}",
    "",
  ].join("\n"),
  highlight: "rust",
};
