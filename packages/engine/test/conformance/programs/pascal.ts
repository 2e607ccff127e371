import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "{$H+}",
    "program Echo;",
    "var",
    "  line: string;",
    "  i: Integer;",
    "begin",
    "  WriteLn('hello');",
    "  while not Eof(Input) do",
    "  begin",
    "    ReadLn(line);",
    "    WriteLn(line);",
    "  end;",
    "  for i := 1 to ParamCount do",
    "  begin",
    "    if i > 1 then Write(' ');",
    "    Write(ParamStr(i));",
    "  end;",
    "  WriteLn;",
    "end.",
  ].join("\n"),
  exit3: ["program Fail;", "begin", "  Halt(3);", "end."].join("\n"),
  loop: ["program Forever;", "begin", "  while True do ;", "end."].join("\n"),
  compileError: ["program Broken;", "begin", "  UndefinedName := 1;", "end."].join("\n"),
  compileMessage: /Error/,
};
