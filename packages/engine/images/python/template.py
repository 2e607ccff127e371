#!/usr/bin/python3 -u
# The Python template ("zygote", docs/templates.md): CPython started once, as root, with the
# flags and environment of the language's run command (`python3 -u ./main.py`). It never runs
# user code. For each stage the supervisor sends the program's limits, argv, env and four fds;
# the template clones itself with CLONE_PARENT (the program is the supervisor's child, as after
# fork and exec), and the clone becomes the sandbox user and runs the program as a fresh
# `python3 -u main.py` would. Anything it can't reproduce exactly, it execs the real command for.
import sys
import os

# What a fresh run has before its main module runs: the template started the same way.
STARTUP_MODULES = frozenset(sys.modules)
STARTUP_PATH = sys.path[1:]
STARTUP_IMPORTER_CACHE = {k: v for k, v in sys.path_importer_cache.items() if k != __file__}
STARTUP_ENVIRON = [k + b"=" + v for k, v in os.environb.items()]
RUN_PREFIX = ["python3", "-u"]  # the spec's run command before {entry}

import _socket  # noqa: E402  (imported after the snapshot on purpose)
import atexit  # noqa: E402
import ctypes  # noqa: E402
import gc  # noqa: E402
import resource  # noqa: E402
import signal  # noqa: E402

# The sandbox user: the supervisor passes the container's own uid (1000 from one that passes
# none); only a uid the supervisor itself accepts, never root's. Every sandbox has gid 1000.
UID_ARGUMENT = sys.argv[1] if len(sys.argv) > 1 else "1000"
if not (UID_ARGUMENT.isascii() and UID_ARGUMENT.isdigit() and 1000 <= int(UID_ARGUMENT) <= 65533):
    sys.exit("warmbox template: bad sandbox uid")
SANDBOX_UID = int(UID_ARGUMENT)
SANDBOX_GID = 1000
CLONE_PARENT, CLONE_CHILD_SETTID, SIGCHLD = 0x8000, 0x01000000, 17
SYS_CLONE, SYS_CAPSET = 56, 126  # x86_64
PR_CAPBSET_READ, PR_CAPBSET_DROP, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 23, 24, 47, 4
# glibc x86_64 (2.36 and 2.41 alike, checked below): offsetof(struct pthread, tid). fork() updates it in the child; a raw clone
# must too (CLONE_CHILD_SETTID), or raise() and friends would address the template's thread.
TID_OFFSET = 0x2D0
MSG_CMSG_CLOEXEC = 0x40000000
PR_SET_NAME = 15
PR_SET_DUMPABLE = 4
EINVAL = 22

libc = ctypes.CDLL(None, use_errno=True)
raw_syscall = ctypes.pythonapi.syscall  # PyDLL: the GIL stays held, as in os.fork()
raw_syscall.restype = ctypes.c_long
libc.pthread_self.restype = ctypes.c_void_p
TID_ADDRESS = libc.pthread_self() + TID_OFFSET
if os.uname().machine != "x86_64" or ctypes.c_int.from_address(TID_ADDRESS).value != os.getpid():
    sys.exit("warmbox template: unsupported platform")

# Where PyThreadState keeps the Python recursion count, the limit right after it (checked below),
# and how many frames deeper than in a fresh start the program runs here (3.11 counts this
# file's frame and exec's, 3.13 only this file's); they are given back to it, so it recurses
# exactly as deep (the differential test). CPython 3.11's recursion_remaining follows three
# pointers and two ints; 3.13's py_recursion_remaining three pointers, the eval breaker and
# three ints. Another CPython is refused (the engine then runs the program itself).
RECURSION_LAYOUT = {(3, 11): (32, 2), (3, 13): (44, 1)}.get(sys.version_info[:2])
if RECURSION_LAYOUT is None:
    sys.exit("warmbox template: unsupported CPython")
RECURSION_REMAINING_OFFSET, EXTRA_FRAMES = RECURSION_LAYOUT
ctypes.pythonapi.PyThreadState_Get.restype = ctypes.c_void_p
RECURSION_REMAINING = ctypes.c_int.from_address(
    ctypes.pythonapi.PyThreadState_Get() + RECURSION_REMAINING_OFFSET
)
if ctypes.c_int.from_address(ctypes.addressof(RECURSION_REMAINING) + 4).value != sys.getrecursionlimit():
    sys.exit("warmbox template: unsupported CPython")

os.set_inheritable(3, False)
control = _socket.socket(_socket.AF_UNIX, _socket.SOCK_SEQPACKET, 0, 3)


