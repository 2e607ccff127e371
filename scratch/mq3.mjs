import { createEngine } from "../packages/engine/dist/index.js";
import { execSync } from "node:child_process";
const engine = createEngine({ engineId: "attackiso-mq", runtime: "runsc", languages: ["python"], pool: { min: 1, max: 1 } });
const fill = `import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
ok = 0
for i in range(60000):
    q = libc.mq_open(f"/f{os.getpid()}-{i}-{'x'*200}".encode(), os.O_CREAT | os.O_RDWR, 0o600, None)
    if q < 0:
        print("errno", ctypes.get_errno()); break
    os.close(q); ok += 1
print("created", ok)
`;
const mem = () => execSync(`docker stats --no-stream --format '{{.Name}} {{.MemUsage}}' $(docker ps -q --filter label=warmbox.engine=attackiso-mq)`).toString().trim();
await engine.execute({ language: "python", source: "print(1)" });
console.log("before", mem());
for (let i = 0; i < 4; i++) {
  const r = await engine.execute({ language: "python", source: fill, limits: { timeMs: 15000, cpuMs: 15000 } });
  console.log("fill", i, r.status, r.run?.stdout.trim(), r.run?.memoryBytes, "|", mem());
}
const p = await engine.execute({ language: "python", source: "print('next tenant ok')" });
console.log(p.status, p.run?.stdout, p.run?.memoryBytes);
await engine.close();
