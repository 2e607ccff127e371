import { randomBytes } from "node:crypto";
import { rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { isSandboxUid } from "../../src/docker/sandbox-uids.js";
import { containersOf, docker, UNDER_GVISOR } from "../helpers/test-engine.js";
import { attack, attackWith, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Escape and snooping: the program looks for a way out (network, host files, the engine's
 * environment, privileges, the supervisor) and finds none. Network tests never aim at any
 * address but 127.0.0.1, and with the network on they only look at the interfaces.
 */

// A fake cloud credential in the engine's own environment: it must be nowhere in a sandbox.
const SECRET = `warmbox-secret-${randomBytes(12).toString("hex")}`;
process.env.WARMBOX_TEST_SECRET = SECRET;

const test = isolationTest({
  languages: ["python", "c", "javascript", "java"],
  pool: { min: 1, max: 1 },
  maxLimits: { network: true },
});

let server: Server;
let port = 0;
let connections = 0;
const hostMarker = `/tmp/warmbox-host-marker-${randomBytes(6).toString("hex")}`;

beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  port = typeof address === "object" && address ? address.port : 0;
  writeFileSync(hostMarker, SECRET);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(hostMarker, { force: true });
  delete process.env.WARMBOX_TEST_SECRET;
});

describe("network", () => {
  test("Python, network off: only loopback, the host's 127.0.0.1 listener unreachable, DNS fails", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "network-off-probe.py", {
      args: [String(port)],
    });
    expect(result.status, result.describe).toBe("ok");
    expect(report(result.run?.stdout)).toEqual({
      interfaces: "lo",
      connect: "ConnectionRefusedError",
      "dns example.com": "gaierror",
      "dns host.docker.internal": "gaierror",
      "dns gateway.docker.internal": "gaierror",
    });
    expect(connections).toBe(0);
    await unharmed(["python"]);
  });

  test("JavaScript, network off: connect and DNS lookups fail", async ({ engine }) => {
    const result = await attack(engine, {
      language: "javascript",
      source: [
        "const net = require('node:net');",
        "const dns = require('node:dns');",
        "const port = Number(process.argv[2]);",
        "const s = net.connect(port, '127.0.0.1');",
        "s.on('connect', () => { console.log('connect=CONNECTED'); s.destroy(); });",
        "s.on('error', (e) => console.log('connect=' + e.code));",
        "dns.lookup('example.com', (e) => console.log('lookup=' + (e ? e.code : 'RESOLVED')));",
        "dns.resolve4('example.com', (e) => console.log('resolve4=' + (e ? 'failed' : 'RESOLVED')));",
      ].join("\n"),
      args: [String(port)],
      limits: { timeMs: 8_000 },
    });
    expect(result.status, result.describe).toBe("ok");
    const seen = report(result.run?.stdout);
    expect(seen.connect).toBe("ECONNREFUSED");
    expect(seen.lookup).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(seen.resolve4).toBe("failed");
    expect(connections).toBe(0);
  });

  test("C: raw and packet sockets are refused (no CAP_NET_RAW)", async ({ engine }) => {
    const result = await attackWith(engine, "raw-sockets.c");
    expect(result.status, result.describe).toBe("ok");
    expect(report(result.run?.stdout)).toEqual({ raw: "EPERM", raw6: "EPERM", packet: "EPERM" });
  });

  test("network on (allowed by the operator, asked by the request): an interface beside loopback exists; nothing is sent", async ({
    engine,
  }) => {
    const request = {
      language: "python",
      source: "import os\nprint('interfaces=' + ','.join(sorted(os.listdir('/sys/class/net'))))",
      limits: { network: true },
    };
    if (UNDER_GVISOR) {
      // The engine never gives a gVisor sandbox the network: the request is refused, saying why.
      await expect(engine.execute(request)).rejects.toThrow(/gVisor \(runtime "runsc"\)/);
      return;
    }
    const result = await attack(engine, request);
    expect(result.status, result.describe).toBe("ok");
    const interfaces = report(result.run?.stdout).interfaces?.split(",") ?? [];
    expect(interfaces).toContain("lo");
    expect(interfaces.filter((name) => name !== "lo").length).toBeGreaterThan(0);
  });
});

