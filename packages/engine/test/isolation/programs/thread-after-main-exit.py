# A child whose main thread ends by the raw exit system call (the leader becomes a zombie)
# while another of its threads lives on, touching a file in /tmp every 10 ms.
import ctypes, os, platform, threading, time
SYS_exit = {'x86_64': 60, 'aarch64': 93}[platform.machine()]
ready_r, ready_w = os.pipe()
def haunt():
    os.write(ready_w, b'x')
    while True:
        open(f'/tmp/python-survivor-{os.getpid()}', 'w').close()
        time.sleep(0.01)
pid = os.fork()
if pid == 0:
    threading.Thread(target=haunt).start()
    ctypes.CDLL(None).syscall(SYS_exit, 0)  # ends the main thread only
os.read(ready_r, 1)
for _ in range(500):
    state = open(f'/proc/{pid}/status').read().split('State:\t')[1][0]
    if state == 'Z':
        break
    time.sleep(0.01)
print('leader-state=' + state)
