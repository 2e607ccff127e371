import { describe, expect, it } from "vitest";
import { SIGNATURE_TOLERANCE_SECONDS, signCallback, verifyCallback } from "./callback-signature.js";

const secret = "0123456789abcdef0123456789abcdef";
const body = '{"id":"x","state":"done"}';
const now = 1_800_000_000;

describe("callback signatures", () => {
  it("verifies what it signed", () => {
    expect(verifyCallback(secret, body, signCallback(secret, body, now), now)).toBe(true);
  });

  it("refuses another body, another secret, a malformed header or none", () => {
    const header = signCallback(secret, body, now);
    expect(verifyCallback(secret, `${body} `, header, now)).toBe(false);
    expect(verifyCallback(`${secret}x`, body, header, now)).toBe(false);
    expect(verifyCallback(secret, body, header.replace("v1=", "v2="), now)).toBe(false);
    expect(verifyCallback(secret, body, undefined, now)).toBe(false);
  });

  it("refuses a replay outside the tolerance, either way", () => {
    const old = signCallback(secret, body, now - SIGNATURE_TOLERANCE_SECONDS - 1);
    const future = signCallback(secret, body, now + SIGNATURE_TOLERANCE_SECONDS + 1);
    expect(verifyCallback(secret, body, old, now)).toBe(false);
    expect(verifyCallback(secret, body, future, now)).toBe(false);
    const edge = signCallback(secret, body, now - SIGNATURE_TOLERANCE_SECONDS);
    expect(verifyCallback(secret, body, edge, now)).toBe(true);
  });

  it("signs the timestamp: changing it breaks the signature", () => {
    const header = signCallback(secret, body, now);
    expect(verifyCallback(secret, body, header.replace(`t=${now}`, `t=${now + 1}`), now)).toBe(
      false,
    );
  });
});
