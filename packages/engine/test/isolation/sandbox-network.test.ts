import { randomBytes, randomInt } from "node:crypto";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firewallChains } from "../../src/docker/sandbox-firewall.js";
import { LABEL_SANDBOX_NETWORK, sandboxBridgeName } from "../../src/docker/sandbox-network.js";
import { EngineUnavailableError } from "../../src/errors/engine-errors.js";
import { forwardDevice, removeFirewall, sh, TestNamespace } from "../helpers/network-namespaces.js";
import { docker, testEngine } from "../helpers/test-engine.js";
import { attack, report } from "./isolation-helpers.js";

/**
 * A sandbox allowed the network reaches the internet and nothing else: not the host (by its
 * bridge address or any other), not another sandbox, not a private range. Every address the
 * traffic goes to is one this test made: a listener in the test on the bridge's gateway and on
 * a host end of a veth, and listeners in network namespaces the test made, to which the host
 * routes the test bridge's traffic only (policy rules). No packet leaves the machine, and no
 * other traffic of the machine is diverted. The rules for the ranges the test
 * can't stand in for (the metadata service, the other private ranges, IPv6) are checked by
 * listing them. Needs root, iptables and iproute2 (scripts/setup installs them).
 */

const NETWORK = `warmbox-test-net-${randomBytes(4).toString("hex")}`;
const BRIDGE = sandboxBridgeName(NETWORK);
const PORT = 40_000 + randomInt(20_000);

const engine = testEngine({
  languages: ["python", "c"],
  pool: { min: 0, max: 2 },
  maxLimits: { network: true },
  sandboxNetwork: NETWORK,
});

/** Tries a TCP connection to each `name,address,port`; prints name=connected:<banner> or the errno. */
const PROBE = `
import errno, socket, sys
for spec in sys.argv[1:]:
    name, host, port = spec.split(",")
    s = socket.socket()
    s.settimeout(3)
    try:
        s.connect((host, int(port)))
        print(f"{name}=connected:" + s.recv(64).decode().strip())
    except socket.timeout:
        print(f"{name}=timeout")
    except OSError as e:
        print(f"{name}=" + errno.errorcode.get(e.errno, type(e).__name__))
    finally:
        s.close()
`;

/** Four bytes of an IPv4 address as a number, and back. */
const toNumber = (ip: string) => ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
const toAddress = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join(".");

let gateway = "";
const hostListeners: Server[] = [];
const hostAccepted = { gateway: 0, other: 0 };
const peer = { ns: undefined as TestNamespace | undefined, address: "" };
const privateRange = { ns: undefined as TestNamespace | undefined, inside: "" };
const internet = { ns: undefined as TestNamespace | undefined, host: "", inside: "" };

function listenOnHost(address: string, count: () => void): Promise<void> {
  const server = createServer((socket) => {
    count();
    socket.end("host\n");
  });
  hostListeners.push(server);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(PORT, address, resolve);
  });
}

beforeAll(async () => {
  await engine.warmup();
  const info = await docker.getNetwork(NETWORK).inspect();
  const ipam = info.IPAM?.Config?.[0] as { Subnet: string; Gateway: string };
  gateway = ipam.Gateway;
  const [subnet = "", bits = "32"] = ipam.Subnet.split("/");
  // A free address near the top of the sandbox subnet stands in for another sandbox.
  peer.address = toAddress(toNumber(subnet) + 2 ** (32 - Number(bits)) - 6);
  peer.ns = new TestNamespace();
  peer.ns.joinBridge(BRIDGE, `${peer.address}/${bits}`);
  await peer.ns.listen(peer.address, PORT);

  // Routed to the test's namespaces for the test bridge's traffic only (a policy rule).
  privateRange.inside = `10.${randomInt(256)}.${randomInt(256)}.${1 + randomInt(254)}`;
  privateRange.ns = new TestNamespace();
  privateRange.ns.routeFromBridge(BRIDGE, privateRange.inside);
  await privateRange.ns.listen(privateRange.inside, PORT);

  // TEST-NET-3, which the internet never routes: a public address as far as the filter knows.
  internet.inside = `203.0.113.${1 + randomInt(254)}`;
  internet.ns = new TestNamespace();
  internet.host = internet.ns.routeFromBridge(BRIDGE, internet.inside);
  await internet.ns.listen(internet.inside, PORT);

  await listenOnHost(gateway, () => hostAccepted.gateway++);
  // The host's end of the "internet" link: the host by an address other than the bridge's.
  await listenOnHost(internet.host, () => hostAccepted.other++);
});

afterAll(async () => {
  await engine.close();
  for (const ns of [peer.ns, privateRange.ns, internet.ns]) ns?.close();
  await Promise.all(hostListeners.map((server) => new Promise((resolve) => server.close(resolve))));
  await docker
    .getNetwork(NETWORK)
    .remove()
    .catch(() => undefined);
  removeFirewall(BRIDGE);
});

