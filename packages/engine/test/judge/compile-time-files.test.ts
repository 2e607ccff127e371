import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JudgeTest } from "../../src/judge/judge-request.js";
import { containersOf, testEngine } from "../helpers/test-engine.js";

// javac runs the annotation processors it finds on its class path, which is the work directory:
// a Java submission runs code of its choice while it compiles, and so picks the files its build
// leaves. This processor runs the submission's `payload.sh`.
const engine = testEngine({ languages: ["java"], pool: { min: 1, max: 1 } });
afterAll(() => engine.close());

const PROCESSOR = `import javax.annotation.processing.*;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import java.util.Set;
@SupportedAnnotationTypes("*")
public class Proc extends AbstractProcessor {
  static boolean done;
  @Override public SourceVersion getSupportedSourceVersion() { return SourceVersion.latest(); }
  @Override public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    if (done) return;
    done = true;
    try {
      new ProcessBuilder("sh", "/box/payload.sh").inheritIO().start().waitFor();
    } catch (Exception e) { throw new RuntimeException(e); }
  }
  @Override public boolean process(Set<? extends TypeElement> a, RoundEnvironment r) { return false; }
}`;

const PRINT_PROCESSOR_CLASS = `public class Main { public static void main(String[] a) throws Exception {
  byte[] bytes = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("Proc.class"));
  System.out.print(java.util.Base64.getEncoder().encodeToString(bytes));
}}`;

let processorClass = "";
beforeAll(async () => {
  const built = await engine.execute({
    language: "java",
    files: [
      { name: "Main.java", content: PRINT_PROCESSOR_CLASS },
      { name: "Proc.java", content: PROCESSOR },
    ],
  });
  expect(built.status).toBe("ok");
  processorClass = built.run?.stdout ?? "";
}, 120_000);

/** Judges a Java `main` body whose compile stage also runs `payload` (sh). */
function judgeWithPayload(main: string, payload: string, tests: JudgeTest[]) {
  return engine.judge({
    language: "java",
    files: [
      {
        name: "Main.java",
        content: `public class Main { public static void main(String[] a) throws Exception { ${main} } }`,
      },
      { name: "Proc.class", content: processorClass, encoding: "base64" },
      { name: "META-INF/services/javax.annotation.processing.Processor", content: "Proc\n" },
      { name: "payload.sh", content: payload },
    ],
    tests,
  });
}

describe("files a submission's compile stage leaves", () => {
  it("one named like a test's file fails no sandbox", async () => {
    const before = (await containersOf(engine.id)).map((container) => container.Id);
    const result = await judgeWithPayload(
      'System.out.println("1");',
      "echo forged > /box/input.txt",
      [1, 2, 3].map(() => ({ expected: "1", files: [{ name: "input.txt", content: "3" }] })),
    );
    // Each test's sandbox failed (its FILE input.txt exists already) and its container was
    // destroyed (a fresh one replaces it): three containers for one request, and `internal_error`
    // chosen by the submission.
    expect.soft(result.tests.map((test) => test.verdict)).not.toContain("internal_error");
    const after = (await containersOf(engine.id)).map((container) => container.Id);
    expect(after.filter((id) => !before.includes(id))).toEqual([]);
  }, 120_000);

  it("a background process swapping a file for a link while the build is collected gets nothing", async () => {
    // Held: the supervisor kills every process of the stage before COLLECT, and skips links.
    const race =
      '(setsid sh -c "while :; do ln -sf /etc/shadow race; rm -f race; echo r > race; done" &); sleep 0.3';
    const result = await judgeWithPayload(
      'System.out.println(java.nio.file.Files.isSymbolicLink(java.nio.file.Path.of("race")) ? "link" : java.nio.file.Files.exists(java.nio.file.Path.of("race")) ? java.nio.file.Files.readString(java.nio.file.Path.of("race")).trim() : "none");',
      race,
      [{ expected: "r" }],
    );
    expect(result.compile?.exitCode).toBe(0);
    expect(["accepted", "wrong_answer"]).toContain(result.tests[0]?.verdict);
    expect(result.tests[0]?.run?.stdout.trim()).toMatch(/^(r|none)$/);
  }, 120_000);
});
