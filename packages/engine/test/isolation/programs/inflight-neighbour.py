# Beside the hoarder: puts one descriptor in flight over a unix socket and receives it back
# every 50 ms for 8 s, and prints the errors it met (send-fds=ok when none).
import os, socket, time
failures = set()
end = time.monotonic() + 8
a, b = socket.socketpair()
while time.monotonic() < end:
    try:
        socket.send_fds(a, [b"x"], [a.fileno()])
        for fd in socket.recv_fds(b, 1, 1)[1]:
            os.close(fd)
    except OSError as error:
        failures.add(os.strerror(error.errno))
    time.sleep(0.05)
print('send-fds=' + (','.join(sorted(failures)) or 'ok'))
