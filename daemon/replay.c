#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "log.h"
#include "replay.h"

/* A string-keyed open-addressing table; values are owned records. */
struct map {
	char	**keys;
	void	**vals;
	size_t	  cap;
	size_t	  len;
};

/* A reservation as the journal made it. */
struct held {
	int64_t		 amount;
	char		 course[NAME_MAX_LEN + 16];	/* citizen/number */
	char		 category[NAME_MAX_LEN + 1];
	int		 open;
};

struct replay {
	struct map	 pools;		/* slug -> struct pool */
	struct map	 courses;	/* citizen/number -> struct course */
	struct map	 latest;	/* citizen -> uint32_t course number */
	struct map	 chain;		/* citizen -> uint64_t last seq */
	struct map	 reversed;	/* seq -> uint64_t reversing seq */
	struct map	 held;		/* seq -> struct held */
	struct map	 spent;		/* citizen/number/category -> int64_t */
	int64_t		 last_recorded;
	uint64_t	 rest_of;	/* a partial capture's reservation */
	int64_t		 rest;		/* ... and what it must release */
};

static uint64_t
fnv(const char *s)
{
	uint64_t	 h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void	*map_put(struct map *, const char *, void *);

static void
map_grow(struct map *m)
{
	struct map	 old = *m;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->len = 0;
	if ((m->keys = calloc(m->cap, sizeof(*m->keys))) == NULL ||
	    (m->vals = calloc(m->cap, sizeof(*m->vals))) == NULL)
		fatal("%s", __func__);
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i]) {
			map_put(m, old.keys[i], old.vals[i]);
			free(old.keys[i]);
		}
	free(old.keys);
	free(old.vals);
}

static size_t
map_slot(const struct map *m, const char *key)
{
	size_t	 i = fnv(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void *
map_get(const struct map *m, const char *key)
{
	size_t	 i;

	if (m->cap == 0)
		return NULL;
	i = map_slot(m, key);
	return m->keys[i] ? m->vals[i] : NULL;
}

/* Adds or replaces; returns the value stored. */
static void *
map_put(struct map *m, const char *key, void *val)
{
	size_t	 i;

	if (2 * (m->len + 1) > m->cap)
		map_grow(m);
	i = map_slot(m, key);
	if (m->keys[i] == NULL) {
		if ((m->keys[i] = strdup(key)) == NULL)
			fatal("%s", __func__);
		m->len++;
	} else if (m->vals[i] != val) {
		free(m->vals[i]);
	}
	m->vals[i] = val;
	return val;
}

static void
map_free(struct map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i]) {
			free(m->keys[i]);
			free(m->vals[i]);
		}
	free(m->keys);
	free(m->vals);
}

static void *
xcalloc(size_t n)
{
	void	*p;

	if ((p = calloc(1, n)) == NULL)
		fatal("%s", __func__);
	return p;
}

/* "citizen/course" or "citizen/course/category": the replay's map keys,
 * built without printf (the verifier builds one or two per entry). */
static char *
key_of(char *buf, size_t len, const char *citizen, uint32_t course,
    const char *category)
{
	char	 digits[12], *d = digits + sizeof(digits);
	size_t	 n = strlen(citizen), m = category ? strlen(category) : 0;

	*--d = '\0';
	do
		*--d = (char)('0' + course % 10);
	while ((course /= 10) != 0);
	if (n + 1 + (size_t)(digits + sizeof(digits) - d) + 1 + m > len) {
		buf[0] = '\0';
		return buf;
	}
	memcpy(buf, citizen, n);
	buf[n++] = '/';
	strcpy(buf + n, d);
	if (category) {
		n += strlen(d);
		buf[n++] = '/';
		memcpy(buf + n, category, m + 1);
	}
	return buf;
}

struct replay *
replay_new(void)
{
	return xcalloc(sizeof(struct replay));
}

void
replay_free(struct replay *r)
{
	if (r == NULL)
		return;
	map_free(&r->pools);
	map_free(&r->courses);
	map_free(&r->latest);
	map_free(&r->chain);
	map_free(&r->reversed);
	map_free(&r->held);
	map_free(&r->spent);
	free(r);
}

