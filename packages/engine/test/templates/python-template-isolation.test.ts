import { isolationTest } from "../isolation/isolation-test.js";
import {
  expectKilledTemplateReplaced,
  expectTemplateUnreachable,
} from "./template-test-helpers.js";

/**
 * A program tries to reach or poison the Python template (docs/templates.md) that started it.
 * Every attempt is refused by the kernel (its errno is the proof), the template runs on
 * unchanged, and a template killed from outside is replaced.
 */
const test = isolationTest({ languages: ["python"], pool: { min: 1, max: 1 } });

const FIND_TEMPLATE = `import os
def template_pid():
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                status = open(f"/proc/{entry}/status").read()
            except OSError:
                continue
            if "\\nUid:\\t0\\t" in status and open(f"/proc/{entry}/comm").read() == "template\\n":
                return int(entry)
print("template", template_pid())
`;

const ATTACK = `${FIND_TEMPLATE}
import ctypes, errno, signal
t = template_pid()
libc = ctypes.CDLL(None, use_errno=True)
def attempt(name, action):
    try:
        action()
        print(name, "done")
    except OSError as error:
        print(name, errno.errorcode[error.errno])
def call(result):
    if result == -1:
        raise OSError(ctypes.get_errno(), "")
def read_memory():
    buf = ctypes.create_string_buffer(8)
    local = (ctypes.c_void_p * 2)(ctypes.addressof(buf), 8)
    remote = (ctypes.c_void_p * 2)(0x400000, 8)
    call(libc.syscall(310, t, local, 1, remote, 1, 0))  # process_vm_readv
attempt("kill", lambda: os.kill(t, signal.SIGKILL))
attempt("stop", lambda: os.kill(t, signal.SIGSTOP))
attempt("ptrace", lambda: call(libc.ptrace(16, t, 0, 0)))  # PTRACE_ATTACH
attempt("seize", lambda: call(libc.ptrace(0x4206, t, 0, 0)))  # PTRACE_SEIZE
attempt("mem", lambda: open(f"/proc/{t}/mem", "rb").read(1))
attempt("process_vm_readv", read_memory)
attempt("fds", lambda: os.listdir(f"/proc/{t}/fd"))
attempt("socket", lambda: open(f"/proc/{t}/fd/3", "wb"))
attempt("environ", lambda: open(f"/proc/{t}/environ", "rb").read())
attempt("nice", lambda: os.setpriority(os.PRIO_PROCESS, t, 19))
attempt("affinity", lambda: os.sched_setaffinity(t, {0}))
attempt("stdlib", lambda: open(os.__file__, "a"))
attempt("template file", lambda: open("/usr/local/lib/warmbox/template", "a"))
attempt("template dir", lambda: open("/usr/local/lib/warmbox/ctypes.py", "w"))
for place in ("/tmp", "/dev/shm", "/box"):
    for module in ("ctypes", "resource", "_socket", "os", "site"):
        with open(f"{place}/{module}.py", "w") as poison:
            poison.write("print('POISONED')\\n")
`;

const AFTER = `${FIND_TEMPLATE}
import sys, ctypes, resource, _socket
places = ("/tmp", "/dev/shm", "/box")
print([name for name, module in sys.modules.items() if str(getattr(module, "__file__", "")).startswith(places)])
`;

test("a program can't signal, trace, read or poison its template", async ({ engine, unharmed }) => {
  // The next run starts from the same template, which imported none of the poison.
  await expectTemplateUnreachable(
    engine,
    "python",
    { attack: ATTACK, after: AFTER },
    {
      ownRefusals: ["stdlib EACCES", "template file EACCES", "template dir EROFS"],
      afterReport: "['__main__']\n",
    },
  );
  await unharmed(["python"]);
});

test("a template killed from outside is replaced", async ({ engine, unharmed }) => {
  await expectKilledTemplateReplaced(engine, "python", FIND_TEMPLATE);
  await unharmed(["python"]);
});