def clone_as_sibling():
    """fork(), but the child's parent is ours (the supervisor): 0 in the child, its pid here."""
    ctypes.pythonapi.PyOS_BeforeFork()
    pid = raw_syscall(
        ctypes.c_long(SYS_CLONE),
        ctypes.c_long(CLONE_PARENT | CLONE_CHILD_SETTID | SIGCHLD),
        ctypes.c_long(0),
        ctypes.c_long(0),
        ctypes.c_void_p(TID_ADDRESS),
        ctypes.c_long(0),
    )
    if pid == 0:
        ctypes.pythonapi.PyOS_AfterFork_Child()
    else:
        ctypes.pythonapi.PyOS_AfterFork_Parent()
    return pid


def fail(status_fd, kind, what, error):
    """As the supervisor's own child does: a line on stderr, the kind on the status pipe."""
    os.write(2, f"warmbox: {what}: {os.strerror(error.errno or 0)}\n".encode())
    os.write(status_fd, kind)
    os._exit(127)


def drop_privileges(status_fd):
    """Root → the sandbox user with no capability in any set (child.c's order)."""
    try:
        cap = 0
        while libc.prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0:
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0):
                raise OSError(ctypes.get_errno(), "PR_CAPBSET_DROP")
            cap += 1
        os.setgroups([])
        os.setgid(SANDBOX_GID)
        os.setuid(SANDBOX_UID)
        header = (ctypes.c_uint32 * 2)(0x20080522, 0)
        none = (ctypes.c_uint32 * 6)()
        if raw_syscall(ctypes.c_long(SYS_CAPSET), header, none):
            raise OSError(ctypes.get_errno(), "capset")
        # EINVAL: a kernel without ambient capabilities (gVisor's) has none to clear (child.c)
        if libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) and ctypes.get_errno() != EINVAL:
            raise OSError(ctypes.get_errno(), "PR_CAP_AMBIENT_CLEAR_ALL")
    except OSError as error:
        fail(status_fd, b"S", "dropping privileges", error)


def set_limits(status_fd, fsize, cpu_ms):
    infinity = resource.RLIM_INFINITY
    cpu = (cpu_ms + 999) // 1000 + 1 if cpu_ms else infinity  # a backstop only
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize or infinity,) * 2)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1 if cpu_ms else infinity))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except OSError as error:
        fail(status_fd, b"S", "setrlimit", error)


def become_program(fds, fsize, cpu_ms, argv, exec_env):
    """In the clone: the supervisor's child.c, then the interpreter state of a fresh start (or,
    with `exec_env`, an exec of the real command in that environment)."""
    for target, fd in enumerate(fds[:3]):
        os.dup2(fd, target)
    status_fd = fds[3]
    os.setsid()
    libc.prctl(PR_SET_NAME, os.path.basename(argv[0]).encode()[:15], 0, 0, 0)  # comm, as exec sets it
    try:
        fd = os.open("/proc/self/oom_score_adj", os.O_WRONLY | os.O_CLOEXEC)
        os.write(fd, b"1000")
        os.close(fd)
    except OSError as error:
        fail(status_fd, b"S", "oom_score_adj", error)
    drop_privileges(status_fd)
    # The uid switch made us non-dumpable (/proc/<pid> owned by root, even our own environ);
    # the exec of a fresh start makes a process dumpable again.
    libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
    set_limits(status_fd, fsize, cpu_ms)
    try:
        os.chdir("/box")
    except OSError as error:
        fail(status_fd, b"E", "chdir /box", error)
    os.umask(0o022)
    if exec_env is not None:
        os.execvpe(argv[0], argv, dict(item.split(b"=", 1) for item in exec_env))
    script = argv[2]
    path = script if script.startswith("/") else "/box/" + script
    code = compile_main(path, argv)
    control.detach()  # its fd is closed below; the object must never close a program's fd 3
    os.closerange(3, 1 << 20)  # the status pipe too: its EOF tells the supervisor we started
    for name in [name for name in sys.modules if name not in STARTUP_MODULES]:
        del sys.modules[name]
    main = type(sys)("__main__")
    main.__annotations__ = {}
    main.__builtins__ = sys.modules["builtins"]
    main.__loader__ = sys.modules["_frozen_importlib_external"].SourceFileLoader("__main__", path)
    main.__file__ = path
    main.__cached__ = None
    sys.modules["__main__"] = main
    sys.argv = argv[2:]
    sys.orig_argv = argv
    sys.path[:] = [os.path.dirname(os.path.realpath(path)), *STARTUP_PATH]
    return code, vars(main)


