#!/usr/bin/env python3
"""Smoke test of warmbox-supervisor: speaks PROTOCOL.md to a container through `docker run -i`,
with the container settings the engine uses.

    python3 smoke-test.py [--base warmbox/runner-base:dev] [--test-image TAG] [--no-build] [--bench N]

Builds a test image FROM the runner base with python3 added (the base has no python, and the
memory bomb and the checks use it), runs every check, and prints per-job overhead.
"""
import argparse
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import time

TEST_IMAGE = "warmbox/runner-base-test:dev"
ENV = ["PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/box", "LANG=C.UTF-8"]


def protocol_header():
    """protocol.h beside this script, the supervisor's own source, without comments."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "protocol.h")) as f:
        return re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)


def protocol_value(text):
    """A constant of the forms protocol.h uses: 1024u, 1u << 5, (32u << 20)."""
    number, shift = re.fullmatch(r"\(?(\d+)u?(?: << (\d+))?\)?", text.strip()).groups()
    return int(number) << int(shift or 0)


def protocol_flags(tag):
    """The members of `enum <tag>` in protocol.h."""
    body = re.search(r"enum %s\s*\{([^}]*)\}" % tag, protocol_header()).group(1)
    members = {}
    for member in filter(None, (text.strip() for text in body.split(","))):
        name, value = member.split(" = ")
        members[name] = protocol_value(value)
    return members


def protocol_define(name):
    return protocol_value(re.search(r"#define %s (.*)" % name, protocol_header()).group(1))


EXIT_FLAGS = protocol_flags("exit_flag")
WALL, CPU, OUTPUT, OOM, KILLED, EXEC = (EXIT_FLAGS["EXIT_" + name] for name in (
    "WALL_TIMEOUT", "CPU_TIMEOUT", "OUTPUT_LIMIT", "OUT_OF_MEMORY", "KILLED", "EXEC_FAILED"))
STDIN_STREAMED = protocol_flags("run_flag")["RUN_STDIN_STREAMED"]
COLLECT_OUTCOMES = protocol_flags("collect_outcome")
DONE, TOO_MANY_BYTES, TOO_MANY_ENTRIES, PATH_TOO_LONG = (COLLECT_OUTCOMES["COLLECT_" + name] for name in (
    "DONE", "TOO_MANY_BYTES", "TOO_MANY_ENTRIES", "PATH_TOO_LONG"))
MAX_BYTES, MAX_ENTRIES, MAX_PATH, CHUNK = (protocol_define(name) for name in (
    "COLLECT_MAX_BYTES", "COLLECT_MAX_ENTRIES", "COLLECT_MAX_PATH", "CHUNK"))


SANDBOX_UID = 50123  # one of the engine's range (src/docker/sandbox-uids.ts), not the image's 1000


def engine_flags(memory="128m", uid_text=None):
    """docker run's flags as the engine gives them; uid_text replaces WARMBOX_SANDBOX_UID's value."""
    return [
        "docker", "run", "-i", "--rm", "--init", "--user", "root", "--read-only", "--network", "none",
        "--cap-drop", "ALL", "--cap-add", "SETUID", "--cap-add", "SETGID", "--cap-add", "KILL",
        "--cap-add", "SETPCAP", "--cap-add", "SYS_NICE",
        "--security-opt", "no-new-privileges", "--memory", memory, "--memory-swap", memory,
        "--pids-limit", "64", "--cpus", "1",
        "--env", f"WARMBOX_SANDBOX_UID={SANDBOX_UID if uid_text is None else uid_text}",
        "--tmpfs", f"/box:rw,exec,nosuid,nodev,size=64m,uid={SANDBOX_UID},gid=1000,mode=0755",
        "--tmpfs", "/tmp:rw,exec,nosuid,nodev,size=64m,mode=1777", "--shm-size", "16m",
    ]


class Box:
    """One supervised container."""

    def __init__(self, image, memory="128m", uid_text=None):
        self.proc = subprocess.Popen(engine_flags(memory, uid_text=uid_text) + [image], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        self.buf = bytearray()
        t, payload = self.recv(timeout=30)
        assert t == "H", (t, payload)
        self.version = payload.decode()

    def send(self, t, payload=b""):
        self.proc.stdin.write(struct.pack("<IB", len(payload) + 1, ord(t)) + payload)
        self.proc.stdin.flush()

    def recv(self, timeout=10.0):
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while True:
            if len(self.buf) >= 4:
                (n,) = struct.unpack_from("<I", self.buf)
                if len(self.buf) >= 4 + n:
                    t, payload = chr(self.buf[4]), bytes(self.buf[5:4 + n])
                    del self.buf[:4 + n]
                    return t, payload
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError("no frame from the supervisor")
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise EOFError("supervisor stream ended")
            self.buf += chunk

    def file(self, name, content, mode=0o644):
        self.send("F", struct.pack("<I", mode) + name.encode() + b"\0" + content)

    def start(self, argv, time_ms=5000, cpu_ms=5000, out=1 << 20, fsize=1 << 20, flags=0,
              stdin=None, env=ENV):
        if stdin is not None:
            self.send("I", stdin)
        strings = b"".join(s.encode() + b"\0" for s in list(argv) + list(env))
        self.send("R", struct.pack("<IIQQIHH", time_ms, cpu_ms, out, fsize, flags, len(argv),
                                   len(env)) + strings)

    def collect(self, timeout=15.0):
        res, out = {}, {"O": [], "E": []}
        while True:
            t, p = self.recv(timeout)
            if t in out:
                out[t].append(p)
            elif t == "X":
                res["stdout"], res["stderr"] = b"".join(out["O"]), b"".join(out["E"])
                (res["code"], res["signal"], res["wall"], res["cpu"], res["mem"],
                 res["flags"]) = struct.unpack("<iiIIQI", p)
                return res
            else:
                raise AssertionError(f"unexpected frame {t} {p[:200]!r}")

    def run(self, argv, **kw):
        self.start(argv, **kw)
        return self.collect()

    def sh(self, script, **kw):
        return self.run(["sh", "-c", script], **kw)

    def collect_files(self, timeout=30.0):
        """COLLECT: (outcome, entries, files, bytes) of COLLECT_END and {name: (mode, content)},
        checking the answer's framing on the way."""
        self.send("G")
        files, current = {}, None
        while True:
            t, p = self.recv(timeout)
            if t == "f":
                assert current is None or len(files[current][1]) == size, ("short file", current)
                mode, size = struct.unpack_from("<IQ", p)
                current = p[12:].decode("utf-8", "surrogateescape")
                assert current not in files, ("sent twice", current)
                files[current] = (mode, bytearray())
            elif t == "d":
                assert current is not None and 0 < len(p) <= CHUNK, (current, len(p))
                files[current][1].extend(p)
                assert len(files[current][1]) <= size, ("long file", current)
            elif t == "g":
                assert current is None or len(files[current][1]) == size, ("short file", current)
                return struct.unpack("<IIIQ", p), {n: (m, bytes(c)) for n, (m, c) in files.items()}
            else:
                raise AssertionError(f"unexpected frame {t} {p[:200]!r}")

    def wipe(self):
        self.send("W")
        t, p = self.recv(10)
        assert t == "C", (t, p)

    def close(self):
        self.proc.stdin.close()
        return self.proc.wait(10)


