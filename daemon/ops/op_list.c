/*
 * course list, reservation list: reads over whole tables, answered in
 * pages. A municipality's courses do not fit one frame, so each page
 * stops at its limit or well before the frame limit, and names the key
 * the next page starts at; the client asks again with it.
 */

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "codes.h"
#include "journal.h"
#include "ledger.h"
#include "ops.h"
#include "state.h"
#include "store.h"

#define LIST_PAGE	1000
#define LIST_PAGE_MAX	10000
#define LIST_REPLY_MAX	(8U * 1024 * 1024)
/* A repeated field's tag and length around each item. */
#define LIST_ITEM_OVERHEAD	8

enum list_status {
	LIST_ALL,
	LIST_OPEN,
	LIST_OVERDUE,
	LIST_CLOSED,
};

typedef Borgerbudget__V1__CourseListLine	PbCourseListLine;
typedef Borgerbudget__V1__CourseListInfo	PbCourseListInfo;
typedef Borgerbudget__V1__ReservationInfo	PbReservationInfo;
typedef Borgerbudget__V1__ReservationListInfo	PbReservationListInfo;

static size_t
list_limit(uint32_t asked)
{
	if (asked == 0)
		return LIST_PAGE;
	return asked > LIST_PAGE_MAX ? LIST_PAGE_MAX : asked;
}

/* Keys compare as LMDB compares them: bytes, then the shorter first. */
static int
key_cmp(const void *a, size_t alen, const void *b, size_t blen)
{
	int	 d;

	if ((d = memcmp(a, b, alen < blen ? alen : blen)) != 0)
		return d;
	return (alen > blen) - (alen < blen);
}

/* A pool named as a filter must exist: a misspelt one would list
 * nothing and look like an answer. */
static int
pool_filter(struct turn *t, const char *slug)
{
	struct pool	 p;
	int		 rc;

	if (*slug == '\0')
		return BB_OK;
	if ((rc = pool_valid(t, slug)) != BB_OK)
		return rc;
	if ((rc = state_pool_get(t->txn, slug, &p)) != BB_OK)
		return rc == BB_NOT_FOUND ? turn_refuse(t, rc,
		    "no pool named %s", slug) : rc;
	return BB_OK;
}

static int
status_parse(const char *s)
{
	if (*s == '\0')
		return LIST_ALL;
	if (strcmp(s, "open") == 0)
		return LIST_OPEN;
	if (strcmp(s, "overdue") == 0)
		return LIST_OVERDUE;
	if (strcmp(s, "closed") == 0)
		return LIST_CLOSED;
	return -1;
}

/* An open course whose last day of recording has passed. */
static int
course_overdue(const struct turn *t, const struct course *c)
{
	return c->status == COURSE_OPEN && t->today > c->end + c->grace;
}

static int
course_matches(const struct turn *t, const struct course *c,
    const char *pool, int status)
{
	if (*pool && strcmp(c->pool, pool) != 0)
		return 0;
	switch (status) {
	case LIST_OPEN:
		return c->status == COURSE_OPEN;
	case LIST_OVERDUE:
		return course_overdue(t, c);
	case LIST_CLOSED:
		return c->status == COURSE_CLOSED;
	default:
		return 1;
	}
}

static PbCourseListLine *
course_line(struct turn *t, const struct course *c)
{
	PbCourseListLine	*l = arena_alloc(t->arena, sizeof(*l));

	borgerbudget__v1__course_list_line__init(l);
	l->course = course_info(t, c);
	l->overdue = course_overdue(t, c);
	l->deadline = turn_date(t, c->end + c->grace);
	return l;
}