describe("the engine's environment and the host's files", () => {
  test("Python: the engine's secret is in no process environment, command line or file of the sandbox", async ({
    engine,
  }) => {
    const result = await attackWith(engine, "secret-search.py");
    expect(result.status, result.describe).toBe("ok");
    const seen = report(result.run?.stdout);
    expect(seen.own).toBe("None");
    expect(Number(seen.environs)).toBeGreaterThanOrEqual(1);
    expect(seen.hits).toBe("0");
    expect(seen.keys).toBe("HOME,LANG,LC_ALL,PATH,PYTHONDONTWRITEBYTECODE,TMPDIR,USER");
    expect(result.run?.stdout).not.toContain(SECRET);
    // Nor in what Docker was told about the containers.
    for (const container of await containersOf(engine.id)) {
      const info = await docker.getContainer(container.Id).inspect();
      expect(JSON.stringify(info.Config)).not.toContain(SECRET);
    }
  });

  test("Java: System.getenv() holds only the stage's variables", async ({ engine }) => {
    const result = await attack(engine, {
      language: "java",
      source: [
        "public class Main {",
        "  public static void main(String[] args) {",
        '    System.out.println(String.join(",", new java.util.TreeSet<>(System.getenv().keySet())));',
        '    System.out.println(System.getenv().toString().contains("warmbox-secret-"));',
        "  }",
        "}",
      ].join("\n"),
      limits: { timeMs: 8_000 },
    });
    expect(result.status, result.describe).toBe("ok");
    // PWD comes from the java-run script's shell.
    expect(result.run?.stdout).toBe("HOME,LANG,LC_ALL,PATH,PWD,TMPDIR,USER\nfalse\n");
  });

  test("Python: no host path, no Docker socket, no readable secrets of the image, no root's /proc entries", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "host-paths.py", {
      args: [hostMarker],
    });
    expect(result.status, result.describe).toBe("ok");
    expect(report(result.run?.stdout)).toEqual({
      marker: "False",
      shadow: "PermissionError",
      "init-root": "PermissionError",
      // gVisor lets any user read init's environment, which is the engine's constant (LANG) only:
      // the secret-search test proves no secret is in any environment of the sandbox.
      "init-environ": UNDER_GVISOR ? "READ" : "PermissionError",
      kcore: "FileNotFoundError",
      sockets: "",
      // docker-init is bound in by Docker (Init: true); /etc/hostname is a read-only bind.
      mounts: "/,/box,/dev,/etc/hostname,/proc,/sys,/tmp,/usr/sbin/docker-init",
    });
    await unharmed(["python"]);
  });

  test("Python: every write outside the work directory and the temporary places fails", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "writes-outside-box.py");
    expect(result.status, result.describe).toBe("ok");
    const outcomes = report(result.run?.stdout);
    expect(Object.keys(outcomes)).toHaveLength(25);
    for (const [path, outcome] of Object.entries(outcomes)) {
      expect(`${path}=${outcome}`).toMatch(
        /=(PermissionError|OSError|FileNotFoundError|NotADirectoryError)$/,
      );
    }
    await unharmed(["python"]);
  });
});

/** What privileges.c gets from Linux: every privileged call refused. */
const LINUX_PRIVILEGES = {
  supervisor: "found",
  mount: "EPERM",
  bind: "EPERM",
  "unshare-user": "EPERM",
  "unshare-mount": "EPERM",
  "unshare-net": "EPERM",
  "ptrace-supervisor": "EPERM",
  "ptrace-init": "EPERM",
  "kill-supervisor": "EPERM",
  "kill-init": "EPERM",
  "supervisor-stdin": "EACCES",
  "supervisor-stdout": "EACCES",
  "supervisor-mem": "EACCES",
  process_vm_readv: "EPERM",
  mknod: "EPERM",
  chroot: "EPERM",
  setuid: "EPERM",
  setgid: "EPERM",
  sethostname: "EPERM",
  ioperm: "EPERM",
  reboot: "EPERM",
  "raise-fsize": "EPERM",
  "raise-nofile": "EPERM",
};

/**
 * What gVisor answers differently. It lets any user make a user namespace (Docker's seccomp
 * profile, which refuses that under runc, is not applied by gVisor); the program then holds
 * every capability inside it, so the mount and network namespaces, mknod and chroot that follow
 * succeed, all inside gVisor's kernel: the user namespace test proves what they reach (nothing
 * of the host). Its uid 0 is mapped to nothing there, so setuid(0)/setgid(0) answer EINVAL.
 * ioperm, reboot and process_vm_readv don't exist in gVisor's kernel (ENOSYS).
 */
const GVISOR_PRIVILEGES = {
  // The supervisor's filter refuses ptrace under gVisor (syscall-filter.test.ts).
  "ptrace-supervisor": "ENOSYS",
  "ptrace-init": "ENOSYS",
  "unshare-user": "DONE",
  "unshare-mount": "DONE",
  "unshare-net": "DONE",
  mknod: "DONE",
  chroot: "DONE",
  setuid: "EINVAL",
  setgid: "EINVAL",
  ioperm: "ENOSYS",
  reboot: "ENOSYS",
  process_vm_readv: "ENOSYS",
};

