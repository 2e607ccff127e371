import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: ['(print "hello")', '(io.write (io.read "a"))', '(print (table.concat arg " "))'].join(
    "\n",
  ),
  exit3: ["(os.exit 3)"].join("\n"),
  loop: ["(while true nil)"].join("\n"),
};
