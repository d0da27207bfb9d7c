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

struct replay {
	struct map	 pools;		/* slug -> struct pool */
	struct map	 courses;	/* citizen/number -> struct course */
	struct map	 latest;	/* citizen -> uint32_t course number */
	struct map	 chain;		/* citizen -> uint64_t last seq */
	struct map	 reversed;	/* seq -> uint64_t reversing seq */
	int64_t		 last_recorded;
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

	snprintf(key, sizeof(key), "%s/%u", citizen, number);
	return map_get(&r->courses, key);
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

	/* The per-citizen chain: each entry names the citizen's last one. */
	if (*e->citizen) {
		if (citizen_check(e->citizen) != BB_OK)
			return fail(why, len, "citizen '%.64s' is not a valid "
			    "reference", e->citizen);
		last = map_get(&r->chain, e->citizen);
		if ((last ? *last : 0) != e->citizen_prev)
			return fail(why, len, "the per-citizen chain of %s is "
			    "broken", e->citizen);
		if (last == NULL)
			last = map_put(&r->chain, e->citizen,
			    xcalloc(sizeof(*last)));
		*last = e->seq;
		snprintf(key, sizeof(key), "%s/%u", e->citizen, e->course);
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
		break;
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
		if (orig->op == BORGERBUDGET__V1__ENTRY_OP__POOL_FUND && p)
			rc = ledger_unfund(p, e->amount);
		else if (orig->op == BORGERBUDGET__V1__ENTRY_OP__GRANT && p && c)
			rc = ledger_ungrant(p, c, e->amount, today);
		else if (orig->op == BORGERBUDGET__V1__ENTRY_OP__SPEND && c)
			rc = ledger_unspend(c, e->amount, today);
		else
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
