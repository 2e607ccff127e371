import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  defaultMaxConcurrentPerClient,
} from "./config-schema.js";

describe("loadConfig", () => {
  it("fills every default from an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: DEFAULT_PORT,
      host: "0.0.0.0",
      apiKeys: [],
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      corsOrigins: [],
      pool: { min: 1, max: 4, perLanguage: {} },
    });
    expect(config.languages).toBeUndefined();
  });

  it("reads WARMBOX_* variables, lists and limits", () => {
    const config = loadConfig({
      WARMBOX_PORT: "9000",
      WARMBOX_HOST: "127.0.0.1",
      WARMBOX_LANGUAGES: "python, javascript",
      WARMBOX_BUILD_MISSING_IMAGES: "true",
      WARMBOX_POOL_MIN: "0",
      WARMBOX_POOL_MAX: "8",
      WARMBOX_API_KEYS: "key-one-0123456789abcdef0123456789,key-two-0123456789abcdef0123456789",
      WARMBOX_RATE_LIMIT: "30",
      WARMBOX_MAX_QUEUE: "5",
      WARMBOX_MAX_SANDBOXES: "6",
      WARMBOX_MAX_BUFFERED_OUTPUT_BYTES: "33554432",
      WARMBOX_MAX_BODY_BYTES: "4096",
      WARMBOX_REQUEST_TIMEOUT_MS: "15000",
      WARMBOX_CORS_ORIGINS: "https://a.example,https://b.example",
      WARMBOX_MAX_TIME_MS: "10000",
      WARMBOX_MAX_CPUS: "1.5",
      WARMBOX_MAX_NETWORK: "false",
      WARMBOX_DEFAULT_MEMORY_MB: "128",
      WARMBOX_DEFAULT_COMPILE_TIME_MS: "20000",
      WARMBOX_TRUST_PROXY: "1",
      WARMBOX_STATIC_DIR: "none",
    });
    expect(config).toMatchObject({
      port: 9000,
      host: "127.0.0.1",
      languages: ["python", "javascript"],
      buildMissingImages: true,
      pool: { min: 0, max: 8 },
      apiKeys: ["key-one-0123456789abcdef0123456789", "key-two-0123456789abcdef0123456789"],
      rateLimitPerMinute: 30,
      maxQueue: 5,
      maxSandboxes: 6,
      maxBufferedOutputBytes: 33_554_432,
      maxBodyBytes: 4096,
      requestTimeoutMs: 15_000,
      corsOrigins: ["https://a.example", "https://b.example"],
      maxLimits: { timeMs: 10_000, cpus: 1.5, network: false },
      defaultLimits: { memoryMb: 128 },
      defaultCompileLimits: { timeMs: 20_000 },
      trustProxy: 1,
      staticDir: null,
    });
  });

  it("reads which languages stay warm and whether the daemon is this server's alone", () => {
    expect(loadConfig({})).toMatchObject({
      warmLanguages: ["python", "javascript", "java", "c", "cpp"],
      exclusiveDaemon: false,
    });
    expect(
      loadConfig({
        WARMBOX_WARM_LANGUAGES: "python,go",
        WARMBOX_EXCLUSIVE_DAEMON: "true",
        WARMBOX_SANDBOX_NETWORK: "sandbox-egress",
      }),
    ).toMatchObject({
      warmLanguages: ["python", "go"],
      exclusiveDaemon: true,
      sandboxNetwork: "sandbox-egress",
    });
  });

  it("reads the sandboxes' runtime: runc unless WARMBOX_RUNTIME says runsc (gVisor)", () => {
    expect(loadConfig({}).runtime).toBe("runc");
    expect(loadConfig({ WARMBOX_RUNTIME: "runsc" }).runtime).toBe("runsc");
    expect(() => loadConfig({ WARMBOX_RUNTIME: "kata" })).toThrow(
      /runtime \(from WARMBOX_RUNTIME\)/,
    );
  });

  it("reads whether templates start runs: on unless WARMBOX_TEMPLATES says false", () => {
    expect(loadConfig({}).templates).toBe(true);
    expect(loadConfig({ WARMBOX_TEMPLATES: "false" }).templates).toBe(false);
    expect(() => loadConfig({ WARMBOX_TEMPLATES: "sometimes" })).toThrow(/WARMBOX_TEMPLATES/);
  });

  it("reads the security settings; the concurrency default follows the pool size", () => {
    const config = loadConfig({
      WARMBOX_METRICS_PUBLIC: "true",
      WARMBOX_MAX_CONCURRENT_PER_CLIENT: "3",
      WARMBOX_ALLOWED_HOSTS: "play.example.com, api.example.com",
    });
    expect(config).toMatchObject({
      metricsPublic: true,
      maxConcurrentPerClient: 3,
      allowedHosts: ["play.example.com", "api.example.com"],
    });
    expect(loadConfig({}).metricsPublic).toBe(false);
    expect(defaultMaxConcurrentPerClient(4)).toBe(2);
    expect(defaultMaxConcurrentPerClient(1)).toBe(1);
  });

  it("names the variable, what was expected and what came", () => {
    expect(() => loadConfig({ WARMBOX_PORT: "eighty" })).toThrow(
      /WARMBOX_PORT: expected an integer, got 'eighty'/,
    );
    expect(() => loadConfig({ WARMBOX_PORT: "70000" })).toThrow(/port \(from WARMBOX_PORT\)/);
    expect(() => loadConfig({ WARMBOX_MAX_NETWORK: "maybe" })).toThrow(
      /WARMBOX_MAX_NETWORK: expected true or false/,
    );
    expect(() => loadConfig({ WARMBOX_API_KEYS: "short" })).toThrow(
      /apiKeys\[0\] \(from WARMBOX_API_KEYS\): an API key needs at least 32 characters/,
    );
    expect(() => loadConfig({ WARMBOX_API_KEYS: "a".repeat(31) })).toThrow(/at least 32/);
    expect(() => loadConfig({ WARMBOX_LOG_LEVEL: "loud" })).toThrow(ConfigError);
  });

  it("holds the engine's options to the engine's own bounds and defaults", () => {
    expect(loadConfig({}).pool.idleTimeoutMs).toBe(60_000);
    expect(() => loadConfig({ WARMBOX_POOL_MAX: "300" })).toThrow(
      /pool\.max \(from WARMBOX_POOL_MAX\): Too big/,
    );
    expect(() => loadConfig({ WARMBOX_MAX_SANDBOXES: "5000" })).toThrow(
      /maxSandboxes \(from WARMBOX_MAX_SANDBOXES\)/,
    );
    expect(() => loadConfig({ WARMBOX_SANDBOX_NETWORK: "n".repeat(129) })).toThrow(
      /sandboxNetwork \(from WARMBOX_SANDBOX_NETWORK\)/,
    );
  });

  it("reports every problem at once", () => {
    try {
      loadConfig({ WARMBOX_PORT: "x", WARMBOX_MAX_QUEUE: "y" });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/WARMBOX_PORT/);
      expect((error as Error).message).toMatch(/WARMBOX_MAX_QUEUE/);
    }
  });

  it("reads a JSON file, which environment variables and flags override", () => {
    const directory = mkdtempSync(join(tmpdir(), "warmbox-config-"));
    const file = join(directory, "config.json");
    writeFileSync(
      file,
      JSON.stringify({
        port: 7000,
        languages: ["python"],
        pool: { max: 2, perLanguage: { python: { min: 2 } } },
        maxQueue: 3,
      }),
    );
    const config = loadConfig({ WARMBOX_CONFIG: file, WARMBOX_MAX_QUEUE: "9" }, ["--port", "7100"]);
    expect(config).toMatchObject({
      port: 7100,
      languages: ["python"],
      pool: { max: 2, perLanguage: { python: { min: 2 } } },
      maxQueue: 9,
    });
    expect(loadConfig({}, [`--config=${file}`]).port).toBe(7000);
  });

  it("rejects unknown keys in the file, bad JSON and unknown flags", () => {
    const directory = mkdtempSync(join(tmpdir(), "warmbox-config-"));
    const unknown = join(directory, "unknown.json");
    writeFileSync(unknown, JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ WARMBOX_CONFIG: unknown })).toThrow(/prot/);
    const broken = join(directory, "broken.json");
    writeFileSync(broken, "{");
    expect(() => loadConfig({ WARMBOX_CONFIG: broken })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ WARMBOX_CONFIG: join(directory, "missing.json") })).toThrow(
      /cannot read/,
    );
    expect(() => loadConfig({}, ["--bogus"])).toThrow(/unknown argument '--bogus'/);
  });
});