def compile_main(path, argv):
    """The script's code, as `python3 main.py` runs a plain source file; anything else (a
    directory, a zip, a .pyc, an unreadable path) runs by exec of the real command."""
    external = sys.modules["_frozen_importlib_external"]
    sys.path_importer_cache.clear()
    sys.path_importer_cache.update(STARTUP_IMPORTER_CACHE)
    try:
        plain = external.PathFinder._path_importer_cache(path) is None and not path.endswith(".pyc")
        with open(path, "rb") as file:
            source = file.read()
    except OSError:
        plain = False
    if plain and source[:2] != external.MAGIC_NUMBER[:2]:
        try:
            return compile(source, path, "exec", dont_inherit=True)
        except BaseException as error:  # a SyntaxError is reported as the program's own
            return error
    os.execvp(argv[0], argv)  # status pipe and control socket are close-on-exec


# Every request is received into this one buffer and parsed only in the clone: the template never
# turns a request (a program's arguments) into objects of its own, whose freed memory every later
# clone would inherit. The buffer is zeroed once the clone has its copy.
REQUEST = bytearray(1 << 20)


def serve_one():
    """Answers one request. In the template: None. In the clone: what to run."""
    size, ancillary, _, _ = control.recvmsg_into([REQUEST], _socket.CMSG_SPACE(16), MSG_CMSG_CLOEXEC)
    if not size:
        os._exit(0)  # the supervisor is gone
    fds = [int.from_bytes(a[i : i + 4], sys.byteorder) for _, _, a in ancillary for i in range(0, len(a), 4)]
    pid = clone_as_sibling() if len(fds) == 4 else 0
    if pid == 0 and len(fds) == 4:
        return become_program(fds, *parse_request(size))
    REQUEST[:size] = bytes(size)
    for fd in fds:
        os.close(fd)
    control.send(max(pid, 0).to_bytes(4, sys.byteorder, signed=True))
    return None


def parse_request(size):
    """In the clone: the limits and argv of the request, and its environment when the template
    can't run it as it is (another command or environment: the real command is exec'd)."""
    fields = bytes(REQUEST[:size]).split(b"\0")[:-1]
    fsize, cpu_ms, argc = int(fields[0]), int(fields[1]), int(fields[2])
    argv = [os.fsdecode(arg) for arg in fields[3 : 3 + argc]]
    env = fields[3 + argc :]
    runnable = argv[:2] == RUN_PREFIX and len(argv) > 2 and argv[2][:1] not in ("", "-") and env == STARTUP_ENVIRON
    return fsize, cpu_ms, argv, None if runnable else env


def exit_status(stop):
    """The exit status of a SystemExit, as the interpreter takes it (a message goes to stderr)."""
    if stop.code is None:
        return 0
    if isinstance(stop.code, int):
        return stop.code
    sys.stderr.write(f"{stop.code}\n")
    return 1


def finish(status):
    """The interpreter's exit, up to what a program can see of it: non-daemon threads joined,
    atexit handlers, the streams flushed, the program's modules cleared (their objects'
    __del__ run). Tearing the interpreter itself down (the template's objects, which no
    program can see) would cost as much CPU as a whole fresh start; the process ends instead."""
    if "threading" in sys.modules:
        sys.modules["threading"]._shutdown()
    atexit._run_exitfuncs()
    status = flush_or_120(status)
    names = [name for name in sys.modules if name not in STARTUP_MODULES]
    for name in ["__main__", *reversed(names)]:
        module = sys.modules.pop(name, None)
        namespace = getattr(module, "__dict__", None)
        if isinstance(namespace, dict):
            for key in list(namespace):
                if key != "__builtins__":
                    namespace[key] = None
    gc.collect()
    os._exit(flush_or_120(status))


def flush_or_120(status):
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            status = 120
    return status


# The template's objects are never garbage: a collection in a child must not walk (and so
# copy) them. A program sees it only in gc.get_freeze_count() and gc.get_objects().
gc.freeze()
control.send((0).to_bytes(4, sys.byteorder))  # ready
while (run := serve_one()) is None:
    pass
code, namespace = run
del run
try:
    if isinstance(code, BaseException):
        raise code
    RECURSION_REMAINING.value += EXTRA_FRAMES
    exec(code, namespace)
except SystemExit as stop:
    finish(exit_status(stop))
except BaseException as error:
    # As the interpreter reports an uncaught exception, without this file's frame.
    error = error.with_traceback(error.__traceback__.tb_next if error is not code else None)
    sys.last_type, sys.last_value, sys.last_traceback = type(error), error, error.__traceback__
    sys.excepthook(type(error), error, error.__traceback__)
    if not isinstance(error, KeyboardInterrupt):
        finish(1)
    # Like the interpreter: finish, then die by SIGINT.
    if "threading" in sys.modules:
        sys.modules["threading"]._shutdown()
    atexit._run_exitfuncs()
    flush_or_120(0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)
finish(0)
