import { readFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";
import { languageImageTag } from "@warmbox/engine";

/** What the benchmark ran on, for its report. */
export async function machine() {
  const osRelease = readFileSync("/etc/os-release", "utf8");
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: /PRETTY_NAME="([^"]+)"/.exec(osRelease)?.[1] ?? "unknown",
    kernel: release(),
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** The runner image of each core language, as the engine would run it. */
export function imageTags() {
  return Object.fromEntries(
    ["python", "javascript", "c", "php", "ruby"].map((id) => [id, languageImageTag(id)]),
  );
}
