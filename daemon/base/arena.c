#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "log.h"

#define CHUNK	(64 * 1024)
/* Chunks kept across resets, up to this much: a turn that answers a
 * statement of 10,000 lines takes megabytes, and fresh memory for each
 * such turn was a fifth of its time in page faults. */
#define KEEP	(8U * 1024 * 1024)

struct chunk {
	struct chunk	*next;
	size_t		 size;
	size_t		 used;
	max_align_t	 data[];
};

struct arena {
	struct chunk	*head;		/* kept across resets */
	struct chunk	*cur;		/* where allocation goes on */
	struct chunk	*spare;		/* kept, free for the next turn */
	size_t		 kept;		/* bytes in spare */
	jmp_buf		*oom;		/* where running out of memory goes */
};

/*
 * Where arena_alloc goes when memory runs out (NULL: it stops the
 * daemon, as at start-up): the dispatcher catches a turn's, abandons
 * the turn and goes on, so no caller of arena_alloc checks for NULL.
 */
void
arena_catch(struct arena *a, jmp_buf *oom)
{
	a->oom = oom;
}

static void
out_of_memory(struct arena *a, size_t n)
{
	if (a->oom)
		longjmp(*a->oom, 1);
	fatalx("arena: out of memory for %zu bytes", n);
}

struct arena *
arena_new(void)
{
	struct arena	*a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		fatal("%s", __func__);
	return a;
}

/* Keeps the first chunk: a turn of ordinary size allocates nothing. */
void
arena_reset(struct arena *a)
{
	struct chunk	*c, *next;

	if (a->head == NULL)
		return;
	for (c = a->head->next; c != NULL; c = next) {
		next = c->next;
		if (a->kept + c->size <= KEEP) {
			a->kept += c->size;
			c->next = a->spare;
			a->spare = c;
		} else
			free(c);
	}
	a->head->next = NULL;
	a->head->used = 0;
	a->cur = a->head;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	arena_trim(a);
	free(a->head);
	free(a);
}

/* Gives back the chunks kept for the next turns: after memory ran out,
 * the daemon holds on to no more than it must. */
void
arena_trim(struct arena *a)
{
	struct chunk	*c;

	while ((c = a->spare) != NULL) {
		a->spare = c->next;
		free(c);
	}
	a->kept = 0;
}

/* A kept chunk of at least n bytes, taken off the spare list. */
static struct chunk *
spare_take(struct arena *a, size_t n)
{
	struct chunk	**cp, *c;

	for (cp = &a->spare; (c = *cp) != NULL; cp = &c->next)
		if (c->size >= n) {
			*cp = c->next;
			a->kept -= c->size;
			c->used = 0;
			return c;
		}
	return NULL;
}

static void *
arena_take(struct arena *a, size_t n, int must, int zero)
{
	struct chunk	*c;
	size_t		 size;
	void		*p;

	if (n > SIZE_MAX / 2) {
		if (must)
			out_of_memory(a, n);
		return NULL;
	}
	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	c = a->cur;
	if (c == NULL || c->size - c->used < n) {
		size = n > CHUNK ? n : CHUNK;
		if ((c = spare_take(a, size)) == NULL) {
			if ((c = malloc(sizeof(*c) + size)) == NULL) {
				if (must)
					out_of_memory(a, n);
				return NULL;
			}
			c->size = size;
			c->used = 0;
		}
		if (a->head == NULL) {
			c->next = NULL;
			a->head = c;
		} else {
			/* Behind the head, so that reset keeps the head. */
			c->next = a->head->next;
			a->head->next = c;
		}
		a->cur = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	if (zero)
		memset(p, 0, n);
	return p;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return arena_take(a, n, 1, 1);
}

/* For what a client sent: NULL when memory runs out, never fatal. Not
 * zeroed: protobuf-c initialises every message it decodes. */
void *
arena_try_alloc(struct arena *a, size_t n)
{
	return arena_take(a, n, 0, 0);
}

void *
arena_memdup(struct arena *a, const void *src, size_t n)
{
	void	*p = arena_take(a, n ? n : 1, 1, 0);

	memcpy(p, src, n);
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_memdup(a, s, strlen(s) + 1);
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* A pointer array of n elements copied into one of twice the room. */
void *
arena_grow(struct arena *a, const void *old, size_t n, size_t size)
{
	void	*p = arena_alloc(a, 2 * n * size);

	memcpy(p, old, n * size);
	return p;
}
