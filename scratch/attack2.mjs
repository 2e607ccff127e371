import { createEngine } from "../packages/engine/dist/index.js";
import { readFileSync } from "node:fs";
const runtime = process.env.RT ?? "runc";
const templates = process.env.TPL !== "0";
const engine = createEngine({ runtime, templates, languages: ["python"], pool: { min: 1, max: 1 } });
const scan = readFileSync(new URL("./scan.py", import.meta.url), "utf8");
const s = await engine.execute({ language: "python", source: scan + "\nprint(open('/proc/self/cmdline').read())", args: ["VICTIMSECRET-selfcheck"] });
console.log("selfcheck", s.status, s.run?.stdout, JSON.stringify(s).slice(0,600));
const args = [];
for (let i = 0; i < 40; i++) args.push(`VICTIMSECRET-n${i}_` + "y".repeat(i * 40));
args.push("VICTIMSECRET-big_" + "z".repeat(5000));
const v = await engine.execute({ language: "python", files: [{ name: "victim_secret_name.py", content: "print('victim ran')" }], args });
console.log("victim", v.status, v.run?.stdout);
for (let i = 0; i < 2; i++) {
  const a = await engine.execute({ language: "python", source: scan });
  console.log("attacker", i, a.status, a.run?.stdout?.slice(0, 600), a.run?.stderr?.slice(0, 300));
}
await engine.close();
