import { createEngine } from "../packages/engine/dist/index.js";
const engine = createEngine({ templates: process.env.TPL !== "0", languages: ["python"], pool: { min: 1, max: 1 } });
const src = `
import ctypes, random, sys, os
auxv = open('/proc/self/auxv','rb').read()
import struct
vals = dict(struct.iter_unpack('QQ', auxv))
at_random = vals.get(25)
canary = ctypes.string_at(at_random, 16).hex() if at_random else None
libc = [l.split('-')[0] for l in open('/proc/self/maps') if 'libc.so' in l][0]
print('canary', canary, 'libc', libc, 'stack', hex(id(sys)), 'rand', random.random(), 'nproc', os.sched_getaffinity(0))
print('mods', sorted(m for m in sys.modules if 'random' in m or 'hash' in m))
`;
for (let i = 0; i < 2; i++) {
  const r = await engine.execute({ language: "python", source: src });
  console.log(r.status, r.run?.stdout, r.run?.stderr.slice(0,300));
}
await engine.close();
