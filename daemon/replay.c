#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "log.h"
#include "replay.h"
#include "state.h"
#include "table.h"

/* A reservation as the journal made it. */
struct held {
	int64_t		 amount;
	char		 course[NAME_MAX_LEN + 16];	/* citizen/number */
	char		 category[NAME_MAX_LEN + 1];
	int		 open;
};

/* A course as replayed: the record the daemon keeps, and the latest value
 * date of the entries dating it (ledger_dates_course), which the daemon
 * reads back from the journal when it closes the course. */
struct replayed_course {
	struct course	 c;		/* first: a struct course * to it */
	int32_t		 dated;
};

/* Seqs key their tables by their eight bytes, not their digits: no
 * printf per entry. Names key them by their text. */
struct replay {
	struct table	 pools;		/* slug -> struct pool */
	struct table	 courses;	/* citizen/number -> struct
					   replayed_course */
	struct table	 latest;	/* citizen -> uint32_t course number */
	struct table	 chain;		/* citizen -> uint64_t last seq */
	struct table	 reversed;	/* seq -> uint64_t reversing seq */
	struct table	 held;		/* seq -> struct held */
	struct table	 spent;		/* citizen/number/category -> int64_t */
	int64_t		 last_recorded;
	uint64_t	 rest_of;	/* a partial capture's reservation */
	int64_t		 rest;		/* ... and what it must release */
};

static void *
name_find(const struct table *t, const char *name)
{
	return table_find(t, name, strlen(name));
}

static void *
seq_find(const struct table *t, uint64_t seq)
{
	return table_find(t, &seq, sizeof(seq));
}

/* The value for key, added zeroed when new. */
static void *
add(struct table *t, const void *key, size_t len)
{
	void	*v;

	if ((v = table_add(t, key, len, NULL)) == NULL)
		fatal("%s", __func__);
	return v;
}

static void *
name_add(struct table *t, const char *name)
{
	return add(t, name, strlen(name));
}

static void *
seq_add(struct table *t, uint64_t seq)
{
	return add(t, &seq, sizeof(seq));
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
	struct replay	*r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		fatal("%s", __func__);
	table_init(&r->pools, sizeof(struct pool));
	table_init(&r->courses, sizeof(struct replayed_course));
	table_init(&r->latest, sizeof(uint32_t));
	table_init(&r->chain, sizeof(uint64_t));
	table_init(&r->reversed, sizeof(uint64_t));
	table_init(&r->held, sizeof(struct held));
	table_init(&r->spent, sizeof(int64_t));
	return r;
}

void
replay_free(struct replay *r)
{
	if (r == NULL)
		return;
	table_free(&r->pools);
	table_free(&r->courses);
	table_free(&r->latest);
	table_free(&r->chain);
	table_free(&r->reversed);
	table_free(&r->held);
	table_free(&r->spent);
	free(r);
}

const struct pool *
replay_pool(struct replay *r, const char *slug)
{
	return name_find(&r->pools, slug);
}

const struct course *
replay_course(struct replay *r, const char *citizen, uint32_t number)
{
	char	 key[NAME_MAX_LEN + 16];

	key_of(key, sizeof(key), citizen, number, NULL);
	return name_find(&r->courses, key);
}

/* What was spent in a category on a course, net of reversals and refunds;
 * created at zero. */
static int64_t *
spent_in(struct replay *r, const PbEntry *e)
{
	char	 key[2 * NAME_MAX_LEN + 16];

	key_of(key, sizeof(key), e->citizen, e->course, e->category);
	return name_add(&r->spent, key);
}

