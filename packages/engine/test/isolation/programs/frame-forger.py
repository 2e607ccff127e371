# Run as root inside the container (docker exec), as a compromised supervisor would act:
# finds the supervisor, optionally stops it, then writes `count` frames (`kind`, `size` bytes
# each, every `pause` seconds; count 0: forever) straight into the container's stdout, the
# engine's end of the protocol.
# Arguments: stop|run, kind, size, count, pause.
import os, signal, struct, sys, time
stop, kind, size, count, pause = sys.argv[1] == "stop", sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
def program(pid):
    return open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")[0]
# The supervisor itself, not docker-init (PID 1) that names it in its arguments.
pid = next(int(p) for p in os.listdir("/proc") if p.isdigit() and program(p).endswith(b"/warmbox-supervisor"))
if stop:
    os.kill(pid, signal.SIGSTOP)
# docker-init shares the supervisor's stdout: the pipe Docker attaches the engine to.
out = os.open("/proc/1/fd/1", os.O_WRONLY)
frame = struct.pack("<IB", size + 1, ord(kind)) + b"F" * size
sent = 0
while count == 0 or sent < count:
    os.write(out, frame)
    sent += 1
    time.sleep(pause)
