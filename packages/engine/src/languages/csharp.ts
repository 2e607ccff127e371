import type { LanguageSpecInput } from "./language-spec.js";

export const csharp: LanguageSpecInput = {
  id: "csharp",
  name: "C# (Mono)",
  aliases: ["cs", "c#", "mono", "mcs"],
  image: "csharp",
  defaultFile: "main.cs",
  sourceExtensions: [".cs"],
  compile: { command: ["mcs", "-out:main.exe", "{sources}"] },
  run: { command: ["mono", "main.exe"] },
  limits: { processes: 128 },
  compileLimits: { processes: 128 },
  starter: [
    "using System;",
    "",
    "public class Program",
    "{",
    "    public static void Main()",
    "    {",
    '        Console.Write("What is your name? ");',
    '        string name = Console.ReadLine() ?? "";',
    '        Console.WriteLine($"Hello, {name}!");',
    "    }",
    "}",
    "",
  ].join("\n"),
  highlight: "csharp",
};
