import { createEngine } from "../packages/engine/dist/index.js";
const engine = createEngine({ runtime: "runsc", languages: ["python"], pool: { min: 1, max: 1 } });
const fill = `import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
for i in range(60000):
    q = libc.mq_open(f"/f{i}-{'x'*200}".encode(), os.O_CREAT | os.O_RDWR, 0o600, None)
    os.close(q)
`;
const victim = "b = bytearray(150 << 20); print('victim ok')";
const a = await engine.execute({ language: "python", source: victim });
console.log("victim on a clean sandbox:", a.status);
const f = await engine.execute({ language: "python", source: fill, limits: { timeMs: 15000, cpuMs: 15000 } });
console.log("fill:", f.status);
const b = await engine.execute({ language: "python", source: victim });
console.log("victim after:", b.status, b.message ?? "");
await engine.close();
