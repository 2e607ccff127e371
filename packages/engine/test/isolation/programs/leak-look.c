/* Run B: its container's identity, /tmp's entries, other processes of the sandbox user, /box/sub. */
#include "identity.h"
static void list(const char *dir) { DIR *d = opendir(dir); struct dirent *e; printf("%s=", dir);
  while ((e = readdir(d))) if (e->d_name[0] != '.' || strlen(e->d_name) > 2 && e->d_name[1] != '.') printf("%s;", e->d_name);
  puts(""); closedir(d); }
int main(void) { identity(); list("/tmp"); int others = 0; char me[32]; snprintf(me, sizeof me, "\nUid:\t%u\t", getuid()); DIR *d = opendir("/proc"); struct dirent *e;
  while ((e = readdir(d))) { int pid = atoi(e->d_name); char p[64], st[2048]; if (pid <= 0 || pid == getpid()) continue;
    snprintf(p, sizeof p, "/proc/%d/status", pid); FILE *f = fopen(p, "r"); if (!f) continue;
    size_t n = fread(st, 1, sizeof st - 1, f); st[n] = 0; fclose(f); if (strstr(st, me)) others++; }
  printf("processes=%d\n", others); struct stat sb; printf("sub=%s\n", stat("/box/sub", &sb) ? "gone" : "THERE"); return 0; }
