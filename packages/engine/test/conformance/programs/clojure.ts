import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    '(println "hello")',
    "(print (slurp *in*))",
    '(println (clojure.string/join " " *command-line-args*))',
    "(flush)",
  ].join("\n"),
  exit3: ["(System/exit 3)"].join("\n"),
  loop: ["(loop [] (recur))"].join("\n"),
};