def flags(res):
    return "|".join(name[5:].lower() for name, bit in EXIT_FLAGS.items() if res["flags"] & bit) or "-"


results = []


def check(name, cond, detail=""):
    results.append(cond)
    print(f"{'ok  ' if cond else 'FAIL'} {name}{'' if cond else '  ' + str(detail)}", flush=True)


# Lists the sandbox user's processes other than the lister (zombies too), every entry left in
# the writable places, and the kernel's count of the container's tasks (init, the supervisor and
# the lister: 3): what a job could leave for the next one.
LEFTOVERS = r"""
import os
me = os.getpid()
procs = []
for p in os.listdir('/proc'):
    if p.isdigit() and int(p) != me:
        try:
            st = open(f'/proc/{p}/status').read()
        except OSError:
            continue
        f = dict(l.split(':', 1) for l in st.splitlines() if ':' in l)
        if f['Uid'].split()[0] == str(os.getuid()):
            procs.append(p + ' ' + f['Name'].strip())
files = [d + '/' + n for d in ('/box', '/tmp', '/dev/shm', '/dev/mqueue') for n in os.listdir(d)]
ipc = [l for k in ('shm', 'sem', 'msg') for l in open('/proc/sysvipc/' + k).readlines()[1:]]
tasks = int(open('/sys/fs/cgroup/pids/pids.current').read())
print(repr((procs, files, ipc, oct(os.stat('/box').st_mode & 0o7777), tasks)))
"""
CLEAN = "([], [], [], '0o755', 3)"

