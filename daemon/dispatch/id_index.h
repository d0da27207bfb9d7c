/*
 * The ids of the journal's operations, in memory: a keyed hash of each
 * id to the seq of the operation's first entry, where its row is
 * (ST_IDS). Built from those rows at start, added to as operations are
 * remembered. A seq it gives is a candidate only: the row says whether
 * the id is there (a turn rolled back leaves candidates behind).
 */
#ifndef BB_ID_INDEX_H
#define BB_ID_INDEX_H

#include <stddef.h>
#include <stdint.h>

int	 id_index_init(size_t);
int	 id_index_add(const uint8_t [16], uint64_t);
int	 id_index_find(const uint8_t [16], int (*)(void *, uint64_t), void *);
size_t	 id_index_len(void);
void	 id_index_free(void);

#endif
