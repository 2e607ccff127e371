import { describe, expect, it } from "vitest";
import {
  BLOCKED_IPV4,
  BLOCKED_IPV6,
  firewallChains,
  firewallFailureReason,
  firewallRestoreInput,
} from "./sandbox-firewall.js";
import { sandboxBridgeName } from "./sandbox-network.js";

describe("the sandbox firewall's rules", () => {
  const bridge = sandboxBridgeName("warmbox-sandbox");

  it("names chains iptables accepts (28 characters at most), one pair per bridge", () => {
    const chains = firewallChains(bridge);
    for (const chain of Object.values(chains)) expect(chain.length).toBeLessThanOrEqual(28);
    expect(firewallChains(sandboxBridgeName("other"))).not.toEqual(chains);
  });

  it("blocks every private and special range, and the metadata addresses by name", () => {
    for (const range of [
      "10.0.0.0/8",
      "172.16.0.0/12",
      "192.168.0.0/16",
      "100.64.0.0/10",
      "169.254.0.0/16",
      "127.0.0.0/8",
      "169.254.169.254/32",
    ]) {
      expect(BLOCKED_IPV4).toContain(range);
    }
    for (const range of [
      "fc00::/7",
      "fe80::/10",
      "::1/128",
      "::ffff:0:0/96",
      "fd00:ec2::254/128",
    ]) {
      expect(BLOCKED_IPV6).toContain(range);
    }
  });

  it("rewrites both chains atomically: replies pass, blocked ranges are rejected, the host gets nothing new", () => {
    const { outbound, toHost } = firewallChains(bridge);
    const lines = firewallRestoreInput(bridge, 4).trim().split("\n");
    expect(lines[0]).toBe("*filter");
    expect(lines.at(-1)).toBe("COMMIT");
    const outboundRules = lines.filter((line) => line.startsWith(`-A ${outbound} `));
    expect(outboundRules[0]).toContain("--ctstate ESTABLISHED,RELATED -j RETURN");
    expect(outboundRules.at(-1)).toBe(`-A ${outbound} -j RETURN`);
    expect(outboundRules).toContain(
      `-A ${outbound} -d 169.254.169.254/32 -j REJECT --reject-with icmp-admin-prohibited`,
    );
    expect(outboundRules.filter((line) => line.includes("-j REJECT"))).toHaveLength(
      BLOCKED_IPV4.length,
    );
    expect(lines.filter((line) => line.startsWith(`-A ${toHost} `))).toEqual([
      `-A ${toHost} -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN`,
      `-A ${toHost} -j REJECT --reject-with icmp-admin-prohibited`,
    ]);
    const v6 = firewallRestoreInput(bridge, 6);
    expect(v6).toContain(`-d fd00:ec2::254/128 -j REJECT --reject-with icmp6-adm-prohibited`);
    expect(v6).not.toContain("icmp-admin-prohibited");
  });

  it("says plainly when it was refused for want of root", () => {
    expect(
      firewallFailureReason(
        "iptables",
        "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n",
      ),
    ).toMatch(/needs root \(CAP_NET_ADMIN\)/);
    expect(firewallFailureReason("ip6tables", "some other trouble\nmore")).toBe(
      "ip6tables failed: some other trouble",
    );
  });
});
