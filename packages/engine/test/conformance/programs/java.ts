import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "import java.io.IOException;",
    "",
    "public class Main {",
    "  public static void main(String[] args) throws IOException {",
    '    System.out.println("hello");',
    "    System.out.write(System.in.readAllBytes());",
    '    System.out.println(String.join(" ", args));',
    "  }",
    "}",
  ].join("\n"),
  exit3: [
    "public class Main {",
    "  public static void main(String[] args) {",
    "    System.exit(3);",
    "  }",
    "}",
  ].join("\n"),
  loop: [
    "public class Main {",
    "  public static void main(String[] args) {",
    "    while (true) {}",
    "  }",
    "}",
  ].join("\n"),
  compileError: [
    "public class Main {",
    "  public static void main(String[] args) {",
    '    int x = "text";',
    "  }",
    "}",
  ].join("\n"),
};
