/* Frames of the protocol stream: fd 0 carries engine frames in, fd 1 ours out. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "fatal.h"
#include "frame.h"

static struct {
	uint8_t *p;
	size_t len, off, cap;
} in;

/* Reads what is available (at least one byte) into the input buffer; 0 at EOF. */
int frame_fill(void)
{
	if (in.off == in.len) {
		in.off = in.len = 0;
		if (in.cap > 16 * CHUNK) { /* don't keep a big FILE's buffer around */
			free(in.p);
			in.p = NULL;
			in.cap = 0;
		}
	} else if (in.off) {
		memmove(in.p, in.p + in.off, in.len - in.off);
		in.len -= in.off;
		in.off = 0;
	}
	size_t need = in.len + CHUNK;
	if (in.len >= 4 && get_u32(in.p) <= MAX_FRAME && 4 + (size_t)get_u32(in.p) > need)
		need = 4 + (size_t)get_u32(in.p); /* room for the whole frame being read */
	if (need > in.cap) {
		if (!(in.p = realloc(in.p, need)))
			fatal("out of memory");
		in.cap = need;
	}
	ssize_t n;
	do
		n = read(0, in.p + in.len, in.cap - in.len);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return 0;
	in.len += n;
	return 1;
}

/* Takes the next complete frame from the buffer; its payload stays valid until frame_fill(). */
int frame_next(uint8_t *type, const uint8_t **payload, size_t *len)
{
	size_t avail = in.len - in.off;
	if (avail < 4)
		return 0;
	uint32_t n = get_u32(in.p + in.off);
	if (n == 0 || n > MAX_FRAME)
		fatal("bad frame length %u", n);
	if (avail < 4 + (size_t)n)
		return 0;
	*type = in.p[in.off + 4];
	*payload = in.p + in.off + 5;
	*len = n - 1;
	in.off += 4 + (size_t)n;
	return 1;
}

/* Writes the whole frame, waiting out partial writes; a vanished engine ends the supervisor. */
void frame_send(enum frame_type type, const void *payload, size_t len)
{
	uint8_t head[5];
	put_u32(head, 1 + len);
	head[4] = type;
	struct iovec iov[2] = {{head, 5}, {(void *)payload, len}}, *v = iov;
	int cnt = 2;
	while (cnt) {
		ssize_t n = writev(1, v, cnt);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				struct pollfd p = {.fd = 1, .events = POLLOUT};
				poll(&p, 1, -1);
				continue;
			}
			quit(0);
		}
		for (; cnt && (size_t)n >= v->iov_len; v++, cnt--)
			n -= v->iov_len;
		if (cnt) {
			v->iov_base = (char *)v->iov_base + n;
			v->iov_len -= n;
		}
	}
}
