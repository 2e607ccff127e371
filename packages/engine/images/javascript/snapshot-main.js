// The main function of the image's Node.js startup snapshot (see the Dockerfile): runs the
// script named on the command line exactly as `node FILE` does (lib/internal/main/
// run_main_module.js in Node 18), but from a heap where Node's own bootstrap has already run.
const { startupSnapshot } = require("node:v8");

// Built-in modules every run would otherwise compile from source (Debian's Node has no code
// cache): the CommonJS loader's public face, net (stdout, stderr and stdin are pipes in a
// sandbox), fs/promises (the ES module loader reads through it at each start) and readline
// (how most programs read stdin). Loading a built-in only runs its module body, which reads no
// process state but Node's options (the same at build and at run: the spec's), so a program
// sees them as it would have loaded them. Node warns that some are untested in snapshots; the
// warnings are the build's, not a program's.
const emitWarning = process.emitWarning;
process.emitWarning = () => {};
for (const id of ["node:module", "node:net", "node:fs/promises", "node:readline"]) require(id);
process.emitWarning = emitWarning;

startupSnapshot.setDeserializeMainFunction(() => {
  // Node caches the working directory, and the snapshot froze the build's; chdir clears it.
  process.chdir(".");
  // `node FILE` makes argv[1] absolute before running it; a snapshot's main must do it itself.
  process.argv[1] = require("node:path").resolve(process.argv[1]);
  const { runMain } = require("node:module");
  // As run_main_module.js does: reset RegExp's legacy statics before user code runs.
  /^/.exec("");
  runMain(process.argv[1]);
});
