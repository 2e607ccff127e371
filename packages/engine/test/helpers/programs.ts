/** Small programs per core language, for the integration tests. */
export const helloAndEcho: Record<string, { file: string; source: string }> = {
  python: {
    file: "main.py",
    source:
      "import sys\nprint('hello')\nprint(sys.stdin.read(), end='')\nprint(' '.join(sys.argv[1:]))\n",
  },
  javascript: {
    file: "main.js",
    source: [
      "console.log('hello');",
      "process.stdout.write(require('fs').readFileSync(0, 'utf8'));",
      "console.log(process.argv.slice(2).join(' '));",
    ].join("\n"),
  },
  java: {
    file: "Main.java",
    source: [
      "import java.io.*;",
      "public class Main {",
      "  public static void main(String[] args) throws IOException {",
      '    System.out.println("hello");',
      '    System.out.print(new String(System.in.readAllBytes(), "UTF-8"));',
      '    System.out.println(String.join(" ", args));',
      "  }",
      "}",
    ].join("\n"),
  },
  c: {
    file: "main.c",
    source: [
      "#include <stdio.h>",
      "int main(int argc, char **argv) {",
      '  puts("hello");',
      "  int c; while ((c = getchar()) != EOF) putchar(c);",
      '  for (int i = 1; i < argc; i++) printf(i > 1 ? " %s" : "%s", argv[i]);',
      '  puts("");',
      "  return 0;",
      "}",
    ].join("\n"),
  },
  cpp: {
    file: "main.cpp",
    source: [
      "#include <iostream>",
      "#include <iterator>",
      "#include <string>",
      "int main(int argc, char **argv) {",
      '  std::cout << "hello" << std::endl;',
      "  std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());",
      "  std::cout << all;",
      '  for (int i = 1; i < argc; i++) std::cout << (i > 1 ? " " : "") << argv[i];',
      "  std::cout << std::endl;",
      "}",
    ].join("\n"),
  },
};