const struct pool *
replay_pool(struct replay *r, const char *slug)
{
	return map_get(&r->pools, slug);
}

const struct course *
replay_course(struct replay *r, const char *citizen, uint32_t number)
{
	char	 key[NAME_MAX_LEN + 16];

	key_of(key, sizeof(key), citizen, number, NULL);
	return map_get(&r->courses, key);
}

/* What was spent in a category on a course, net of reversals and refunds;
 * created at zero. */
static int64_t *
spent_in(struct replay *r, const PbEntry *e)
{
	char	 key[2 * NAME_MAX_LEN + 16];
	int64_t	*v;

	key_of(key, sizeof(key), e->citizen, e->course, e->category);
	if ((v = map_get(&r->spent, key)) == NULL)
		v = map_put(&r->spent, key, xcalloc(sizeof(*v)));
	return v;
}

size_t
replay_open_reservations(struct replay *r)
{
	size_t	 n = 0;

	for (size_t i = 0; i < r->held.cap; i++)
		if (r->held.keys[i] && ((struct held *)r->held.vals[i])->open)
			n++;
	return n;
}

size_t
replay_npools(struct replay *r)
{
	return r->pools.len;
}

size_t
replay_ncourses(struct replay *r)
{
	return r->courses.len;
}

/* The seq of the citizen's last entry; 0 for a citizen never seen. */
uint64_t
replay_citizen_last(struct replay *r, const char *citizen)
{
	uint64_t	*last = map_get(&r->chain, citizen);

	return last ? *last : 0;
}

size_t
replay_ncitizens(struct replay *r)
{
	return r->chain.len;
}

static int __attribute__((format(printf, 3, 4)))
fail(char *why, size_t len, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -1;
}

/* Is acct "kind:name" or, with a course, "kind:name:course"? Compared
 * piece by piece: the verifier asks this twice per entry. */
static int
account_is(const char *acct, const char *kind, const char *name,
    uint32_t course)
{
	size_t		 k = strlen(kind), n = strlen(name);
	char		*end;
	unsigned long	 c;

	if (strncmp(acct, kind, k) != 0 || acct[k] != ':' ||
	    strncmp(acct + k + 1, name, n) != 0)
		return 0;
	acct += k + 1 + n;
	if (course == 0)
		return *acct == '\0';
	if (*acct != ':' || acct[1] < '1' || acct[1] > '9')
		return 0;
	c = strtoul(acct + 1, &end, 10);
	return *end == '\0' && c == course;
}

/* The accounts SPEC §3 gives the entry's operation. */
static int
accounts(const PbEntry *e, const char *debit_kind, const char *debit_name,
    uint32_t debit_course, const char *credit_kind, const char *credit_name,
    uint32_t credit_course)
{
	return account_is(e->debit, debit_kind, debit_name, debit_course) &&
	    account_is(e->credit, credit_kind, credit_name, credit_course) ?
	    0 : -1;
}

static int
replay_pool_create(struct replay *r, const PbEntry *e, char *why, size_t len)
{
	const PbPoolRules	*pr = e->pool_rules;
	struct pool		*p;

	if (pr == NULL || slug_check(e->pool) != BB_OK)
		return fail(why, len, "pool_create without a pool or rules");
	if (map_get(&r->pools, e->pool))
		return fail(why, len, "pool %s created twice", e->pool);
	p = xcalloc(sizeof(*p));
	snprintf(p->slug, sizeof(p->slug), "%s", e->pool);
	snprintf(p->name, sizeof(p->name), "%s", pr->name);
	p->cap = pr->cap;
	p->months = pr->months > LEDGER_MONTHS_MAX ? -1 : (int32_t)pr->months;
	p->grace = pr->grace_days > LEDGER_GRACE_MAX ? -1 :
	    (int32_t)pr->grace_days;
	if (date_parse(pr->valid_from, &p->from) == -1 ||
	    date_parse(pr->valid_to, &p->to) == -1 ||
	    ledger_pool_create(p) != BB_OK) {
		free(p);
		return fail(why, len, "pool %s: rules out of range", e->pool);
	}
	map_put(&r->pools, e->pool, p);
	return 0;
}

