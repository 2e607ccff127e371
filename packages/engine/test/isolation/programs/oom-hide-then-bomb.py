# Lowers its oom_score_adj to hide from the OOM killer, then allocates without end.
for value in ('-1000', '0', '999'):
    try:
        with open('/proc/self/oom_score_adj', 'w') as f:
            f.write(value)
        print(f'{value}=LOWERED', flush=True)
    except OSError as e:
        print(f'{value}=' + type(e).__name__, flush=True)
keep = []
while True:
    keep.append(bytearray(4 << 20))
