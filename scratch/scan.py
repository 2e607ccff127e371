import re, sys
needle = ("VICTIM" + "SECRET-").encode()
found = set()
maps = open("/proc/self/maps").read().splitlines()
mem = open("/proc/self/mem", "rb", 0)
for line in maps:
    parts = line.split()
    if "r" not in parts[1] or (len(parts) > 5 and parts[5].startswith("[v")):
        continue
    lo, hi = (int(x, 16) for x in parts[0].split("-"))
    try:
        mem.seek(lo); data = mem.read(hi - lo)
    except OSError:
        continue
    for m in re.finditer(re.escape(needle) + rb"[A-Za-z0-9_]{1,40}", data):
        found.add(m.group().decode())
    for m in re.finditer(rb"victim_[a-z0-9_]{1,40}\.py", data):
        found.add(m.group().decode())
print("FOUND", sorted(found))
