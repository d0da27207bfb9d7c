/*
 * A hash table from byte-string keys to values of one fixed size, for
 * both programs: the import's count of identical lines, the sums of the
 * reports and exports, the verifier's replay.
 *
 * Each entry is one allocation holding its value and a copy of its key,
 * so a value stays where it is while the table grows: a pointer to it
 * holds until its entry is removed or the table freed. The key is kept
 * with a NUL after it, so a string key reads back as a C string.
 *
 * A zeroed table is an empty one whose values have no bytes (a set);
 * table_init gives the values their size.
 */
#ifndef BB_TABLE_H
#define BB_TABLE_H

#include <stddef.h>
#include <stdint.h>

struct table_entry;

struct table {
	struct table_entry	**slots;
	size_t			  cap;		/* 0 or a power of two */
	size_t			  len;
	size_t			  valsize;
};

void	 table_init(struct table *, size_t);
void	*table_find(const struct table *, const void *, size_t);
void	*table_add(struct table *, const void *, size_t, int *);
int	 table_remove(struct table *, const void *, size_t);
void	*table_next(const struct table *, size_t *, const char **, size_t *);
void	 table_free(struct table *);

#endif
