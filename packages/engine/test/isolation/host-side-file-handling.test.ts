import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { attack, report } from "./isolation-helpers.js";
import { isolationTest } from "./isolation-test.js";

/**
 * Host-side file handling, how Judge0 was escaped: the program swaps the files the engine
 * handles for symlinks, FIFOs and hard links. The engine must never follow, open or block on
 * them: the wipe unlinks without following, and the next job's files are created with
 * O_EXCL|O_NOFOLLOW. And no user string ever reaches a shell.
 */
const test = isolationTest({
  languages: ["python", "c", "java"],
  pool: { min: 1, max: 1 },
});
const here = dirname(fileURLToPath(import.meta.url));
const victim = `/tmp/warmbox-victim-${randomBytes(6).toString("hex")}`;
const engineSource = join(here, "../../src/index.ts");
let engineSourceBefore: { mtimeMs: number; content: string };

beforeAll(async () => {
  writeFileSync(victim, "untouched\n");
  engineSourceBefore = {
    mtimeMs: statSync(engineSource).mtimeMs,
    content: readFileSync(engineSource, "utf8"),
  };
});

afterAll(() => {
  rmSync(victim, { force: true });
});

const SHA_OF_SYSTEM_FILES = [
  "import hashlib, os, socket",
  "def sha(path):",
  "    try:",
  "        return hashlib.sha256(open(path, 'rb').read()).hexdigest()[:16]",
  "    except OSError as e:",
  "        return type(e).__name__",
  "print('host=' + socket.gethostname())",
  "for path in ('/usr/local/bin/warmbox-supervisor', '/etc/passwd', '/etc/warmbox/version'):",
  "    print(f'{path}=' + sha(path))",
];

describe("links and special files left for the engine", () => {
  test("Python swaps its work files for symlinks, FIFOs and hard links: the wipe follows none, the next job is served and sees only its own file", async ({
    engine,
    unharmed,
  }) => {
    const plant = await attack(engine, {
      language: "python",
      files: [
        {
          name: "main.py",
          content: [
            ...SHA_OF_SYSTEM_FILES,
            "import sys",
            "os.replace('data/input.txt', 'data/moved') if os.path.exists('data/input.txt') else None",
            "os.symlink('/etc/shadow', 'data/input.txt')",
            "os.symlink('/usr/local/bin/warmbox-supervisor', 'supervisor')",
            "os.symlink(sys.argv[1], 'victim')",
            "os.symlink(sys.argv[2], 'engine-source')",
            "os.symlink('/proc/1/root', 'init-root')",
            "os.symlink('/etc', 'etc-dir')",
            "os.symlink('.', 'self-loop')",
            "os.mkfifo('main.py.fifo')",
            "os.mkfifo('/tmp/fifo')",
            "os.mkfifo('/dev/shm/fifo')",
            "os.link('data/moved', 'hard')",
            "import socket as s",
            "u = s.socket(s.AF_UNIX); u.bind('/box/sock'); u.listen()",
            "os.unlink('main.py')",
            "os.symlink('/etc/passwd', 'main.py')",
            "os.chmod('/box', 0o500)",
            "print('planted=yes')",
          ].join("\n"),
        },
        { name: "data/input.txt", content: "input" },
      ],
      args: [victim, engineSource],
    });
    expect(plant.status, plant.describe).toBe("ok");
    const a = report(plant.run?.stdout);
    expect(a.planted).toBe("yes");

    const started = Date.now();
    const runB = await attack(engine, {
      language: "python",
      files: [
        {
          name: "main.py",
          content: [
            ...SHA_OF_SYSTEM_FILES,
            "print('box=' + ','.join(sorted(os.listdir('/box'))))",
            "print('tmp=' + ','.join(os.listdir('/tmp') + os.listdir('/dev/shm')))",
            "print('mine=' + str(os.path.islink('main.py')))",
          ].join("\n"),
        },
        { name: "data/input.txt", content: "input" },
      ],
    });
    expect(runB.status, runB.describe).toBe("ok");
    expect(Date.now() - started).toBeLessThan(5_000);
    const b = report(runB.run?.stdout);
    expect(b.host).toBe(a.host);
    expect(b).toMatchObject({
      "/usr/local/bin/warmbox-supervisor": a["/usr/local/bin/warmbox-supervisor"],
      "/etc/passwd": a["/etc/passwd"],
      "/etc/warmbox/version": a["/etc/warmbox/version"],
      box: "data,main.py",
      tmp: "",
      mine: "False",
    });
    // The host's files that the links named are untouched.
    expect(readFileSync(victim, "utf8")).toBe("untouched\n");
    expect(statSync(engineSource).mtimeMs).toBe(engineSourceBefore.mtimeMs);
    expect(readFileSync(engineSource, "utf8")).toBe(engineSourceBefore.content);
    await unharmed(["python"]);
  });

  test("C replaces its compiled binary and source with FIFOs during the run: the job ends, the next one compiles and runs", async ({
    engine,
    unharmed,
  }) => {
    const runA = await attack(engine, {
      language: "c",
      source: [
        "#include <stdio.h>",
        "#include <sys/stat.h>",
        "#include <unistd.h>",
        'int main(void) { unlink("main"); mkfifo("main", 0600); unlink("main.c"); symlink("/dev/zero", "main.c");',
        '  mkdir("d", 0700); symlink("/box/d", "d/loop"); chmod("d", 0); chmod("/box", 0);',
        '  puts("planted=yes"); return 0; }',
      ].join("\n"),
    });
    expect(runA.status, runA.describe).toBe("ok");
    const runB = await attack(engine, {
      language: "c",
      source: '#include <stdio.h>\nint main(void) { puts("fresh"); return 0; }',
    });
    expect(runB.status, runB.describe).toBe("ok");
    expect(runB.run?.stdout).toBe("fresh\n");
    await unharmed(["c"]);
  });

  test("a deep tree of directories the program locked (mode 000) is wiped without following its links", async ({
    engine,
  }) => {
    const runA = await attack(engine, {
      language: "python",
      source: [
        "import os",
        "os.chdir('/tmp')",
        "for i in range(300):",
        "    os.mkdir('d')",
        "    os.symlink('/etc', 'etc')",
        "    os.chdir('d')",
        "os.chdir('/tmp')",
        "for root, dirs, files in os.walk('/tmp', topdown=False):",
        "    for d in dirs:",
        "        if not os.path.islink(os.path.join(root, d)):",
        "            os.chmod(os.path.join(root, d), 0)",
        "print('depth=300')",
      ].join("\n"),
    });
    expect(runA.status, runA.describe).toBe("ok");
    const runB = await attack(engine, {
      language: "python",
      source:
        "import os\nprint('tmp=' + ','.join(os.listdir('/tmp')))\nprint('etc=' + str(len(os.listdir('/etc')) > 10))",
    });
    expect(runB.status, runB.describe).toBe("ok");
    expect(report(runB.run?.stdout)).toEqual({ tmp: "", etc: "True" });
  });
});

