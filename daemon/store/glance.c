/*
 * A statement needs a few fields of each of its entries; decoding each
 * entry whole for them was a third of a 10,000-line statement's time in
 * the daemon. This reads the protobuf wire format (varints, fixed and
 * length-delimited fields) of an Entry and keeps only those fields; the
 * rest is skipped unread. A later occurrence of a field wins, as in any
 * protobuf decoder.
 */

#include <string.h>

#include "glance.h"

/* Protobuf field numbers of Entry (proto/borgerbudget.proto). */
#define F_VALUE_DATE	4
#define F_OP		5
#define F_DEBIT		6
#define F_CREDIT	7
#define F_AMOUNT	8
#define F_CITIZEN	9
#define F_COURSE	10
#define F_CITIZEN_PREV	19

static int
varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	unsigned int	 shift;

	*v = 0;
	for (shift = 0; shift < 64 && *p < end; shift += 7) {
		*v |= (uint64_t)(**p & 0x7f) << shift;
		if ((*(*p)++ & 0x80) == 0)
			return 0;
	}
	return -1;
}

/* 0, or -1 when the bytes are not a well-formed message. */
int
glance_entry(const uint8_t *p, size_t len, struct glance *g)
{
	const uint8_t	*end = p + len;
	uint64_t	 key, v;
	struct glance_str *s;

	memset(g, 0, sizeof(*g));
	while (p < end) {
		if (varint(&p, end, &key) == -1)
			return -1;
		switch (key & 7) {
		case 0:
			if (varint(&p, end, &v) == -1)
				return -1;
			if (key >> 3 == F_AMOUNT)
				g->amount = (int64_t)v;
			else if (key >> 3 == F_OP)
				g->op = (uint32_t)v;
			else if (key >> 3 == F_COURSE)
				g->course = (uint32_t)v;
			else if (key >> 3 == F_CITIZEN_PREV)
				g->citizen_prev = v;
			break;
		case 1:
		case 5:
			if ((size_t)(end - p) < ((key & 7) == 1 ? 8U : 4U))
				return -1;
			p += (key & 7) == 1 ? 8 : 4;
			break;
		case 2:
			if (varint(&p, end, &v) == -1 ||
			    v > (uint64_t)(end - p))
				return -1;
			s = key >> 3 == F_VALUE_DATE ? &g->value_date :
			    key >> 3 == F_DEBIT ? &g->debit :
			    key >> 3 == F_CREDIT ? &g->credit :
			    key >> 3 == F_CITIZEN ? &g->citizen : NULL;
			if (s) {
				s->p = (const char *)p;
				s->len = (size_t)v;
			}
			p += v;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

int
glance_is(const struct glance_str *s, const char *want, size_t len)
{
	return s->len == len && memcmp(s->p, want, len) == 0;
}
