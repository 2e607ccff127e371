# Beside per-uid-hoard.c: every 50 ms for 8 s, queues one real-time signal to itself (blocked,
# then taken), makes a pipe (its size: 64 KiB, or 8 KiB when its uid is over the pipe pages)
# and grows it to 1 MiB, opens a message queue; prints each error it met (ok when none).
import ctypes, fcntl, os, signal, time
libc = ctypes.CDLL(None, use_errno=True)
failures = {"signal": set(), "pipe": set(), "mqueue": set()}
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGRTMIN])
end = time.monotonic() + 8
while time.monotonic() < end:
    # sigqueue, not kill: the kernel lets kill's signals past RLIMIT_SIGPENDING
    if libc.sigqueue(os.getpid(), signal.SIGRTMIN, ctypes.c_void_p(0)):
        failures["signal"].add(os.strerror(ctypes.get_errno()))
    signal.sigtimedwait([signal.SIGRTMIN], 0)
    r, w = os.pipe()
    if fcntl.fcntl(w, 1032) != 65536:  # F_GETPIPE_SZ
        failures["pipe"].add("small")
    try:
        fcntl.fcntl(w, 1031, 1 << 20)  # F_SETPIPE_SZ
    except OSError as e:
        failures["pipe"].add(os.strerror(e.errno))
    os.close(r)
    os.close(w)
    q = libc.mq_open(b"/neighbour", os.O_RDWR | os.O_CREAT, 0o600, None)
    if q < 0:
        failures["mqueue"].add(os.strerror(ctypes.get_errno()))
    else:
        os.close(q)
        libc.mq_unlink(b"/neighbour")
    time.sleep(0.05)
for key, seen in failures.items():
    print(f"{key}=" + (",".join(sorted(seen)) or "ok"))
