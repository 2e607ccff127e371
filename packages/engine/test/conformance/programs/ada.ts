import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "with Ada.Command_Line; use Ada.Command_Line;",
    "with Ada.Text_IO; use Ada.Text_IO;",
    "",
    "procedure Main is",
    "begin",
    '   Put_Line ("hello");',
    "   while not End_Of_File loop",
    "      Put_Line (Get_Line);",
    "   end loop;",
    "   for I in 1 .. Argument_Count loop",
    "      if I > 1 then",
    '         Put (" ");',
    "      end if;",
    "      Put (Argument (I));",
    "   end loop;",
    "   New_Line;",
    "end Main;",
  ].join("\n"),
  exit3: [
    "with Ada.Command_Line;",
    "",
    "procedure Main is",
    "begin",
    "   Ada.Command_Line.Set_Exit_Status (3);",
    "end Main;",
  ].join("\n"),
  loop: ["procedure Main is", "begin", "   loop", "      null;", "   end loop;", "end Main;"].join(
    "\n",
  ),
  compileError: ["procedure Main is", "begin", "   Undefined_Name := 1;", "end Main;"].join("\n"),
  compileMessage: /undefined|error/,
};
