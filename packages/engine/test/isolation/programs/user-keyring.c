/*
 * Linux keeps a keyring per uid ("user keyring") as long as the uid's user namespace lives,
 * after every process of the uid is gone; sandboxes run as uids of the host's user namespace,
 * each given out again after the engine's range went round. argv[1] "plant" tries to put a key there (add-key=DONE, or the error's name);
 * "look" searches that keyring and the session keyring for it (find-key=FOUND, or the error's
 * name) and reads /proc/keys (proc-keys=the number of keys it lists, or the error's name).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KEY_SPEC_SESSION_KEYRING -3
#define KEY_SPEC_USER_KEYRING -4
#define KEYCTL_SEARCH 10

static const char *said(long r, const char *done) { return r < 0 ? strerrorname_np(errno) : done; }

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "plant")) {
    long r = syscall(SYS_add_key, "user", "warmbox-kept-key", "secret", 6, KEY_SPEC_USER_KEYRING);
    printf("add-key=%s\n", said(r, "DONE"));
    return 0;
  }
  long r = syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, "user", "warmbox-kept-key", 0);
  if (r < 0) r = syscall(SYS_request_key, "user", "warmbox-kept-key", NULL, KEY_SPEC_SESSION_KEYRING);
  printf("find-key=%s\n", said(r, "FOUND"));
  FILE *keys = fopen("/proc/keys", "r");
  if (!keys) {
    printf("proc-keys=%s\n", strerrorname_np(errno));
    return 0;
  }
  char line[512];
  int listed = 0;
  while (fgets(line, sizeof line, keys)) listed++;
  fclose(keys);
  printf("proc-keys=%d\n", listed);
  return 0;
}
