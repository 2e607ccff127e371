import { createEngine } from "../packages/engine/dist/index.js";
const engine = createEngine({ runtime: process.env.RT ?? "runsc", languages: ["python"], pool: { min: 1, max: 1 } });
const common = `import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.mq_open.restype = ctypes.c_int
`;
const plant = common + `q = libc.mq_open(b"/tenant-a", os.O_CREAT | os.O_RDWR, 0o600, None)
print("open", q, ctypes.get_errno())
print("send", libc.mq_send(q, b"tenant A secret 4242", 20, 0), ctypes.get_errno())
`;
const look = common + `q = libc.mq_open(b"/tenant-a", os.O_RDWR)
print("open", q, ctypes.get_errno())
buf = ctypes.create_string_buffer(8192)
n = libc.mq_receive(q, buf, 8192, None)
print("got", n, buf.raw[:max(n,0)])
print(os.listdir("/dev/mqueue") if os.path.isdir("/dev/mqueue") else "no /dev/mqueue")
`;
for (const [name, src] of [["plant", plant], ["look", look], ["look2", look]]) {
  const r = await engine.execute({ language: "python", source: src });
  console.log(name, r.status, r.run?.stdout, r.run?.stderr.slice(0, 300));
}
await engine.close();
