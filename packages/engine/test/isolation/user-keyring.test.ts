import { expect } from "vitest";
import { UNDER_GVISOR } from "../helpers/test-engine.js";
import { attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * A key added to the user keyring of a sandbox uid would outlive the job and its container
 * (Linux keeps that keyring as long as the host's user namespace) and be found by any later job
 * of that container, or of a later container given the same uid (src/docker/sandbox-uids.ts
 * hands each out again once the range went round). So a job may add no key: Docker's default
 * seccomp profile refuses add_key, keyctl and request_key (EPERM); gVisor (20221219) refuses
 * them too (EACCES) and has no /proc/keys. With one sandbox (pool min 1, max 1), the next job
 * finds no key and no keyring listed.
 */
const test = isolationTest({ languages: ["c"], pool: { min: 1, max: 1 } });

test("a job can put no key in its uid's keyring, so the next job finds none", async ({
  engine,
  unharmed,
}) => {
  const planted = await attackWith(engine, "user-keyring.c", { args: ["plant"] });
  expect(planted.status, planted.describe).toBe("ok");
  const refused = UNDER_GVISOR ? "EACCES" : "EPERM";
  expect(report(planted.run?.stdout)["add-key"], planted.describe).toBe(refused);
  const next = await attackWith(engine, "user-keyring.c", { args: ["look"] });
  expect(next.status, next.describe).toBe("ok");
  expect(report(next.run?.stdout), next.describe).toEqual({
    "find-key": refused,
    "proc-keys": UNDER_GVISOR ? "ENOENT" : "0",
  });
  await unharmed(["c"]);
});
