import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "import System.Environment (getArgs)",
    "",
    "main :: IO ()",
    "main = do",
    '  putStrLn "hello"',
    "  getContents >>= putStr",
    "  getArgs >>= putStrLn . unwords",
  ].join("\n"),
  exit3: ["import System.Exit", "", "main :: IO ()", "main = exitWith (ExitFailure 3)"].join("\n"),
  loop: ["import Control.Monad (forever)", "", "main :: IO ()", "main = forever (return ())"].join(
    "\n",
  ),
  compileError: ["main :: IO ()", "main = putStrLn (1 :: Int)"].join("\n"),
};