static int
replay_reserve(struct replay *r, const PbEntry *e, struct course *c,
    int32_t vdate, int32_t today, char *why, size_t len)
{
	struct held	*h;
	char		 key[32];
	int		 rc;

	if (c == NULL || !*e->category || vdate != today ||
	    accounts(e, "reserved", e->citizen, e->course, "budget",
	    e->citizen, e->course) != 0)
		return fail(why, len, "reservation with wrong course, "
		    "accounts, category or date");
	if ((rc = ledger_reserve(c, e->amount, today)) != BB_OK)
		return fail(why, len, "the rules refuse it: %s", code_name(rc));
	h = xcalloc(sizeof(*h));
	h->amount = e->amount;
	snprintf(h->course, sizeof(h->course), "%s/%u", e->citizen, e->course);
	snprintf(h->category, sizeof(h->category), "%s", e->category);
	h->open = 1;
	snprintf(key, sizeof(key), "%llu", (unsigned long long)e->seq);
	map_put(&r->held, key, h);
	return 0;
}

/* The open reservation a CAPTURE or RELEASE names, on the entry's course. */
static struct held *
held_by(struct replay *r, const PbEntry *e)
{
	struct held	*h;
	char		 key[32], course[NAME_MAX_LEN + 16];

	snprintf(key, sizeof(key), "%llu", (unsigned long long)e->reservation);
	snprintf(course, sizeof(course), "%s/%u", e->citizen, e->course);
	if ((h = map_get(&r->held, key)) == NULL || !h->open ||
	    strcmp(h->course, course) != 0 ||
	    strcmp(h->category, e->category) != 0)
		return NULL;
	return h;
}

static int
replay_capture(struct replay *r, const PbEntry *e, struct course *c,
    int32_t vdate, int32_t today, char *why, size_t len)
{
	struct held	*h;
	int		 rc;

	if (c == NULL || (h = held_by(r, e)) == NULL ||
	    accounts(e, "expense", e->category, 0, "reserved", e->citizen,
	    e->course) != 0)
		return fail(why, len, "capture of no open reservation of its "
		    "course, or with wrong accounts");
	if ((rc = ledger_capture(c, h->amount, e->amount, vdate, today)) !=
	    BB_OK)
		return fail(why, len, "the rules refuse it: %s", code_name(rc));
	*spent_in(r, e) += e->amount;
	h->open = 0;
	if (e->amount < h->amount) {
		r->rest_of = e->reservation;
		r->rest = h->amount - e->amount;
	}
	return 0;
}

/* A release: of a whole reservation, of the rest of a capture just made,
 * or by the daemon when its course's end + grace had passed. */
static int
replay_release(struct replay *r, const PbEntry *e, struct course *c,
    int32_t today, char *why, size_t len)
{
	struct held	*h = NULL;
	char		 key[32];
	int		 rc;

	if (c == NULL || accounts(e, "budget", e->citizen, e->course,
	    "reserved", e->citizen, e->course) != 0)
		return fail(why, len, "release with wrong course or accounts");
	if (r->rest_of) {
		snprintf(key, sizeof(key), "%llu",
		    (unsigned long long)r->rest_of);
		h = map_get(&r->held, key);
		if (e->reservation != r->rest_of || e->amount != r->rest)
			return fail(why, len, "the rest of a partial capture "
			    "is not what is released");
		r->rest_of = 0;
	} else if ((h = held_by(r, e)) == NULL || e->amount != h->amount) {
		return fail(why, len, "release of no open reservation of its "
		    "course, or of another amount");
	}
	if (strcmp(e->note, "expired") == 0 &&
	    (today <= c->end + c->grace || e->actor == NULL ||
	    strcmp(e->actor->role, "daemon") != 0))
		return fail(why, len, "expired before its course's end + "
		    "grace, or not by the daemon");
	if ((rc = ledger_release(c, e->amount)) != BB_OK)
		return fail(why, len, "the rules refuse it: %s", code_name(rc));
	if (h)
		h->open = 0;
	return 0;
}

