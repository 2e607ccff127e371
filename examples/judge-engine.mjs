// Judges a C++ submission against three tests with @warmbox/engine: compiled once, the tests
// run in parallel, one verdict per test and one overall.
// Run it with `node examples/judge-engine.mjs` after `npm start` or `npm test` built the images.
import { createEngine } from "@warmbox/engine";

const engine = createEngine({ languages: ["cpp"], pool: { min: 1, max: 2 } });
try {
  const result = await engine.judge({
    language: "cpp",
    source:
      "#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }",
    tests: [
      { name: "small", stdin: "1 2\n", expected: "3\n" },
      { name: "large", stdin: "2000000000 2000000000\n", expected: "4000000000\n" },
      { name: "wrong on purpose", stdin: "2 2\n", expected: "5\n" },
    ],
    reveal: true,
  });
  for (const test of result.tests) {
    const diff = test.diff
      ? ` (line ${test.diff.line}: expected ${test.diff.expected}, got ${test.diff.actual})`
      : "";
    console.log(`${test.name}: ${test.verdict}${diff}`);
  }
  console.log(
    `${result.verdict}: ${result.passed}/${result.total} passed, compiled in ${result.compile?.wallMs} ms`,
  );
} finally {
  await engine.close();
}