describe("the sandbox network, as the engine makes it", () => {
  it("is a Warmbox bridge with inter-container traffic off, which the sandbox joins", async () => {
    const info = await docker.getNetwork(NETWORK).inspect();
    expect(info.Labels?.[LABEL_SANDBOX_NETWORK]).toBe("true");
    expect(info.Options?.["com.docker.network.bridge.enable_icc"]).toBe("false");
    expect(info.Options?.["com.docker.network.bridge.name"]).toBe(BRIDGE);
    const result = await attack(engine, {
      language: "python",
      source: "import os\nprint('interfaces=' + ','.join(sorted(os.listdir('/sys/class/net'))))",
      limits: { network: true },
    });
    expect(result.status, result.describe).toBe("ok");
    expect(report(result.run?.stdout).interfaces).toBe("eth0,lo");
  });

  it("gives a compiled program's run the network it asked for, and no compile stage another one", async () => {
    const c = {
      language: "c",
      source:
        '#include <stdlib.h>\nint main(void) { return system("printf interfaces=; ls /sys/class/net | paste -sd,"); }\n',
    };
    const withNetwork = await attack(engine, { ...c, limits: { network: true } });
    expect(withNetwork.status, withNetwork.describe).toBe("ok");
    expect(report(withNetwork.run?.stdout).interfaces).toBe("eth0,lo");
    const without = await attack(engine, c);
    expect(without.status, without.describe).toBe("ok");
    expect(report(without.run?.stdout).interfaces).toBe("lo");
    await expect(
      engine.execute({ ...c, limits: { network: false }, compileLimits: { network: true } }),
    ).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("installs rules for its bridge: DOCKER-USER and INPUT jump to chains that reject private ranges, the metadata service and the host", () => {
    const { outbound, toHost } = firewallChains(BRIDGE);
    expect(sh("iptables", ["-w", "-S", "DOCKER-USER"])).toContain(
      `-A DOCKER-USER -i ${BRIDGE} -j ${outbound}`,
    );
    expect(sh("iptables", ["-w", "-S", "FORWARD"]).split("\n")).toContain(
      "-A FORWARD -j DOCKER-USER",
    );
    expect(sh("iptables", ["-w", "-S", "INPUT"])).toContain(`-A INPUT -i ${BRIDGE} -j ${toHost}`);
    const v4 = sh("iptables", ["-w", "-S", outbound]);
    for (const range of [
      "169.254.169.254/32",
      "10.0.0.0/8",
      "172.16.0.0/12",
      "192.168.0.0/16",
      "100.64.0.0/10",
      "169.254.0.0/16",
      "127.0.0.0/8",
    ]) {
      expect(v4).toContain(
        `-A ${outbound} -d ${range} -j REJECT --reject-with icmp-admin-prohibited`,
      );
    }
    expect(v4).toContain(`-A ${outbound} -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN`);
    expect(sh("iptables", ["-w", "-S", toHost])).toContain(
      `-A ${toHost} -j REJECT --reject-with icmp-admin-prohibited`,
    );
    const v6 = sh("ip6tables", ["-w", "-S", outbound]);
    for (const range of [
      "fd00:ec2::254/128",
      "fc00::/7",
      "fe80::/10",
      "::1/128",
      "::ffff:0.0.0.0/96",
    ]) {
      expect(v6).toContain(`-d ${range} -j REJECT`);
    }
    expect(sh("ip6tables", ["-w", "-S", "INPUT"])).toContain(`-A INPUT -i ${BRIDGE} -j ${toHost}`);
  });

  it("lets the sandbox reach a public address, but not the host, another sandbox or a private address", async () => {
    // Each target is the test's own: make sure the host sends it to the test's namespace.
    expect(forwardDevice(privateRange.inside, BRIDGE, peer.address)).toBe(
      privateRange.ns?.hostLink,
    );
    expect(forwardDevice(internet.inside, BRIDGE, peer.address)).toBe(internet.ns?.hostLink);
    const result = await attack(engine, {
      language: "python",
      source: PROBE,
      args: [
        `internet,${internet.inside},${PORT}`,
        `host-gateway,${gateway},${PORT}`,
        `host-other-address,${internet.host},${PORT}`,
        `other-sandbox,${peer.address},${PORT}`,
        `private,${privateRange.inside},${PORT}`,
      ],
      limits: { network: true, timeMs: 20_000 },
    });
    expect(result.status, result.describe).toBe("ok");
    const outcome = report(result.run?.stdout);
    expect(outcome.internet, result.describe).toBe("connected:hello");
    for (const blocked of ["host-gateway", "host-other-address", "other-sandbox", "private"]) {
      expect(outcome[blocked], `${blocked}: ${result.describe}`).toMatch(
        /^(EHOSTUNREACH|ECONNREFUSED|ENETUNREACH|timeout)$/,
      );
    }
    // What the listeners counted: only the public one was ever reached.
    expect(internet.ns?.accepted).toBeGreaterThanOrEqual(1);
    expect(peer.ns?.accepted).toBe(0);
    expect(privateRange.ns?.accepted).toBe(0);
    expect(hostAccepted).toEqual({ gateway: 0, other: 0 });
  });

  it("a real sandbox can't reach another one listening on the same network", async () => {
    const listener = [
      "import socket, sys",
      "server = socket.socket()",
      "server.bind(('0.0.0.0', int(sys.argv[1])))",
      "server.listen()",
      "server.settimeout(8)",
      "print('ip=' + socket.gethostbyname(socket.gethostname()), flush=True)",
      "try:",
      "    server.accept()",
      "    print('accepted=1')",
      "except socket.timeout:",
      "    print('accepted=0')",
    ].join("\n");
    let announced: (ip: string) => void = () => {};
    const listenerIp = new Promise<string>((resolve) => {
      announced = resolve;
    });
    let seen = "";
    const listening = engine.execute(
      {
        language: "python",
        source: listener,
        args: [String(PORT)],
        limits: { network: true, timeMs: 20_000 },
      },
      {
        onStdout: (chunk) => {
          seen += chunk;
          const ip = /ip=(\S+)\n/.exec(seen)?.[1];
          if (ip) announced(ip);
        },
      },
    );
    const ip = await Promise.race([
      listenerIp,
      listening.then((result) => {
        throw new Error(`the listening sandbox ended first: ${JSON.stringify(result)}`);
      }),
    ]);
    const prober = await attack(engine, {
      language: "python",
      source: PROBE,
      args: [`sandbox,${ip},${PORT}`],
      limits: { network: true },
    });
    expect(prober.status, prober.describe).toBe("ok");
    expect(report(prober.run?.stdout).sandbox, prober.describe).toMatch(
      /^(EHOSTUNREACH|ECONNREFUSED|ENETUNREACH|timeout)$/,
    );
    const listened = await listening;
    expect(listened.status, JSON.stringify(listened)).toBe("ok");
    expect(report(listened.run?.stdout).accepted).toBe("0");
  });
});

describe("the filter, removed while the engine runs", () => {
  it("is put back before the next network-on sandbox starts", async () => {
    const { outbound } = firewallChains(BRIDGE);
    // Runs that hit a limit are never reused: the pool holds no network-on sandbox after these.
    const spins = await Promise.all(
      [1, 2].map(() =>
        engine.execute({
          language: "python",
          source: "while True: pass",
          limits: { network: true, timeMs: 500 },
        }),
      ),
    );
    expect(spins.map((result) => result.status)).toEqual(["timeout", "timeout"]);
    removeFirewall(BRIDGE);
    expect(sh("iptables", ["-w", "-S", "DOCKER-USER"])).not.toContain(outbound);
    const result = await attack(engine, {
      language: "python",
      source: PROBE,
      args: [`host-gateway,${gateway},${PORT}`],
      limits: { network: true },
    });
    expect(report(result.run?.stdout)["host-gateway"], result.describe).toMatch(
      /^(EHOSTUNREACH|ECONNREFUSED|ENETUNREACH|timeout)$/,
    );
    expect(sh("iptables", ["-w", "-S", "DOCKER-USER"])).toContain(
      `-A DOCKER-USER -i ${BRIDGE} -j ${outbound}`,
    );
    expect(hostAccepted.gateway).toBe(0);
  });
});

describe("network: true is refused, saying why, where the filter can't be made", () => {
  it("a network of that name that Warmbox did not make", async () => {
    const name = `warmbox-test-foreign-${randomBytes(4).toString("hex")}`;
    const foreign = await docker.createNetwork({ Name: name, Driver: "bridge" });
    try {
      await using own = testEngine({
        languages: ["python"],
        pool: { min: 0, max: 1 },
        maxLimits: { network: true },
        sandboxNetwork: name,
      });
      const refused = own.execute({
        language: "python",
        source: "print(1)",
        limits: { network: true },
      });
      await expect(refused).rejects.toBeInstanceOf(EngineUnavailableError);
      await expect(refused).rejects.toThrow(/network access is unavailable: .*not made by Warmbox/);
      const offline = await own.execute({ language: "python", source: "print(1)" });
      expect(offline.status).toBe("ok");
    } finally {
      await foreign.remove();
    }
  });

  it("no iptables on the engine's PATH", async () => {
    const name = `warmbox-test-noipt-${randomBytes(4).toString("hex")}`;
    const path = process.env.PATH;
    try {
      await using own = testEngine({
        languages: ["python"],
        pool: { min: 0, max: 1 },
        maxLimits: { network: true },
        sandboxNetwork: name,
      });
      process.env.PATH = "/nonexistent";
      try {
        await own.warmup();
      } finally {
        process.env.PATH = path;
      }
      await expect(
        own.execute({ language: "python", source: "print(1)", limits: { network: true } }),
      ).rejects.toThrow(/network access is unavailable: iptables-restore is not installed/);
    } finally {
      process.env.PATH = path;
      await docker
        .getNetwork(name)
        .remove()
        .catch(() => undefined);
    }
  });
});
