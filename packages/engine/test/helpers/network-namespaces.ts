import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { firewallChains } from "../../src/docker/sandbox-firewall.js";

/**
 * Network namespaces a test makes for itself, each with a TCP listener that counts the
 * connections it accepts: stand-ins for "another sandbox", "a private address" and "the
 * internet" that no traffic ever leaves the machine to reach. Needs root and iproute2
 * (scripts/ensure-network-tools installs it).
 */

/** Runs a command; throws with its stderr when it fails. */
export function sh(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`${command} ${args.join(" ")} failed: ${stderr.trim()}`);
  }
}

/** The interface the host would forward a packet to `address` through, coming in from `bridge`. */
export function forwardDevice(address: string, bridge: string, from: string): string | undefined {
  const route = sh("ip", ["-o", "route", "get", address, "from", from, "iif", bridge]);
  return /\bdev (\S+)/.exec(route)?.[1];
}

const LISTENER = `
const net = require("node:net");
const [address, port] = process.argv.slice(1);
net.createServer((socket) => { console.log("accepted"); socket.end("hello\\n"); })
  .listen(Number(port), address, () => console.log("listening"));
`;

export class TestNamespace {
  readonly name = `wbt-${randomBytes(4).toString("hex")}`;
  /** The host's end of the namespace's veth pair. */
  readonly hostLink = `${this.name}h`;
  #listener: ChildProcess | undefined;
  /** The policy rule of routeFromBridge, removed on close. */
  #rule: string[] | undefined;
  #accepted = 0;

  constructor() {
    sh("ip", ["netns", "add", this.name]);
    sh("ip", ["-n", this.name, "link", "set", "lo", "up"]);
    sh("ip", [
      "link",
      "add",
      this.hostLink,
      "type",
      "veth",
      "peer",
      "name",
      "eth0",
      "netns",
      this.name,
    ]);
  }

  /** Plugs the namespace into a bridge with `address` (CIDR), as a container would be. */
  joinBridge(bridge: string, address: string): void {
    sh("ip", ["link", "set", this.hostLink, "master", bridge, "up"]);
    this.#configureInside(address);
  }

  /**
   * Routes `inside` to the namespace for packets that come in from `bridge` only (a policy
   * rule of its own), so nothing else on the machine, whatever it sends to that address, is
   * ever diverted. The host's end gets a link-local /32 of its own (never 169.254.169.x or
   * 169.254.170.x, the cloud's services); it is returned.
   */
  routeFromBridge(bridge: string, inside: string): string {
    const host = `169.254.${1 + randomInt(160)}.${1 + randomInt(254)}`;
    const table = String(10_000 + randomInt(50_000));
    sh("ip", ["addr", "add", `${host}/32`, "dev", this.hostLink]);
    sh("ip", ["link", "set", this.hostLink, "up"]);
    sh("ip", ["route", "add", `${inside}/32`, "dev", this.hostLink, "table", table]);
    this.#rule = ["iif", bridge, "to", `${inside}/32`, "lookup", table];
    sh("ip", ["rule", "add", ...this.#rule]);
    this.#configureInside(`${inside}/32`);
    sh("ip", ["-n", this.name, "route", "add", `${host}/32`, "dev", "eth0"]);
    sh("ip", ["-n", this.name, "route", "add", "default", "via", host, "dev", "eth0"]);
    return host;
  }

  #configureInside(address: string): void {
    sh("ip", ["-n", this.name, "addr", "add", address, "dev", "eth0"]);
    sh("ip", ["-n", this.name, "link", "set", "eth0", "up"]);
  }

  /** Starts the listener inside the namespace; resolves once it listens. */
  async listen(address: string, port: number): Promise<void> {
    const child = spawn(
      "ip",
      ["netns", "exec", this.name, process.execPath, "-e", LISTENER, address, String(port)],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    this.#listener = child;
    await new Promise<void>((resolve, reject) => {
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.stdout?.on("data", (chunk: Buffer) => {
        const text = chunk.toString();
        this.#accepted += text.split("accepted").length - 1;
        if (text.includes("listening")) resolve();
      });
      child.on("exit", (code) =>
        reject(new Error(`listener in ${this.name} exited ${code}: ${stderr}`)),
      );
    });
  }

  /** Connections the listener accepted so far. */
  get accepted(): number {
    return this.#accepted;
  }

  /** Stops the listener and deletes the namespace (its veth pair goes with it). */
  close(): void {
    this.#listener?.kill("SIGKILL");
    if (this.#rule) sh("ip", ["rule", "del", ...this.#rule]);
    try {
      sh("ip", ["netns", "del", this.name]);
    } catch {
      // Already gone.
    }
  }
}

/** Removes the firewall chains and jumps the engine installed for a bridge the test made. */
export function removeFirewall(bridge: string): void {
  const { outbound, toHost } = firewallChains(bridge);
  for (const command of ["iptables", "ip6tables"]) {
    for (const [chain, target] of [
      ["DOCKER-USER", outbound],
      ["FORWARD", outbound],
      ["INPUT", toHost],
    ] as const) {
      try {
        sh(command, ["-w", "-D", chain, "-i", bridge, "-j", target]);
      } catch {
        // That jump was not there.
      }
    }
    for (const chain of [outbound, toHost]) {
      try {
        sh(command, ["-w", "-F", chain]);
        sh(command, ["-w", "-X", chain]);
      } catch {
        // Not there.
      }
    }
  }
}
