/* Large buffers in huge pages: bigbuf.h. */

#include <stdint.h>
#include <sys/mman.h>

#include "bigbuf.h"

#define HUGE_PAGE	((size_t)2 << 20)

/* size bytes of address space at a 2 MiB boundary, or MAP_FAILED. */
static void *
aligned_map(size_t size)
{
	char		*p;
	uintptr_t	 at;
	size_t		 head;

	p = mmap(NULL, size + HUGE_PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return p;
	at = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	head = at - (uintptr_t)p;
	if (head > 0)
		munmap(p, head);
	munmap((char *)at + size, HUGE_PAGE - head);
	(void)madvise((void *)at, size, MADV_HUGEPAGE);
	return (void *)at;
}

/*
 * At least need bytes, what the buffer held kept: grown by doubling, the
 * pages moved (mremap moves page tables, not bytes) onto a new aligned
 * range. Returns 0, or -1 with errno set and the buffer as it was.
 */
int
bigbuf_reserve(struct bigbuf *b, size_t need)
{
	size_t	 cap;
	void	*p;

	if (need <= b->cap)
		return 0;
	for (cap = b->cap ? b->cap : HUGE_PAGE; cap < need; cap *= 2)
		;
	if ((p = aligned_map(cap)) == MAP_FAILED)
		return -1;
	if (b->buf != NULL && mremap(b->buf, b->cap, b->cap,
	    MREMAP_MAYMOVE | MREMAP_FIXED, p) == MAP_FAILED) {
		munmap(p, cap);
		return -1;
	}
	b->buf = p;
	b->cap = cap;
	return 0;
}

void
bigbuf_free(struct bigbuf *b)
{
	if (b->buf != NULL)
		munmap(b->buf, b->cap);
	b->buf = NULL;
	b->cap = 0;
}