static int
replay_refund(struct replay *r, const PbEntry *e, struct course *c,
    int32_t vdate, int32_t today, char *why, size_t len)
{
	int	 rc;

	if (c == NULL || !*e->category || accounts(e, "budget", e->citizen,
	    e->course, "expense", e->category, 0) != 0)
		return fail(why, len, "refund with wrong course or accounts");
	if ((rc = ledger_refund(c, spent_in(r, e), e->amount, vdate, today)) !=
	    BB_OK)
		return fail(why, len, "the rules refuse it: %s", code_name(rc));
	return 0;
}

/* The reversed entry's effect undone: a code of the rules, or -1. */
static int
replay_reversal(struct replay *r, const PbEntry *orig, struct pool *p,
    struct course *c, int32_t today)
{
	int	 rc;

	if (p == NULL || (c == NULL &&
	    orig->op != BORGERBUDGET__V1__ENTRY_OP__POOL_FUND))
		return -1;
	switch (orig->op) {
	case BORGERBUDGET__V1__ENTRY_OP__POOL_FUND:
		return ledger_unfund(p, orig->amount);
	case BORGERBUDGET__V1__ENTRY_OP__GRANT:
		return ledger_ungrant(p, c, orig->amount, today);
	case BORGERBUDGET__V1__ENTRY_OP__SPEND:
		if ((rc = ledger_unspend(c, orig->amount, today)) != BB_OK)
			return rc;
		return ledger_category_take(spent_in(r, orig), orig->amount);
	case BORGERBUDGET__V1__ENTRY_OP__REFUND:
		return ledger_unrefund(c, spent_in(r, orig), orig->amount,
		    today);
	default:
		return -1;
	}
}

/*
 * One entry, in journal order. orig is the entry a REVERSE reverses.
 * Returns 0, or -1 with the broken check in why.
 */