describe("no user string reaches a shell", () => {
  const hostile = [
    "$(touch /tmp/pwned-dollar)",
    "`touch /tmp/pwned-backtick`",
    "; touch /tmp/pwned-semicolon",
    "a\nb; touch /tmp/pwned-newline",
    "-rf",
    "--help",
    "*",
    "~",
    "$HOME",
    "'\"",
    "| touch /tmp/pwned-pipe",
    "",
  ];

  test("Python: hostile arguments arrive byte for byte, and nothing runs", async ({ engine }) => {
    const result = await attack(engine, {
      language: "python",
      source:
        "import json, os, sys\nprint(json.dumps(sys.argv[1:]))\nprint(json.dumps(sorted(os.listdir('/tmp'))))",
      args: hostile,
      stdin: "$(touch /tmp/pwned-stdin)\n",
    });
    expect(result.status, result.describe).toBe("ok");
    const [args, tmp] = (result.run?.stdout ?? "").trim().split("\n");
    expect(JSON.parse(args ?? "null")).toEqual(hostile);
    expect(JSON.parse(tmp ?? "null")).toEqual([]);
  });

  test("Java: hostile arguments through java-run and a hostile entry file name through java-compile", async ({
    engine,
    unharmed,
  }) => {
    const result = await attack(engine, {
      language: "java",
      files: [
        {
          name: "$(touch pwned) `touch pwned2`; -x.java",
          content: [
            "public class Main {",
            "  public static void main(String[] args) {",
            '    for (String a : args) System.out.println("[" + a + "]");',
            '    System.out.println(String.join(",", new java.util.TreeSet<>(java.util.Arrays.asList(new java.io.File("/box").list()))));',
            "  }",
            "}",
          ].join("\n"),
        },
      ],
      args: hostile,
      limits: { timeMs: 8_000 },
    });
    expect(result.status, result.describe).toBe("ok");
    const lines = (result.run?.stdout ?? "").split("\n");
    const echoed = lines.slice(0, -2).join("\n");
    expect(echoed).toBe(hostile.map((arg) => `[${arg}]`).join("\n"));
    expect(lines.at(-2)).toBe(".warmbox-main-class,Main.class,Main.java");
    await unharmed(["java"]);
  });

  test("C: a source file named like a compiler option is passed as a path", async ({ engine }) => {
    const result = await attack(engine, {
      language: "c",
      files: [
        {
          name: "-o.c",
          content: '#include <stdio.h>\nint main(void) { puts("not an option"); return 0; }',
        },
      ],
    });
    expect(result.status, result.describe).toBe("ok");
    expect(result.run?.stdout).toBe("not an option\n");
  });

  test("the execution path has no shell: only the image builder and the network filter spawn processes, never through a shell", () => {
    const src = join(here, "../../src");
    const spawning: string[] = [];
    const throughShell: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (!entry.name.endsWith(".test.ts")) {
          const text = readFileSync(path, "utf8");
          if (!/child_process|execa|shelljs/.test(text)) continue;
          spawning.push(path.slice(src.length + 1));
          if (/shell:\s*true|\bexec\(|execSync\(/.test(text)) throughShell.push(path);
        }
      }
    };
    walk(src);
    // The sandbox firewall runs iptables-restore with fixed arguments; none of them names a
    // user's string.
    expect(spawning.sort()).toEqual([
      "docker/docker-images.ts",
      "docker/sandbox-firewall.ts",
      "images/base-image.ts",
    ]);
    expect(throughShell).toEqual([]);
  });
});
