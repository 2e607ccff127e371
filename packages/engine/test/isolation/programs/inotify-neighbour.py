# Beside the hoarder: takes one inotify instance and gives it back every 50 ms for 8 s, and
# prints the errors it met (inotify=ok when none).
import ctypes, os, time
libc = ctypes.CDLL(None, use_errno=True)
failures = set()
end = time.monotonic() + 8
while time.monotonic() < end:
    fd = libc.inotify_init()
    if fd < 0:
        failures.add(os.strerror(ctypes.get_errno()))
    else:
        os.close(fd)
    time.sleep(0.05)
print('inotify=' + (','.join(sorted(failures)) or 'ok'))
