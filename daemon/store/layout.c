/*
 * Where a table's rows live (layout.h). Two LMDB tables hold more than
 * one of store.h's:
 *
 * - entries: an entry (key: be64 seq, 8 bytes), the tree's nodes that
 *   end at it (key: be64 seq, level; 9 bytes, journal_tree_key) and, for
 *   the first entry of an operation, the operation's id (key: be64 seq,
 *   STORE_ID_ROW), which sort right after it: an append writes one right
 *   edge, where an id keyed by itself went to a random leaf of a table of
 *   its own. The daemon finds an id by its seq from an index in memory
 *   (daemon/dispatch/ids.c).
 * - citizens: what a spend changes of a citizen, under the citizen's
 *   name: the head of their chain (citizens), their courses and what each
 *   course spent per category (category_spent). Their keys begin with
 *   the citizen, then NUL (courses and category_spent already did); the
 *   byte after the NUL says which table a row is of, so a citizen's rows
 *   sit together and each table's keep their order:
 *
 *	citizen NUL 1			citizens
 *	citizen NUL 2 be32 number	courses
 *	citizen NUL 3 be32 number cat	category_spent
 *
 * A citizen's name never holds NUL (names.c refuses control characters).
 */

#include <string.h>

#include "layout.h"

#define TAG_CITIZEN	1
#define TAG_COURSE	2
#define TAG_CATEGORY	3

enum store_table
layout_host(enum store_table t)
{
	switch (t) {
	case ST_TREE:
	case ST_IDS:
		return ST_ENTRIES;
	case ST_COURSES:
	case ST_CATEGORY_SPENT:
		return ST_CITIZENS;
	default:
		return t;
	}
}

/* The byte after the citizen's NUL, for the tables of citizens. */
static int
tag_of(enum store_table t)
{
	switch (t) {
	case ST_CITIZENS:
		return TAG_CITIZEN;
	case ST_COURSES:
		return TAG_COURSE;
	case ST_CATEGORY_SPENT:
		return TAG_CATEGORY;
	default:
		return 0;
	}
}

/* Does the LMDB table hold rows of another table too? */
int
layout_shared(enum store_table t)
{
	return layout_host(t) != t || tag_of(t) != 0 || t == ST_ENTRIES;
}

/*
 * The LMDB key of a table's key, in buf when it differs. exact is set
 * for a key of a row (get, put, del), clear for where a cursor begins:
 * a key there may stop short of the NUL, and is then the same bytes.
 * Returns -1 when the key cannot be one of the table's (never for a
 * cursor's: the rows it lands before are stepped over).
 */
int
layout_key(enum store_table t, const void *key, size_t klen, int exact,
    uint8_t *buf, MDB_val *out)
{
	const uint8_t	*nul;
	size_t		 at;
	int		 tag = tag_of(t);

	out->mv_data = (void *)key;
	out->mv_size = klen;
	if (tag == 0)
		return 0;
	if ((nul = memchr(key, '\0', klen)) == NULL) {
		if (!exact)
			return 0;
		if (t != ST_CITIZENS || klen + 2 > LAYOUT_KEY_MAX)
			return -1;
		memcpy(buf, key, klen);
		buf[klen] = '\0';
		buf[klen + 1] = (uint8_t)tag;
		out->mv_size = klen + 2;
	} else {
		if (t == ST_CITIZENS || klen + 1 > LAYOUT_KEY_MAX)
			return exact ? -1 : 0;
		at = (size_t)(nul - (const uint8_t *)key) + 1;
		memcpy(buf, key, at);
		buf[at] = (uint8_t)tag;
		memcpy(buf + at + 1, nul + 1, klen - at);
		out->mv_size = klen + 1;
	}
	out->mv_data = buf;
	return 0;
}

/* Is the LMDB row (its key) one of the table's? */
int
layout_row_of(enum store_table t, const MDB_val *k)
{
	const uint8_t	*nul;
	size_t		 at;
	int		 tag = tag_of(t);

	if (t == ST_ENTRIES)
		return k->mv_size == 8;
	if (t == ST_TREE)
		return k->mv_size == 9 &&
		    ((const uint8_t *)k->mv_data)[8] < 64;
	if (t == ST_IDS)
		return k->mv_size == STORE_ID_KEY &&
		    ((const uint8_t *)k->mv_data)[8] == STORE_ID_ROW;
	if (tag == 0)
		return 1;
	if ((nul = memchr(k->mv_data, '\0', k->mv_size)) == NULL)
		return 0;
	at = (size_t)(nul - (const uint8_t *)k->mv_data) + 1;
	if (at >= k->mv_size || ((const uint8_t *)k->mv_data)[at] != tag)
		return 0;
	return t == ST_CITIZENS ? k->mv_size == at + 1 : k->mv_size > at + 1;
}

/*
 * Is the LMDB row one of any table kept where t is? A row of none (a key
 * no table makes) is no one's to skip: a cursor stops at it, and the
 * verifier names the table damaged.
 */
int
layout_row_known(enum store_table t, const MDB_val *k)
{
	switch (layout_host(t)) {
	case ST_ENTRIES:
		return layout_row_of(ST_ENTRIES, k) ||
		    layout_row_of(ST_TREE, k) || layout_row_of(ST_IDS, k);
	case ST_CITIZENS:
		return layout_row_of(ST_CITIZENS, k) ||
		    layout_row_of(ST_COURSES, k) ||
		    layout_row_of(ST_CATEGORY_SPENT, k);
	default:
		return 1;
	}
}

/* The table's key of one of its LMDB rows (layout_row_of), in buf when it
 * differs. */
void
layout_logical(enum store_table t, const MDB_val *k, uint8_t *buf,
    MDB_val *out)
{
	const uint8_t	*nul;
	size_t		 at;

	*out = *k;
	if (tag_of(t) == 0 ||
	    (nul = memchr(k->mv_data, '\0', k->mv_size)) == NULL)
		return;
	at = (size_t)(nul - (const uint8_t *)k->mv_data) + 1;
	if (t == ST_CITIZENS) {
		out->mv_size = at - 1;		/* the name alone */
		return;
	}
	memcpy(buf, k->mv_data, at);
	memcpy(buf + at, (const uint8_t *)k->mv_data + at + 1,
	    k->mv_size - at - 1);
	out->mv_data = buf;
	out->mv_size = k->mv_size - 1;
}
