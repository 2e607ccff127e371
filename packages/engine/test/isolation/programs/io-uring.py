# Tries io_uring_setup from Python (run from the template's clone when templates are on).
import ctypes
import errno

libc = ctypes.CDLL(None, use_errno=True)
params = ctypes.create_string_buffer(120)  # struct io_uring_params, zeroed
fd = libc.syscall(425, 8, params)
print("setup=" + (errno.errorcode[ctypes.get_errno()] if fd < 0 else "OPENED"))
for line in open("/proc/self/status"):
    if line.startswith("Seccomp_filters:"):
        print("filters=" + line.split()[1])
