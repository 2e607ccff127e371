import { describe, expect, it } from "vitest";
import { apiKeyHeaders, withApiKeyParam } from "./api-auth.js";

describe("apiKeyHeaders", () => {
  it("sends the key as X-API-Key, and no header without one", () => {
    expect(apiKeyHeaders("k3y-for-alice")).toEqual({ "x-api-key": "k3y-for-alice" });
    expect(apiKeyHeaders(null)).toEqual({});
    expect(apiKeyHeaders("")).toEqual({});
  });
});

describe("withApiKeyParam", () => {
  it("puts the key in ?apiKey=, escaped, beside any other parameter", () => {
    expect(withApiKeyParam("ws://127.0.0.1:8080/v1/run", "a&b=c d")).toBe(
      "ws://127.0.0.1:8080/v1/run?apiKey=a%26b%3Dc+d",
    );
    expect(withApiKeyParam("wss://example.test/v1/run?x=1", "key-1234")).toBe(
      "wss://example.test/v1/run?x=1&apiKey=key-1234",
    );
  });

  it("leaves the address alone without a key", () => {
    expect(withApiKeyParam("ws://127.0.0.1:8080/v1/run", null)).toBe("ws://127.0.0.1:8080/v1/run");
  });
});
