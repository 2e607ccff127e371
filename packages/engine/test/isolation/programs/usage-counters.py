# Reports the counters of past use a job can read in its container, as the kernel keeps them
# for the container's cgroup (v1): its peak memory, its CPU time (ns) and its page faults since
# the container started (-errno when the file is missing, as under gVisor); and the container's
# identity (hostname, PID 1's start time), and its own pid (the container's pid namespace gives
# pids in turn). argv[1] "use" then allocates and touches 160 MiB, spends 1.5 s of CPU and runs
# 200 short threads, as a tenant's job would.
import os, sys, threading, time

def read(path, pick=None):
    try:
        with open(path) as f:
            text = f.read()
    except OSError as error:
        return f"-{error.errno}"
    if pick:
        text = " ".join(line.split()[1] for line in text.splitlines() if line.split()[:1] == [pick])
    return text.strip()

print(f"memory-peak={read('/sys/fs/cgroup/memory/memory.max_usage_in_bytes')}")
print(f"cpu-ns={read('/sys/fs/cgroup/cpuacct/cpuacct.usage')}")
print(f"page-faults={read('/sys/fs/cgroup/memory/memory.stat', 'total_pgfault')}")
print(f"pid={os.getpid()}")
print(f"host={os.uname().nodename}")
print(f"init-start={read('/proc/1/stat').rsplit(')', 1)[1].split()[19]}")
if sys.argv[1:] == ["use"]:
    block = bytearray(160 << 20)
    for at in range(0, len(block), 4096):
        block[at] = 1
    end = time.process_time() + 1.5
    while time.process_time() < end:
        pass
    for _ in range(200):
        thread = threading.Thread(target=lambda: None)
        thread.start()
        thread.join()
    print("used=yes")