# Leaves a process whose thread-group leader ended by the raw exit system call (a zombie in /proc)
# while its other thread runs on; prints the leader's state.
ZOMBIE_LEADER = r"""
import ctypes, os, platform, threading, time
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    threading.Thread(target=lambda: (os.write(w, b"x"), time.sleep(1000))).start()
    ctypes.CDLL(None).syscall({"x86_64": 60, "aarch64": 93}[platform.machine()], 0)
os.read(r, 1)
for _ in range(100):
    state = open(f"/proc/{pid}/status").read().split("State:\t")[1][0]
    if state == "Z":
        break
    time.sleep(0.01)
print(state)
"""


def leftovers(box):
    return box.run(["python3", "-c", LEFTOVERS])["stdout"].decode().strip()


def test_main(box):
    check("HELLO carries the version", box.version != "", box.version)

    box.file("in.txt", b"data\n")
    box.file("a/b/run.sh", b"#!/bin/sh\necho script $1\n", 0o755)
    r = box.sh("cat; echo err >&2; exit 3", stdin=b"hello\n")
    check("RUN: stdin, stdout, stderr, exit 3",
          (r["stdout"], r["stderr"], r["code"], r["signal"], r["flags"]) == (b"hello\n", b"err\n", 3, 0, 0), r)
    r = box.sh("id -u; id -g; stat -c '%u %g %a' a/b/run.sh in.txt a; pwd; umask; ./a/b/run.sh x; "
               "echo \"$PATH\"")
    u = SANDBOX_UID
    check("the container's sandbox uid, files owned by it, modes, cwd, umask, env", r["stdout"].decode() ==
          f"{u}\n1000\n{u} 1000 755\n{u} 1000 644\n{u} 1000 755\n/box\n0022\nscript x\n"
          "/usr/local/bin:/usr/bin:/bin\n", r)
    r = box.sh("id -un")
    check("the image lists the uid as sandbox", r["stdout"] == b"sandbox\n", r)
    check("memory and time reported", r["mem"] > 0 and r["wall"] < 1000, r)
    r = box.run(["python3", "-c", "import os; print(sorted(os.listdir('/proc/self/fd')))"])
    check("the stage inherits only 0, 1, 2", r["stdout"] == b"['0', '1', '2', '3']\n", r)

    t0 = time.monotonic()
    r = box.run(["sleep", "10"], time_ms=300)
    dt = time.monotonic() - t0
    check("wall timeout", r["flags"] == WALL and r["signal"] == 9 and r["code"] == -1
          and 300 <= r["wall"] < 400 and dt < 1, (r, dt))

    r = box.sh("while :; do :; done", cpu_ms=300, time_ms=5000)
    check("cpu timeout", r["flags"] & CPU and r["signal"] == 9 and 280 <= r["cpu"] < 450, r)

    r = box.run(["head", "-c", "1000000", "/dev/zero"], out=1000)
    check("output limit: exactly the cap, flag", len(r["stdout"]) == 1000 and r["flags"] == OUTPUT, flags(r))
    r = box.run(["head", "-c", "1000", "/dev/zero"], out=1000)
    check("output exactly at the cap is no violation", len(r["stdout"]) == 1000 and r["flags"] == 0, r)

    r = box.sh("exec head -c 2000000 /dev/zero > big", fsize=1 << 20)
    check("file size limit (SIGXFSZ)", r["signal"] == 25, r)

    r = box.run(["no-such-program"])
    check("exec failure", r["code"] == 127 and r["flags"] == EXEC and b"no-such-program" in r["stderr"], r)

    big = os.urandom(1 << 20)
    r = box.run(["true"], stdin=big)
    check("unread 1 MiB stdin doesn't block", r["code"] == 0 and r["flags"] == 0, r)
    r = box.run(["cat"], stdin=big, out=2 << 20)
    check("1 MiB stdin through cat", r["stdout"] == big, len(r["stdout"]))

    t0 = time.monotonic()
    r = box.sh("sleep 100 & echo started")
    dt = time.monotonic() - t0
    check("background process doesn't hold the stage", r["stdout"] == b"started\n" and dt < 1, (r, dt))
    out = box.run(["python3", "-c", LEFTOVERS])["stdout"].decode()
    check("... and is gone after the stage", out.startswith("([],"), out)
    r = box.run(["python3", "-c", ZOMBIE_LEADER])
    out = leftovers(box)
    check("a zombie leader's live thread is gone after the stage", r["stdout"] == b"Z\n" and
          out.startswith("([],") and out.endswith(", 3)"), (r, out))
    r = box.run(["grep", "^Cap", "/proc/self/status"])
    caps = r["stdout"].splitlines()
    check("the program holds no capability (inheritable, permitted, effective, bounding, ambient)",
          len(caps) == 5 and all(line.endswith(b"\t0000000000000000") for line in caps), r)

    # Streamed stdin, interleaved with output.
    box.start(["sh", "-c", "while read l; do echo got $l; done; echo end"], flags=STDIN_STREAMED)
    got = b""
    for word in (b"a", b"b"):
        box.send("I", word + b"\n")
        t, p = box.recv()
        got += p
    box.send("i")
    r = box.collect()
    check("streamed stdin", got + r["stdout"] == b"got a\ngot b\nend\n" and r["code"] == 0, (got, r))

    # A streamed stage that ends before its STDIN_END: the late stdin must not reach the next stage.
    r = box.run(["true"], flags=STDIN_STREAMED)
    box.send("I", b"late\n")
    box.send("i")
    r = box.run(["cat"], stdin=b"next\n")
    check("late streamed stdin is dropped", r["stdout"] == b"next\n", r)

    box.start(["sleep", "10"], time_ms=20000)
    time.sleep(0.2)
    t0 = time.monotonic()
    box.send("K")
    r = box.collect()
    check("KILL", r["flags"] == KILLED and r["signal"] == 9 and time.monotonic() - t0 < 0.5, r)
    box.send("K")  # ignored when nothing runs
    box.wipe()
    check("clean after KILL", leftovers(box) == CLEAN)

    t0 = time.monotonic()
    r = box.sh("b() { b | b & }; b; sleep 1", time_ms=2000)
    dt = time.monotonic() - t0
    check(f"fork bomb contained (stage {dt * 1000:.0f} ms, {flags(r)}, exit {r['code']})", dt < 3, r)
    t0 = time.monotonic()
    box.wipe()
    check(f"WIPE after fork bomb ({(time.monotonic() - t0) * 1000:.1f} ms)", leftovers(box) == CLEAN)

    # Leave everything we can think of behind.
    r = box.sh("""
        set -e
        echo x > /box/f; echo y > /tmp/f; echo z > /dev/shm/f; mkdir -p /tmp/d/e; echo 1 > /tmp/d/e/g
        ln -s /etc/passwd /box/pw; ln -s /etc /box/etc; ln -s /nonexistent /tmp/dangling
        mkfifo /box/fifo; mkdir -p locked/sub; touch locked/sub/f; chmod 000 locked/sub locked
        mkdir -p /box/ro; touch /box/ro/f; chmod 500 /box/ro
        mkdir -p /dev/shm/x/y; chmod 0 /dev/shm/x
        python3 -c 'import os
for i in range(300): os.mkdir("n"); os.chdir("n")
open("deep", "w").close()'
        ipcmk -M 4096 >/dev/null; ipcmk -S 2 >/dev/null; ipcmk -Q >/dev/null
        python3 -c 'import os; os.close(os.open("/dev/mqueue/q", os.O_CREAT | os.O_RDWR))' 2>/dev/null || true
        (sleep 1000 &)
    """)
    out = leftovers(box)
    check("leave junk behind (files, links, 000 dirs, IPC, mqueue)", r["code"] == 0 and
          out.count("/") > 8 and "/dev/mqueue/q" in out and out.count(str(SANDBOX_UID)) >= 6, (r, out))
    r = box.sh("chmod 000 /box")
    r = box.run(["true"])
    check("a stage can't start in a chmod-ed /box: exec failure", r["flags"] == EXEC and
          b"chdir /box" in r["stderr"], r)
    t0 = time.monotonic()
    box.wipe()
    ms = (time.monotonic() - t0) * 1000
    out = leftovers(box)
    check(f"WIPE removes files, dirs (000, deep), links, IPC, processes ({ms:.1f} ms)", out == CLEAN, out)
    r = box.sh("head -1 /etc/passwd; ls -d /etc")
    check("link targets untouched", r["stdout"].startswith(b"root:") and r["code"] == 0, r)


