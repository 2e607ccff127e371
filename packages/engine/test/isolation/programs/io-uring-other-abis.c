/*
 * Tries io_uring_setup (and getpid, as a control) through the other doors of an
 * x86-64 kernel: the i386 convention (int 0x80), the x32 bit (0x40000000) on
 * the syscall instruction and on int 0x80, and numbers whose upper 32 bits are
 * set (the kernel looks at the low 32 only). Reports the raw return values.
 */
#define _GNU_SOURCE
#include <stdio.h>
static long int80(long nr, long a, long b) {
  long ret;
  __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b) : "memory");
  return ret;
}
static long syscall64(long nr, long a, long b) {
  long ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
  return ret;
}
static char params[120]; /* struct io_uring_params, zeroed: valid for io_uring_setup */
int main(void) {
  printf("int80-getpid=%s\n", int80(20, 0, 0) > 0 ? "ok" : "failed");
  printf("int80-setup=%ld\n", int80(425, 8, (long)params));
  printf("int80-x32-setup=%ld\n", int80(0x40000000L | 425, 8, (long)params));
  printf("x32-setup=%ld\n", syscall64(0x40000000L | 425, 8, (long)params));
  printf("x32-getpid=%ld\n", syscall64(0x40000000L | 39, 0, 0));
  printf("high-setup=%ld\n", syscall64((long)0xffffffff00000000UL | 425, 8, (long)params));
  return 0;
}
