# Grows this job's stdin, stdout and stderr pipes to 1 MiB (fs.pipe-max-size) and, with an
# argument, holds them that many seconds. The supervisor made these pipes, as root: the kernel
# charges their pages to root's count, which every container's supervisor shares. Prints, for
# each, the size it had and what growing it gave (ok, or the kernel's error).
import fcntl, sys, time
F_SETPIPE_SZ, F_GETPIPE_SZ = 1031, 1032
for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
    size = fcntl.fcntl(fd, F_GETPIPE_SZ)
    try:
        fcntl.fcntl(fd, F_SETPIPE_SZ, 1 << 20)
        grown = "ok"
    except OSError as e:
        grown = e.strerror
    print(f"{name}={size} {grown}", flush=True)
if len(sys.argv) > 1:
    time.sleep(float(sys.argv[1]))
