import { expect } from "vitest";
import { isolationTest } from "./isolation-test.js";

/**
 * Two runs in one sandbox (possibly two tenants) must not share the secrets a fresh exec draws:
 * the kernel's AT_RANDOM bytes (glibc's stack canary and pointer guard come from them) and the
 * address layout (ASLR). With the Python template every run is a fork of one process, so both
 * are the same in every run of the sandbox: one run learns the canary, pointer guard and every
 * address of the next. docs/templates.md admits only the str hash secret.
 */
const test = isolationTest({ languages: ["python"], pool: { min: 1, max: 1 } });

const EXEC_SECRETS = `import ctypes, struct
auxv = dict(struct.iter_unpack("QQ", open("/proc/self/auxv", "rb").read()))
print(ctypes.string_at(auxv[25], 16).hex())  # AT_RANDOM
print([line.split("-")[0] for line in open("/proc/self/maps") if "libc.so" in line][0])
`;

test("two runs of one sandbox draw their own AT_RANDOM and layout", async ({
  engine,
  unharmed,
}) => {
  const first = await engine.execute({ language: "python", source: EXEC_SECRETS });
  const second = await engine.execute({ language: "python", source: EXEC_SECRETS });
  expect(first.status, JSON.stringify(first)).toBe("ok");
  expect(second.status, JSON.stringify(second)).toBe("ok");
  const [firstRandom, firstLibc] = (first.run?.stdout ?? "").trim().split("\n");
  const [secondRandom, secondLibc] = (second.run?.stdout ?? "").trim().split("\n");
  expect(secondRandom).not.toBe(firstRandom);
  expect(secondLibc).not.toBe(firstLibc);
  await unharmed(["python"]);
});
