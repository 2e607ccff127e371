import { describe, expect, it } from "vitest";
import {
  foreignNetworkProblem,
  LABEL_SANDBOX_NETWORK,
  sandboxBridgeName,
  sandboxNetworkCreateOptions,
} from "./sandbox-network.js";

describe("the sandbox network", () => {
  it("has a bridge name Linux accepts (15 characters), fixed by the network's name", () => {
    const bridge = sandboxBridgeName("warmbox-sandbox");
    expect(bridge).toMatch(/^wb-[0-9a-f]{12}$/);
    expect(sandboxBridgeName("warmbox-sandbox")).toBe(bridge);
    expect(sandboxBridgeName("another")).not.toBe(bridge);
  });

  it("is a labelled bridge with inter-container traffic off and no IPv6", () => {
    const options = sandboxNetworkCreateOptions("warmbox-sandbox");
    expect(options).toMatchObject({
      Name: "warmbox-sandbox",
      Driver: "bridge",
      Internal: false,
      EnableIPv6: false,
      Labels: { [LABEL_SANDBOX_NETWORK]: "true" },
    });
    expect(options.Options).toMatchObject({
      "com.docker.network.bridge.enable_icc": "false",
      "com.docker.network.bridge.name": sandboxBridgeName("warmbox-sandbox"),
    });
  });

  it("refuses a network of that name it did not make, or one with inter-container traffic on", () => {
    const ours = sandboxNetworkCreateOptions("n");
    expect(foreignNetworkProblem("n", { Labels: ours.Labels, Options: ours.Options })).toBe(
      undefined,
    );
    expect(foreignNetworkProblem("n", { Labels: {}, Options: ours.Options })).toMatch(
      /not made by Warmbox/,
    );
    expect(
      foreignNetworkProblem("n", {
        Labels: ours.Labels,
        Options: { ...ours.Options, "com.docker.network.bridge.enable_icc": "true" },
      }),
    ).toMatch(/reach each other/);
  });
});
