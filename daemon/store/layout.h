/*
 * Where a table's rows live in the LMDB file, and under which key: a
 * commit copies one root-to-leaf path per LMDB table it writes, so the
 * tables one operation writes together share one (layout.c). Only the
 * store's LMDB side uses this; every other module sees the tables of
 * store.h and their keys as they are.
 */
#ifndef BB_LAYOUT_H
#define BB_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include <lmdb.h>

#include "store.h"

/* The longest key LMDB takes (its default MDB_MAXKEYSIZE). */
#define LAYOUT_KEY_MAX	511

enum store_table layout_host(enum store_table);
int	 layout_shared(enum store_table);
int	 layout_key(enum store_table, const void *, size_t, int, uint8_t *,
	    MDB_val *);
int	 layout_row_of(enum store_table, const MDB_val *);
int	 layout_row_known(enum store_table, const MDB_val *);
void	 layout_logical(enum store_table, const MDB_val *, uint8_t *,
	    MDB_val *);

#endif
