# Writes to every writable path until each refuses, and prints where each stopped.
import errno, os
chunk = b'x' * (512 * 1024)
for d in ['/box', '/tmp', '/dev/shm', '/dev/mqueue']:
    written, error = 0, 'none'
    try:
        for i in range(10_000):
            with open(f'{d}/fill-{i}', 'wb') as f:
                f.write(chunk)
            written += len(chunk)
    except OSError as e:
        error = errno.errorcode.get(e.errno, str(e.errno))
    print(f'{d}={error}:{written // (1024 * 1024)}')
