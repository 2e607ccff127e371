import { expect } from "vitest";
import { LABEL_SANDBOX_UID } from "../../src/docker/sandbox-uids.js";
import type { Engine } from "../../src/engine/engine-types.js";
import { containersOf, docker } from "../helpers/test-engine.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Within one engine, every live container holds a uid no other live container holds, its
 * programs run as exactly that uid (the label is what the kernel counts), and a container the
 * engine replaces (here: killed from outside, as when its supervisor dies) is replaced by one
 * with a uid none of the engine's containers held before. Four containers of two languages, so
 * that starts run concurrently (the pick awaits the daemon's list of containers). Under gVisor
 * the uid is gVisor's, but the engine hands it out the same way.
 */
const test = isolationTest({ languages: ["c", "python"], pool: { min: 2, max: 2 } });

const WHO = {
  c: '#include <stdio.h>\n#include <unistd.h>\nint main(void) { char h[256]; gethostname(h, sizeof h); printf("%u %s\\n", getuid(), h); }',
  python: "import os, socket\nprint(os.getuid(), socket.gethostname())",
} as const;

/** Container id → its uid label, for the engine's live containers. */
async function labelled(engineId: string): Promise<Map<string, number>> {
  const live = (await containersOf(engineId)).filter((info) => info.State === "running");
  return new Map(live.map((info) => [info.Id, Number(info.Labels[LABEL_SANDBOX_UID])]));
}

/** Four jobs at once (two per language): each container's id prefix (host name) → uid its program saw. */
async function seenUids(engine: Engine): Promise<Map<string, number>> {
  const jobs = (["c", "c", "python", "python"] as const).map((language) =>
    engine.execute({ language, source: WHO[language], limits: { timeMs: 10_000 } }),
  );
  const seen = new Map<string, number>();
  for (const result of await Promise.all(jobs)) {
    expect(result.status, JSON.stringify(result)).toBe("ok");
    const [uid, host] = (result.run?.stdout ?? "").trim().split(" ");
    seen.set(host ?? "", Number(uid));
  }
  return seen;
}

test("live containers hold distinct uids, programs run as their container's, a replacement gets a new one", async ({
  engine,
}) => {
  const before = await labelled(engine.id);
  expect(before.size).toBe(4);
  expect(new Set(before.values()).size).toBe(4);
  for (const [host, uid] of await seenUids(engine)) {
    const id = [...before.keys()].find((full) => full.startsWith(host));
    expect(id && before.get(id), `container ${host}`).toBe(uid);
  }

  const [killed] = before.keys();
  await docker.getContainer(killed ?? "").kill();
  await expect
    .poll(async () => [...(await labelled(engine.id)).keys()].filter((id) => !before.has(id)), {
      timeout: 30_000,
      interval: 200,
    })
    .toHaveLength(1);
  const after = await labelled(engine.id);
  expect(new Set(after.values()).size).toBe(after.size);
  const fresh = [...after].find(([id]) => !before.has(id));
  expect(new Set(before.values()).has(fresh?.[1] ?? -1), "the replacement's uid").toBe(false);
});
