# Looks for setuid binaries and capabilities, and tries what they would give.
import subprocess
def run(*argv):
    p = subprocess.run(argv, input=b'root\n', capture_output=True, timeout=5)
    return p.returncode
print('su=' + str(run('su', '-c', 'id -u', 'root')))
print('mount=' + str(run('mount', '-t', 'tmpfs', 'none', '/tmp')))
print('umount=' + str(run('umount', '/box')))
print('passwd=' + str(run('passwd', '-d', 'root')))
status = dict(line.split(':\t', 1) for line in open('/proc/self/status').read().splitlines() if ':\t' in line)
print('uid=' + status['Uid'].split()[0])
if 'NoNewPrivs' in status:
    print('nnp=' + status['NoNewPrivs'].strip())
else:  # gVisor's status has no such line: the kernel's own answer (prctl PR_GET_NO_NEW_PRIVS)
    import ctypes
    print('nnp=' + str(ctypes.CDLL(None).prctl(39, 0, 0, 0, 0)))
print('capeff=' + status['CapEff'])
print('capprm=' + status['CapPrm'])
print('seccomp=' + status['Seccomp'])
