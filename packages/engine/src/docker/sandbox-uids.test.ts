import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isSandboxUid, SANDBOX_UIDS, SandboxUidPicker } from "./sandbox-uids.js";

describe("SandboxUidPicker", () => {
  it("hands uids out in turn from its start, wrapping round the range", () => {
    const picker = new SandboxUidPicker(SANDBOX_UIDS.last - SANDBOX_UIDS.first);
    expect(picker.pick(new Set())).toBe(SANDBOX_UIDS.last);
    expect(picker.pick(new Set())).toBe(SANDBOX_UIDS.first);
    expect(picker.pick(new Set())).toBe(SANDBOX_UIDS.first + 1);
  });

  it("skips the uids live containers hold, and doesn't go back to a freed one at once", () => {
    const picker = new SandboxUidPicker(0);
    const held = new Set([SANDBOX_UIDS.first, SANDBOX_UIDS.first + 1]);
    expect(picker.pick(held)).toBe(SANDBOX_UIDS.first + 2);
    expect(picker.pick(new Set())).toBe(SANDBOX_UIDS.first + 3);
  });

  it("says so when every uid is held", () => {
    const all = new Set<number>();
    for (let uid = SANDBOX_UIDS.first; uid <= SANDBOX_UIDS.last; uid++) all.add(uid);
    expect(() => new SandboxUidPicker().pick(all)).toThrow(/every sandbox uid .* is in use/);
  });

  it("only picks uids of the range", () => {
    const picker = new SandboxUidPicker();
    for (let i = 0; i < 100; i++) expect(isSandboxUid(picker.pick(new Set()))).toBe(true);
    expect(isSandboxUid(1000)).toBe(false);
  });
});

describe("the runner-base image", () => {
  it("lists exactly the uids the engine hands out (its Dockerfile's SANDBOX_UIDS)", () => {
    const dockerfile = readFileSync(
      new URL("../../images/runner-base/Dockerfile", import.meta.url),
      "utf8",
    );
    const range = /^ARG SANDBOX_UIDS="(\d+) (\d+)"$/m.exec(dockerfile);
    expect(range?.slice(1).map(Number)).toEqual([SANDBOX_UIDS.first, SANDBOX_UIDS.last]);
  });
});
