import type { LanguageSpecInput } from "./language-spec.js";

export const crystal: LanguageSpecInput = {
  id: "crystal",
  name: "Crystal",
  aliases: ["cr"],
  image: "native",
  defaultFile: "main.cr",
  sourceExtensions: [".cr"],
  // Crystal caches its compilation in CRYSTAL_CACHE_DIR; the root filesystem is read-only.
  compile: { command: ["crystal", "build", "--no-color", "-o", "main", "{entry}"] },
  run: { command: ["./main"] },
  env: { CRYSTAL_CACHE_DIR: "/tmp/crystal-cache" },
  limits: { processes: 128 },
  compileLimits: { memoryMb: 1024, timeMs: 30000, cpuMs: 30000 },
  starter: ['print "What is your name? "', 'name = gets || ""', 'puts "Hello, #{name}!"', ""].join(
    "\n",
  ),
  highlight: "crystal",
};
