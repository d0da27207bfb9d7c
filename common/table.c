/*
 * Open addressing with linear probing over a power-of-two array of entry
 * pointers, at most half full. Removal shifts the entries after the hole
 * back instead of leaving tombstones, so a lookup never walks past keys
 * that are gone. The whole 64-bit hash is kept in the entry: the table
 * grows without hashing a key again, and a probe compares keys only when
 * their hashes agree.
 */

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "table.h"

#define TABLE_MIN	16

struct table_entry {
	uint64_t	 hash;
	size_t		 keylen;
	max_align_t	 val[];		/* valsize bytes, the key, a NUL */
};

static char *
entry_key(const struct table *t, const struct table_entry *e)
{
	return (char *)e->val + t->valsize;
}

void
table_init(struct table *t, size_t valsize)
{
	memset(t, 0, sizeof(*t));
	t->valsize = valsize;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t
table_slot(const struct table *t, const void *key, size_t len, uint64_t h)
{
	size_t			 i, mask = t->cap - 1;
	struct table_entry	*e;

	for (i = h & mask; (e = t->slots[i]) != NULL; i = (i + 1) & mask)
		if (e->hash == h && e->keylen == len &&
		    memcmp(entry_key(t, e), key, len) == 0)
			break;
	return i;
}

void *
table_find(const struct table *t, const void *key, size_t len)
{
	struct table_entry	*e;

	if (t->len == 0)
		return NULL;
	e = t->slots[table_slot(t, key, len, XXH3_64bits(key, len))];
	return e ? e->val : NULL;
}

/* Twice the slots, or the first ones; the table is unchanged on failure. */
static int
table_grow(struct table *t)
{
	struct table_entry	**old = t->slots, *e;
	size_t			  oldcap = t->cap, cap, i, j;

	cap = oldcap ? oldcap * 2 : TABLE_MIN;
	if (cap < oldcap || cap > SIZE_MAX / sizeof(*old)) {
		errno = ENOMEM;
		return -1;
	}
	if ((t->slots = calloc(cap, sizeof(*t->slots))) == NULL) {
		t->slots = old;
		return -1;
	}
	t->cap = cap;
	for (i = 0; i < oldcap; i++) {
		if ((e = old[i]) == NULL)
			continue;
		for (j = e->hash & (cap - 1); t->slots[j];
		    j = (j + 1) & (cap - 1))
			;
		t->slots[j] = e;
	}
	free(old);
	return 0;
}

/*
 * The value kept for key, added zeroed when the key is new (*created,
 * when asked for, tells which). NULL with errno set when memory ran out;
 * the table is then unchanged.
 */
void *
table_add(struct table *t, const void *key, size_t len, int *created)
{
	struct table_entry	*e;
	uint64_t		 h = XXH3_64bits(key, len);
	size_t			 i, size;

	if (created)
		*created = 0;
	if (t->len > 0 && (e = t->slots[table_slot(t, key, len, h)]) != NULL)
		return e->val;
	if (2 * (t->len + 1) > t->cap && table_grow(t) == -1)
		return NULL;
	size = offsetof(struct table_entry, val) + t->valsize;
	if (len > SIZE_MAX - 1 - size) {
		errno = ENOMEM;
		return NULL;
	}
	if ((e = calloc(1, size + len + 1)) == NULL)
		return NULL;
	e->hash = h;
	e->keylen = len;
	if (len > 0)
		memcpy(entry_key(t, e), key, len);
	i = table_slot(t, key, len, h);
	t->slots[i] = e;
	t->len++;
	if (created)
		*created = 1;
	return e->val;
}

/* Removes key; 0 when it was there, -1 when not. */
int
table_remove(struct table *t, const void *key, size_t len)
{
	size_t	 i, j, home, mask = t->cap - 1;

	if (t->len == 0)
		return -1;
	i = table_slot(t, key, len, XXH3_64bits(key, len));
	if (t->slots[i] == NULL)
		return -1;
	free(t->slots[i]);
	t->slots[i] = NULL;
	t->len--;
	/*
	 * Each entry after the hole, up to the next empty slot, moves into
	 * the hole unless its home slot lies cyclically in (hole, entry]:
	 * then a lookup from its home would stop at the hole first.
	 */
	for (j = (i + 1) & mask; t->slots[j] != NULL; j = (j + 1) & mask) {
		home = t->slots[j]->hash & mask;
		if (i < j ? (home <= i || home > j) : (home <= i && home > j)) {
			t->slots[i] = t->slots[j];
			t->slots[j] = NULL;
			i = j;
		}
	}
	return 0;
}

/*
 * The entries in no particular order: *at starts at 0; each call gives
 * the next value and its key (either out-pointer may be NULL), then NULL
 * at the end. The table must not change during the walk.
 */
void *
table_next(const struct table *t, size_t *at, const char **key, size_t *len)
{
	struct table_entry	*e;

	for (; *at < t->cap; (*at)++) {
		if ((e = t->slots[*at]) == NULL)
			continue;
		(*at)++;
		if (key)
			*key = entry_key(t, e);
		if (len)
			*len = e->keylen;
		return e->val;
	}
	return NULL;
}

/* Frees every entry; the table is then empty, its value size kept. */
void
table_free(struct table *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->slots[i]);
	free(t->slots);
	t->slots = NULL;
	t->cap = 0;
	t->len = 0;
}
