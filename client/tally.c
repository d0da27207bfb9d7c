/* Sums by name, for the ledger export's balances and the reports. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "tally.h"

/* The sum kept for key, created at zero. A zeroed tally is an empty one:
 * the reports and the export declare theirs that way. */
int64_t *
tally_at(struct tally *t, const char *key)
{
	int64_t	*sum;

	if (t->sums.valsize == 0)
		table_init(&t->sums, sizeof(int64_t));
	if ((sum = table_add(&t->sums, key, strlen(key), NULL)) == NULL) {
		perror("budgetctl");
		exit(EXIT_UNREACHABLE);
	}
	return sum;
}

static int
by_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The keys, sorted; the caller frees the array, not the keys. */
const char **
tally_keys(struct tally *t)
{
	const char	**keys;
	size_t		  n = 0, at = 0;

	if ((keys = calloc(t->sums.len + 1, sizeof(*keys))) == NULL) {
		perror("budgetctl");
		exit(EXIT_UNREACHABLE);
	}
	while (table_next(&t->sums, &at, &keys[n], NULL) != NULL)
		n++;
	qsort(keys, n, sizeof(*keys), by_key);
	return keys;
}

void
tally_free(struct tally *t)
{
	table_free(&t->sums);
}
