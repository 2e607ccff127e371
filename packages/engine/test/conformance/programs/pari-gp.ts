import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    'print("hello");',
    'foreach(readstr("/dev/stdin"), line, print(line));',
    'print(strjoin(args, " "));',
  ].join("\n"),
  exit3: ["quit(3);"].join("\n"),
  loop: ["while(1, );"].join("\n"),
};
