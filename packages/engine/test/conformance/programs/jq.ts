import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: ['"hello\\n" + . + ($ARGS.positional | join(" ")) + "\\n"'].join("\n"),
  exit3: ['"" | halt_error(3)'].join("\n"),
  loop: ["reduce range(1e18) as $i (0; .)"].join("\n"),
};
