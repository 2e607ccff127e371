import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "create buffer 4096 allot",
    ": echo-stdin ( -- )",
    "  begin buffer 4096 stdin read-line throw while buffer swap type cr repeat drop ;",
    ": echo-args ( -- )",
    "  next-arg dup if type begin next-arg dup while space type repeat then 2drop cr ;",
    ".( hello) cr",
    "echo-stdin echo-args bye",
  ].join("\n"),
  exit3: ["3 (bye)"].join("\n"),
  loop: [": forever begin again ;", "forever"].join("\n"),
};
