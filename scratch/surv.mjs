import { createEngine } from "../packages/engine/dist/index.js";
const engine = createEngine({ templates: process.env.TPL !== "0", languages: ["python"], pool: { min: 1, max: 1 } });
const bomb = `import os, threading, time, signal, ctypes
libc = ctypes.CDLL(None)
for i in range(30):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            if i % 3 == 0: os.kill(os.getpid(), signal.SIGSTOP)
            for _ in range(20): threading.Thread(target=time.sleep, args=(100,), daemon=True).start()
            time.sleep(100)
        os._exit(0)
print("planted", flush=True)
os._exit(0)
`;
const look = `import os
mine = os.getpid()
others = []
for p in filter(str.isdigit, os.listdir('/proc')):
    try:
        st = open(f'/proc/{p}/status').read()
    except OSError: continue
    uid = [l for l in st.splitlines() if l.startswith('Uid:')][0].split()[1]
    others.append((int(p), uid, open(f'/proc/{p}/comm').read().strip()))
print(others)
`;
for (const [n, s] of [["bomb", bomb], ["look", look], ["bomb", bomb], ["look", look]]) {
  const r = await engine.execute({ language: "python", source: s });
  console.log(n, r.status, r.run?.stdout.trim(), r.message ?? "");
}
await engine.close();
