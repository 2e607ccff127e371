import { createEngine } from "../packages/engine/dist/index.js";
const engine = createEngine({ runtime: process.env.RT ?? "runsc", templates: process.env.TPL !== "0", languages: ["python"], pool: { min: 1, max: 1 }, logger: { debug(){}, info(){}, warn: (...a) => console.log("WARN", JSON.stringify(a).slice(0,800)), error: (...a) => console.log("ERR", JSON.stringify(a).slice(0,800)), trace(){}, fatal: console.log, child(){ return this; } } });
const s = await engine.execute({ language: "python", source: process.env.SRC ?? "print(1)" });
console.log(JSON.stringify(s));
await engine.close();
