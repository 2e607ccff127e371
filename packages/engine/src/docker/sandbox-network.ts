import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import type Dockerode from "dockerode";
import { installSandboxFirewall, SandboxFirewallError } from "./sandbox-firewall.js";

/**
 * The Docker network of sandboxes allowed the network: a bridge of Warmbox's own, with
 * inter-container traffic off and the filter of sandbox-firewall.ts on its interface, so a
 * sandbox reaches the internet and nothing else (not the host, the server, other sandboxes,
 * private ranges or the cloud metadata service).
 */

/** Marks the networks the engine made; a network of the same name without it is refused. */
export const LABEL_SANDBOX_NETWORK = "dev.warmbox.sandbox-network";

/**
 * The Linux name of the network's bridge interface, fixed so the filter can name it:
 * "wb-" and 12 hex digits of the network's name (interface names hold 15 characters).
 */
export function sandboxBridgeName(network: string): string {
  return `wb-${createHash("sha256").update(network).digest("hex").slice(0, 12)}`;
}

/** Docker's create options of the sandbox network. */
export function sandboxNetworkCreateOptions(network: string): Dockerode.NetworkCreateOptions {
  return {
    Name: network,
    Driver: "bridge",
    CheckDuplicate: true,
    Internal: false,
    Attachable: false,
    EnableIPv6: false,
    Labels: { [LABEL_SANDBOX_NETWORK]: "true" },
    Options: {
      "com.docker.network.bridge.name": sandboxBridgeName(network),
      // Sandboxes on the bridge can't talk to each other.
      "com.docker.network.bridge.enable_icc": "false",
      "com.docker.network.bridge.enable_ip_masquerade": "true",
    },
  };
}

interface NetworkInfo {
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
}

/** Why an existing network of that name can't be used, or undefined when it is ours as made. */
export function foreignNetworkProblem(network: string, info: NetworkInfo): string | undefined {
  const options = info.Options ?? {};
  if (info.Labels?.[LABEL_SANDBOX_NETWORK] !== "true") {
    return `the Docker network '${network}' exists but was not made by Warmbox; remove it or name another sandboxNetwork`;
  }
  if (options["com.docker.network.bridge.enable_icc"] !== "false") {
    return `the Docker network '${network}' lets sandboxes reach each other (enable_icc is not false); remove it so the engine makes it again`;
  }
  if (options["com.docker.network.bridge.name"] !== sandboxBridgeName(network)) {
    return `the Docker network '${network}' has another bridge name than ${sandboxBridgeName(network)}; remove it so the engine makes it again`;
  }
  return undefined;
}

async function inspectOrCreate(docker: Dockerode, network: string): Promise<NetworkInfo> {
  try {
    return (await docker.getNetwork(network).inspect()) as NetworkInfo;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  try {
    await docker.createNetwork(sandboxNetworkCreateOptions(network));
  } catch (error) {
    // 409: another engine made it in the meantime; what it made is checked below.
    if ((error as { statusCode?: number }).statusCode !== 409) throw error;
  }
  return (await docker.getNetwork(network).inspect()) as NetworkInfo;
}

/**
 * Makes sure the sandbox network exists as Warmbox makes it and its filter is installed.
 * Throws SandboxFirewallError saying why not (an existing foreign network of that name, an
 * engine outside the Docker host's network namespace, no root, no iptables).
 */
export async function prepareSandboxNetwork(docker: Dockerode, network: string): Promise<void> {
  const info = await inspectOrCreate(docker, network);
  const problem = foreignNetworkProblem(network, info);
  if (problem) throw new SandboxFirewallError(problem);
  const bridge = sandboxBridgeName(network);
  if (!existsSync(`/sys/class/net/${bridge}`)) {
    throw new SandboxFirewallError(
      `the engine does not run in the Docker host's network namespace (the bridge ${bridge} of '${network}' is not visible here), so it can't filter the sandboxes' traffic`,
    );
  }
  await installSandboxFirewall(bridge);
}
