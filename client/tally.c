/* Sums by name, for the ledger export's balances and the reports. */

#include <stdlib.h>
#include <string.h>

#include "budgetctl.h"

static uint64_t
fnv(const char *s)
{
	uint64_t	 h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void
tally_grow(struct tally *t)
{
	struct tally	 old = *t;

	t->cap = old.cap ? old.cap * 2 : 256;
	t->len = 0;
	if ((t->keys = calloc(t->cap, sizeof(*t->keys))) == NULL ||
	    (t->sums = calloc(t->cap, sizeof(*t->sums))) == NULL) {
		perror("budgetctl");
		exit(EXIT_UNREACHABLE);
	}
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i]) {
			*tally_at(t, old.keys[i]) = old.sums[i];
			free(old.keys[i]);
		}
	free(old.keys);
	free(old.sums);
}

/* The sum kept for key, created at zero. */
int64_t *
tally_at(struct tally *t, const char *key)
{
	size_t	 i;

	if (2 * (t->len + 1) > t->cap)
		tally_grow(t);
	i = fnv(key) & (t->cap - 1);
	while (t->keys[i] && strcmp(t->keys[i], key) != 0)
		i = (i + 1) & (t->cap - 1);
	if (t->keys[i] == NULL) {
		if ((t->keys[i] = strdup(key)) == NULL) {
			perror("budgetctl");
			exit(EXIT_UNREACHABLE);
		}
		t->len++;
	}
	return &t->sums[i];
}

static int
by_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The keys, sorted; the caller frees the array, not the keys. */
char **
tally_keys(struct tally *t)
{
	char	**keys;
	size_t	  n = 0;

	if ((keys = calloc(t->len + 1, sizeof(*keys))) == NULL) {
		perror("budgetctl");
		exit(EXIT_UNREACHABLE);
	}
	for (size_t i = 0; i < t->cap; i++)
		if (t->keys[i])
			keys[n++] = t->keys[i];
	qsort(keys, n, sizeof(*keys), by_key);
	return keys;
}

void
tally_free(struct tally *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->sums);
	memset(t, 0, sizeof(*t));
}
