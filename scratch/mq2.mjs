import { createEngine } from "../packages/engine/dist/index.js";
const engine = createEngine({ runtime: "runsc", languages: ["python"], pool: { min: 1, max: 1 } });
const common = `import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
`;
const fill = common + `ok = 0; err = None
for i in range(100000):
    q = libc.mq_open(f"/fill-{os.getpid()}-{i}".encode(), os.O_CREAT | os.O_RDWR, 0o600, None)
    if q < 0:
        err = ctypes.get_errno(); break
    os.close(q); ok += 1
    if ok % 5000 == 0: print("created", ok, flush=True)
print("created", ok, "errno", err)
`;
const probe = common + `q = libc.mq_open(b"/victim-own", os.O_CREAT | os.O_RDWR, 0o600, None)
print("victim mq_open", q, ctypes.get_errno())
attr = (ctypes.c_long * 8)()
print("getattr", libc.mq_getattr(q, attr) if q >= 0 else None, ctypes.get_errno(), list(attr)[:4])
`;
for (const [name, src] of [["fill", fill], ["fill2", fill], ["probe", probe]]) {
  const r = await engine.execute({ language: "python", source: src, limits: { timeMs: 10000, cpuMs: 10000 } });
  console.log(name, r.status, r.run?.stdout, r.run?.stderr.slice(0, 300), r.message ?? "");
}
await engine.close();
