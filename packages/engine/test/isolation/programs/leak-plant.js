// Run A: plants a node_modules package and an .npmrc, and leaves a detached child.
const fs = require("node:fs");
const os = require("node:os");
console.log(`host=${os.hostname()}`);
console.log(
  `init-start=${fs.readFileSync("/proc/1/stat", "utf8").split(") ").pop().split(" ")[19]}`,
);
fs.mkdirSync("node_modules/leftpad", { recursive: true });
fs.writeFileSync("node_modules/leftpad/index.js", 'module.exports = "planted";');
fs.writeFileSync("/tmp/.npmrc", "registry=http://127.0.0.1:1/");
const child = require("node:child_process").spawn("sleep", ["600"], {
  detached: true,
  stdio: "ignore",
});
child.unref();
console.log("planted=yes");
