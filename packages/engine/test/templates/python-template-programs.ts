import { SANDBOX_UIDS } from "../../src/docker/sandbox-uids.js";
import type { ExecuteRequest } from "../../src/index.js";

/**
 * Programs whose whole output (stdout, stderr, exit code, signal) is the same whether the run
 * was started by the Python template or by a fresh `python3 -u main.py`: each prints facts
 * about how it was started, never a value that differs from run to run (a pid is printed as its
 * relation to others).
 */
export type TemplateProgram = Omit<ExecuteRequest, "language">;

const facts = (...lines: string[]) => `import os, sys\n${lines.join("\n")}\n`;

export const templatePrograms: Record<string, TemplateProgram> = {
  argv: { source: facts("print(sys.argv)"), args: ["one", "-two", "$(three)", ""] },
  "orig argv, executable, flags": {
    source: facts("print(sys.orig_argv, sys.executable, sys._base_executable, sys.flags)"),
    args: ["a"],
  },
  "__name__, __file__ and the main module's globals": {
    source: facts(
      "print(__name__, __file__, __doc__, __package__, __spec__, __cached__)",
      "print(list(globals()))",
    ),
  },
  "the main module and its loader": {
    source: facts(
      "import __main__",
      "print(__main__ is sys.modules['__main__'], vars(__main__) is globals())",
      "print(type(__loader__).__name__, __loader__.name, __loader__.path, __builtins__)",
    ),
  },
  "sys.modules at start": { source: facts("print(list(sys.modules))") },
  "sys.path and the importer cache": {
    source: facts("print(sys.path)", "print(list(sys.path_importer_cache.items()))"),
  },
  "a module beside main.py": {
    files: [
      {
        name: "main.py",
        content: facts("import helper", "print(helper.where(), list(sys.path_importer_cache))"),
      },
      { name: "helper.py", content: "def where():\n    return __file__, __name__\n" },
    ],
  },
  "the deepest recursion": {
    source: facts(
      "depth = 0",
      "def down():",
      "    global depth",
      "    depth += 1",
      "    down()",
      "try:",
      "    down()",
      "except RecursionError:",
      "    print(depth)",
    ),
  },
  "stdin by lines, then the rest as bytes": {
    source: facts(
      "print(repr(input()), repr(sys.stdin.readline()))",
      "print(sys.stdin.buffer.read())",
      "print(sys.stdin.encoding, sys.stdin.errors, sys.stdin.line_buffering, sys.stdin.isatty())",
    ),
    stdin: "first\nsecond\nthé rest\n\nend",
  },
  "empty stdin": { source: facts("print(repr(sys.stdin.read()))") },
  "stdout and stderr streams": {
    source: facts(
      "for s in (sys.stdout, sys.stderr):",
      "    print(s.encoding, s.errors, s.line_buffering, s.write_through, type(s.buffer).__name__, s.isatty(), s.fileno())",
      "sys.stdout.write('no newline at the end')",
    ),
  },
  "interleaved stdout and stderr": {
    source: facts("for i in range(5):", "    print(i)", "    print(-i, file=sys.stderr)"),
  },
  "exit code": { source: facts("print('bye')", "sys.exit(3)") },
  "exit with a message": { source: facts("sys.exit('it went wrong')") },
  "exit code past 255": { source: facts("sys.exit(257)") },
  "os._exit skips the flush": { source: facts("sys.stdout.write('x')", "os._exit(4)") },
  "uncaught exception": {
    source: facts("def f():", "    raise ValueError('bad value')", "f()"),
  },
  "chained exception": {
    source: facts(
      "try:",
      "    1 / 0",
      "except ZeroDivisionError as e:",
      "    raise KeyError('k') from e",
    ),
  },
  "syntax error": { source: "print('never')\nx = (\n" },
  KeyboardInterrupt: { source: facts("print('before')", "raise KeyboardInterrupt") },
  "killed by its own SIGTERM": {
    source: facts(
      "import signal",
      "print('x', flush=True)",
      "os.kill(os.getpid(), signal.SIGTERM)",
    ),
  },
  "raise_signal (raise(3) addresses the calling thread)": {
    source: facts("import signal", "signal.raise_signal(signal.SIGUSR1)", "print('survived')"),
  },
  abort: { source: facts("os.abort()") },
  "signal dispositions and mask": {
    source: facts(
      "import signal",
      "print([(s.name, signal.getsignal(s)) for s in signal.valid_signals() if isinstance(s, signal.Signals) and s not in (signal.SIGKILL, signal.SIGSTOP)])",
      "print(signal.pthread_sigmask(signal.SIG_BLOCK, []))",
    ),
  },
  "recursion limit": {
    source: facts(
      "print(sys.getrecursionlimit())",
      "def down(n):",
      "    return down(n + 1) if n < 900 else n",
      "print(down(0))",
      "def forever():",
      "    forever()",
      "try:",
      "    forever()",
      "except RecursionError as e:",
      "    print('RecursionError', e)",
    ),
  },
  "pid relations": {
    source: facts(
      "pid, ppid = os.getpid(), os.getppid()",
      "print(pid != ppid, os.getpgid(0) == pid, os.getsid(0) == pid, pid == os.getpid())",
      "print(open(f'/proc/{ppid}/comm').read(), open('/proc/self/comm').read())",
      "import threading",
      "print(threading.get_native_id() == pid, threading.main_thread() is threading.current_thread())",
    ),
  },
  "credentials and capabilities": {
    source: facts(
      // every container has a uid of its own: the same facts, not the same number
      "import pwd",
      "uid = os.stat('/box').st_uid",
      `print(os.getresuid() == (uid, uid, uid), ${SANDBOX_UIDS.first} <= uid <= ${SANDBOX_UIDS.last}, pwd.getpwuid(uid).pw_name)`,
      "print(os.getresgid(), os.getgroups())",
      "status = dict(l.split(':\\t', 1) for l in open('/proc/self/status').read().splitlines())",
      "print([status[k] for k in ('CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs', 'Seccomp')])",
    ),
  },
  environment: {
    source: facts(
      "print(list(os.environ.items()))",
      "print(os.environb == {k.encode(): v.encode() for k, v in os.environ.items()})",
    ),
  },
  "working directory and umask": { source: facts("print(os.getcwd(), oct(os.umask(0o077)))") },
  rlimits: {
    source: facts(
      "import resource",
      "print([(n, resource.getrlimit(getattr(resource, n))) for n in sorted(dir(resource)) if n.startswith('RLIMIT_')])",
    ),
  },
  "open file descriptors": {
    source: facts(
      "fds = os.listdir('/proc/self/fd')",
      "print(sorted(int(fd) for fd in fds))",
      "print([os.readlink(f'/proc/self/fd/{fd}').split(':')[0] for fd in (0, 1, 2)])",
      "print([os.get_inheritable(fd) for fd in (0, 1, 2)])",
    ),
  },
  "its own /proc entries": {
    source: facts(
      "print(len(open('/proc/self/environ', 'rb').read()) > 0, os.stat(f'/proc/{os.getpid()}').st_uid == os.getuid())",
      "print(os.stat('/proc/self/environ').st_uid == os.stat('/proc/self/mem').st_uid == os.getuid(), len(os.listdir('/proc/self/fd')))",
    ),
  },
  "scheduling and OOM score": {
    source: facts(
      "print(os.sched_getscheduler(0), os.getpriority(os.PRIO_PROCESS, 0), sorted(os.sched_getaffinity(0)))",
      "print(open('/proc/self/oom_score_adj').read())",
    ),
  },
  "interpreter settings": {
    source: facts(
      "import gc, locale",
      "print(gc.isenabled(), gc.get_threshold(), sys.getswitchinterval(), sys.getdefaultencoding())",
      "print(sys.getfilesystemencoding(), locale.getpreferredencoding(False), sys.exc_info(), sys.dont_write_bytecode)",
    ),
  },
  "warnings at start": {
    source: facts("import warnings", "print(warnings.filters)", "warnings.warn('careful')"),
  },
  threads: {
    source: facts(
      "import threading",
      "out = []",
      "t = threading.Thread(target=lambda: out.append(threading.current_thread().name))",
      "t.start(); t.join()",
      "print(out, threading.active_count())",
    ),
  },
  "fork and wait": {
    source: facts(
      "pid = os.fork()",
      "if pid == 0:",
      "    os._exit(7)",
      "print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))",
    ),
  },
  "a subprocess": {
    source: facts(
      "import subprocess",
      "print(subprocess.run(['python3', '-c', 'import sys; print(sys.argv)'], capture_output=True, text=True).stdout)",
    ),
  },
  "atexit order": {
    source: facts("import atexit", "atexit.register(print, 'at exit')", "print('end of main')"),
  },
  "a non-daemon thread outlives main": {
    source: facts(
      "import threading, time",
      "threading.Thread(target=lambda: (time.sleep(0.2), print('thread done'))).start()",
      "print('main done')",
    ),
  },
  "__del__ at exit": {
    source: facts(
      "class Noisy:",
      "    def __del__(self):",
      "        print('deleted', self.name)",
      "a, b = Noisy(), Noisy()",
      "a.name, b.name = 'a', 'b'",
      "a.other, b.other = b, a",
      "print('end')",
    ),
  },
  "output not ending in a newline at exit": { source: facts("print('x', end='')", "sys.exit(0)") },
  "the entry file's source and encoding cookie": {
    source:
      "# -*- coding: latin-1 -*-\nimport sys\nprint(open(__file__, 'rb').read()[:20], 'caf\xe9')\n",
  },
};