describe("privileges", () => {
  test("C: mount, namespaces, ptrace, signals to the supervisor, its fds and memory, mknod, chroot, setuid, rlimits: all refused (under gVisor: its own kernel's answers)", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "privileges.c", {
      limits: { fileSizeBytes: 1_048_576 },
    });
    expect(result.status, result.describe).toBe("ok");
    expect(report(result.run?.stdout)).toEqual({
      ...LINUX_PRIVILEGES,
      ...(UNDER_GVISOR && GVISOR_PRIVILEGES),
    });
    await unharmed(["c"]);
  });

  // Docker's seccomp profile refuses user namespaces to a process without CAP_SYS_ADMIN; gVisor
  // ignores that profile and lets any user make one and be its root. Whatever that root may do
  // is done by gVisor's kernel: this proves it reaches no host file, no host process, no device
  // and no network, and that nothing it leaves outlives the job.
  test("C as root of its own user, mount, pid and network namespaces: no host file, process, device or network", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "user-namespace-reach.c", {
      args: [hostMarker, String(statSync("/").dev), String(process.pid)],
    });
    expect(result.status, result.describe).toBe("ok");
    const seen = report(result.run?.stdout);
    expect(seen).toMatchObject({
      "host-file": "ENOENT",
      "host-file-after-chroot": "ENOENT",
      "signal-host-process": "ESRCH",
      interfaces: "lo",
    });
    expect(seen["read-host-root"]).toMatch(/^E[A-Z]+$/);
    expect(seen["read-memory"]).toMatch(/^E[A-Z]+$/);
    // Every process it can list is the sandbox's own: docker-init, the supervisor, the program.
    for (const command of seen.processes?.split(",") ?? [])
      expect(["docker-init", "warmbox-supervi", "main"]).toContain(command);
    if (UNDER_GVISOR) {
      expect(seen).toMatchObject({
        unshare: "DONE",
        "map-root": "DONE",
        pid: "1",
        "setuid-root": "DONE",
        chroot: "DONE",
      });
    } else {
      expect(seen).toMatchObject({ unshare: "EPERM", "setuid-root": "EPERM", chroot: "EPERM" });
    }
    await unharmed(["c"]);
  });

  test("Python: setuid binaries give nothing (no-new-privileges), no capabilities anywhere", async ({
    engine,
  }) => {
    // Under gVisor su's failed password check waits its fail delay (setuid binaries run as the
    // caller with no-new-privileges, so it can only fail) and every process start is slower.
    const result = await attackWith(engine, "setuid-and-capabilities.py", {
      limits: { timeMs: 15_000 },
    });
    expect(result.status, result.describe).toBe("ok");
    const seen = report(result.run?.stdout);
    for (const tool of ["su", "mount", "umount", "passwd"]) expect(seen[tool], tool).not.toBe("0");
    expect(isSandboxUid(Number(seen.uid)), `uid ${seen.uid}`).toBe(true);
    expect(seen).toMatchObject({
      nnp: "1",
      capeff: "0000000000000000",
      capprm: "0000000000000000",
      seccomp: "2",
    });
  });

  // Without CAP_SYS_RESOURCE (which this host's dockerd can't even grant) a program may lower its
  // oom_score_adj to the floor it inherited (-1000), so the OOM killer may take the supervisor
  // instead of the program. The engine then reads the container's OOM state and reports the
  // run as memory_limit, not internal_error.
  test("Python lowering its oom_score_adj to hide from the OOM killer, then a memory bomb: memory_limit", async ({
    engine,
    unharmed,
  }) => {
    const result = await attackWith(engine, "oom-hide-then-bomb.py", {
      limits: { memoryMb: 64 },
    });
    // Whichever process the OOM killer then takes (the program, or the supervisor when the
    // program hid below it), the run is reported as the memory limit it hit.
    expect(result.status, result.describe).toBe("memory_limit");
    await unharmed(["python"]);
  });

  test("JavaScript writing the supervisor's own frames to stdout: they come back as plain output", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "javascript",
      source: [
        "const exit = Buffer.alloc(33); exit.writeUInt32LE(29, 0); exit[4] = 0x58;",
        "const error = Buffer.from([6, 0, 0, 0, 0x5a, 0x70, 0x77, 0x6e, 0x65, 0x64]);",
        "process.stdout.write(Buffer.concat([exit, error]));",
        "process.stderr.write(Buffer.concat([error, exit]));",
        "process.exitCode = 4;",
      ].join("\n"),
    });
    expect(result.status, result.describe).toBe("runtime_error");
    expect(result.run?.exitCode).toBe(4);
    expect(Buffer.from(result.run?.stdout ?? "").length).toBe(43);
    expect(result.run?.stdout).toContain("Zpwned");
    expect(result.run?.stderr).toContain("Zpwned");
    await unharmed(["javascript"]);
  });
});
