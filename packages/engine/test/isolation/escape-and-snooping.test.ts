import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { containersOf, docker } from "../helpers/test-engine.js";
import { attack, report } from "./isolation-helpers.js";
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
    const result = await attack(engine, {
      language: "python",
      source: [
        "import os, socket, sys",
        "print('interfaces=' + ','.join(sorted(os.listdir('/sys/class/net'))))",
        "s = socket.socket()",
        "s.settimeout(2)",
        "try:",
        "    s.connect(('127.0.0.1', int(sys.argv[1])))",
        "    print('connect=CONNECTED')",
        "except OSError as e:",
        "    print('connect=' + type(e).__name__)",
        "for name in ('example.com', 'host.docker.internal', 'gateway.docker.internal'):",
        "    try:",
        "        socket.getaddrinfo(name, 80)",
        "        print(f'dns {name}=RESOLVED')",
        "    except OSError as e:",
        "        print(f'dns {name}=' + type(e).__name__)",
      ].join("\n"),
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
    const result = await attack(engine, {
      language: "c",
      source: [
        "#define _GNU_SOURCE",
        "#include <errno.h>",
        "#include <netinet/in.h>",
        "#include <stdio.h>",
        "#include <string.h>",
        "#include <sys/socket.h>",
        "#include <linux/if_ether.h>",
        'static void try(const char *what, int fd) { printf("%s=%s\\n", what, fd < 0 ? strerrorname_np(errno) : "OPENED"); }',
        "int main(void) {",
        '  try("raw", socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));',
        '  try("raw6", socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6));',
        '  try("packet", socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)));',
        "  return 0; }",
      ].join("\n"),
    });
    expect(result.status, result.describe).toBe("ok");
    expect(report(result.run?.stdout)).toEqual({ raw: "EPERM", raw6: "EPERM", packet: "EPERM" });
  });

  test("network on (allowed by the operator, asked by the request): an interface beside loopback exists; nothing is sent", async ({
    engine,
  }) => {
    const result = await attack(engine, {
      language: "python",
      source: "import os\nprint('interfaces=' + ','.join(sorted(os.listdir('/sys/class/net'))))",
      limits: { network: true },
    });
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
    const result = await attack(engine, {
      language: "python",
      source: [
        "import os",
        "needle = ('warmbox-' + 'secret-').encode()  # not spelled out: this file is searched too",
        "secret = os.environ.get('WARMBOX_TEST_SECRET')",
        "print('own=' + str(secret))",
        "readable = hits = 0",
        "for pid in filter(str.isdigit, os.listdir('/proc')):",
        "    for part in ('environ', 'cmdline'):",
        "        try:",
        "            data = open(f'/proc/{pid}/{part}', 'rb').read()",
        "            readable += part == 'environ'",
        "            hits += needle in data",
        "        except OSError:",
        "            pass",
        "for top in ('/etc', '/box', '/tmp', '/run', '/var', '/home', '/root', '/usr/local', '/opt', '/dev/shm'):",
        "    for root, dirs, files in os.walk(top):",
        "        for name in files:",
        "            try:",
        "                with open(os.path.join(root, name), 'rb') as f:",
        "                    hits += needle in f.read(1 << 20)",
        "            except OSError:",
        "                pass",
        "print(f'environs={readable}')",
        "print(f'hits={hits}')",
        "print('keys=' + ','.join(sorted(os.environ)))",
      ].join("\n"),
    });
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
    const result = await attack(engine, {
      language: "python",
      source: [
        "import os, stat, sys",
        "def probe(name, fn):",
        "    try:",
        "        fn()",
        "        print(f'{name}=READ')",
        "    except OSError as e:",
        "        print(f'{name}=' + type(e).__name__)",
        "print('marker=' + str(os.path.exists(sys.argv[1])))",
        "probe('shadow', lambda: open('/etc/shadow').read())",
        "probe('init-root', lambda: os.listdir('/proc/1/root'))",
        "probe('init-environ', lambda: open('/proc/1/environ').read())",
        "probe('kcore', lambda: open('/proc/kcore', 'rb').read(1))",
        "sockets = []",
        "for top in ('/run', '/var', '/tmp', '/dev', '/etc', '/box', '/home', '/root'):",
        "    for root, dirs, files in os.walk(top):",
        "        for name in files + dirs:",
        "            try:",
        "                if stat.S_ISSOCK(os.lstat(os.path.join(root, name)).st_mode): sockets.append(name)",
        "            except OSError:",
        "                pass",
        "print('sockets=' + ','.join(sockets))",
        "mounts = sorted(line.split()[4] for line in open('/proc/self/mountinfo'))",
        "print('mounts=' + ','.join(m for m in mounts if not m.startswith(('/proc/', '/sys/', '/dev/'))))",
      ].join("\n"),
      args: [hostMarker],
    });
    expect(result.status, result.describe).toBe("ok");
    expect(report(result.run?.stdout)).toEqual({
      marker: "False",
      shadow: "PermissionError",
      "init-root": "PermissionError",
      "init-environ": "PermissionError",
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
    const result = await attack(engine, {
      language: "python",
      source: [
        "import os",
        "targets = ['/etc/passwd', '/usr/bin/python3', '/newfile', '/usr/local/bin/x', '/var/x', '/root/x',",
        "  '/home/x', '/opt/x', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/usr/local/bin/warmbox-supervisor',",
        "  '/proc/sys/kernel/hostname', '/proc/sys/vm/drop_caches', '/proc/sysrq-trigger', '/sys/kernel/uevent_helper',",
        "  '/sys/fs/cgroup/memory/memory.limit_in_bytes', '/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes',",
        "  '/sys/fs/cgroup/pids/pids.max', '/sys/fs/cgroup/cpu/cpu.cfs_quota_us', '/sys/fs/cgroup/newfile',",
        "  '/dev/newfile', '/dev/null/x', '/proc/1/oom_score_adj', '/etc/warmbox/version']",
        "for path in targets:",
        "    try:",
        "        with open(path, 'a') as f:",
        "            f.write('1')",
        "        print(f'{path}=WRITTEN')",
        "    except OSError as e:",
        "        print(f'{path}=' + type(e).__name__)",
      ].join("\n"),
    });
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

describe("privileges", () => {
  test("C: mount, namespaces, ptrace, signals to the supervisor, its fds and memory, mknod, chroot, setuid, rlimits: all refused", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "c",
      source: [
        "#define _GNU_SOURCE",
        "#include <dirent.h>",
        "#include <errno.h>",
        "#include <fcntl.h>",
        "#include <sched.h>",
        "#include <signal.h>",
        "#include <stdio.h>",
        "#include <stdlib.h>",
        "#include <string.h>",
        "#include <sys/io.h>",
        "#include <sys/mount.h>",
        "#include <sys/ptrace.h>",
        "#include <sys/reboot.h>",
        "#include <sys/resource.h>",
        "#include <sys/stat.h>",
        "#include <sys/sysmacros.h>",
        "#include <sys/uio.h>",
        "#include <unistd.h>",
        'static void said(const char *what, long r) { printf("%s=%s\\n", what, r < 0 ? strerrorname_np(errno) : "DONE"); }',
        'static int supervisor(void) { DIR *d = opendir("/proc"); struct dirent *e; char p[64], c[256];',
        "  while ((e = readdir(d))) { int pid = atoi(e->d_name); if (pid <= 1) continue;",
        '    snprintf(p, sizeof p, "/proc/%d/cmdline", pid); FILE *f = fopen(p, "r"); if (!f) continue;',
        '    size_t n = fread(c, 1, sizeof c - 1, f); fclose(f); c[n] = 0; if (strstr(c, "warmbox-supervisor")) return pid; }',
        "  return -1; }",
        "int main(void) { int sup = supervisor(); char p[64]; char buf[16];",
        '  printf("supervisor=%s\\n", sup > 1 ? "found" : "missing");',
        '  mkdir("/tmp/m", 0700);',
        '  said("mount", mount("none", "/tmp/m", "tmpfs", 0, 0));',
        '  said("bind", mount("/", "/tmp/m", 0, MS_BIND, 0));',
        '  said("unshare-user", unshare(CLONE_NEWUSER));',
        '  said("unshare-mount", unshare(CLONE_NEWNS));',
        '  said("unshare-net", unshare(CLONE_NEWNET));',
        '  said("ptrace-supervisor", ptrace(PTRACE_ATTACH, sup, 0, 0));',
        '  said("ptrace-init", ptrace(PTRACE_ATTACH, 1, 0, 0));',
        '  said("kill-supervisor", kill(sup, SIGKILL));',
        '  said("kill-init", kill(1, SIGKILL));',
        '  snprintf(p, sizeof p, "/proc/%d/fd/0", sup); said("supervisor-stdin", open(p, O_WRONLY));',
        '  snprintf(p, sizeof p, "/proc/%d/fd/1", sup); said("supervisor-stdout", open(p, O_WRONLY));',
        '  snprintf(p, sizeof p, "/proc/%d/mem", sup); said("supervisor-mem", open(p, O_RDONLY));',
        "  struct iovec local = {buf, sizeof buf}, remote = {(void *)0x400000, sizeof buf};",
        '  said("process_vm_readv", process_vm_readv(sup, &local, 1, &remote, 1, 0));',
        '  said("mknod", mknod("/tmp/sda", S_IFBLK | 0600, makedev(8, 0)));',
        '  said("chroot", chroot("/tmp"));',
        '  said("setuid", setuid(0));',
        '  said("setgid", setgid(0));',
        '  said("sethostname", sethostname("pwned", 5));',
        '  said("ioperm", ioperm(0x80, 1, 1));',
        '  said("reboot", reboot(RB_POWER_OFF));',
        "  struct rlimit big = {RLIM_INFINITY, RLIM_INFINITY};",
        '  said("raise-fsize", setrlimit(RLIMIT_FSIZE, &big));',
        '  said("raise-nofile", setrlimit(RLIMIT_NOFILE, &big));',
        "  return 0; }",
      ].join("\n"),
      limits: { fileSizeBytes: 1_048_576 },
    });
    expect(result.status, result.describe).toBe("ok");
    expect(report(result.run?.stdout)).toEqual({
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
    });
    await unharmed(["c"]);
  });

  test("Python: setuid binaries give nothing (no-new-privileges), no capabilities anywhere", async ({
    engine,
  }) => {
    const result = await attack(engine, {
      language: "python",
      source: [
        "import subprocess",
        "def run(*argv):",
        "    p = subprocess.run(argv, input=b'root\\n', capture_output=True, timeout=5)",
        "    return p.returncode",
        "print('su=' + str(run('su', '-c', 'id -u', 'root')))",
        "print('mount=' + str(run('mount', '-t', 'tmpfs', 'none', '/tmp')))",
        "print('umount=' + str(run('umount', '/box')))",
        "print('passwd=' + str(run('passwd', '-d', 'root')))",
        "status = dict(line.split(':\\t', 1) for line in open('/proc/self/status').read().splitlines() if ':\\t' in line)",
        "print('uid=' + status['Uid'].split()[0])",
        "print('nnp=' + status['NoNewPrivs'])",
        "print('capeff=' + status['CapEff'])",
        "print('capprm=' + status['CapPrm'])",
        "print('seccomp=' + status['Seccomp'])",
      ].join("\n"),
    });
    expect(result.status, result.describe).toBe("ok");
    const seen = report(result.run?.stdout);
    for (const tool of ["su", "mount", "umount", "passwd"]) expect(seen[tool], tool).not.toBe("0");
    expect(seen).toMatchObject({
      uid: "1000",
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
    const result = await attack(engine, {
      language: "python",
      source: [
        "for value in ('-1000', '0', '999'):",
        "    try:",
        "        with open('/proc/self/oom_score_adj', 'w') as f:",
        "            f.write(value)",
        "        print(f'{value}=LOWERED', flush=True)",
        "    except OSError as e:",
        "        print(f'{value}=' + type(e).__name__, flush=True)",
        "keep = []",
        "while True:",
        "    keep.append(bytearray(4 << 20))",
      ].join("\n"),
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