# What COLLECT must send of the tree MAKE_TREE leaves in /box, and must not.
MAKE_TREE = r"""
import os, socket
os.makedirs("bin/sub")
for name, mode, content in [("main", 0o755, b"\x7fELF" + bytes(range(256)) * 600), ("bin/sub/data", 0o644, b"d"),
                            (".hidden", 0o600, b"h"), ("empty", 0o644, b""), ("secret", 0o000, b"s"),
                            ("writeonly", 0o200, b"w"), ("big", 0o640, (bytes(range(251)) * 800)[:3 * 65536 + 7])]:
    with open(name, "wb") as f:
        f.write(content)
    os.chmod(name, mode)
os.link("main", "bin/hardlink")
os.symlink("/etc/passwd", "pw")
os.symlink("/etc", "etc")
os.symlink("/etc/passwd", "bin/sub/pw")
os.mkfifo("fifo")
socket.socket(socket.AF_UNIX).bind("sock")
os.makedirs("locked/in")
open("locked/in/f", "w").write("locked")
os.chmod("locked/in", 0)
os.chmod("locked", 0o300)
d = "/box"
for i in range(300):
    d += "/n"
    os.mkdir(d)
open(d + "/deep", "w").write("deep")
os.makedirs("only/empty/dirs")
"""
TREE_MODES = "stat -c '%a %n' main bin/sub/data .hidden empty secret writeonly big bin/hardlink locked locked/in"


