import { describe, expect, it } from "vitest";
import { stepOf } from "./build-progress.js";

describe("stepOf", () => {
  it("reads Docker's step announcements", () => {
    expect(stepOf("Step 3/5 : RUN apt-get update && apt-get install -y python3\n")).toBe(
      "3/5 RUN apt-get update && apt-get install -y python3",
    );
  });

  it("reads debootstrap's phases", () => {
    expect(stepOf("I: Retrieving Packages \n")).toBe("debootstrap: Retrieving Packages");
  });

  it("ignores every other line", () => {
    expect(stepOf(" ---> Running in 1a2b3c\n")).toBeUndefined();
    expect(stepOf("Get:1 http://deb.debian.org/debian bookworm InRelease\n")).toBeUndefined();
  });
});
