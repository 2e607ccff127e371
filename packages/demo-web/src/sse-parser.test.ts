import { describe, expect, it } from "vitest";
import { SseParser } from "./sse-parser.js";

describe("SseParser", () => {
  it("parses named events split across chunks anywhere", () => {
    const text = 'event: stdout\ndata: "hi"\n\nevent: result\ndata: {"status":"ok"}\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      expect(events).toEqual([
        { event: "stdout", data: '"hi"' },
        { event: "result", data: '{"status":"ok"}' },
      ]);
    }
  });

  it("joins several data lines with newlines and handles CRLF", () => {
    const parser = new SseParser();
    expect(parser.push("event: stderr\r\ndata: a\r\ndata: b\r\n\r\n")).toEqual([
      { event: "stderr", data: "a\nb" },
    ]);
  });

  it("ignores comments and defaults the event name to message", () => {
    const parser = new SseParser();
    expect(parser.push(": keep-alive\n\ndata:x\n\n")).toEqual([{ event: "message", data: "x" }]);
  });

  it("waits for the second half of a CRLF cut in two", () => {
    const parser = new SseParser();
    expect(parser.push("data: a\r")).toEqual([]);
    expect(parser.push("\n\r\n")).toEqual([{ event: "message", data: "a" }]);
  });

  it("drops an event that the stream ends before its blank line", () => {
    const parser = new SseParser();
    expect(parser.push("data: unfinished\n")).toEqual([]);
    expect(parser.end()).toEqual([]);
  });
});