def test_collect(image):
    box = Box(image)
    (outcome, entries, nfiles, nbytes), files = box.collect_files()
    check("COLLECT of an empty /box: done, nothing", (outcome, entries, nfiles, nbytes, files) ==
          (DONE, 0, 0, 0, {}), (outcome, entries, nfiles, nbytes, files))

    box.file("main.c", b"int main(void) { return 0; }\n")
    r = box.run(["python3", "-c", MAKE_TREE])
    before = box.sh(TREE_MODES)["stdout"]
    t0 = time.monotonic()
    (outcome, entries, nfiles, nbytes), files = box.collect_files()
    ms = (time.monotonic() - t0) * 1000
    main = b"\x7fELF" + bytes(range(256)) * 600
    deep = "/".join(["n"] * 300) + "/deep"
    expected = {"main.c": (0o644, b"int main(void) { return 0; }\n"), "main": (0o755, main),
                "bin/hardlink": (0o755, main), "bin/sub/data": (0o644, b"d"), ".hidden": (0o600, b"h"),
                "empty": (0o644, b""), "secret": (0o000, b"s"), "writeonly": (0o200, b"w"),
                "locked/in/f": (0o644, b"locked"), deep: (0o644, b"deep"),
                "big": (0o640, (bytes(range(251)) * 800)[:3 * 65536 + 7])}
    check(f"COLLECT sends every regular file with its mode and content ({ms:.1f} ms)",
          r["code"] == 0 and outcome == DONE and files == expected,
          (r, outcome, sorted(set(files) ^ set(expected)), [n for n in expected if files.get(n) != expected[n]]))
    check("... but no link (to /etc/passwd, to /etc), fifo, socket or directory",
          not {"pw", "etc", "bin/sub/pw", "fifo", "sock", "only/empty/dirs"} & set(files) and
          b"root:" not in b"".join(content for _, content in files.values()), sorted(files))
    # Entries walked: the files, 7 directories and the 300 nested ones, 3 links, a fifo and a socket.
    check("... and counts what it walked", (nfiles, nbytes) == (len(files), sum(len(c) for _, c in files.values()))
          and entries == len(files) + 7 + 300 + 3 + 2, (entries, nfiles, nbytes))
    after = box.sh(TREE_MODES)
    check("after COLLECT every mode is as the job left it, and the box runs stages",
          after["code"] == 0 and after["stdout"] == before and b"\n0 secret\n" in before and b"\n300 locked\n" in before,
          (before, after))
    check("a second COLLECT sends the same", box.collect_files()[1] == files)
    box.wipe()
    check("WIPE after COLLECT proves the box clean", leftovers(box) == CLEAN)

    def refused(name, script, outcome):
        box.run(["python3", "-c", script], fsize=MAX_BYTES * 2)
        t0 = time.monotonic()
        (got, entries, nfiles, nbytes), sent = box.collect_files()
        ms = (time.monotonic() - t0) * 1000
        r = box.run(["true"])
        check(f"{name}: refused with outcome {outcome}, nothing sent, box usable ({ms:.1f} ms)",
              got == outcome and sent == {} and r["code"] == 0, (got, entries, nfiles, nbytes, r))
        box.wipe()
        check(f"... and WIPE proves it clean", leftovers(box) == CLEAN)

    def accepted(name, script, count, total):
        box.run(["python3", "-c", script], fsize=MAX_BYTES * 2)
        t0 = time.monotonic()
        (got, entries, nfiles, nbytes), sent = box.collect_files()
        ms = (time.monotonic() - t0) * 1000
        check(f"{name}: collected ({ms:.1f} ms)", (got, nfiles, nbytes, len(sent)) == (DONE, count, total, count),
              (got, entries, nfiles, nbytes))
        box.wipe()

    accepted("exactly COLLECT_MAX_BYTES (a sparse file)",
             f"open('sparse', 'wb').truncate({MAX_BYTES})", 1, MAX_BYTES)
    refused("one byte past COLLECT_MAX_BYTES (sparse files)",
            f"open('a', 'wb').truncate({MAX_BYTES // 2}); open('b', 'wb').truncate({MAX_BYTES // 2 + 1})",
            TOO_MANY_BYTES)
    refused("41 names (hard links) of one 1 MiB file",
            "import os\nopen('f', 'wb').write(bytes(1 << 20))\nfor i in range(40): os.link('f', f'l{i}')",
            TOO_MANY_BYTES)
    accepted("exactly COLLECT_MAX_ENTRIES entries",
             f"import os\nos.mkdir('d')\nfor i in range({MAX_ENTRIES - 1}): open(f'd/{{i}}', 'w').close()",
             MAX_ENTRIES - 1, 0)
    refused("COLLECT_MAX_ENTRIES + 1 symlinks",
            f"import os\nfor i in range({MAX_ENTRIES + 1}): os.symlink('/etc/passwd', str(i))",
            TOO_MANY_ENTRIES)
    longest = "/".join(["x" * 254] * 4) + "/" + "y" * (MAX_PATH - 4 * 255)
    accepted(f"a name of exactly COLLECT_MAX_PATH ({MAX_PATH}) bytes",
             f"import os\nos.makedirs({os.path.dirname(longest)!r})\nopen({longest!r}, 'w').close()", 1, 0)
    refused("a name one byte longer",
            f"import os\nos.makedirs({os.path.dirname(longest)!r})\nopen({longest + 'z'!r}, 'w').close()",
            PATH_TOO_LONG)
    refused("600 nested directories",
            "import os\nfor i in range(600): os.mkdir('n'); os.chdir('n')", PATH_TOO_LONG)
    box.close()


