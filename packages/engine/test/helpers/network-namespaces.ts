import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
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

/** The interface `ip route get` would send a packet for `address` through. */
export function routeDevice(address: string): string | undefined {
  return /\bdev (\S+)/.exec(sh("ip", ["-o", "route", "get", address]))?.[1];
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
   * Links the namespace to the host by a point-to-point /30: the host routes `inside` (and
   * only it) to the namespace.
   */
  routeFromHost(host: string, inside: string): void {
    sh("ip", ["addr", "add", `${host}/30`, "dev", this.hostLink]);
    sh("ip", ["link", "set", this.hostLink, "up"]);
    this.#configureInside(`${inside}/30`);
    sh("ip", ["-n", this.name, "route", "add", "default", "via", host]);
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
