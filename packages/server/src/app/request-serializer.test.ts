import { describe, expect, it } from "vitest";
import { redactUrl } from "./request-serializer.js";

describe("redactUrl", () => {
  it("redacts every query parameter a key is commonly put in, whatever its case", () => {
    const secret = "k49d8b08d2816640baaa5a1322e04c8ff818d0c5";
    for (const name of ["apiKey", "api_key", "API-KEY", "key", "token", "access_token", "auth"]) {
      const logged = redactUrl(`/v1/execute?x=1&${name}=${secret}&y=2`);
      expect(logged, name).not.toContain(secret);
      expect(logged, name).toBe(`/v1/execute?x=1&${name}=[redacted]&y=2`);
    }
  });

  it("leaves other parameters and paths alone", () => {
    expect(redactUrl("/v1/languages?monkey=1&keys=2")).toBe("/v1/languages?monkey=1&keys=2");
    expect(redactUrl("/v1/execute")).toBe("/v1/execute");
  });

  it("redacts a key after an & even without a ?", () => {
    expect(redactUrl("/v1/execute&token=abc")).toBe("/v1/execute&token=[redacted]");
  });
});