def bench(box, n):
    run_rt, wipe_rt, walls = [], [], []
    for _ in range(n):
        t0 = time.perf_counter()
        r = box.run(["/bin/true"])
        t1 = time.perf_counter()
        box.wipe()
        t2 = time.perf_counter()
        assert r["code"] == 0
        run_rt.append(t1 - t0)
        wipe_rt.append(t2 - t1)
        walls.append(r["wall"])
    py = []
    for _ in range(max(n // 4, 10)):
        t0 = time.perf_counter()
        r = box.run(["python3", "-c", "print('hello')"])
        py.append(time.perf_counter() - t0)
        assert r["stdout"] == b"hello\n"
    box.wipe()
    inside = box.run(["python3", "-c", """
import subprocess, time, statistics
ts = []
for _ in range(30):
    t0 = time.perf_counter(); subprocess.run(['python3', '-c', "print('hello')"], stdout=subprocess.DEVNULL); ts.append(time.perf_counter() - t0)
print(statistics.median(ts) * 1000)
"""])
    med = lambda xs: statistics.median(xs) * 1000
    t0 = time.perf_counter()
    for _ in range(n):
        box.run(["/bin/true"])
        box.wipe()
    rate = n / (time.perf_counter() - t0)
    print(f"bench: {n} jobs of /bin/true: RUN->EXIT median {med(run_rt):.2f} ms "
          f"(p90 {sorted(run_rt)[int(n * .9)] * 1000:.2f}), WIPE->CLEAN median {med(wipe_rt):.2f} ms "
          f"(p90 {sorted(wipe_rt)[int(n * .9)] * 1000:.2f}); {rate:.0f} jobs/s sequential on one box")
    print(f"bench: python3 hello: RUN->EXIT median {med(py):.2f} ms; python3 spawned by python3 inside "
          f"the box: {float(inside['stdout']):.2f} ms")


def test_oom(image):
    box = Box(image, memory="64m")
    r = box.run(["python3", "-c", "a = []\nwhile True: a.append(bytearray(8 << 20))"], time_ms=10000)
    check("memory bomb: OOM flag", r["flags"] & OOM and r["signal"] == 9, (flags(r), r["signal"], r["stderr"][-300:]))
    box.wipe()
    check("supervisor survives the OOM", leftovers(box) == CLEAN)
    check("EOF on stdin: exit 0", box.close() == 0)


def test_protocol_error(image):
    box = Box(image)
    box.file("../escape", b"x")
    t, p = box.recv()
    check("'..' in FILE name: ERROR, exit 2", t == "Z" and box.proc.wait(10) == 2, (t, p))
    box = Box(image)
    box.start(["sleep", "10"])
    box.send("G")
    t, p = box.recv()
    check("COLLECT while a stage runs: ERROR, exit 2", t == "Z" and box.proc.wait(10) == 2, (t, p))
    for uid in ("0", "999", "65534", "50000x", ""):
        box = Box(image, uid_text=uid)
        t, p = box.recv()
        check(f"WARMBOX_SANDBOX_UID={uid!r}: ERROR, exit 2", t == "Z" and b"WARMBOX_SANDBOX_UID" in p
              and box.proc.wait(10) == 2, (t, p))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="warmbox/runner-base:dev")
    ap.add_argument("--test-image", default=TEST_IMAGE, help="tag of the test image built FROM the base")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--bench", type=int, default=200)
    args = ap.parse_args()
    if not args.no_build:
        dockerfile = (f"FROM {args.base}\nUSER root\nRUN apt-get update && apt-get install -y "
                      "--no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\nUSER sandbox\n")
        subprocess.run(["docker", "build", "-q", "-t", args.test_image, "-"], input=dockerfile.encode(),
                       check=True, stdout=subprocess.DEVNULL)
    box = Box(args.test_image)
    test_main(box)
    if args.bench:
        bench(box, args.bench)
    box.close()
    test_collect(args.test_image)
    test_oom(args.test_image)
    test_protocol_error(args.test_image)
    failed = results.count(False)
    print(f"{len(results) - failed}/{len(results)} checks passed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
