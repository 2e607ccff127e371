import { describe, expect, it } from "vitest";
import { CollectRefusedError, collectedFiles } from "./collected-files.js";

const entry = (name: Buffer | string) => ({
  name: Buffer.from(name),
  mode: 0o755,
  content: Buffer.from("x"),
});

describe("collectedFiles", () => {
  it("gives the files with names as strings and modes kept", () => {
    expect(
      collectedFiles({ outcome: "done", files: [entry("bin/main"), entry(".hidden")] }),
    ).toEqual([
      { name: "bin/main", mode: 0o755, content: Buffer.from("x") },
      { name: ".hidden", mode: 0o755, content: Buffer.from("x") },
    ]);
  });

  it.each([
    ["too_many_bytes", /more than 32 MiB together/],
    ["too_many_entries", /more than 10000 entries/],
    ["path_too_long", /longer than 1024 bytes/],
  ] as const)("turns the refusal %s into a CollectRefusedError", (reason, message) => {
    const refusal = { outcome: reason, entries: 1, files: 1, bytes: 1 };
    expect(() => collectedFiles(refusal)).toThrow(message);
    expect(() => collectedFiles(refusal)).toThrow(expect.objectContaining({ reason }));
  });

  it.each([
    ["a backslash", "a\\b", /"a\\\\b" contains a backslash/],
    ["a segment past NAME_MAX in bytes", `${"é".repeat(128)}`, /longer than 255 bytes/],
    ["bytes that are not UTF-8", Buffer.from([0x66, 0xff, 0x6f]), /not UTF-8/],
  ])("refuses a name with %s, as a request's file name would be", (_what, name, message) => {
    const answer = { outcome: "done" as const, files: [entry("ok"), entry(name)] };
    expect(() => collectedFiles(answer)).toThrow(CollectRefusedError);
    expect(() => collectedFiles(answer)).toThrow(message);
  });
});
