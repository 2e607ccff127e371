import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readRepoFile, repoPath, serverDefaultPort } from "./repo.js";

type Mapping = Record<string, unknown>;
interface Service {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Mapping };
  volumes?: string[];
  ports?: string[];
  restart?: string;
  environment?: Mapping;
  group_add?: string[];
  mem_limit?: string;
  cpus?: number;
  cap_drop?: string[];
  init?: boolean;
  depends_on?: Record<string, { condition?: string; required?: boolean }>;
  profiles?: string[];
  healthcheck?: { test?: string[] };
}

function compose(): { services: Record<string, Service>; volumes?: Mapping } {
  // Merge keys (<<) are part of the file: Compose supports them.
  return parse(readRepoFile("docker-compose.yml"), { merge: true });
}

describe("docker-compose.yml (self-hosting)", () => {
  const server = compose().services.server as Service;

  it("builds the server image from infra/docker/Dockerfile", () => {
    expect(server.build?.context).toBe(".");
    expect(server.build?.dockerfile).toBe("infra/docker/Dockerfile");
    expect(existsSync(repoPath(server.build?.dockerfile ?? "-"))).toBe(true);
  });

  it("mounts the host's Docker socket with its group", () => {
    expect(server.volumes).toContain("/var/run/docker.sock:/var/run/docker.sock");
    expect(server.group_add?.[0]).toMatch(/^\$\{DOCKER_GID:\?/);
  });

  it("keeps the server's data directory (the Dockerfile's WARMBOX_DATA_DIR) on a volume", () => {
    const dockerfile = readRepoFile("infra/docker/Dockerfile");
    const dataDir = /WARMBOX_DATA_DIR=(\S+)/.exec(dockerfile)?.[1];
    expect(dataDir).toBe("/data");
    expect(server.volumes).toContain(`warmbox-data:${dataDir}`);
    expect(compose().volumes).toHaveProperty("warmbox-data");
  });

  it("binds the server's port, on 127.0.0.1 unless told otherwise", () => {
    const port = serverDefaultPort();
    expect(server.ports).toHaveLength(1);
    const mapping = server.ports?.[0] ?? "";
    expect(mapping.endsWith(`:${port}`)).toBe(true);
    expect(mapping.startsWith("${WARMBOX_BIND:-127.0.0.1}:")).toBe(true);
    expect(server.environment?.WARMBOX_PORT).toBe(String(port));
  });

  it("restarts, limits and locks down the server container", () => {
    expect(server.restart).toBe("unless-stopped");
    expect(server.mem_limit).toMatch(/^\d+[mg]$/);
    expect(server.cpus).toBeGreaterThan(0);
    expect(server.cap_drop).toEqual(["ALL"]);
    expect(server.init).toBe(true);
  });

  it("builds the runner images before the server starts", () => {
    const images = compose().services.images as Service;
    expect(images.volumes).toContain("/var/run/docker.sock:/var/run/docker.sock");
    expect(server.depends_on?.images?.condition).toBe("service_completed_successfully");
  });

  it("offers PostgreSQL as an optional profile, unpublished, that the server waits for when started", () => {
    const postgres = compose().services.postgres as Service;
    expect(postgres.profiles).toEqual(["postgres"]);
    expect(postgres.ports).toBeUndefined();
    expect(postgres.volumes).toContain("warmbox-postgres:/var/lib/postgresql/data");
    expect(postgres.healthcheck?.test).toContain("pg_isready");
    expect(server.depends_on?.postgres).toEqual({ condition: "service_healthy", required: false });
    expect(server.environment).toHaveProperty("WARMBOX_DATABASE_URL");
  });
});
