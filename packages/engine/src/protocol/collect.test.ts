import { describe, expect, it } from "vitest";
import {
  COLLECT_MAX_BYTES,
  COLLECT_MAX_ENTRIES,
  CollectAnswerReader,
  CollectOutcome,
} from "./collect.js";
import {
  collectEndFrame,
  collectedDataFrame,
  collectedFileFrame,
} from "./collect-answer.fixture.js";
import { CHUNK_BYTES, type Frame, FrameType } from "./frames.js";

const fileHead = collectedFileFrame;
const data = collectedDataFrame;
const end = collectEndFrame;

/** Feeds every frame; the answer the last one completed. */
function read(frames: Frame[]) {
  const reader = new CollectAnswerReader();
  let answer: ReturnType<CollectAnswerReader["push"]>;
  for (const frame of frames) answer = reader.push(frame);
  return answer;
}

describe("CollectAnswerReader", () => {
  it("puts files together from their chunks, with modes, empty files included", () => {
    const big = Buffer.alloc(CHUNK_BYTES + 10, 7);
    const answer = read([
      fileHead("main", big.length, 0o100755),
      data(big.subarray(0, CHUNK_BYTES)),
      data(big.subarray(CHUNK_BYTES)),
      fileHead("empty", 0),
      fileHead("lib/a.txt", 2),
      data("hi"),
      end(CollectOutcome.Done, 5, 3, big.length + 2),
    ]);
    expect(answer).toEqual({
      outcome: "done",
      files: [
        { name: Buffer.from("main"), mode: 0o755, content: big },
        { name: Buffer.from("empty"), mode: 0o644, content: Buffer.alloc(0) },
        { name: Buffer.from("lib/a.txt"), mode: 0o644, content: Buffer.from("hi") },
      ],
    });
  });

  it("reports a refusal with the walk's counts", () => {
    expect(read([end(CollectOutcome.TooManyEntries, 10_001, 3, 30)])).toEqual({
      outcome: "too_many_entries",
      entries: 10_001,
      files: 3,
      bytes: 30,
    });
  });

  it.each([
    ["a file cut short", [fileHead("a", 3), data("ab"), end(0, 1, 1, 3)], /after 2 of 3 bytes/],
    ["data past a file's size", [fileHead("a", 1), data("ab")], /past the file's size/],
    ["data before any file", [data("x")], /before any COLLECTED_FILE/],
    ["an empty chunk", [fileHead("a", 1), data("")], /of 0 bytes/],
    [
      "a chunk past CHUNK",
      [fileHead("a", CHUNK_BYTES + 1), data(Buffer.alloc(CHUNK_BYTES + 1))],
      /COLLECTED_DATA of/,
    ],
    ["a file without a name", [fileHead("", 0)], /without a name/],
    ["a name past the bound", [fileHead("x".repeat(1_025), 0)], /name past the bound/],
    ["a size past the byte bound", [fileHead("a", COLLECT_MAX_BYTES + 1)], /byte bound/],
    ["counts that don't match", [fileHead("a", 0), end(0, 1, 2, 0)], /counts 2 files/],
    ["a refusal after files", [fileHead("a", 0), end(1, 1, 1, 0)], /refused COLLECT sent files/],
    ["an unknown outcome", [end(9, 0, 0, 0)], /unknown outcome 9/],
    [
      "another frame",
      [{ type: FrameType.Stdout, payload: Buffer.from("x") }],
      /unexpected frame O/,
    ],
  ])("throws on %s", (_what, frames, message) => {
    expect(() => read(frames)).toThrow(message);
  });

  it("throws on more files than the entry bound, before holding them", () => {
    const reader = new CollectAnswerReader();
    for (let i = 0; i < COLLECT_MAX_ENTRIES; i++) reader.push(fileHead(`f${i}`, 0));
    expect(() => reader.push(fileHead("one-more", 0))).toThrow(/more collected files/);
  });
});
