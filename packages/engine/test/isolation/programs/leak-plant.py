# Run A: plants files everywhere, a daemon that ignores signals, IPC objects, a shadowed
# stdlib module, a changed environment and umask; prints its container's identity.
import hashlib, os, socket, sys
print('host=' + socket.gethostname())
print('init-start=' + open('/proc/1/stat').read().rsplit(')', 1)[1].split()[19])
import ctypes, stat, subprocess
print('python-sha=' + hashlib.sha256(open(os.path.realpath(sys.executable), 'rb').read()).hexdigest())
for path in ['/box/leak.txt', '/box/.hidden', '/box/json.py', '/box/sitecustomize.py', '/tmp/leak',
             '/dev/shm/leak', '/box/deep/a/b/c/d/e.txt', '/tmp/.X11-unix/X0', '/box/locked/inner/f']:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write('raise SystemExit("planted by run A")\n')
os.chmod('/box/locked/inner', 0)
os.chmod('/box/locked', 0)
os.symlink('/etc/passwd', '/box/link')
os.symlink('/box', '/tmp/loop')
os.link('/box/leak.txt', '/box/hard')
os.mkfifo('/tmp/fifo')
os.chmod('/tmp/leak', 0)
libc = ctypes.CDLL(None, use_errno=True)
print('shm=' + str(libc.shmget(0x5eed, 4096, 0o1000 | 0o600)))
print('mq=' + str(libc.mq_open(b'/leak', os.O_CREAT | os.O_RDWR, 0o600, None)))
os.environ['LEAK'] = 'from-run-a'
os.umask(0)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        import signal, time
        for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(s, signal.SIG_IGN)
        os.execvp('sleep', ['sleep', '600'])
    os._exit(0)
print('planted=yes')
