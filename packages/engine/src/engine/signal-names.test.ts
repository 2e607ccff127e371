import { describe, expect, it } from "vitest";
import { signalName } from "./signal-names.js";

describe("signalName", () => {
  it("names Linux signals by their conventional names, never an alias", () => {
    expect(signalName(6)).toBe("SIGABRT");
    expect(signalName(8)).toBe("SIGFPE");
    expect(signalName(9)).toBe("SIGKILL");
    expect(signalName(11)).toBe("SIGSEGV");
    expect(signalName(24)).toBe("SIGXCPU");
    expect(signalName(29)).toBe("SIGIO");
    expect(signalName(31)).toBe("SIGSYS");
  });

  it("names real-time and unknown numbers by number", () => {
    expect(signalName(34)).toBe("SIGRTMIN");
    expect(signalName(36)).toBe("SIGRTMIN+2");
    expect(signalName(64)).toBe("SIGRTMAX");
    expect(signalName(32)).toBe("SIG32");
    expect(signalName(99)).toBe("SIG99");
    expect(signalName(null)).toBeNull();
  });
});
