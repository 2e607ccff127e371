# A later run's view of the Python container, as key=value lines (like observer.c's):
# its identity (hostname, PID 1's start time), the kernel's count of its tasks, /tmp's entries.
import os, socket
print('host=' + socket.gethostname())
print('init-start=' + open('/proc/1/stat').read().rsplit(')', 1)[1].split()[19])
print('tasks=' + open('/sys/fs/cgroup/pids/pids.current').read().strip())
print('tmp=' + ';'.join(os.listdir('/tmp')))
