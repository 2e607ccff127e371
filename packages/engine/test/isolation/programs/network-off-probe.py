# Network off: lists the interfaces, then tries the host's 127.0.0.1 listener (port: argv[1]) and DNS lookups.
import os, socket, sys
print('interfaces=' + ','.join(sorted(os.listdir('/sys/class/net'))))
s = socket.socket()
s.settimeout(2)
try:
    s.connect(('127.0.0.1', int(sys.argv[1])))
    print('connect=CONNECTED')
except OSError as e:
    print('connect=' + type(e).__name__)
for name in ('example.com', 'host.docker.internal', 'gateway.docker.internal'):
    try:
        socket.getaddrinfo(name, 80)
        print(f'dns {name}=RESOLVED')
    except OSError as e:
        print(f'dns {name}=' + type(e).__name__)