size_t
replay_open_reservations(struct replay *r)
{
	const struct held	*h;
	size_t			 n = 0, at = 0;

	while ((h = table_next(&r->held, &at, NULL, NULL)) != NULL)
		if (h->open)
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

/* The latest value date dating a course c of r->courses. */
static int32_t *
dated_of(struct course *c)
{
	return &((struct replayed_course *)(void *)c)->dated;
}

/* The seq of the citizen's last entry; 0 for a citizen never seen. */
uint64_t
replay_citizen_last(struct replay *r, const char *citizen)
{
	uint64_t	*last = name_find(&r->chain, citizen);

	return last ? *last : 0;
}

size_t
replay_ncitizens(struct replay *r)
{
	return r->chain.len;
}

/* The seq of the entry that reversed seq; 0 if none did. */
uint64_t
replay_reversed_by(struct replay *r, uint64_t seq)
{
	uint64_t	*by = seq_find(&r->reversed, seq);

	return by ? *by : 0;
}

size_t
replay_nreversals(struct replay *r)
{
	return r->reversed.len;
}

int
replay_reversal_next(struct replay *r, size_t *at, uint64_t *seq,
    uint64_t *by)
{
	const uint64_t	*v;
	const char	*key;
	size_t		 klen;

	if ((v = table_next(&r->reversed, at, &key, &klen)) == NULL)
		return -1;
	memcpy(seq, key, sizeof(*seq));
	*by = *v;
	return 0;
}

/* "citizen/number" back into its parts: citizens hold no '/'. */
static int
course_of(const char *key, char *citizen, uint32_t *number,
    const char **rest)
{
	const char	*slash = strchr(key, '/');
	char		*end;
	unsigned long	 n;

	if (slash == NULL || (size_t)(slash - key) > NAME_MAX_LEN)
		return -1;
	memcpy(citizen, key, (size_t)(slash - key));
	citizen[slash - key] = '\0';
	n = strtoul(slash + 1, &end, 10);
	if (end == slash + 1 || n > UINT32_MAX)
		return -1;
	*number = (uint32_t)n;
	if (rest)
		*rest = *end == '/' ? end + 1 : end;
	return 0;
}

/* An open reservation as the daemon keeps it; its deadline is its
 * course's end + grace. */
static int
held_view(struct replay *r, uint64_t seq, const struct held *h,
    struct reservation *res)
{
	const struct course	*c;

	memset(res, 0, sizeof(*res));
	if (!h->open || course_of(h->course, res->citizen, &res->course,
	    NULL) != 0)
		return -1;
	res->seq = seq;
	res->amount = h->amount;
	snprintf(res->category, sizeof(res->category), "%s", h->category);
	if ((c = name_find(&r->courses, h->course)) != NULL)
		res->deadline = c->end + c->grace;
	return 0;
}

/* Reservation seq, if it is open after the replay. */
int
replay_reservation(struct replay *r, uint64_t seq, struct reservation *res)
{
	const struct held	*h = seq_find(&r->held, seq);

	return h ? held_view(r, seq, h, res) : -1;
}

int
replay_reservation_next(struct replay *r, size_t *at,
    struct reservation *res)
{
	const struct held	*h;
	const char		*key;
	size_t			 klen;
	uint64_t		 seq;

	while ((h = table_next(&r->held, at, &key, &klen)) != NULL) {
		memcpy(&seq, key, sizeof(seq));
		if (held_view(r, seq, h, res) == 0)
			return 0;
	}
	return -1;
}

/* Net spent in a category of a course; -1 if the replay has no row. */
int
replay_category_spent(struct replay *r, const char *citizen,
    uint32_t number, const char *category, int64_t *spent)
{
	char		 key[2 * NAME_MAX_LEN + 16];
	const int64_t	*v;

	key_of(key, sizeof(key), citizen, number, category);
	if ((v = name_find(&r->spent, key)) == NULL)
		return -1;
	*spent = *v;
	return 0;
}

size_t
replay_ncategories(struct replay *r)
{
	return r->spent.len;
}

/* citizen and category must hold NAME_MAX_LEN + 1 bytes. */
int
replay_category_next(struct replay *r, size_t *at, char *citizen,
    uint32_t *number, char *category, int64_t *spent)
{
	const int64_t	*v;
	const char	*key, *cat;
	size_t		 klen;

	while ((v = table_next(&r->spent, at, &key, &klen)) != NULL) {
		if (course_of(key, citizen, number, &cat) != 0 ||
		    strlen(cat) > NAME_MAX_LEN)
			continue;
		strcpy(category, cat);
		*spent = *v;
		return 0;
	}
	return -1;
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
	struct pool		 p;

	if (pr == NULL || slug_check(e->pool) != BB_OK)
		return fail(why, len, "pool_create without a pool or rules");
	if (name_find(&r->pools, e->pool))
		return fail(why, len, "pool %s created twice", e->pool);
	memset(&p, 0, sizeof(p));
	snprintf(p.slug, sizeof(p.slug), "%s", e->pool);
	snprintf(p.name, sizeof(p.name), "%s", pr->name);
	p.cap = pr->cap;
	p.months = pr->months > LEDGER_MONTHS_MAX ? -1 : (int32_t)pr->months;
	p.grace = pr->grace_days > LEDGER_GRACE_MAX ? -1 :
	    (int32_t)pr->grace_days;
	if (date_parse(pr->valid_from, &p.from) == -1 ||
	    date_parse(pr->valid_to, &p.to) == -1 ||
	    ledger_pool_create(&p) != BB_OK)
		return fail(why, len, "pool %s: rules out of range", e->pool);
	*(struct pool *)name_add(&r->pools, e->pool) = p;
	return 0;
}

static int
replay_reserve(struct replay *r, const PbEntry *e, struct course *c,
    int32_t vdate, int32_t today, char *why, size_t len)
{
	struct held	*h;
	int		 rc;

	if (c == NULL || !*e->category || vdate != today ||
	    accounts(e, "reserved", e->citizen, e->course, "budget",
	    e->citizen, e->course) != 0)
		return fail(why, len, "reservation with wrong course, "
		    "accounts, category or date");
	if ((rc = ledger_reserve(c, e->amount, today)) != BB_OK)
		return fail(why, len, "the rules refuse it: %s", code_name(rc));
	h = seq_add(&r->held, e->seq);
	h->amount = e->amount;
	snprintf(h->course, sizeof(h->course), "%s/%u", e->citizen, e->course);
	snprintf(h->category, sizeof(h->category), "%s", e->category);
	h->open = 1;
	return 0;
}

/* The open reservation a CAPTURE or RELEASE names, on the entry's course. */
static struct held *
held_by(struct replay *r, const PbEntry *e)
{
	struct held	*h;
	char		 course[NAME_MAX_LEN + 16];

	snprintf(course, sizeof(course), "%s/%u", e->citizen, e->course);
	if ((h = seq_find(&r->held, e->reservation)) == NULL || !h->open ||
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
	    BB_OK ||
	    (rc = ledger_category_add(spent_in(r, e), e->amount)) != BB_OK)
		return fail(why, len, "the rules refuse it: %s", code_name(rc));
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
	int		 rc;

	if (c == NULL || accounts(e, "budget", e->citizen, e->course,
	    "reserved", e->citizen, e->course) != 0)
		return fail(why, len, "release with wrong course or accounts");
	if (r->rest_of) {
		h = seq_find(&r->held, r->rest_of);
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
	struct course	*c = NULL, next, *prev = NULL, *earlier;
	uint64_t	*last, *by;
	uint32_t	*latest;
	char		 key[NAME_MAX_LEN + 32], end[DATE_BUFSZ];
	int32_t		 today, vdate;
	int64_t		 rest, held;
	uint32_t	 n;
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
		last = name_find(&r->chain, e->citizen);
		if (last == NULL && citizen_check(e->citizen) != BB_OK)
			return fail(why, len, "citizen '%.64s' is not a valid "
			    "reference", e->citizen);
		if ((last ? *last : 0) != e->citizen_prev)
			return fail(why, len, "the per-citizen chain of %s is "
			    "broken", e->citizen);
		if (last == NULL)
			last = name_add(&r->chain, e->citizen);
		*last = e->seq;
		key_of(key, sizeof(key), e->citizen, e->course, NULL);
		c = name_find(&r->courses, key);
	} else if (e->citizen_prev != 0) {
		return fail(why, len, "a chain link without a citizen");
	}
	if (e->op != BORGERBUDGET__V1__ENTRY_OP__POOL_CREATE && *e->pool &&
	    (p = name_find(&r->pools, e->pool)) == NULL)
		return fail(why, len, "pool %s does not exist", e->pool);

	switch (e->op) {
	case BORGERBUDGET__V1__ENTRY_OP__POOL_CREATE:
		return replay_pool_create(r, e, why, len);
	case BORGERBUDGET__V1__ENTRY_OP__POOL_FUND:
		if (p == NULL || accounts(e, "pool", p->slug, 0, "funding",
		    p->slug, 0) != 0)
			return fail(why, len, "funding with wrong accounts");
		rc = ledger_fund(p, e->amount, vdate, today);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__COURSE_OPEN:
		if (p == NULL || c != NULL)
			return fail(why, len, "course %s opened without a pool "
			    "or twice", key);
		latest = name_find(&r->latest, e->citizen);
		held = 0;
		for (n = 1; latest && n <= *latest; n++) {
			key_of(key, sizeof(key), e->citizen, n, NULL);
			if ((earlier = name_find(&r->courses, key)) == NULL ||
			    ledger_held_add(&held, earlier, p->slug) != BB_OK)
				return fail(why, len, "course %u of %s is "
				    "missing or holds too much", n, e->citizen);
		}
		if (latest) {
			key_of(key, sizeof(key), e->citizen, *latest, NULL);
			prev = name_find(&r->courses, key);
		}
		rc = ledger_course_open(p, prev, &next, e->citizen, vdate,
		    today, held);
		if (rc != BB_OK)
			break;
		if (next.number != e->course || strcmp(date_format(next.end,
		    end), e->course_end) != 0 || next.cap != e->course_cap)
			return fail(why, len, "course number, end or cap of %s "
			    "does not follow from the pool's rules", e->citizen);
		snprintf(key, sizeof(key), "%s/%u", e->citizen, e->course);
		c = name_add(&r->courses, key);
		*c = next;
		*dated_of(c) = DATE_NONE;
		if (latest == NULL)
			latest = name_add(&r->latest, e->citizen);
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
			rc = ledger_category_add(spent_in(r, e), e->amount);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__RESERVE:
		if (replay_reserve(r, e, c, vdate, today, why, len) == -1)
			return -1;
		break;
	case BORGERBUDGET__V1__ENTRY_OP__CAPTURE:
		if (replay_capture(r, e, c, vdate, today, why, len) == -1)
			return -1;
		break;
	case BORGERBUDGET__V1__ENTRY_OP__RELEASE:
		if (replay_release(r, e, c, today, why, len) == -1)
			return -1;
		break;
	case BORGERBUDGET__V1__ENTRY_OP__REFUND:
		if (replay_refund(r, e, c, vdate, today, why, len) == -1)
			return -1;
		break;
	case BORGERBUDGET__V1__ENTRY_OP__COURSE_CLOSE:
		if (c == NULL || p == NULL || accounts(e, "pool", p->slug, 0,
		    "budget", e->citizen, e->course) != 0)
			return fail(why, len, "close with wrong course or "
			    "accounts");
		rc = ledger_course_close(p, c, close_reason_parse(e->note),
		    vdate, today, *dated_of(c), &rest);
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
		if (seq_find(&r->reversed, e->reverses))
			return fail(why, len, "entry %llu reversed twice",
			    (unsigned long long)e->reverses);
		if (ledger_reverse_role(e->actor ? e->actor->role : NULL,
		    orig->op == BORGERBUDGET__V1__ENTRY_OP__POOL_FUND) != BB_OK)
			return fail(why, len, "entry %llu reversed by the %s "
			    "role, which may not make it",
			    (unsigned long long)e->reverses,
			    e->actor ? e->actor->role : "no");
		by = seq_add(&r->reversed, e->reverses);
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
	if (c && ledger_dates_course(e->op) && vdate > *dated_of(c))
		*dated_of(c) = vdate;
	return 0;
}
