#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "frame.h"

void
frame_header_encode(uint8_t *p, uint32_t len)
{
	p[0] = (uint8_t)(len >> 24);
	p[1] = (uint8_t)(len >> 16);
	p[2] = (uint8_t)(len >> 8);
	p[3] = (uint8_t)len;
}

/* Returns -1 for a length over the limit: the peer is not speaking our
 * protocol, or wants more memory than we give anyone. */
int
frame_header_decode(const uint8_t *p, uint32_t *len)
{
	*len = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
	return *len > FRAME_MAX ? -1 : 0;
}

/*
 * The decoding step of a stream reader, apart from any buffer type so that
 * it can be fuzzed alone: buf holds the first min(avail, FRAME_HEADER) of
 * the avail bytes buffered. FRAME_COMPLETE sets *len to the body's length;
 * the body follows the header.
 */
int
frame_next(const uint8_t *buf, size_t avail, uint32_t *len)
{
	if (avail < FRAME_HEADER)
		return FRAME_PARTIAL;
	if (frame_header_decode(buf, len) == -1)
		return FRAME_TOO_BIG;
	return avail - FRAME_HEADER < *len ? FRAME_PARTIAL : FRAME_COMPLETE;
}

static int
write_all(int fd, const uint8_t *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Returns 0, or -1 with errno set; a closed peer reads as ECONNRESET. */
static int
read_all(int fd, uint8_t *p, size_t n)
{
	ssize_t	 r;

	while (n > 0) {
		if ((r = read(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0) {
			errno = ECONNRESET;
			return -1;
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

int
frame_write(int fd, const uint8_t *msg, size_t len)
{
	uint8_t	 hdr[FRAME_HEADER];

	if (len > FRAME_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	frame_header_encode(hdr, (uint32_t)len);
	if (write_all(fd, hdr, sizeof(hdr)) == -1)
		return -1;
	return write_all(fd, msg, len);
}

/*
 * Reads one frame's length (EMSGSIZE over the limit); frame_read_body
 * then reads its bytes into a buffer of the caller's, which can be one
 * kept from frame to frame.
 */
int
frame_read_length(int fd, uint32_t *len)
{
	uint8_t		 hdr[FRAME_HEADER];

	if (read_all(fd, hdr, sizeof(hdr)) == -1)
		return -1;
	if (frame_header_decode(hdr, len) == -1) {
		errno = EMSGSIZE;
		return -1;
	}
	return 0;
}

int
frame_read_body(int fd, void *buf, size_t len)
{
	return read_all(fd, buf, len);
}
