// The main function of the image's Node.js startup snapshot (see the Dockerfile): runs the
// script named on the command line exactly as `node FILE` does (lib/internal/main/
// run_main_module.js in Node 18), but from a heap where Node's own bootstrap has already run.
const { startupSnapshot } = require("node:v8");

startupSnapshot.setDeserializeMainFunction(() => {
  // Node caches the working directory, and the snapshot froze the build's; chdir clears it.
  process.chdir(".");
  // `node FILE` makes argv[1] absolute before running it; a snapshot's main must do it itself.
  process.argv[1] = require("node:path").resolve(process.argv[1]);
  // Node 18 warns that 'module' is untested in snapshots; it is loaded only now, after the
  // snapshot was taken, so it starts as fresh as in a plain start. The warning is not the program's.
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  const { runMain } = require("node:module");
  process.emitWarning = emitWarning;
  // As run_main_module.js does: reset RegExp's legacy statics before user code runs.
  /^/.exec("");
  runMain(process.argv[1]);
});