int
op_course_list(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__CourseList	*m = op->course_list;
	struct store_cursor	*cur;
	struct store_val	 k, v;
	struct course		 c;
	PbCourseListInfo	*cl;
	PbCourseListLine	*line;
	size_t			 limit = list_limit(m->limit), size;
	int			 rc, status;

	if ((status = status_parse(m->status)) == -1)
		return turn_refuse(t, BB_BAD_REQUEST,
		    "the status is one of open, overdue, closed");
	if ((rc = pool_filter(t, m->pool)) != BB_OK)
		return rc;
	if (m->start.len > COURSE_KEY_MAX)
		return turn_refuse(t, BB_BAD_REQUEST,
		    "start is not where a page of courses can begin");
	cl = arena_alloc(t->arena, sizeof(*cl));
	borgerbudget__v1__course_list_info__init(cl);
	cl->courses = arena_alloc(t->arena, limit * sizeof(*cl->courses));
	if ((rc = store_cursor_open(t->txn, ST_COURSES, &cur)) != BB_OK)
		return rc;
	rc = m->start.len ? store_cursor_seek(cur, m->start.data, m->start.len,
	    &k, &v) : store_cursor_first(cur, &k, &v);
	for (; rc == BB_OK; rc = store_cursor_next(cur, &k, &v)) {
		if ((rc = state_course_decode(&v, &c)) != BB_OK)
			break;
		if (!course_matches(t, &c, m->pool, status))
			continue;
		if (cl->n_courses == limit)
			goto more;
		line = course_line(t, &c);
		size = borgerbudget__v1__course_list_line__get_packed_size(line) +
		    LIST_ITEM_OVERHEAD;
		if (cl->n_courses > 0 && t->reply_bytes + size > LIST_REPLY_MAX)
			goto more;
		t->reply_bytes += size;
		cl->courses[cl->n_courses++] = line;
	}
	store_cursor_close(cur);
	if (rc != BB_NOT_FOUND)
		return rc;
	res->course_list = cl;
	return BB_OK;
more:
	cl->next.data = arena_memdup(t->arena, k.data, k.len);
	cl->next.len = k.len;
	store_cursor_close(cur);
	res->course_list = cl;
	return BB_OK;
}

/* A run of the reservations table: the open reservations of one course
 * share the prefix of their keys. An empty prefix is the whole table. */
struct res_range {
	uint8_t		 prefix[RES_KEY_MAX];
	size_t		 len;
};

static int
range_cmp(const void *a, const void *b)
{
	const struct res_range	*x = a, *y = b;

	return key_cmp(x->prefix, x->len, y->prefix, y->len);
}

/*
 * The runs to read for a citizen: one per course, in the table's order.
 * A citizen has few courses; reading their runs beats reading every open
 * reservation of the municipality.
 */
static int
citizen_ranges(struct turn *t, const char *citizen, struct res_range **ranges,
    size_t *n)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	struct course		 c;
	uint8_t			 key[COURSE_KEY_MAX];
	size_t			 klen, cap = 4, clen = strlen(citizen);
	int			 rc;

	*n = 0;
	*ranges = arena_alloc(t->arena, cap * sizeof(**ranges));
	klen = course_key(key, citizen, 0);
	if ((rc = store_cursor_open(t->txn, ST_COURSES, &cur)) != BB_OK)
		return rc;
	for (rc = store_cursor_seek(cur, key, klen, &k, &v); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &v)) {
		if (k.len != klen || memcmp(k.data, key, clen + 1) != 0)
			break;
		if ((rc = state_course_decode(&v, &c)) != BB_OK)
			break;
		if (*n == cap) {
			*ranges = arena_grow(t->arena, *ranges, cap,
			    sizeof(**ranges));
			cap *= 2;
		}
		(*ranges)[*n].len = reservation_prefix((*ranges)[*n].prefix,
		    &c);
		(*n)++;
	}
	store_cursor_close(cur);
	if (rc != BB_OK && rc != BB_NOT_FOUND)
		return rc;
	if (*n == 0)
		return turn_refuse(t, BB_NOT_FOUND, "citizen %s has no course",
		    citizen);
	qsort(*ranges, *n, sizeof(**ranges), range_cmp);
	return BB_OK;
}

