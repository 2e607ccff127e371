import { describe, expect, it } from "vitest";
import { keyFromProtocols, RUN_PROTOCOL, selectProtocol } from "./websocket-protocol.js";

const encoded = (key: string) => Buffer.from(key).toString("base64url");

describe("the WebSocket key subprotocol", () => {
  it("reads the key from warmbox.key.<base64url>, whatever its characters", () => {
    const key = "k3y/with+odd=chars, and é";
    expect(keyFromProtocols(`warmbox.v1, warmbox.key.${encoded(key)}`)).toBe(key);
    expect(keyFromProtocols(`warmbox.key.${encoded(key)},warmbox.v1`)).toBe(key);
  });

  it("finds no key without the subprotocol, or in a malformed one", () => {
    expect(keyFromProtocols(undefined)).toBeUndefined();
    expect(keyFromProtocols("warmbox.v1")).toBeUndefined();
    expect(keyFromProtocols("warmbox.key.")).toBeUndefined();
    expect(keyFromProtocols("warmbox.key.a+b/c=")).toBeUndefined();
  });

  it("answers warmbox.v1 alone, never the key's subprotocol", () => {
    expect(selectProtocol(new Set([RUN_PROTOCOL, `warmbox.key.${encoded("secret")}`]))).toBe(
      RUN_PROTOCOL,
    );
    expect(selectProtocol(new Set([`warmbox.key.${encoded("secret")}`]))).toBe(false);
    expect(selectProtocol(new Set())).toBe(false);
  });
});
