import type { LanguageSpecInput } from "./language-spec.js";

export const haskell: LanguageSpecInput = {
  id: "haskell",
  name: "Haskell (GHC)",
  aliases: ["hs", "ghc"],
  image: "haskell",
  defaultFile: "main.hs",
  sourceExtensions: [".hs"],
  // GHC needs memory and time to compile; the compiled program is small.
  compile: { command: ["ghc", "-O0", "-v0", "-o", "main", "{sources}"] },
  run: { command: ["./main"] },
  limits: { memoryMb: 1024, processes: 128 },
  compileLimits: { memoryMb: 1024, timeMs: 30000, cpuMs: 30000, processes: 128 },
  starter: [
    "import System.IO",
    "",
    "main :: IO ()",
    "main = do",
    '  putStr "What is your name? "',
    "  hFlush stdout",
    "  name <- getLine",
    '  putStrLn ("Hello, " ++ name ++ "!")',
    "",
  ].join("\n"),
  highlight: "haskell",
};
