# Tries to write everywhere outside the work directory and the temporary places.
import os
targets = ['/etc/passwd', '/usr/bin/python3', '/newfile', '/usr/local/bin/x', '/var/x', '/root/x',
  '/home/x', '/opt/x', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf', '/usr/local/bin/warmbox-supervisor',
  '/proc/sys/kernel/hostname', '/proc/sys/vm/drop_caches', '/proc/sysrq-trigger', '/sys/kernel/uevent_helper',
  '/sys/fs/cgroup/memory/memory.limit_in_bytes', '/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes',
  '/sys/fs/cgroup/pids/pids.max', '/sys/fs/cgroup/cpu/cpu.cfs_quota_us', '/sys/fs/cgroup/newfile',
  '/dev/newfile', '/dev/null/x', '/proc/1/oom_score_adj', '/etc/warmbox/version']
for path in targets:
    try:
        with open(path, 'a') as f:
            f.write('1')
        print(f'{path}=WRITTEN')
    except OSError as e:
        print(f'{path}=' + type(e).__name__)
