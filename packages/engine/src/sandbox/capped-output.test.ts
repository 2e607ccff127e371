import { describe, expect, it } from "vitest";
import { CappedOutput } from "./capped-output.js";

describe("CappedOutput", () => {
  it("keeps chunks in order up to the cap and reports the overflow", () => {
    const output = new CappedOutput(10);
    expect(output.add(Buffer.from("hello")).toString()).toBe("hello");
    expect(output.overflowed).toBe(false);
    expect(output.add(Buffer.from(" world")).toString()).toBe(" worl");
    expect(output.overflowed).toBe(true);
    expect(output.add(Buffer.from("more")).length).toBe(0);
    expect(output.toBuffer().toString()).toBe("hello worl");
    expect(output.length).toBe(10);
  });

  it("exactly the cap is not an overflow", () => {
    const output = new CappedOutput(4);
    output.add(Buffer.from("ab"));
    output.add(Buffer.from("cd"));
    expect(output.overflowed).toBe(false);
    expect(output.toBuffer().toString()).toBe("abcd");
  });

  it("never allocates more than the cap, however many tiny chunks come", () => {
    const output = new CappedOutput(100_000);
    for (let i = 0; i < 200_000; i++) output.add(Buffer.from([65]));
    expect(output.length).toBe(100_000);
    expect(output.toBuffer().buffer.byteLength).toBeLessThanOrEqual(100_000 * 2);
  });
});
