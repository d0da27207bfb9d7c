/*
 * Large buffers (budgetctl's laid-out statement lines, the frames it
 * reads and the blocks its pages are unpacked into; the verifier's ids
 * of every operation) in address space of their own, 2 MiB aligned and
 * in huge pages where the kernel gives them: every 4 KiB page first
 * touched is a page fault, which on a virtual machine costs tens of
 * microseconds; a 10,000-line statement touched some 700 of them, the
 * verifier of a million entries 9,000.
 */
#ifndef BB_BIGBUF_H
#define BB_BIGBUF_H

#include <stddef.h>

struct bigbuf {
	char		*buf;
	size_t		 cap;
};

int	 bigbuf_reserve(struct bigbuf *, size_t);
void	 bigbuf_free(struct bigbuf *);

#endif
