# Looks for the engine's secret in every process's environment and command line and in
# every readable file.
import os
needle = ('warmbox-' + 'secret-').encode()  # not spelled out: this file is searched too
secret = os.environ.get('WARMBOX_TEST_SECRET')
print('own=' + str(secret))
readable = hits = 0
for pid in filter(str.isdigit, os.listdir('/proc')):
    for part in ('environ', 'cmdline'):
        try:
            data = open(f'/proc/{pid}/{part}', 'rb').read()
            readable += part == 'environ'
            hits += needle in data
        except OSError:
            pass
for top in ('/etc', '/box', '/tmp', '/run', '/var', '/home', '/root', '/usr/local', '/opt', '/dev/shm'):
    for root, dirs, files in os.walk(top):
        for name in files:
            try:
                with open(os.path.join(root, name), 'rb') as f:
                    hits += needle in f.read(1 << 20)
            except OSError:
                pass
print(f'environs={readable}')
print(f'hits={hits}')
print('keys=' + ','.join(sorted(os.environ)))
