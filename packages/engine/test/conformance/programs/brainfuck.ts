import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "Prints hello then copies stdin until its end",
    "++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++.---.+++++++..+++.-----------------------------------------------------------------------------------------------------.[-]",
    ",[.[-],]",
  ].join("\n"),
  exit3: null,
  loop: ["+[]"].join("\n"),
  seesArgs: false,
};
