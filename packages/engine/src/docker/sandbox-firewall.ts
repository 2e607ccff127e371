import { execFile } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * The packet filter of the sandboxes' network: what a sandbox allowed the network may not
 * reach. Traffic from the sandbox bridge that is forwarded (to other networks) passes Docker's
 * `DOCKER-USER` chain; traffic to the host's own addresses (the bridge's gateway, every other
 * address of the host, and so the server's port) never is forwarded and passes `INPUT`
 * instead. Each gets a jump, for that bridge only, to a chain of ours.
 */

/** The cloud metadata service (AWS, GCP, Azure, ...): credentials of the machine's role. */
export const CLOUD_METADATA_IPV4 = "169.254.169.254/32";
/** AWS's IPv6 metadata address (inside fc00::/7, listed on its own so the rule says so). */
export const CLOUD_METADATA_IPV6 = "fd00:ec2::254/128";

/** IPv4 destinations that are not the internet: private, shared, link-local, loopback, ... */
export const BLOCKED_IPV4: readonly string[] = [
  CLOUD_METADATA_IPV4,
  "0.0.0.0/8", // "this network"
  "10.0.0.0/8", // private
  "100.64.0.0/10", // carrier-grade NAT, also cloud-internal services
  "127.0.0.0/8", // loopback
  "169.254.0.0/16", // link-local, the metadata services
  "172.16.0.0/12", // private, Docker's own networks
  "192.0.0.0/24", // IETF protocol assignments
  "192.168.0.0/16", // private
  "198.18.0.0/15", // benchmarking, used inside some data centres
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, and the broadcast address
];

/** IPv6 destinations that are not the internet, and prefixes that embed IPv4 ones. */
export const BLOCKED_IPV6: readonly string[] = [
  CLOUD_METADATA_IPV6,
  "::/128", // unspecified
  "::1/128", // loopback
  "::ffff:0:0/96", // IPv4-mapped
  "64:ff9b::/96", // NAT64 (embeds IPv4 addresses)
  "64:ff9b:1::/48", // local-use NAT64
  "100::/64", // discard
  "2002::/16", // 6to4 (embeds IPv4 addresses)
  "fc00::/7", // unique local
  "fe80::/10", // link-local
  "ff00::/8", // multicast
];

/** The names of the two chains of one sandbox bridge (iptables allows 28 characters). */
export function firewallChains(bridge: string): { outbound: string; toHost: string } {
  const id = bridge.toUpperCase();
  return { outbound: `${id}-OUT`, toHost: `${id}-HOST` };
}

type Family = 4 | 6;

/**
 * The `iptables-restore --noflush` input that (re)writes both chains of a bridge in one atomic
 * commit: replies to connections made to the sandbox pass, the blocked ranges are rejected
 * (the program sees "no route to host" at once instead of a hang), anything else goes on to
 * Docker's rules; towards the host itself, everything is rejected.
 */
export function firewallRestoreInput(bridge: string, family: Family): string {
  const { outbound, toHost } = firewallChains(bridge);
  const reject =
    family === 4
      ? "REJECT --reject-with icmp-admin-prohibited"
      : "REJECT --reject-with icmp6-adm-prohibited";
  const blocked = family === 4 ? BLOCKED_IPV4 : BLOCKED_IPV6;
  const replies = "-m conntrack --ctstate ESTABLISHED,RELATED -j RETURN";
  return [
    "*filter",
    // Declaring a chain with --noflush empties it (or creates it): the rules below replace it.
    `:${outbound} - [0:0]`,
    `:${toHost} - [0:0]`,
    `-A ${outbound} ${replies}`,
    ...blocked.map((range) => `-A ${outbound} -d ${range} -j ${reject}`),
    `-A ${outbound} -j RETURN`,
    `-A ${toHost} ${replies}`,
    `-A ${toHost} -j ${reject}`,
    "COMMIT",
    "",
  ].join("\n");
}

/** Why the sandboxes' traffic can't be filtered here; `network: true` is refused with it. */
export class SandboxFirewallError extends Error {
  override readonly name = "SandboxFirewallError";
}

interface CommandResult {
  code: number;
  stderr: string;
}

function run(command: string, args: string[], input?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { timeout: 30_000 }, (error, _stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      if (error && typeof error.code === "string") reject(error);
      else resolve({ code, stderr: String(stderr) });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Turns a failed iptables call into the reason operators read. */
export function firewallFailureReason(command: string, stderr: string): string {
  if (/permission denied|you must be root|operation not permitted/i.test(stderr)) {
    return `${command} was refused: installing the filter needs root (CAP_NET_ADMIN) in the Docker host's network namespace`;
  }
  const firstLine = stderr.trim().split("\n")[0] ?? "";
  return `${command} failed: ${firstLine || "no message"}`;
}

async function iptables(
  family: Family,
  args: string[],
  options: { input?: string; restore?: boolean } = {},
): Promise<CommandResult> {
  const base = family === 4 ? "iptables" : "ip6tables";
  const command = options.restore ? `${base}-restore` : base;
  try {
    // -w: wait for the xtables lock that Docker and other tools take.
    return await run(command, ["-w", ...args], options.input);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new SandboxFirewallError(
        `${command} is not installed (Debian: apt-get install iptables), so sandbox traffic can't be filtered`,
      );
    }
    throw new SandboxFirewallError(`${command} could not run: ${(error as Error).message}`);
  }
}

async function mustSucceed(
  family: Family,
  args: string[],
  options: { input?: string; restore?: boolean } = {},
): Promise<void> {
  const result = await iptables(family, args, options);
  if (result.code !== 0) {
    const command = family === 4 ? "iptables" : "ip6tables";
    throw new SandboxFirewallError(firewallFailureReason(command, result.stderr));
  }
}

/** Adds `rule` at the top of `chain` unless it is already there. */
async function ensureJump(family: Family, chain: string, rule: string[]): Promise<void> {
  const present = await iptables(family, ["-C", chain, ...rule]);
  if (present.code !== 0) await mustSucceed(family, ["-I", chain, "1", ...rule]);
}

/**
 * Where forwarded traffic of the bridge is filtered: Docker's DOCKER-USER chain, which Docker
 * keeps first in FORWARD. IPv6 has it only when Docker manages ip6tables; the bridge then has
 * no IPv6 of Docker's, and FORWARD itself takes the jump.
 */
async function forwardChain(family: Family): Promise<string> {
  const jumps = await iptables(family, ["-C", "FORWARD", "-j", "DOCKER-USER"]);
  if (jumps.code === 0) return "DOCKER-USER";
  if (family === 4) {
    throw new SandboxFirewallError(
      "Docker does not manage iptables here (FORWARD has no jump to DOCKER-USER; is dockerd running with --iptables=false?), so sandbox traffic can't be filtered",
    );
  }
  return "FORWARD";
}

async function installFamily(bridge: string, family: Family): Promise<void> {
  const { outbound, toHost } = firewallChains(bridge);
  await mustSucceed(family, ["--noflush"], {
    restore: true,
    input: firewallRestoreInput(bridge, family),
  });
  await ensureJump(family, await forwardChain(family), ["-i", bridge, "-j", outbound]);
  await ensureJump(family, "INPUT", ["-i", bridge, "-j", toHost]);
}

/**
 * Installs (or rewrites, idempotently) the filter of one sandbox bridge, IPv4 and IPv6 (IPv6
 * only where the kernel has it). Throws SandboxFirewallError saying why it can't.
 */
export async function installSandboxFirewall(bridge: string): Promise<void> {
  await installFamily(bridge, 4);
  if (existsSync("/proc/net/if_inet6")) await installFamily(bridge, 6);
}
