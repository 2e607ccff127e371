import type { FastifyInstance } from "fastify";

/** A route as registered: its method and its path pattern (`/api/v2/packages/:id`, `/*`). */
export interface RegisteredRoute {
  method: string;
  path: string;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/**
 * Every route of an app, read from Fastify's own route tree (`printRoutes`, one tree per
 * method), so a test can walk all of them, including routes added after the test was written.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  for (const method of METHODS) {
    const segments: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false, method }).split("\n")) {
      const match = /^(.*?)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
      if (!match) continue;
      const depth = Array.from(match[1] ?? "").length / 4;
      segments.length = depth;
      segments.push(match[2] ?? "");
      const methods = (match[3] ?? "").split(",").map((name) => name.trim());
      // The tree may print a root wildcard as `*`; its pattern is `/*`.
      const path = segments.join("").replace(/^(?!\/)/, "/");
      if (methods.includes(method)) routes.push({ method, path });
    }
  }
  return routes;
}

/** A concrete path for a pattern: parameters and wildcards filled with a harmless value. */
export function concretePath(pattern: string): string {
  return pattern.replace(/:[A-Za-z_]\w*/g, "python").replace(/\*/g, "x");
}
