import { Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { ImageBuildEvent } from "../images/build-progress.js";
import { buildProgressView } from "./build-progress-view.js";

/** A stream that keeps what is written; `tty` makes it look like a terminal 100 columns wide. */
function capture(tty: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: tty, columns: 100 });
  return { stream, text: () => stripVTControlCharacters(chunks.join("")) };
}

const EVENTS: ImageBuildEvent[] = [
  { type: "plan", building: ["python", "java"], present: ["c"] },
  { type: "started", recipe: "python", tag: "warmbox/python:1" },
  { type: "started", recipe: "java", tag: "warmbox/java:1" },
  { type: "step", recipe: "java", step: "2/4 RUN apt-get install -y openjdk-17-jdk-headless" },
  { type: "finished", recipe: "python", tag: "warmbox/python:1", seconds: 12.5 },
  { type: "failed", recipe: "java", tag: "warmbox/java:1", message: "apt failed\nthe tail" },
];

describe("buildProgressView", () => {
  it("in CI or a pipe, prints one plain line per image started and ended", () => {
    const { stream, text } = capture(false);
    const view = buildProgressView(stream, false);
    for (const event of EVENTS) view.onProgress(event);
    view.stop();
    expect(text().split("\n").filter(Boolean)).toEqual([
      "[images] building 2: python, java",
      "[images] python: started (warmbox/python:1)",
      "[images] java: started (warmbox/java:1)",
      "[images] python: built in 12.5 s (1/2 done)",
      "[images] java: FAILED after 0 s: apt failed",
    ]);
  });

  it("on a terminal, draws a line per image in flight with its step, under a done/total count", () => {
    const { stream, text } = capture(true);
    const view = buildProgressView(stream, true);
    for (const event of EVENTS.slice(0, 4)) view.onProgress(event);
    expect(text()).toContain("building images: 0/2 done");
    expect(text()).toMatch(/ {2}java +0 s {2}2\/4 RUN apt-get install -y openjdk-17-jdk-headless/);
    for (const event of EVENTS.slice(4)) view.onProgress(event);
    view.stop();
    expect(text()).toContain("✔ python built in 12.5 s (1/2)");
    expect(text()).toContain("✖ java failed after 0 s: apt failed");
    expect(text()).toContain("building images: 2/2 done");
  });
});
