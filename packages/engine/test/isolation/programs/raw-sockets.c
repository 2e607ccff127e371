/*
 * Tries to open raw and packet sockets (they need CAP_NET_RAW).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_ether.h>
static void try(const char *what, int fd) { printf("%s=%s\n", what, fd < 0 ? strerrorname_np(errno) : "OPENED"); }
int main(void) {
  try("raw", socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
  try("raw6", socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6));
  try("packet", socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)));
  return 0; }
