import { describe, expect, it } from "vitest";
import { formatSseEvent, wantsEventStream } from "./sse-stream.js";

describe("formatSseEvent", () => {
  it("writes one data line per line of text, so a client rebuilds it exactly", () => {
    expect(formatSseEvent("stdout", "hello\n")).toBe("event: stdout\ndata: hello\ndata: \n\n");
    expect(formatSseEvent("stdout", "a\r\nb")).toBe("event: stdout\ndata: a\ndata: b\n\n");
    expect(formatSseEvent("result", "{}")).toBe("event: result\ndata: {}\n\n");
  });
});

describe("wantsEventStream", () => {
  it("detects text/event-stream among accepted types", () => {
    expect(wantsEventStream("text/event-stream")).toBe(true);
    expect(wantsEventStream("application/json, text/event-stream;q=0.9")).toBe(true);
    expect(wantsEventStream("application/json")).toBe(false);
    expect(wantsEventStream(undefined)).toBe(false);
  });
});
