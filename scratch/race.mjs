import { createEngine } from "../packages/engine/dist/index.js";
const engine = createEngine({ languages: ["python"], pool: { min: 2, max: 2 } });
const srcs = ["import os; os._exit(7)", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)", "import os; os.kill(os.getppid(), 9); os._exit(7)",
 "import threading, os\nfor i in range(300): threading.Thread(target=os._exit, args=(7,)).start()"];
const tally = {};
await Promise.all([0,1].map(async (w) => { for (let i = 0; i < 40; i++) {
  const s = srcs[i % srcs.length];
  const r = await engine.execute({ language: "python", source: s });
  const k = `${i % srcs.length}:${r.status}:${r.run?.exitCode}:${r.run?.signal}`;
  tally[k] = (tally[k] ?? 0) + 1;
}}));
console.log(tally);
await engine.close();
