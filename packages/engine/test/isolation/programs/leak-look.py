# Run B: its container's identity, and what it finds of run A (files, processes, IPC objects,
# the environment, the umask, the stdlib).
import hashlib, os, socket, sys
print('host=' + socket.gethostname())
print('init-start=' + open('/proc/1/stat').read().rsplit(')', 1)[1].split()[19])
import json
print('python-sha=' + hashlib.sha256(open(os.path.realpath(sys.executable), 'rb').read()).hexdigest())
print('json=' + os.path.dirname(json.__file__))
for d in ('/box', '/tmp', '/dev/shm', '/dev/mqueue'):
    print(f'{d}=' + (','.join(sorted(os.listdir(d))) if os.path.isdir(d) else 'absent'))
others = []
for pid in filter(str.isdigit, os.listdir('/proc')):
    try:
        status = open(f'/proc/{pid}/status').read()
    except OSError:
        continue
    if int(pid) != os.getpid() and f'\nUid:\t{os.getuid()}\t' in status:
        others.append(open(f'/proc/{pid}/cmdline').read().replace('\0', ' '))
print('processes=' + ','.join(others))
if os.path.isdir('/proc/sysvipc'):
    ipc = [l for kind in ('shm', 'sem', 'msg') for l in open(f'/proc/sysvipc/{kind}').read().splitlines()[1:]]
    print('sysvipc=' + str(len(ipc)))
else:
    print('sysvipc=absent')
print('env=' + ','.join(sorted(os.environ)))
print('umask=' + oct(os.umask(0o22)))
