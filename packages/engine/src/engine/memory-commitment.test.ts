import { describe, expect, it } from "vitest";
import { committedMemoryBytes, memoryVerdict } from "./memory-commitment.js";

const MIB = 1_048_576;

describe("committedMemoryBytes", () => {
  const pools = [
    { language: "python", max: 4, memoryMb: 256 },
    { language: "java", max: 2, memoryMb: 1_024 },
  ];

  it("sums every pool at its max", () => {
    expect(committedMemoryBytes(pools, Number.POSITIVE_INFINITY)).toBe((4 * 256 + 2 * 1_024) * MIB);
  });

  it("counts at most maxSandboxes, the hungriest first", () => {
    expect(committedMemoryBytes(pools, 3)).toBe((2 * 1_024 + 256) * MIB);
  });
});

describe("memoryVerdict", () => {
  it("fits up to 80 %, warns above, refuses above 100 %", () => {
    expect(memoryVerdict(80, 100)).toBe("fits");
    expect(memoryVerdict(81, 100)).toBe("warn");
    expect(memoryVerdict(100, 100)).toBe("warn");
    expect(memoryVerdict(101, 100)).toBe("refuse");
  });
});
