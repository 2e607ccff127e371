import { describe, expect, it } from "vitest";
import { AttachDemuxer, MAX_ATTACH_FRAME_BYTES } from "./attach-demuxer.js";

function attachFrame(stream: 1 | 2, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe("AttachDemuxer", () => {
  it("splits stdout and stderr, across chunk boundaries", () => {
    const out: string[] = [];
    const err: string[] = [];
    const demuxer = new AttachDemuxer(
      (data) => out.push(data.toString()),
      (data) => err.push(data.toString()),
    );
    const wire = Buffer.concat([
      attachFrame(1, Buffer.from("hello")),
      attachFrame(2, Buffer.from("oops")),
    ]);
    demuxer.push(wire.subarray(0, 7));
    demuxer.push(wire.subarray(7));
    expect(out).toEqual(["hello"]);
    expect(err).toEqual(["oops"]);
  });

  it("refuses a frame larger than the maximum as soon as its header arrives", () => {
    const demuxer = new AttachDemuxer(
      () => {},
      () => {},
    );
    const header = Buffer.alloc(8);
    header.writeUInt8(1, 0);
    header.writeUInt32BE(MAX_ATTACH_FRAME_BYTES + 1, 4);
    expect(() => demuxer.push(header)).toThrow(/attach frame of/);
  });
});
