import { describe, expect, it } from "vitest";
import { AbortedError } from "../errors/engine-errors.js";
import { OutputBudget } from "./output-budget.js";

describe("OutputBudget", () => {
  it("grants what fits at once and makes the rest wait, in order", async () => {
    const budget = new OutputBudget(100);
    const releaseA = await budget.reserve(60);
    const order: string[] = [];
    const b = budget.reserve(50).then((release) => {
      order.push("b");
      return release;
    });
    const c = budget.reserve(10).then((release) => {
      order.push("c");
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    // c would fit, but b came first: no overtaking, so a big run is never starved.
    expect(order).toEqual([]);
    expect(budget.reservedBytes).toBe(60);
    releaseA();
    releaseA(); // idempotent
    const [releaseB, releaseC] = await Promise.all([b, c]);
    expect(order).toEqual(["b", "c"]);
    expect(budget.reservedBytes).toBe(60);
    releaseB();
    releaseC();
    expect(budget.reservedBytes).toBe(0);
  });

  it("an aborted wait rejects, reserves nothing and lets the next one in", async () => {
    const budget = new OutputBudget(100);
    const release = await budget.reserve(100);
    const controller = new AbortController();
    const aborted = budget.reserve(80, controller.signal);
    const next = budget.reserve(20);
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortedError);
    release();
    (await next)();
    expect(budget.reservedBytes).toBe(0);
  });
});
