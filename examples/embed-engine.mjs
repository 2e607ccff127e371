// Embeds @warmbox/engine: runs the same greeting in three languages and prints each result.
// Run it with `node examples/embed-engine.mjs` after `npm start` or `npm test` built the images.
import { createEngine } from "@warmbox/engine";

const programs = [
  { language: "python", source: "print(f'Hello, {input()}!')" },
  {
    language: "javascript",
    source:
      "const name = require('fs').readFileSync(0, 'utf8').trim();\nconsole.log(`Hello, ${name}!`);",
  },
  {
    language: "cpp",
    source:
      '#include <iostream>\n#include <string>\nint main() { std::string n; std::getline(std::cin, n); std::cout << "Hello, " << n << "!\\n"; }',
  },
];

const engine = createEngine({
  languages: programs.map((p) => p.language),
  pool: { min: 1, max: 2 },
});
try {
  for (const program of programs) {
    const result = await engine.execute({
      ...program,
      stdin: "Warmbox\n",
      limits: { timeMs: 5000 },
    });
    const stage = result.run ?? result.compile;
    console.log(
      `${result.language} ${result.version}: ${result.status} in ${stage?.wallMs} ms -> ${result.run?.stdout.trim()}`,
    );
  }
} finally {
  await engine.close();
}
