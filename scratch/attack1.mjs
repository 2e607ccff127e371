import { createEngine } from "../packages/engine/dist/index.js";
import { readFileSync } from "node:fs";
const runtime = process.env.RT ?? "runc";
const templates = process.env.TPL !== "0";
const engine = createEngine({ runtime, templates, languages: ["python"], pool: { min: 1, max: 1 } });
await engine.warmup?.();
const scan = readFileSync(new URL("./scan.py", import.meta.url), "utf8");
const r0 = await engine.execute({ language: "python", source: scan });
console.log("baseline", r0.run?.stdout, r0.run?.stderr);
const v = await engine.execute({ language: "python", files: [{ name: "victim_secret_name.py", content: "print('victim ran')" }], args: ["VICTIMSECRET-short1", "VICTIMSECRET-long" + "x".repeat(600)] });
console.log("victim", v.status, v.run?.stdout);
for (let i = 0; i < 2; i++) {
  const a = await engine.execute({ language: "python", source: scan });
  console.log("attacker", i, a.status, a.run?.stdout?.slice(0, 400), a.run?.stderr?.slice(0, 300));
}
await engine.close();
