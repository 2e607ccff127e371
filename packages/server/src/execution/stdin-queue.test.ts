import { describe, expect, it } from "vitest";
import { StdinQueue } from "./stdin-queue.js";

async function collect(queue: StdinQueue): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of queue) chunks.push(chunk);
  return chunks;
}

describe("StdinQueue", () => {
  it("yields chunks pushed before and while iterating, until end", async () => {
    const queue = new StdinQueue();
    queue.push("a");
    const collected = collect(queue);
    await new Promise((resolve) => setTimeout(resolve, 5));
    queue.push("b");
    queue.push("c");
    queue.end();
    expect(await collected).toEqual(["a", "b", "c"]);
  });

  it("counts the bytes not yet taken", async () => {
    const queue = new StdinQueue();
    queue.push("héllo");
    expect(queue.bufferedBytes).toBe(6);
    queue.end();
    await collect(queue);
    expect(queue.bufferedBytes).toBe(0);
  });

  it("measures what fits in UTF-8 bytes, not characters", () => {
    const queue = new StdinQueue();
    queue.push("ab");
    // Three characters, nine bytes: two bytes waiting plus nine is eleven.
    expect(queue.fits("€€€", 11)).toBe(true);
    expect(queue.fits("€€€", 10)).toBe(false);
  });

  it("ignores chunks after end", () => {
    const queue = new StdinQueue();
    queue.end();
    expect(queue.push("late")).toBe(false);
    expect(queue.ended).toBe(true);
  });
});
