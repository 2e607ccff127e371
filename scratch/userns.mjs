import { createEngine } from "../packages/engine/dist/index.js";
const engine = createEngine({ runtime: "runsc", languages: ["python"], pool: { min: 1, max: 1 } });
const plant = `import os, ctypes, time, signal
libc = ctypes.CDLL(None, use_errno=True)
r = libc.unshare(0x10000000 | 0x20000000 | 0x00020000)  # USER | PID | NS
print("unshare", r, ctypes.get_errno(), flush=True)
pid = os.fork()
if pid == 0:
    # pid 1 of a new pid namespace: ignores every signal it can
    for s in range(1, 32):
        try: signal.signal(s, signal.SIG_IGN)
        except Exception: pass
    print("inner pid", os.getpid(), "uid", os.getuid(), flush=True)
    if os.fork() == 0:
        os.setsid(); time.sleep(30); os._exit(0)
    time.sleep(30)
    os._exit(0)
time.sleep(0.5)
print("planted", flush=True)
os._exit(0)
`;
const look = `import os
print(sorted((int(p), open(f'/proc/{p}/comm').read().strip()) for p in filter(str.isdigit, os.listdir('/proc'))))`;
for (const [n, s] of [["plant", plant], ["look", look], ["look", look]]) {
  const r = await engine.execute({ language: "python", source: s });
  console.log(n, r.status, r.run?.stdout.trim(), r.run?.stderr.slice(0, 200), r.message ?? "");
}
await engine.close();
