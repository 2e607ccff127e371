import { describe, expect } from "vitest";
import { attack, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Cross-run leakage: with one sandbox per language (pool min 1, max 1), run B reuses run A's
 * container (proven by the container's hostname and its init's start time) and must find
 * nothing of what A left: no file, no process, no IPC object, no changed environment or
 * toolchain.
 */
const test = isolationTest({
  languages: ["python", "c", "javascript"],
  pool: { min: 1, max: 1 },
});

/** Python lines that print the container's identity: hostname and PID 1's start time. */
const IDENTITY_PY = [
  "import hashlib, os, socket, sys",
  "print('host=' + socket.gethostname())",
  "print('init-start=' + open('/proc/1/stat').read().rsplit(')', 1)[1].split()[19])",
];

describe("run B after run A, in the same container", () => {
  test("Python: files everywhere, a daemon, IPC objects, a shadowed stdlib module: all gone", async ({
    engine,
    unharmed,
  }) => {
    const runA = await attack(engine, {
      language: "python",
      source: [
        ...IDENTITY_PY,
        "import ctypes, stat, subprocess",
        "print('python-sha=' + hashlib.sha256(open(os.path.realpath(sys.executable), 'rb').read()).hexdigest())",
        "for path in ['/box/leak.txt', '/box/.hidden', '/box/json.py', '/box/sitecustomize.py', '/tmp/leak',",
        "             '/dev/shm/leak', '/box/deep/a/b/c/d/e.txt', '/tmp/.X11-unix/X0', '/box/locked/inner/f']:",
        "    os.makedirs(os.path.dirname(path), exist_ok=True)",
        "    with open(path, 'w') as f:",
        "        f.write('raise SystemExit(\"planted by run A\")\\n')",
        "os.chmod('/box/locked/inner', 0)",
        "os.chmod('/box/locked', 0)",
        "os.symlink('/etc/passwd', '/box/link')",
        "os.symlink('/box', '/tmp/loop')",
        "os.link('/box/leak.txt', '/box/hard')",
        "os.mkfifo('/tmp/fifo')",
        "os.chmod('/tmp/leak', 0)",
        "libc = ctypes.CDLL(None, use_errno=True)",
        "print('shm=' + str(libc.shmget(0x5eed, 4096, 0o1000 | 0o600)))",
        "print('mq=' + str(libc.mq_open(b'/leak', os.O_CREAT | os.O_RDWR, 0o600, None)))",
        "os.environ['LEAK'] = 'from-run-a'",
        "os.umask(0)",
        "if os.fork() == 0:",
        "    os.setsid()",
        "    if os.fork() == 0:",
        "        import signal, time",
        "        for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):",
        "            signal.signal(s, signal.SIG_IGN)",
        "        os.execvp('sleep', ['sleep', '600'])",
        "    os._exit(0)",
        "print('planted=yes')",
      ].join("\n"),
    });
    expect(runA.status, runA.describe).toBe("ok");
    const a = report(runA.run?.stdout);
    expect(a.planted).toBe("yes");
    expect(Number(a.shm)).toBeGreaterThanOrEqual(0);
    expect(Number(a.mq)).toBeGreaterThanOrEqual(0);

    const runB = await attack(engine, {
      language: "python",
      source: [
        ...IDENTITY_PY,
        "import json",
        "print('python-sha=' + hashlib.sha256(open(os.path.realpath(sys.executable), 'rb').read()).hexdigest())",
        "print('json=' + os.path.dirname(json.__file__))",
        "for d in ('/box', '/tmp', '/dev/shm', '/dev/mqueue'):",
        "    print(f'{d}=' + ','.join(sorted(os.listdir(d))))",
        "others = []",
        "for pid in filter(str.isdigit, os.listdir('/proc')):",
        "    try:",
        "        status = open(f'/proc/{pid}/status').read()",
        "    except OSError:",
        "        continue",
        "    if int(pid) != os.getpid() and '\\nUid:\\t1000' in status:",
        "        others.append(open(f'/proc/{pid}/cmdline').read().replace('\\0', ' '))",
        "print('processes=' + ','.join(others))",
        "ipc = [l for kind in ('shm', 'sem', 'msg') for l in open(f'/proc/sysvipc/{kind}').read().splitlines()[1:]]",
        "print('sysvipc=' + str(len(ipc)))",
        "print('env=' + ','.join(sorted(os.environ)))",
        "print('umask=' + oct(os.umask(0o22)))",
      ].join("\n"),
    });
    expect(runB.status, runB.describe).toBe("ok");
    const b = report(runB.run?.stdout);
    // The same container served both runs.
    expect(b.host).toBe(a.host);
    expect(b["init-start"]).toBe(a["init-start"]);
    expect(b).toMatchObject({
      "python-sha": a["python-sha"],
      json: "/usr/lib/python3.11/json",
      "/box": "main.py",
      "/tmp": "",
      "/dev/shm": "",
      "/dev/mqueue": "",
      processes: "",
      sysvipc: "0",
      env: "HOME,LANG,LC_ALL,PATH,PYTHONDONTWRITEBYTECODE,TMPDIR,USER",
      umask: "0o22",
    });
    await unharmed(["python"]);
  });

  test("C: a signal-proof background process and files of run A are gone for run B", async ({
    engine,
    unharmed,
  }) => {
    const identity = [
      "#include <dirent.h>",
      "#include <signal.h>",
      "#include <stdio.h>",
      "#include <stdlib.h>",
      "#include <string.h>",
      "#include <sys/stat.h>",
      "#include <unistd.h>",
      'static void identity(void) { char h[256], s[4096]; gethostname(h, sizeof h); printf("host=%s\\n", h);',
      '  FILE *f = fopen("/proc/1/stat", "r"); size_t n = fread(s, 1, sizeof s - 1, f); s[n] = 0; fclose(f);',
      "  char *p = strrchr(s, ')') + 2; for (int i = 0; i < 19; i++) p = strchr(p, ' ') + 1;",
      '  printf("init-start=%.*s\\n", (int)strcspn(p, " "), p); }',
    ];
    const runA = await attack(engine, {
      language: "c",
      source: [
        ...identity,
        "int main(void) { identity();",
        '  FILE *f = fopen("/tmp/c-leak", "w"); fputs("x", f); fclose(f); mkdir("/box/sub", 0700);',
        '  f = fopen("/box/sub/main.c", "w"); fputs("int main(void){return 42;}", f); fclose(f);',
        "  if (fork() == 0) { setsid(); for (int s = 1; s < 65; s++) signal(s, SIG_IGN);",
        "    if (fork() == 0) for (;;) pause(); _exit(0); }",
        '  puts("planted=yes"); return 0; }',
      ].join("\n"),
    });
    expect(runA.status, runA.describe).toBe("ok");
    const a = report(runA.run?.stdout);

    const runB = await attack(engine, {
      language: "c",
      source: [
        ...identity,
        'static void list(const char *dir) { DIR *d = opendir(dir); struct dirent *e; printf("%s=", dir);',
        "  while ((e = readdir(d))) if (e->d_name[0] != '.' || strlen(e->d_name) > 2 && e->d_name[1] != '.') printf(\"%s;\", e->d_name);",
        '  puts(""); closedir(d); }',
        'int main(void) { identity(); list("/tmp"); int others = 0; DIR *d = opendir("/proc"); struct dirent *e;',
        "  while ((e = readdir(d))) { int pid = atoi(e->d_name); char p[64], st[2048]; if (pid <= 0 || pid == getpid()) continue;",
        '    snprintf(p, sizeof p, "/proc/%d/status", pid); FILE *f = fopen(p, "r"); if (!f) continue;',
        '    size_t n = fread(st, 1, sizeof st - 1, f); st[n] = 0; fclose(f); if (strstr(st, "\\nUid:\\t1000")) others++; }',
        '  printf("processes=%d\\n", others); struct stat sb; printf("sub=%s\\n", stat("/box/sub", &sb) ? "gone" : "THERE"); return 0; }',
      ].join("\n"),
    });
    expect(runB.status, runB.describe).toBe("ok");
    const b = report(runB.run?.stdout);
    expect(b.host).toBe(a.host);
    expect(b["init-start"]).toBe(a["init-start"]);
    expect(b).toMatchObject({ "/tmp": "", processes: "0", sub: "gone" });
    await unharmed(["c"]);
  });

  test("JavaScript: a detached child and a planted node_modules package are gone for run B", async ({
    engine,
    unharmed,
  }) => {
    const identity = [
      "const fs = require('node:fs');",
      "const os = require('node:os');",
      "console.log('host=' + os.hostname());",
      "console.log('init-start=' + fs.readFileSync('/proc/1/stat', 'utf8').split(') ').pop().split(' ')[19]);",
    ];
    const runA = await attack(engine, {
      language: "javascript",
      source: [
        ...identity,
        "fs.mkdirSync('node_modules/leftpad', { recursive: true });",
        "fs.writeFileSync('node_modules/leftpad/index.js', 'module.exports = \"planted\";');",
        "fs.writeFileSync('/tmp/.npmrc', 'registry=http://127.0.0.1:1/');",
        "const child = require('node:child_process').spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });",
        "child.unref();",
        "console.log('planted=yes');",
      ].join("\n"),
    });
    expect(runA.status, runA.describe).toBe("ok");
    const a = report(runA.run?.stdout);

    const runB = await attack(engine, {
      language: "javascript",
      source: [
        ...identity,
        "let leftpad = 'missing';",
        "try { leftpad = require('leftpad'); } catch (e) { leftpad = e.code; }",
        "console.log('leftpad=' + leftpad);",
        "console.log('box=' + fs.readdirSync('/box').join(','));",
        "console.log('tmp=' + fs.readdirSync('/tmp').join(','));",
        "const others = fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p) && Number(p) !== process.pid)",
        "  .filter((p) => { try { return /\\nUid:\\t1000/.test(fs.readFileSync(`/proc/${p}/status`, 'utf8')); } catch { return false; } });",
        "console.log('processes=' + others.length);",
      ].join("\n"),
    });
    expect(runB.status, runB.describe).toBe("ok");
    const b = report(runB.run?.stdout);
    expect(b.host).toBe(a.host);
    expect(b["init-start"]).toBe(a["init-start"]);
    expect(b).toMatchObject({
      leftpad: "MODULE_NOT_FOUND",
      box: "main.js",
      tmp: "",
      processes: "0",
    });
    await unharmed(["javascript"]);
  });

  test("a container whose run hit a limit is never reused: the next run gets a fresh one", async ({
    engine,
  }) => {
    const identity = IDENTITY_PY.join("\n");
    const before = report(
      (await engine.execute({ language: "python", source: identity })).run?.stdout,
    );
    const timedOut = await attack(engine, {
      language: "python",
      source: "open('/tmp/left-by-timeout', 'w').write('x')\nwhile True: pass",
      limits: { timeMs: 800 },
    });
    expect(timedOut.status, timedOut.describe).toBe("timeout");
    const after = await attack(engine, {
      language: "python",
      source: `${identity}\nprint('tmp=' + ','.join(os.listdir('/tmp')))`,
    });
    expect(after.status, after.describe).toBe("ok");
    const seen = report(after.run?.stdout);
    expect(seen.host).not.toBe(before.host);
    expect(seen.tmp).toBe("");
  });
});
