import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    '(print "hello")',
    '(file/write stdout (or (file/read stdin :all) ""))',
    '(print (string/join (slice (dyn :args) 1) " "))',
  ].join("\n"),
  exit3: "(os/exit 3)",
  loop: "(while true)",
};
