import { describe, expect, it } from "vitest";
import type { PrunedImageTag } from "../images/prune-images.js";
import { formatBytes, pruneReport } from "./prune-report.js";

const tag = (name: string, outcome: PrunedImageTag["outcome"], extra = {}): PrunedImageTag => ({
  tag: name,
  imageId: "sha256:1",
  outcome,
  deletesImage: true,
  ...extra,
});

describe("pruneReport", () => {
  it("lists a dry run's tags and what removing them frees", () => {
    const lines = pruneReport({
      dryRun: true,
      freedBytes: 2_345_000_000,
      tags: [
        tag("warmbox/c:old", "in-use", { reason: "used by container judge-1" }),
        tag("warmbox/python:old", "would-remove"),
        tag("warmbox/gcc:old", "would-remove", { deletesImage: false }),
      ],
    });
    expect(lines).toEqual([
      "would keep   warmbox/c:old: used by container judge-1",
      "would remove warmbox/python:old",
      "would remove warmbox/gcc:old (only the name: another tag keeps its image)",
      "dry run: 2 stale tag(s) would be removed, freeing 2.3 GB; 1 kept: a container uses their image",
      "run `warmbox images prune --yes` to remove them",
    ]);
  });

  it("sums up a removal, failures included", () => {
    const lines = pruneReport({
      dryRun: false,
      freedBytes: 12_500_000,
      tags: [
        tag("warmbox/python:old", "removed"),
        tag("warmbox/go:old", "failed", { reason: "no space" }),
      ],
    });
    expect(lines.at(-1)).toBe("1 stale tag(s) removed, 12.5 MB freed; 1 failed");
    expect(lines[1]).toBe("failed       warmbox/go:old: no space");
  });

  it("offers no removal when every stale tag's image is in use", () => {
    const lines = pruneReport({
      dryRun: true,
      freedBytes: 0,
      tags: [tag("warmbox/c:old", "in-use", { reason: "used by container judge-1" })],
    });
    expect(lines.at(-1)).toBe(
      "dry run: 0 stale tag(s) would be removed, freeing 0 kB; 1 kept: a container uses their image",
    );
  });

  it("says so when nothing is stale", () => {
    expect(pruneReport({ dryRun: true, freedBytes: 0, tags: [] })).toEqual([
      "no stale warmbox images: every warmbox/ tag is one this version builds",
    ]);
  });

  it("formats sizes in decimal units, as docker images does", () => {
    expect(formatBytes(999)).toBe("1 kB");
    expect(formatBytes(77_000_000_000)).toBe("77.0 GB");
  });
});
