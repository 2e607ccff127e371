import { expect } from "vitest";
import { report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Under gVisor POSIX message queues exist but no /dev/mqueue lists them, so the wipe could never
 * remove one: a job's queues would outlive it, charged to the sandbox's memory (60,000 of them
 * made the next job's ordinary 150 MiB program end memory_limit) and openable by name by the next
 * job. There the supervisor refuses them to the job (mq_open answers ENOSYS): the same program
 * gets the same verdict before and after a job that tries to fill the sandbox with them.
 */
const test = isolationTest({ languages: ["python"], pool: { min: 1, max: 1 }, runtime: "runsc" });

const FILL_MQUEUES = `import ctypes, errno, os
libc = ctypes.CDLL(None, use_errno=True)
made = 0
for i in range(60000):
    q = libc.mq_open(f"/f{i}-{'x' * 200}".encode(), os.O_CREAT | os.O_RDWR, 0o600, None)
    if q < 0:
        print("error=" + errno.errorcode[ctypes.get_errno()])
        break
    made += 1
    os.close(q)
print(f"made={made}")
`;
const VICTIM = "b = bytearray(150 << 20)\nprint('victim ok')";

test("a job can make no message queue, so none costs the next job its memory", async ({
  engine,
  unharmed,
}) => {
  const before = await engine.execute({ language: "python", source: VICTIM });
  expect(before.status, JSON.stringify(before)).toBe("ok");
  const fill = await engine.execute({
    language: "python",
    source: FILL_MQUEUES,
    limits: { timeMs: 15000, cpuMs: 15000 },
  });
  expect(fill.status, JSON.stringify(fill)).toBe("ok");
  expect(report(fill.run?.stdout)).toEqual({ error: "ENOSYS", made: "0" });
  const after = await engine.execute({ language: "python", source: VICTIM });
  expect(after.status, JSON.stringify(after)).toBe("ok");
  await unharmed(["python"]);
});
