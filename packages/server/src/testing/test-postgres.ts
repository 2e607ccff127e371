import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

/** A throwaway PostgreSQL server for one test file: its own cluster in a temp dir. */
export interface TestPostgres {
  /** The superuser's URL of the `postgres` database (for CREATE DATABASE and inspection). */
  readonly adminUrl: string;
  /** Creates an empty database and returns its URL (what WARMBOX_DATABASE_URL would hold). */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its files; idempotent. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const INSTALL_HINT =
  "run scripts/ensure-postgresql (installs Debian's postgresql package; scripts/setup --tests runs it)";

/** How long the server may take to accept connections on a loaded machine. */
const READY_TIMEOUT_MS = 60_000;

/** The folder of initdb and postgres: Debian's newest /usr/lib/postgresql/<n>/bin, else PATH. */
function serverBinDir(): string {
  const debianRoot = "/usr/lib/postgresql";
  const versions = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((version) => existsSync(join(debianRoot, version, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] !== undefined) return join(debianRoot, versions[0], "bin");
  try {
    const initdb = execFileSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).trim();
    if (initdb !== "") return join(initdb, "..");
  } catch {
    // not on PATH either
  }
  throw new Error(
    `PostgreSQL's server programs (initdb, postgres) are not installed: ${INSTALL_HINT}`,
  );
}

/** PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) =>
      Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }));
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error(`running as root needs the 'postgres' user to run PostgreSQL: ${INSTALL_HINT}`);
  }
}

function run(
  program: string,
  args: string[],
  user: { uid: number; gid: number } | undefined,
): void {
  execFileSync(program, args, {
    ...user,
    stdio: ["ignore", "ignore", "pipe"],
    env: { PATH: process.env.PATH, LANG: "C" },
  });
}

async function waitUntilReady(
  adminUrl: string,
  server: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null)
      throw new Error(`PostgreSQL exited with code ${server.exitCode}: ${log()}`);
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        throw new Error(
          `PostgreSQL did not accept connections within ${READY_TIMEOUT_MS} ms: ${log()}`,
          {
            cause: error,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Starts a PostgreSQL server of its own for a test file: `initdb` into a temp dir, `postgres`
 * listening only on a unix socket in that dir (no port to collide with other test runs), trust
 * authentication, durability off (the data is thrown away). Fails loudly, saying how to install
 * PostgreSQL, when it is missing.
 *
 * @example
 * ```ts
 * let postgres: TestPostgres;
 * beforeAll(async () => { postgres = await startTestPostgres(); });
 * afterAll(() => postgres.stop());
 * it("...", async () => { const url = await postgres.createDatabase(); ... });
 * ```
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const binDir = serverBinDir();
  const user = serverUser();
  // Short: a unix socket's path has a ~107-byte limit.
  const dir = mkdtempSync("/tmp/wb-pg-");
  if (user) chownSync(dir, user.uid, user.gid);
  const dataDir = join(dir, "data");
  run(
    join(binDir, "initdb"),
    ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
    user,
  );

  const server = spawn(
    join(binDir, "postgres"),
    [
      "-D",
      dataDir,
      "-k",
      dir,
      "-c",
      "listen_addresses=",
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "max_connections=200",
    ],
    { ...user, stdio: ["ignore", "ignore", "pipe"], env: { PATH: process.env.PATH, LANG: "C" } },
  );
  let serverLog = "";
  server.stderr?.on("data", (chunk: Buffer) => {
    serverLog = (serverLog + chunk.toString()).slice(-4000);
  });
  // Never leave a server behind when the test process ends without stop().
  const killOnExit = () => server.kill("SIGKILL");
  process.once("exit", killOnExit);

  const urlOf = (database: string) =>
    `postgresql://postgres@localhost/${database}?host=${encodeURIComponent(dir)}`;
  const adminUrl = urlOf("postgres");
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killOnExit);
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGINT"); // fast shutdown: ends every session
      const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(adminUrl, server, () => serverLog);
  } catch (error) {
    await stop();
    throw error;
  }

  let databases = 0;
  return {
    adminUrl,
    async createDatabase() {
      const name = `test_${++databases}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return urlOf(name);
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
