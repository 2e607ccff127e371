import { describe, expect, it } from "vitest";
import { freedBytes, type LayeredImage } from "./freed-bytes.js";

const base = { chainId: "base", size: 100 };
const gcc = { chainId: "gcc", size: 500 };
const images: LayeredImage[] = [
  { id: "c-old", layers: [base, gcc, { chainId: "c-old", size: 10 }] },
  { id: "cpp-old", layers: [base, gcc, { chainId: "cpp-old", size: 20 }] },
  { id: "python", layers: [base, { chainId: "python", size: 300 }] },
];

describe("freedBytes", () => {
  it("counts a layer only removed images have, once however many share it", () => {
    expect(freedBytes(images, new Set(["c-old", "cpp-old"]))).toBe(500 + 10 + 20);
  });

  it("counts nothing a kept image still has", () => {
    expect(freedBytes(images, new Set(["c-old"]))).toBe(10);
    expect(freedBytes(images, new Set())).toBe(0);
  });
});
