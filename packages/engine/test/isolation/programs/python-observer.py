# A later run's view of the Python container, as key=value lines (like observer.c's):
# its identity (hostname, PID 1's start time), the kernel's count of its tasks, /tmp's entries.
import os, socket
print('host=' + socket.gethostname())
print('init-start=' + open('/proc/1/stat').read().rsplit(')', 1)[1].split()[19])
# pids.current as cgroup v1 (pids/) or v2 (the container's one directory) lays it out.
pids = [p for p in ('/sys/fs/cgroup/pids/pids.current', '/sys/fs/cgroup/pids.current') if os.path.exists(p)]
if pids:
    print('tasks=' + open(pids[0]).read().strip())
else:
    # gVisor has no pids cgroup: its sysinfo counts the tasks of this sandbox's own kernel
    # (struct sysinfo's `procs`, an unsigned short after 8 longs on x86-64 and arm64).
    import ctypes
    info = ctypes.create_string_buffer(128)
    ctypes.CDLL(None).sysinfo(info)
    print('tasks=' + str(int.from_bytes(info.raw[80:82], 'little')))
print('tmp=' + ';'.join(os.listdir('/tmp')))