/* The day it was made and its note, from the RESERVE entry itself. */
static int
reservation_entry(struct turn *t, PbReservationInfo *ri)
{
	PbEntry			*e;
	ProtobufCBinaryData	 salt;
	const uint8_t		*leaf;
	size_t			 len;
	int			 rc;

	if ((rc = entry_leaf(t->txn, ri->seq, &leaf, &len)) != BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	if ((e = entry_decode(leaf, len)) == NULL)
		return BB_INTERNAL;
	ri->value_date = arena_strdup(t->arena, e->value_date);
	entry_free(e);
	return entry_text(t, ri->seq, &ri->note, &salt);
}

struct res_page {
	const char		*pool;
	size_t			 limit;
	PbReservationListInfo	*rl;
	struct course		 course;	/* of the row read last */
	int			 have_course;
	int			 full;
};

/* One row: BB_OK, or the page is full (p->full) at this row. */
static int
reservation_row(struct turn *t, struct res_page *p,
    const struct store_val *k, const struct store_val *v)
{
	PbReservationListInfo	*rl = p->rl;
	PbReservationInfo	*ri;
	struct reservation	 r;
	size_t			 size;
	int			 rc;

	if ((rc = reservation_decode(k, v, &r)) != BB_OK)
		return rc;
	if (!p->have_course || r.course != p->course.number ||
	    strcmp(r.citizen, p->course.citizen) != 0) {
		if ((rc = state_course_get(t->txn, r.citizen, r.course,
		    &p->course)) != BB_OK)
			return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
		p->have_course = 1;
	}
	if (*p->pool && strcmp(p->course.pool, p->pool) != 0)
		return BB_OK;
	if (rl->n_reservations == p->limit) {
		p->full = 1;
		return BB_OK;
	}
	ri = arena_alloc(t->arena, sizeof(*ri));
	borgerbudget__v1__reservation_info__init(ri);
	ri->seq = r.seq;
	ri->citizen = arena_strdup(t->arena, r.citizen);
	ri->course = r.course;
	ri->pool = arena_strdup(t->arena, p->course.pool);
	ri->category = arena_strdup(t->arena, r.category);
	ri->amount = r.amount;
	ri->deadline = turn_date(t, r.deadline);
	if ((rc = reservation_entry(t, ri)) != BB_OK)
		return rc;
	size = borgerbudget__v1__reservation_info__get_packed_size(ri) +
	    LIST_ITEM_OVERHEAD;
	if (rl->n_reservations > 0 && t->reply_bytes + size > LIST_REPLY_MAX) {
		p->full = 1;
		return BB_OK;
	}
	t->reply_bytes += size;
	rl->reservations[rl->n_reservations++] = ri;
	return BB_OK;
}

int
op_reservation_list(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__ReservationList	*m = op->reservation_list;
	struct store_cursor	*cur;
	struct store_val	 k, v;
	struct res_range	*ranges, whole = { .len = 0 };
	struct res_page		 p;
	size_t			 i, nranges = 1;
	int			 rc;

	if (*m->citizen && (rc = citizen_valid(t, m->citizen)) != BB_OK)
		return rc;
	if ((rc = pool_filter(t, m->pool)) != BB_OK)
		return rc;
	if (m->start.len > RES_KEY_MAX)
		return turn_refuse(t, BB_BAD_REQUEST,
		    "start is not where a page of reservations can begin");
	ranges = &whole;
	if (*m->citizen &&
	    (rc = citizen_ranges(t, m->citizen, &ranges, &nranges)) != BB_OK)
		return rc;
	memset(&p, 0, sizeof(p));
	p.pool = m->pool;
	p.limit = list_limit(m->limit);
	p.rl = arena_alloc(t->arena, sizeof(*p.rl));
	borgerbudget__v1__reservation_list_info__init(p.rl);
	p.rl->reservations = arena_alloc(t->arena, p.limit *
	    sizeof(*p.rl->reservations));
	if ((rc = store_cursor_open(t->txn, ST_RESERVATIONS, &cur)) != BB_OK)
		return rc;
	for (i = 0, rc = BB_NOT_FOUND; i < nranges && !p.full; i++) {
		/* A page starts at its start, or at its run when that is
		 * later; a run wholly before the start is read as empty. */
		if (m->start.len > 0 && key_cmp(m->start.data, m->start.len,
		    ranges[i].prefix, ranges[i].len) > 0)
			rc = store_cursor_seek(cur, m->start.data,
			    m->start.len, &k, &v);
		else if (ranges[i].len > 0)
			rc = store_cursor_seek(cur, ranges[i].prefix,
			    ranges[i].len, &k, &v);
		else
			rc = store_cursor_first(cur, &k, &v);
		for (; rc == BB_OK; rc = store_cursor_next(cur, &k, &v)) {
			if (k.len < ranges[i].len || memcmp(k.data,
			    ranges[i].prefix, ranges[i].len) != 0) {
				rc = BB_NOT_FOUND;
				break;
			}
			if ((rc = reservation_row(t, &p, &k, &v)) != BB_OK ||
			    p.full)
				break;
		}
		if (rc != BB_OK && rc != BB_NOT_FOUND)
			break;
	}
	if (p.full) {
		p.rl->next.data = arena_memdup(t->arena, k.data, k.len);
		p.rl->next.len = k.len;
	}
	store_cursor_close(cur);
	if (rc != BB_OK && rc != BB_NOT_FOUND)
		return rc;
	res->reservation_list = p.rl;
	return BB_OK;
}
