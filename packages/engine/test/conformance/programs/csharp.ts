import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "using System;",
    "",
    "public class Program",
    "{",
    "    public static void Main(string[] args)",
    "    {",
    '        Console.WriteLine("hello");',
    "        Console.Write(Console.In.ReadToEnd());",
    '        Console.WriteLine(string.Join(" ", args));',
    "    }",
    "}",
  ].join("\n"),
  exit3: [
    "using System;",
    "",
    "public class Program",
    "{",
    "    public static void Main() { Environment.Exit(3); }",
    "}",
  ].join("\n"),
  loop: [
    "public class Program",
    "{",
    "    public static void Main() { while (true) {} }",
    "}",
  ].join("\n"),
  compileError: [
    "public class Program",
    "{",
    '    public static void Main() { int x = "text"; }',
    "}",
  ].join("\n"),
  compileMessage: /error CS0029/,
};
