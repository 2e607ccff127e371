# argv[1] "plant": leaves an flock on /etc/passwd and unlinked 1 MiB files filling /tmp and
# /box (128 MiB) that only a unix socket S holds, S itself held only by a cycle of sockets in
# flight. When Linux's collector frees the cycle, S leaves /proc/net/unix first; what its queue
# held is released afterwards (the kernel worker's deferred closes: one more pass, then 128 MiB
# to free, the lock last). Any mode first reports, as the kernel counts them, what an earlier
# job left: the flock (EWOULDBLOCK: -11), what a job can write in /box (4 MiB in 1 MiB files,
# box-write-mib=4, or -errno: ENOSPC is -28) and the used space of /tmp and /box (statfs, KiB).
import fcntl, os, socket, sys

def look():
    fd = os.open("/etc/passwd", os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        flock = 0
    except BlockingIOError:
        flock = -11
    os.close(fd)
    # what a job writes in its work directory: 4 MiB, in 1 MiB files (the default file size limit)
    wrote = 0
    try:
        for i in range(4):
            with open(f"/box/look-{i}", "wb") as out:
                out.write(b"y" * (1 << 20))
            wrote += 1
    except OSError as error:
        wrote = -error.errno
    for i in range(4):
        try:
            os.unlink(f"/box/look-{i}")
        except FileNotFoundError:
            pass
    used = {"wrote": wrote}
    for place in ("/tmp", "/box"):
        st = os.statvfs(place)
        used[place] = (st.f_blocks - st.f_bfree) * st.f_frsize // 1024
    return flock, used

flock, used = look()
print(f"host={os.uname().nodename}")
print(f"flock={flock}")
print(f"tmp-used-kib={used['/tmp']}")
print(f"box-used-kib={used['/box']}")
print(f"box-write-mib={used['wrote']}")
if sys.argv[1:] != ["plant"]:
    sys.exit(0)

passwd = os.open("/etc/passwd", os.O_RDONLY)
try:
    fcntl.flock(passwd, fcntl.LOCK_EX | fcntl.LOCK_NB)
except BlockingIOError:
    pass  # still held by an earlier job: the files below are planted all the same
held = []
mib = b"x" * (1 << 20)
for place in ("/tmp", "/box"):
    for i in range(80):
        path = f"{place}/late-{i}"
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        os.unlink(path)
        try:
            os.write(fd, mib)
        except OSError:
            os.close(fd)
            break
        held.append(fd)
print(f"held-mib={len(held)}")
# the kernel releases a message's descriptors last to first: the lock goes after the files
held.append(passwd)
s0, s1 = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
for at in range(0, len(held), 200):
    socket.send_fds(s0, [b"x"], held[at : at + 200])
a0, a1 = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
socket.send_fds(a0, [b"x"], [a1.fileno(), s1.fileno()])
for fd in held:
    os.close(fd)
for s in (s0, s1, a0, a1):
    s.close()
print("planted=yes")
