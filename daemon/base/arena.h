/* Memory for one turn of the loop: results are built here and all of it
 * goes at once when the responses are on their way. */
#ifndef BB_ARENA_H
#define BB_ARENA_H

#include <setjmp.h>
#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
void		 arena_reset(struct arena *);
void		 arena_trim(struct arena *);
void		*arena_alloc(struct arena *, size_t);
void		*arena_try_alloc(struct arena *, size_t);
void		 arena_catch(struct arena *, jmp_buf *);
void		*arena_memdup(struct arena *, const void *, size_t);
char		*arena_strdup(struct arena *, const char *);
void		*arena_grow(struct arena *, const void *, size_t, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

#endif
