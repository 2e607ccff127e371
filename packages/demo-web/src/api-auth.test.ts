import { describe, expect, it } from "vitest";
import { apiKeyHeaders, webSocketProtocols } from "./api-auth.js";

describe("apiKeyHeaders", () => {
  it("sends the key as X-API-Key, and no header without one", () => {
    expect(apiKeyHeaders("k3y-for-alice")).toEqual({ "x-api-key": "k3y-for-alice" });
    expect(apiKeyHeaders(null)).toEqual({});
    expect(apiKeyHeaders("")).toEqual({});
  });
});

describe("webSocketProtocols", () => {
  it("offers warmbox.v1 and the key base64url-encoded, so any key is a valid token", () => {
    expect(webSocketProtocols("a+b/c=d é")).toEqual([
      "warmbox.v1",
      `warmbox.key.${Buffer.from("a+b/c=d é").toString("base64url")}`,
    ]);
    for (const protocol of webSocketProtocols("k3y/with+odd=chars"))
      expect(protocol).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it("offers the message protocol alone without a key", () => {
    expect(webSocketProtocols(null)).toEqual(["warmbox.v1"]);
  });
});
