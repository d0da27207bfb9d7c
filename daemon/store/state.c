/*
 * Records are the C structs of records.h, stored as they are: an LMDB file
 * is not portable across architectures anyway. A record of the wrong size
 * or with an unterminated name is damage, reported as BB_INTERNAL.
 */

#include <string.h>

#include "codes.h"
#include "records.h"
#include "log.h"
#include "state.h"
#include "store.h"

static int
terminated(const char *s, size_t len)
{
	return memchr(s, '\0', len) != NULL;
}

/* A pool record read back; BB_INTERNAL when it is not one. */
int
state_pool_decode(const struct store_val *v, struct pool *p)
{
	if (v->len != sizeof(*p)) {
		log_warnx("%s: pool record of %zu bytes", __func__, v->len);
		return BB_INTERNAL;
	}
	memcpy(p, v->data, sizeof(*p));
	if (!terminated(p->slug, sizeof(p->slug)) ||
	    !terminated(p->name, sizeof(p->name)))
		return BB_INTERNAL;
	return BB_OK;
}

int
state_pool_get(struct store_txn *txn, const char *slug, struct pool *p)
{
	struct store_val	 v;
	int			 rc;

	if ((rc = store_get(txn, ST_POOLS, slug, strlen(slug), &v)) != BB_OK)
		return rc;
	return state_pool_decode(&v, p);
}

int
state_pool_put(struct store_txn *txn, const struct pool *p)
{
	return store_put(txn, ST_POOLS, p->slug, strlen(p->slug), p,
	    sizeof(*p), 0);
}

/* citizen NUL be32 number: a citizen's courses sort together, in order. */
size_t
course_key(uint8_t *key, const char *citizen, uint32_t number)
{
	size_t	 n = strlen(citizen);

	memcpy(key, citizen, n);
	key[n] = '\0';
	be32_put(key + n + 1, number);
	return n + 5;
}

/* A course record read back; BB_INTERNAL when it is not one. */
int
state_course_decode(const struct store_val *v, struct course *c)
{
	if (v->len != sizeof(*c)) {
		log_warnx("%s: course record of %zu bytes", __func__, v->len);
		return BB_INTERNAL;
	}
	memcpy(c, v->data, sizeof(*c));
	if (!terminated(c->citizen, sizeof(c->citizen)) ||
	    !terminated(c->pool, sizeof(c->pool)))
		return BB_INTERNAL;
	return BB_OK;
}

int
state_course_get(struct store_txn *txn, const char *citizen,
    uint32_t number, struct course *c)
{
	uint8_t			 key[COURSE_KEY_MAX];
	struct store_val	 v;
	int			 rc;

	rc = store_get(txn, ST_COURSES, key, course_key(key, citizen, number),
	    &v);
	return rc == BB_OK ? state_course_decode(&v, c) : rc;
}

/* The citizen's course with the highest number: the one that can be open. */
int
state_course_latest(struct store_txn *txn, const char *citizen,
    struct course *c)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	uint8_t			 key[COURSE_KEY_MAX];
	size_t			 klen, n = strlen(citizen);
	int			 rc;

	klen = course_key(key, citizen, UINT32_MAX);
	if ((rc = store_cursor_open(txn, ST_COURSES, &cur)) != BB_OK)
		return rc;
	rc = store_cursor_seek(cur, key, klen, &k, &v);
	if (rc == BB_OK)
		rc = store_cursor_prev(cur, &k, &v);
	else if (rc == BB_NOT_FOUND)
		rc = store_cursor_last(cur, &k, &v);
	if (rc == BB_OK && (k.len != n + 5 || memcmp(k.data, key, n + 1) != 0))
		rc = BB_NOT_FOUND;
	if (rc == BB_OK)
		rc = state_course_decode(&v, c);
	store_cursor_close(cur);
	return rc;
}

int
state_course_put(struct store_txn *txn, const struct course *c)
{
	uint8_t	 key[COURSE_KEY_MAX];

	return store_put(txn, ST_COURSES, key,
	    course_key(key, c->citizen, c->number), c, sizeof(*c), 0);
}

int
state_reversal_get(struct store_txn *txn, uint64_t seq, uint64_t *by)
{
	struct store_val	 v;
	uint8_t			 key[8];
	int			 rc;

	be64_put(key, seq);
	if ((rc = store_get(txn, ST_REVERSALS, key, sizeof(key), &v)) != BB_OK)
		return rc;
	if (v.len != 8)
		return BB_INTERNAL;
	*by = be64_get(v.data);
	return BB_OK;
}

int
state_reversal_put(struct store_txn *txn, uint64_t seq, uint64_t by)
{
	uint8_t	 key[8], val[8];

	be64_put(key, seq);
	be64_put(val, by);
	return store_put(txn, ST_REVERSALS, key, sizeof(key), val, sizeof(val),
	    0);
}
