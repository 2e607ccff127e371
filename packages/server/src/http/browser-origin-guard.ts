import { isIP } from "node:net";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ServerConfig } from "../config/config-schema.js";
import { HttpError } from "../errors/http-error.js";

export interface BrowserOriginGuardOptions {
  /** Host names the API answers to beside the always-accepted ones; "*" accepts any. */
  allowedHosts: readonly string[];
  /** The configured CORS origins: pages there may call the API; "*" allows any. */
  corsOrigins: readonly string[];
  /** The address the server was told to listen on (a specific one is accepted as a Host). */
  listenHost: string;
}

/**
 * The guard's options for a server: `allowedHosts` defaults to any host when API keys are set
 * (a key is needed anyway), else to the always-accepted ones only.
 */
export function browserOriginGuardOptions(config: ServerConfig): BrowserOriginGuardOptions {
  return {
    allowedHosts: config.allowedHosts ?? (config.apiKeys.length > 0 ? ["*"] : []),
    corsOrigins: config.corsOrigins,
    listenHost: config.host,
  };
}

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "::1"];

/** The host name of a Host header or URL host, lower case, without port or IPv6 brackets. */
export function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith("[")) return lower.slice(1, lower.indexOf("]"));
  const colon = lower.lastIndexOf(":");
  // An unbracketed IPv6 address has several colons and no port.
  if (colon !== -1 && lower.indexOf(":") === colon) return lower.slice(0, colon);
  return lower;
}

function unmapped(address: string | undefined): string | undefined {
  return address?.toLowerCase().replace(/^::ffff:(?=\d+\.)/, "");
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Keeps browsers of other sites out of the API, even a keyless one on localhost:
 * - Host: the request must name this server (DNS rebinding points a foreign name at it):
 *   loopback names and `*.localhost`, the listening address, the address the connection came
 *   in on, the hosts of the CORS origins and `allowedHosts`; else 403 `forbidden`.
 * - Origin: a browser request (HTTP or WebSocket upgrade, which CORS does not cover) must come
 *   from this origin or a configured CORS origin; else 403 `forbidden`. Clients that send no
 *   Origin (curl, SDKs) are not browsers and pass.
 */
export function registerBrowserOriginGuard(
  scope: FastifyInstance,
  options: BrowserOriginGuardOptions,
): void {
  const anyHost = options.allowedHosts.includes("*");
  const anyOrigin = options.corsOrigins.includes("*");
  const corsOrigins = new Set(options.corsOrigins.map((origin) => origin.toLowerCase()));
  const knownHosts = new Set([
    ...LOOPBACK_HOSTS,
    ...options.allowedHosts.map(hostName),
    ...options.corsOrigins.flatMap((origin) => {
      const host = originHost(origin);
      return host === undefined ? [] : [hostName(host)];
    }),
  ]);
  const listen = hostName(options.listenHost);
  if (listen !== "0.0.0.0" && listen !== "::") knownHosts.add(listen);

  const hostIsKnown = (request: FastifyRequest, host: string): boolean => {
    const name = hostName(host);
    if (knownHosts.has(name) || name.endsWith(".localhost")) return true;
    // An address literal the connection really arrived on: no name to rebind.
    return isIP(name) !== 0 && name === unmapped(request.socket.localAddress);
  };

  scope.addHook("onRequest", async (request) => {
    const host = request.headers.host ?? "";
    if (!anyHost && !hostIsKnown(request, host)) {
      throw new HttpError({
        statusCode: 403,
        code: "forbidden",
        message: `this server does not answer to the host '${host}'; its operator can add it to WARMBOX_ALLOWED_HOSTS`,
      });
    }
    const origin = request.headers.origin;
    if (origin === undefined || anyOrigin || corsOrigins.has(origin.toLowerCase())) return;
    if (originHost(origin) !== host.toLowerCase()) {
      throw new HttpError({
        statusCode: 403,
        code: "forbidden",
        message: `requests from the origin '${origin}' are not allowed; its operator can add it to WARMBOX_CORS_ORIGINS`,
      });
    }
  });
}
