import { createEngine } from "../packages/engine/dist/index.js";
const engine = createEngine({ languages: ["python"], pool: { min: 1, max: 1 } });
const find = `import os
print([(p, open(f'/proc/{p}/comm').read().strip()) for p in filter(str.isdigit, os.listdir('/proc')) if int(p) < 100])`;
const fill = `import os
for place in ("/dev/shm", "/tmp", "/box"):
    try:
        with open(place + "/fill", "wb") as f:
            while True: f.write(b"x" * (1 << 20)); f.flush()
    except OSError as e:
        print(place, e, flush=True)
`;
for (const [n, s] of [["find", find], ["fill", fill], ["find", find], ["find", find]]) {
  const r = await engine.execute({ language: "python", source: s });
  console.log(n, r.status, r.run?.stdout.trim(), r.run?.stderr.slice(0,200), r.message ?? "");
}
await engine.close();
