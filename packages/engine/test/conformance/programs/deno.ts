import type { ConformancePrograms } from "../conformance-programs.js";

export const programs: ConformancePrograms = {
  echo: [
    "async function writeAll(bytes: Uint8Array) {",
    "  for (let done = 0; done < bytes.length; ) done += await Deno.stdout.write(bytes.subarray(done));",
    "}",
    "",
    "const encoder = new TextEncoder();",
    'await writeAll(encoder.encode("hello\\n"));',
    "for await (const chunk of Deno.stdin.readable) await writeAll(chunk);",
    'await writeAll(encoder.encode(`${Deno.args.join(" ")}\\n`));',
  ].join("\n"),
  exit3: "Deno.exit(3);",
  loop: "for (;;) {}",
};
