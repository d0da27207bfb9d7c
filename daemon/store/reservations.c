/*
 * The state of two-phase purchases, beside the journal: which reservations
 * are open, and what was spent per category on each course (the bound of a
 * refund). Open reservations are keyed by their deadline first, so the
 * daemon finds the next one to expire with one cursor step, and by course
 * next, so a course's close finds all of its own with one range.
 */

#include <string.h>

#include "arena.h"
#include "codes.h"
#include "records.h"
#include "state.h"
#include "store.h"

#define CAT_KEY_MAX	(COURSE_KEY_MAX + NAME_MAX_LEN)

/* Deadlines are signed days; the bias keeps them in order as bytes. */
static size_t
prefix(uint8_t *key, int32_t deadline, const char *citizen, uint32_t course)
{
	be32_put(key, (uint32_t)deadline ^ 0x80000000U);
	return 4 + course_key(key + 4, citizen, course);
}

static size_t
res_key(uint8_t *key, const struct reservation *r)
{
	size_t	 n = prefix(key, r->deadline, r->citizen, r->course);

	be64_put(key + n, r->seq);
	return n + 8;
}

/* The key names the reservation, the value holds its amount and category. */
int
reservation_decode(const struct store_val *k, const struct store_val *v,
    struct reservation *r)
{
	const uint8_t	*key = k->data;
	size_t		 n;

	if (k->len < 4 + 1 + 4 + 8 || v->len < 8 ||
	    v->len - 8 > NAME_MAX_LEN)
		return BB_INTERNAL;
	n = k->len - 4 - 1 - 4 - 8;
	if (n > NAME_MAX_LEN || memchr(key + 4, '\0', n) != NULL ||
	    key[4 + n] != '\0')
		return BB_INTERNAL;
	memset(r, 0, sizeof(*r));
	r->deadline = (int32_t)(be32_get(key) ^ 0x80000000U);
	memcpy(r->citizen, key + 4, n);
	r->course = be32_get(key + 4 + n + 1);
	r->seq = be64_get(key + 4 + n + 5);
	r->amount = (int64_t)be64_get(v->data);
	memcpy(r->category, (const uint8_t *)v->data + 8, v->len - 8);
	return BB_OK;
}

int
reservation_put(struct store_txn *txn, const struct reservation *r)
{
	uint8_t	 key[RES_KEY_MAX], val[8 + NAME_MAX_LEN];
	size_t	 n = strlen(r->category);

	be64_put(val, (uint64_t)r->amount);
	memcpy(val + 8, r->category, n);
	return store_put(txn, ST_RESERVATIONS, key, res_key(key, r), val,
	    8 + n, 0);
}

/* Reservation seq of course c, if it is still open (else BB_NOT_FOUND). */
int
reservation_get(struct store_txn *txn, const struct course *c, uint64_t seq,
    struct reservation *r)
{
	uint8_t			 key[RES_KEY_MAX];
	struct store_val	 k, v;
	size_t			 n;
	int			 rc;

	n = prefix(key, c->end + c->grace, c->citizen, c->number);
	be64_put(key + n, seq);
	k.data = key;
	k.len = n + 8;
	if ((rc = store_get(txn, ST_RESERVATIONS, key, n + 8, &v)) != BB_OK)
		return rc;
	return reservation_decode(&k, &v, r);
}

int
reservation_del(struct store_txn *txn, const struct reservation *r)
{
	uint8_t	 key[RES_KEY_MAX];

	return store_del(txn, ST_RESERVATIONS, key, res_key(key, r));
}

/* Every open reservation of course c, oldest first, in the arena. */
int
reservations_of(struct store_txn *txn, struct arena *a,
    const struct course *c, struct reservation **list, size_t *n)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	uint8_t			 key[RES_KEY_MAX];
	size_t			 klen, cap = 8;
	int			 rc;

	*n = 0;
	*list = arena_alloc(a, cap * sizeof(**list));
	klen = prefix(key, c->end + c->grace, c->citizen, c->number);
	if ((rc = store_cursor_open(txn, ST_RESERVATIONS, &cur)) != BB_OK)
		return rc;
	for (rc = store_cursor_seek(cur, key, klen, &k, &v); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &v)) {
		if (k.len != klen + 8 || memcmp(k.data, key, klen) != 0)
			break;
		if (*n == cap) {
			*list = arena_grow(a, *list, cap, sizeof(**list));
			cap *= 2;
		}
		if ((rc = reservation_decode(&k, &v, &(*list)[*n])) != BB_OK)
			break;
		(*n)++;
	}
	store_cursor_close(cur);
	return rc == BB_NOT_FOUND ? BB_OK : rc;
}

/* The open reservation with the earliest deadline: the next to expire. */
int
reservation_first(struct store_txn *txn, struct reservation *r)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	int			 rc;

	if ((rc = store_cursor_open(txn, ST_RESERVATIONS, &cur)) != BB_OK)
		return rc;
	rc = store_cursor_first(cur, &k, &v);
	if (rc == BB_OK)
		rc = reservation_decode(&k, &v, r);
	store_cursor_close(cur);
	return rc;
}

/* Where the open reservations of course c begin: all of its own share
 * this prefix of their keys. */
size_t
reservation_prefix(uint8_t *key, const struct course *c)
{
	return prefix(key, c->end + c->grace, c->citizen, c->number);
}

static size_t
cat_key(uint8_t *key, const struct course *c, const char *category)
{
	size_t	 n = course_key(key, c->citizen, c->number);
	size_t	 m = strlen(category);

	memcpy(key + n, category, m);
	return n + m;
}

int
category_spent_get(struct store_txn *txn, const struct course *c,
    const char *category, int64_t *spent)
{
	uint8_t			 key[CAT_KEY_MAX];
	struct store_val	 v;
	int			 rc;

	*spent = 0;
	rc = store_get(txn, ST_CATEGORY_SPENT, key, cat_key(key, c, category),
	    &v);
	if (rc == BB_NOT_FOUND)
		return BB_OK;
	if (rc != BB_OK)
		return rc;
	if (v.len != 8)
		return BB_INTERNAL;
	*spent = (int64_t)be64_get(v.data);
	return BB_OK;
}

/* A row of the category_spent table read back: its course, category and
 * net spent. */
int
category_spent_decode(const struct store_val *k, const struct store_val *v,
    char *citizen, uint32_t *number, char *category, int64_t *spent)
{
	const uint8_t	*key = k->data, *nul;
	size_t		 n;

	if (v->len != 8 || (nul = memchr(key, '\0', k->len)) == NULL)
		return BB_INTERNAL;
	n = (size_t)(nul - key);
	if (n == 0 || n > NAME_MAX_LEN || k->len < n + 5 ||
	    k->len - n - 5 > NAME_MAX_LEN)
		return BB_INTERNAL;
	memcpy(citizen, key, n);
	citizen[n] = '\0';
	*number = be32_get(key + n + 1);
	memcpy(category, key + n + 5, k->len - n - 5);
	category[k->len - n - 5] = '\0';
	if (memchr(category, '\0', k->len - n - 5) != NULL)
		return BB_INTERNAL;
	*spent = (int64_t)be64_get(v->data);
	return BB_OK;
}

int
category_spent_put(struct store_txn *txn, const struct course *c,
    const char *category, int64_t spent)
{
	uint8_t	 key[CAT_KEY_MAX], val[8];

	be64_put(val, (uint64_t)spent);
	return store_put(txn, ST_CATEGORY_SPENT, key,
	    cat_key(key, c, category), val, sizeof(val), 0);
}
