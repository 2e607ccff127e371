import { describe, expect, it } from "vitest";
import { describeExit, formatBytes, formatDuration } from "./format.js";

describe("format", () => {
  it("formats durations", () => {
    expect(formatDuration(14)).toBe("14 ms");
    expect(formatDuration(1250)).toBe("1.25 s");
    expect(formatDuration(12_500)).toBe("12.5 s");
    expect(formatDuration(65_000)).toBe("1m 05s");
    expect(formatDuration(-1)).toBe("–");
  });

  it("formats byte counts", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(9_437_184)).toBe("9.0 MB");
    expect(formatBytes(300 * 1024 * 1024)).toBe("300 MB");
  });

  it("describes how a process ended", () => {
    expect(describeExit(0, null)).toBe("exited with code 0");
    expect(describeExit(null, "SIGKILL")).toBe("killed by SIGKILL");
  });
});
