import { describe, expect, it } from "vitest";
import {
  CallbackRefusedError,
  parseCallbackUrl,
  refusedAddressReason,
  resolveCallbackTarget,
} from "./callback-target.js";

// Only IP literals and `localhost` (from /etc/hosts): these tests send no DNS query and open no
// connection anywhere.

describe("refusedAddressReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "carrierGradeNat"],
    ["100.127.255.254", "carrierGradeNat"],
    ["169.254.169.254", "linkLocal"],
    ["169.254.0.1", "linkLocal"],
    ["0.0.0.0", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["224.0.0.1", "multicast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "ipv4Mapped"],
    ["::ffff:169.254.169.254", "ipv4Mapped"],
    ["::ffff:8.8.8.8", "ipv4Mapped"],
    ["64:ff9b::a9fe:a9fe", "rfc6052"],
    ["2002:a9fe:a9fe::1", "6to4"],
    ["2001:0:a9fe:a9fe::1", "teredo"],
  ])("refuses %s (%s)", (address, range) => {
    expect(refusedAddressReason(address)).toContain(range);
  });

  it.each(["::127.0.0.1", "::a9fe:a9fe", "::10.0.0.1", "::8.8.8.8"])(
    "refuses the IPv4-compatible form %s",
    (address) => {
      // ipaddr.js reads a dotted tail as ::ffff:a.b.c.d (ipv4Mapped); refused either way.
      expect(refusedAddressReason(address)).toMatch(/IPv4-compatible|ipv4Mapped/);
    },
  );

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111"])(
    "allows the public address %s",
    (address) => {
      expect(refusedAddressReason(address)).toBeUndefined();
    },
  );

  it("names what is not an address", () => {
    expect(refusedAddressReason("example.com")).toContain("not an IP address");
  });
});

describe("parseCallbackUrl", () => {
  it.each([
    ["ftp://example.com/x", "http:// or https://"],
    ["file:///etc/passwd", "http:// or https://"],
    ["gopher://example.com/", "http:// or https://"],
    ["not a url", "absolute URL"],
    ["http://user:secret@example.com/", "user name or password"],
    ["http://example.com/hook\u0000x", "control characters"],
    ["http://example.com/\nHost: evil", "control characters"],
    [`https://example.com/${"a".repeat(2_100)}`, "longer than"],
  ])("refuses %s", (url, reason) => {
    expect(() => parseCallbackUrl(url)).toThrow(reason);
  });
});

describe("resolveCallbackTarget", () => {
  const refused = (url: string) =>
    resolveCallbackTarget(url, { allowPrivate: false }).then(
      () => "allowed",
      (error: unknown) =>
        error instanceof CallbackRefusedError ? error.message : `threw ${String(error)}`,
    );

  it.each([
    "http://127.0.0.1:9/hook",
    "http://localhost:9/hook",
    "http://[::1]:9/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:7f00:1]/",
    "http://0.0.0.0:9/",
    "http://2130706433/", // 127.0.0.1 as one decimal number: the URL parser makes it dotted
    "http://0x7f.1/",
    "http://10.0.0.1/",
    "http://100.100.100.200/", // a cloud metadata address in CGNAT space
    "http://[fd00:ec2::254]/", // AWS's IPv6 metadata address
    "http://[fe80::1%25eth0]/",
  ])("refuses %s before any connection", async (url) => {
    expect(await refused(url)).toMatch(/public address|not an absolute URL/);
  });

  it("connects to the address it checked, and allows private ones when told", async () => {
    const target = await resolveCallbackTarget("http://localhost:9/hook", { allowPrivate: true });
    expect(["127.0.0.1", "::1"]).toContain(target.address);
    expect(target.url.pathname).toBe("/hook");
  });

  it("still refuses other schemes when private targets are allowed", async () => {
    await expect(
      resolveCallbackTarget("file:///etc/passwd", { allowPrivate: true }),
    ).rejects.toThrow(CallbackRefusedError);
  });
});
