# Looks for host paths, the Docker socket, the image's secrets and root's /proc entries.
import os, stat, sys
def probe(name, fn):
    try:
        fn()
        print(f'{name}=READ')
    except OSError as e:
        print(f'{name}=' + type(e).__name__)
print('marker=' + str(os.path.exists(sys.argv[1])))
probe('shadow', lambda: open('/etc/shadow').read())
probe('init-root', lambda: os.listdir('/proc/1/root'))
probe('init-environ', lambda: open('/proc/1/environ').read())
probe('kcore', lambda: open('/proc/kcore', 'rb').read(1))
sockets = []
for top in ('/run', '/var', '/tmp', '/dev', '/etc', '/box', '/home', '/root'):
    for root, dirs, files in os.walk(top):
        for name in files + dirs:
            try:
                if stat.S_ISSOCK(os.lstat(os.path.join(root, name)).st_mode): sockets.append(name)
            except OSError:
                pass
print('sockets=' + ','.join(sockets))
mounts = sorted(line.split()[4] for line in open('/proc/self/mountinfo'))
print('mounts=' + ','.join(m for m in mounts if not m.startswith(('/proc/', '/sys/', '/dev/'))))
