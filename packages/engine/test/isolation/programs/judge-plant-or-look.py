# One program, two tests of one judge: "plant" (test 1) leaves a file in /box and /tmp and a
# signal-proof background process; "look" (test 2) reports what it finds of them, of test 1's
# own file, and its container's identity.
import os, signal, socket, sys
print('host=' + socket.gethostname())
print('init-start=' + open('/proc/1/stat').read().rsplit(')', 1)[1].split()[19])
print('box=' + ','.join(sorted(os.listdir('/box'))))
if sys.stdin.readline().strip() == 'plant':
    for path in ('/box/planted.txt', '/tmp/planted.txt'):
        with open(path, 'w') as f:
            f.write('planted by test 1\n')
    if os.fork() == 0:
        os.setsid()
        for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(s, signal.SIG_IGN)
        os.execvp('sleep', ['sleep', '600'])
    print('planted=yes')
else:
    print('tmp=' + ','.join(sorted(os.listdir('/tmp'))))
    others = []
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            status = open(f'/proc/{pid}/status').read()
        except OSError:
            continue
        if int(pid) != os.getpid() and f'\nUid:\t{os.getuid()}\t' in status:
            others.append(open(f'/proc/{pid}/cmdline').read().replace('\0', ' ').strip())
    print('processes=' + ','.join(others))
