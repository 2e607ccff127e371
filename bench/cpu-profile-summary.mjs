// Where a process spent its CPU: `node bench/cpu-profile-summary.mjs FILE.cpuprofile [top]
// [--after SECONDS]` sums the self time of a V8 CPU profile (node --cpu-prof) by package and by
// function, leaving out the first SECONDS of the profile (the start-up) when told.
import { readFileSync } from "node:fs";

/** The package a script belongs to: an npm package, a workspace package, or node's own. */
function packageOf(url) {
  if (url === "") return "(native / V8)";
  if (url.startsWith("node:")) return "node internals";
  const workspace = /\/packages\/([^/]+)\//.exec(url);
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (modules) return modules.at(-1).slice("node_modules/".length);
  if (workspace) return `@warmbox/${workspace[1]}`;
  return url;
}

/** Self time in ms per key, largest first, of the samples `afterMs` or more into the profile. */
function selfTimes(profile, keyOf, afterMs) {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map();
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] / 1000;
    if (at < afterMs) continue;
    const node = byNode.get(profile.samples[i]);
    const key = keyOf(node.callFrame);
    totals.set(key, (totals.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

const args = process.argv.slice(2);
const afterAt = args.indexOf("--after");
const afterMs = afterAt === -1 ? 0 : Number(args.splice(afterAt, 2)[1]) * 1000;
const [file, top = "25"] = args;
const profile = JSON.parse(readFileSync(file, "utf8"));
const totalMs = (profile.endTime - profile.startTime) / 1000 - afterMs;
const idle = (frame) => frame.functionName === "(idle)";
const byPackage = selfTimes(
  profile,
  (frame) => (idle(frame) ? "(idle)" : packageOf(frame.url)),
  afterMs,
);
const busyMs = byPackage.filter(([key]) => key !== "(idle)").reduce((sum, [, ms]) => sum + ms, 0);
const line = ([key, ms]) =>
  `${ms.toFixed(0).padStart(8)} ms ${((ms / busyMs) * 100).toFixed(1).padStart(5)} %  ${key}`;
process.stdout.write(
  `profile: ${totalMs.toFixed(0)} ms, busy ${busyMs.toFixed(0)} ms\n\nby package:\n`,
);
process.stdout.write(`${byPackage.slice(0, Number(top)).map(line).join("\n")}\n\nby function:\n`);
const byFunction = selfTimes(
  profile,
  (frame) => {
    const where = frame.url.replace(/^.*node_modules\//, "").replace(/^.*\/packages\//, "");
    return `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
  },
  afterMs,
);
process.stdout.write(`${byFunction.slice(0, Number(top)).map(line).join("\n")}\n`);