int
replay_entry(struct replay *r, const PbEntry *e, const PbEntry *orig,
    char *why, size_t len)
{
	struct pool	*p = NULL;
	struct course	*c = NULL, next, *prev = NULL;
	uint64_t	*last, *by;
	uint32_t	*latest;
	char		 key[NAME_MAX_LEN + 32], end[DATE_BUFSZ];
	int32_t		 today, vdate;
	int64_t		 rest;
	int		 rc = BB_OK;

	if (e->recorded_at < r->last_recorded)
		return fail(why, len, "recorded before the entry ahead of it");
	r->last_recorded = e->recorded_at;
	today = date_of_time(e->recorded_at);
	if (date_parse(e->value_date, &vdate) == -1)
		return fail(why, len, "value date '%.20s' is not a date", e->value_date);
	if (e->amount < 0)
		return fail(why, len, "negative amount");
	if (r->rest_of && e->op != BORGERBUDGET__V1__ENTRY_OP__RELEASE)
		return fail(why, len, "a partial capture is not followed by "
		    "the release of its rest");

	/* The per-citizen chain: each entry names the citizen's last one. */
	if (*e->citizen) {
		/* A citizen already in the chain map was checked then. */
		last = map_get(&r->chain, e->citizen);
		if (last == NULL && citizen_check(e->citizen) != BB_OK)
			return fail(why, len, "citizen '%.64s' is not a valid "
			    "reference", e->citizen);
		if ((last ? *last : 0) != e->citizen_prev)
			return fail(why, len, "the per-citizen chain of %s is "
			    "broken", e->citizen);
		if (last == NULL)
			last = map_put(&r->chain, e->citizen,
			    xcalloc(sizeof(*last)));
		*last = e->seq;
		key_of(key, sizeof(key), e->citizen, e->course, NULL);
		c = map_get(&r->courses, key);
	} else if (e->citizen_prev != 0) {
		return fail(why, len, "a chain link without a citizen");
	}
	if (e->op != BORGERBUDGET__V1__ENTRY_OP__POOL_CREATE && *e->pool &&
	    (p = map_get(&r->pools, e->pool)) == NULL)
		return fail(why, len, "pool %s does not exist", e->pool);

	switch (e->op) {
	case BORGERBUDGET__V1__ENTRY_OP__POOL_CREATE:
		return replay_pool_create(r, e, why, len);
	case BORGERBUDGET__V1__ENTRY_OP__POOL_FUND:
		if (p == NULL || accounts(e, "pool", p->slug, 0, "funding",
		    p->slug, 0) != 0)
			return fail(why, len, "funding with wrong accounts");
		rc = ledger_fund(p, e->amount);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__COURSE_OPEN:
		if (p == NULL || c != NULL)
			return fail(why, len, "course %s opened without a pool "
			    "or twice", key);
		latest = map_get(&r->latest, e->citizen);
		if (latest) {
			snprintf(key, sizeof(key), "%s/%u", e->citizen,
			    *latest);
			prev = map_get(&r->courses, key);
		}
		rc = ledger_course_open(p, prev, &next, e->citizen, vdate,
		    today);
		if (rc != BB_OK)
			break;
		if (next.number != e->course || strcmp(date_format(next.end,
		    end), e->course_end) != 0)
			return fail(why, len, "course number or end of %s does "
			    "not follow from the pool's rules", e->citizen);
		snprintf(key, sizeof(key), "%s/%u", e->citizen, e->course);
		c = map_put(&r->courses, key, xcalloc(sizeof(*c)));
		*c = next;
		if (latest == NULL)
			latest = map_put(&r->latest, e->citizen,
			    xcalloc(sizeof(*latest)));
		*latest = e->course;
		break;
	case BORGERBUDGET__V1__ENTRY_OP__GRANT:
		if (c == NULL || p == NULL || accounts(e, "budget", e->citizen,
		    e->course, "pool", p->slug, 0) != 0)
			return fail(why, len, "grant with wrong course or "
			    "accounts");
		rc = ledger_grant(p, c, e->amount, vdate, today);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__SPEND:
		if (c == NULL || accounts(e, "expense", e->category, 0,
		    "budget", e->citizen, e->course) != 0)
			return fail(why, len, "spend with wrong course or "
			    "accounts");
		rc = ledger_spend(c, e->amount, e->vat, vdate, today);
		if (rc == BB_OK)
			*spent_in(r, e) += e->amount;
		break;
	case BORGERBUDGET__V1__ENTRY_OP__RESERVE:
		return replay_reserve(r, e, c, vdate, today, why, len);
	case BORGERBUDGET__V1__ENTRY_OP__CAPTURE:
		return replay_capture(r, e, c, vdate, today, why, len);
	case BORGERBUDGET__V1__ENTRY_OP__RELEASE:
		return replay_release(r, e, c, today, why, len);
	case BORGERBUDGET__V1__ENTRY_OP__REFUND:
		return replay_refund(r, e, c, vdate, today, why, len);
	case BORGERBUDGET__V1__ENTRY_OP__COURSE_CLOSE:
		if (c == NULL || p == NULL || accounts(e, "pool", p->slug, 0,
		    "budget", e->citizen, e->course) != 0)
			return fail(why, len, "close with wrong course or "
			    "accounts");
		rc = ledger_course_close(p, c, close_reason_parse(e->note),
		    vdate, today, &rest);
		if (rc == BB_OK && rest != e->amount)
			return fail(why, len, "the close returns another "
			    "amount than the course held");
		break;
	case BORGERBUDGET__V1__ENTRY_OP__REVERSE:
		if (orig == NULL || orig->seq >= e->seq ||
		    orig->amount != e->amount ||
		    strcmp(orig->debit, e->credit) != 0 ||
		    strcmp(orig->credit, e->debit) != 0)
			return fail(why, len, "the reversal does not mirror "
			    "the entry it names");
		snprintf(key, sizeof(key), "%llu",
		    (unsigned long long)e->reverses);
		if (map_get(&r->reversed, key))
			return fail(why, len, "entry %s reversed twice", key);
		by = map_put(&r->reversed, key, xcalloc(sizeof(*by)));
		*by = e->seq;
		rc = replay_reversal(r, orig, p, c, today);
		if (rc == -1)
			return fail(why, len, "a reversal of an entry that "
			    "cannot be reversed");
		break;
	default:
		return fail(why, len, "unknown operation");
	}
	if (rc != BB_OK)
		return fail(why, len, "the rules refuse it: %s",
		    code_name(rc));
	return 0;
}
