import { randomInt } from "node:crypto";

/**
 * The uids sandbox containers run their programs as: every container gets one of its own.
 *
 * Without user namespaces a container's uid is the host's, and the kernel counts some things
 * per uid across the whole host (inotify instances, pipe buffer pages, pending signals,
 * descriptors in flight over unix sockets, message-queue space). With one uid for every
 * sandbox, a run holding all of one took it from the runs of other tenants, and what the
 * kernel frees late (a chain of sockets in flight) outlived the container into the next one.
 *
 * The range sits inside the 65,536 uids that user-namespace remapping and rootless Docker give
 * a container, above the uids distributions hand to people first, and below systemd's dynamic
 * users (61184 and up). The runner-base image lists every one of them as `sandbox` (its
 * Dockerfile's SANDBOX_UIDS; a unit test keeps the two equal).
 */
export const SANDBOX_UIDS = { first: 50_000, last: 52_047 } as const;
const COUNT = SANDBOX_UIDS.last - SANDBOX_UIDS.first + 1;

/** The container label that records a sandbox's uid, so that every engine on a daemon sees it. */
export const LABEL_SANDBOX_UID = "dev.warmbox.sandbox-uid";

/**
 * The name of the container that holds `uid`. Docker refuses a second container of one name, so
 * two engines that pick the same uid at the same moment can't both start a container with it.
 */
export function sandboxUidContainerName(uid: number): string {
  return `warmbox-uid-${uid}`;
}

/** Whether `uid` is one the engine hands to sandboxes. */
export function isSandboxUid(uid: number): boolean {
  return Number.isInteger(uid) && uid >= SANDBOX_UIDS.first && uid <= SANDBOX_UIDS.last;
}

/**
 * Hands out sandbox uids in turn from a random start, skipping the ones live containers hold
 * (what it is told; the container's name is what claims a uid for good).
 * In turn, so that a uid comes back only after the whole range went round: what the kernel
 * still counts for a removed container's uid (it can outlive the container by half a minute)
 * is long gone by then. A random start, so that two engines on one daemon walk apart.
 */
export class SandboxUidPicker {
  #cursor: number;

  constructor(start: number = randomInt(COUNT)) {
    this.#cursor = start % COUNT;
  }

  /** The next uid no container in `inUse` holds; throws when every one is held. */
  pick(inUse: ReadonlySet<number>): number {
    for (let step = 0; step < COUNT; step++) {
      const uid = SANDBOX_UIDS.first + ((this.#cursor + step) % COUNT);
      if (inUse.has(uid)) continue;
      this.#cursor = (this.#cursor + step + 1) % COUNT;
      return uid;
    }
    throw new Error(`every sandbox uid (${SANDBOX_UIDS.first}-${SANDBOX_UIDS.last}) is in use`);
  }
}
