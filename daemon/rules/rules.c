#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "documents.h"
#include "entries.h"
#include "ledger.h"
#include "retention.h"
#include "rules.h"
#include "state.h"
#include "store.h"

/* The entry being applied and the records it changes, read first,
 * written back only when every check holds. */
struct step {
	const PbEntry	*e;
	int32_t		 today;
	int32_t		 vdate;
	struct pool	 p;
	struct course	 c;
	int		 has_pool, has_course;
	int		 pool_changed, course_changed;
};

void
rules_init(struct rules *r, ProtobufCAllocator *alloc)
{
	memset(r, 0, sizeof(*r));
	r->alloc = alloc;
	r->lang = lang_ui;
}

static int __attribute__((format(printf, 3, 4)))
refuse(struct rules *r, int code, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), lang_text(r->lang, fmt), ap);
	va_end(ap);
	return code;
}

/* A rule of ledger.c said no: its code is the answer. */
static int
refused(struct rules *r, int code)
{
	return refuse(r, code, "the rules refuse it: %s", code_name(code));
}

/* A table could not be read or written: the store's code. */
static int
damaged(struct rules *r, int code, const char *what)
{
	if (code == BB_NOT_FOUND)
		code = BB_INTERNAL;
	return refuse(r, code, "%s: %s", lang_text(r->lang, what),
	    code == BB_INTERNAL ? lang_text(r->lang,
	    N_("a damaged record, or out of memory")) : code_name(code));
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
	    account_is(e->credit, credit_kind, credit_name, credit_course);
}

/* The entry's course's accounts: "kind:citizen:number". */
#define BUDGET(e)	"budget", (e)->citizen, (e)->course
#define RESERVED(e)	"reserved", (e)->citizen, (e)->course
#define EXPENSE(e)	"expense", (e)->category, 0
#define POOL(e)		"pool", (e)->pool, 0

static int
wrong(struct rules *r, const char *what)
{
	return refuse(r, BB_INTERNAL, "%s", lang_text(r->lang, what));
}

static int
pool_create(struct rules *r, struct store_txn *state, struct step *s)
{
	const PbEntry		*e = s->e;
	const PbPoolRules	*pr = e->pool_rules;
	struct pool		*p = &s->p;
	int			 rc;

	if (pr == NULL || slug_check(e->pool) != BB_OK ||
	    strlen(pr->name) > POOL_NAME_MAX)
		return wrong(r, "a pool without a slug or rules");
	if ((rc = state_pool_get(state, e->pool, p)) == BB_OK)
		return refuse(r, BB_ALREADY_EXISTS, "pool %s created twice",
		    e->pool);
	if (rc != BB_NOT_FOUND)
		return damaged(r, rc, "pools");
	memset(p, 0, sizeof(*p));
	snprintf(p->slug, sizeof(p->slug), "%s", e->pool);
	snprintf(p->name, sizeof(p->name), "%s", pr->name);
	p->cap = pr->cap;
	p->months = pr->months > LEDGER_MONTHS_MAX ? -1 : (int32_t)pr->months;
	p->grace = pr->grace_days > LEDGER_GRACE_MAX ? -1 :
	    (int32_t)pr->grace_days;
	if (date_parse(pr->valid_from, &p->from) == -1 ||
	    date_parse(pr->valid_to, &p->to) == -1 ||
	    ledger_pool_create(p) != BB_OK)
		return refuse(r, BB_BAD_REQUEST, "pool %s: rules out of range",
		    e->pool);
	s->has_pool = s->pool_changed = 1;
	return BB_OK;
}

static int
pool_fund(struct rules *r, struct step *s)
{
	int	 rc;

	if (!s->has_pool || !accounts(s->e, POOL(s->e), "funding", s->e->pool,
	    0))
		return wrong(r, "funding with wrong accounts");
	if ((rc = ledger_fund(&s->p, s->e->amount, s->vdate, s->today)) !=
	    BB_OK)
		return refused(r, rc);
	s->pool_changed = 1;
	return BB_OK;
}

/*
 * The citizen's next course in pool p from start: after every earlier
 * one, with what they hold of the pool's drawing right off its cap
 * (ledger_held_add, ledger_course_open). A citizen has few courses.
 */
int
rules_course_next(struct rules *r, struct store_txn *state, struct pool *p,
    const char *citizen, int32_t start, int32_t today, struct course *next,
    int64_t *held)
{
	struct course	 c, prev;
	uint32_t	 n;
	int		 rc;

	*held = 0;
	for (n = 1; (rc = state_course_get(state, citizen, n, &c)) == BB_OK;
	    n++) {
		if ((rc = ledger_held_add(held, &c, p->slug)) != BB_OK)
			return refuse(r, rc, "course %u of %s holds more than "
			    "a total can", n, citizen);
		prev = c;
	}
	if (rc != BB_NOT_FOUND)
		return damaged(r, rc, "courses");
	if ((rc = ledger_course_open(p, n > 1 ? &prev : NULL, next, citizen,
	    start, today, *held)) != BB_OK)
		return refused(r, rc);
	return BB_OK;
}

static int
course_open(struct rules *r, struct store_txn *state, struct step *s)
{
	const PbEntry	*e = s->e;
	char		 end[DATE_BUFSZ];
	int64_t		 held;
	int		 rc;

	if (!s->has_pool || s->has_course)
		return refuse(r, s->has_course ? BB_ALREADY_EXISTS : BB_INTERNAL,
		    "course %u of %s opened without a pool or twice",
		    e->course, e->citizen);
	if ((rc = rules_course_next(r, state, &s->p, e->citizen, s->vdate,
	    s->today, &s->c, &held)) != BB_OK)
		return rc;
	if (s->c.number != e->course || s->c.cap != e->course_cap ||
	    strcmp(date_format(s->c.end, end), e->course_end) != 0)
		return wrong(r, "course number, end or cap does not follow "
		    "from the pool's rules");
	s->has_course = s->pool_changed = s->course_changed = 1;
	return BB_OK;
}

static int
grant(struct rules *r, struct step *s)
{
	int	 rc;

	if (!s->has_course || !s->has_pool ||
	    !accounts(s->e, BUDGET(s->e), POOL(s->e)))
		return wrong(r, "a grant with wrong course or accounts");
	if ((rc = ledger_grant(&s->p, &s->c, s->e->amount, s->vdate,
	    s->today)) != BB_OK)
		return refused(r, rc);
	s->pool_changed = s->course_changed = 1;
	return BB_OK;
}

/* Net spending in the entry's category on its course: read, changed by
 * change (a rule of ledger.c), written back. */
static int
category(struct rules *r, struct store_txn *state, struct step *s,
    int (*change)(int64_t *, int64_t), int64_t amount)
{
	int64_t	 spent;
	int	 rc;

	if ((rc = category_spent_get(state, &s->c, s->e->category, &spent)) !=
	    BB_OK)
		return damaged(r, rc, "category_spent");
	if ((rc = change(&spent, amount)) != BB_OK)
		return refused(r, rc);
	if ((rc = category_spent_put(state, &s->c, s->e->category, spent)) !=
	    BB_OK)
		return damaged(r, rc, "category_spent");
	return BB_OK;
}

static int
spend(struct rules *r, struct store_txn *state, struct step *s)
{
	int	 rc;

	if (!s->has_course || !*s->e->category ||
	    !accounts(s->e, EXPENSE(s->e), BUDGET(s->e)))
		return wrong(r, "a spend with wrong course, category or "
		    "accounts");
	if ((rc = ledger_spend(&s->c, s->e->amount, s->e->vat, s->vdate,
	    s->today)) != BB_OK)
		return refused(r, rc);
	s->course_changed = 1;
	return category(r, state, s, ledger_category_add, s->e->amount);
}

/* A refund goes to the citizen's budget; after the course closed, to the
 * pool (ledger_refund_closed). */
static int
refund(struct rules *r, struct store_txn *state, struct step *s)
{
	int64_t	 spent;
	int	 rc, closed = s->has_course && s->c.status == COURSE_CLOSED;

	if (!s->has_course || !*s->e->category || (closed ?
	    !s->has_pool || !accounts(s->e, POOL(s->e), EXPENSE(s->e)) :
	    !accounts(s->e, BUDGET(s->e), EXPENSE(s->e))))
		return wrong(r, "a refund with wrong course, category or "
		    "accounts");
	if ((rc = category_spent_get(state, &s->c, s->e->category, &spent)) !=
	    BB_OK)
		return damaged(r, rc, "category_spent");
	if (closed)
		rc = ledger_refund_closed(&s->p, &s->c, &spent, s->e->amount,
		    s->vdate, s->today);
	else
		rc = ledger_refund(&s->c, &spent, s->e->amount, s->vdate,
		    s->today);
	if (rc != BB_OK)
		return refused(r, rc);
	s->pool_changed = closed;
	if ((rc = category_spent_put(state, &s->c, s->e->category, spent)) !=
	    BB_OK)
		return damaged(r, rc, "category_spent");
	s->course_changed = 1;
	return BB_OK;
}

/* A reservation is open until captured, released or expired, once; its
 * deadline is its course's end + grace. */
static int
reserve(struct rules *r, struct store_txn *state, struct step *s)
{
	const PbEntry		*e = s->e;
	struct reservation	 res;
	int			 rc;

	if (!s->has_course || !*e->category ||
	    strlen(e->category) > NAME_MAX_LEN || s->vdate != s->today ||
	    !accounts(e, RESERVED(e), BUDGET(e)))
		return wrong(r, "a reservation with wrong course, accounts, "
		    "category or date");
	if ((rc = ledger_reserve(&s->c, e->amount, s->today)) != BB_OK)
		return refused(r, rc);
	memset(&res, 0, sizeof(res));
	res.seq = e->seq;
	res.amount = e->amount;
	snprintf(res.citizen, sizeof(res.citizen), "%s", e->citizen);
	res.course = e->course;
	res.deadline = s->c.end + s->c.grace;
	snprintf(res.category, sizeof(res.category), "%s", e->category);
	if ((rc = reservation_put(state, &res)) != BB_OK)
		return damaged(r, rc, "reservations");
	s->course_changed = 1;
	return BB_OK;
}

/* The open reservation a CAPTURE or RELEASE names, on its course. */
static int
reservation_named(struct rules *r, struct store_txn *state, struct step *s,
    struct reservation *res)
{
	int	 rc;

	if ((rc = reservation_get(state, &s->c, s->e->reservation, res)) ==
	    BB_NOT_FOUND)
		return refuse(r, BB_RESERVATION_CLOSED, "reservation %llu is "
		    "not open on course %u of %s",
		    (unsigned long long)s->e->reservation, s->e->course,
		    s->e->citizen);
	if (rc != BB_OK)
		return damaged(r, rc, "reservations");
	if (strcmp(res->category, s->e->category) != 0)
		return wrong(r, "not the reservation's category");
	return BB_OK;
}

/* What the invoice did not use is released by the next entry. */
static int
capture(struct rules *r, struct store_txn *state, struct step *s)
{
	const PbEntry		*e = s->e;
	struct reservation	 res;
	int			 rc;

	if (!s->has_course || !accounts(e, EXPENSE(e), RESERVED(e)))
		return wrong(r, "a capture with wrong course or accounts");
	if ((rc = reservation_named(r, state, s, &res)) != BB_OK)
		return rc;
	if ((rc = ledger_capture(&s->c, res.amount, e->amount, s->vdate,
	    s->today)) != BB_OK)
		return refused(r, rc);
	if ((rc = category(r, state, s, ledger_category_add, e->amount)) !=
	    BB_OK)
		return rc;
	if ((rc = reservation_del(state, &res)) != BB_OK)
		return damaged(r, rc, "reservations");
	if (e->amount < res.amount) {
		r->rest_of = res.seq;
		r->rest = res.amount - e->amount;
	}
	s->course_changed = 1;
	return BB_OK;
}

/* A release: of a whole reservation, of the rest of a capture just made,
 * or by the daemon when its course's end + grace had passed. */
static int
release(struct rules *r, struct store_txn *state, struct step *s)
{
	const PbEntry		*e = s->e;
	struct reservation	 res;
	int			 rc, rest = r->rest_of != 0;

	if (!s->has_course || !accounts(e, BUDGET(e), RESERVED(e)))
		return wrong(r, "a release with wrong course or accounts");
	if (rest && (e->reservation != r->rest_of || e->amount != r->rest))
		return wrong(r, "the rest of a partial capture is not what is "
		    "released");
	if (!rest) {
		if ((rc = reservation_named(r, state, s, &res)) != BB_OK)
			return rc;
		if (e->amount != res.amount)
			return wrong(r, "a release of another amount than "
			    "reserved");
	}
	if (strcmp(e->note, "expired") == 0 &&
	    (s->today <= s->c.end + s->c.grace || e->actor == NULL ||
	    strcmp(e->actor->role, "daemon") != 0))
		return wrong(r, "expired before its course's end + grace, or "
		    "not by the daemon");
	if ((rc = ledger_release(&s->c, e->amount)) != BB_OK)
		return refused(r, rc);
	if (!rest && (rc = reservation_del(state, &res)) != BB_OK)
		return damaged(r, rc, "reservations");
	r->rest_of = 0;
	s->course_changed = 1;
	return BB_OK;
}

/*
 * The latest value date of the entries dating course c
 * (ledger_dates_course), DATE_NONE for none: read back along the
 * citizen's chain from the entry at head (0: the citizens table's head),
 * which holds the course's entries after every older course's, to the
 * course's opening. No table keeps it, and a close is rare.
 */
int
rules_course_dated(struct rules *r, struct store_txn *journal,
    const struct course *c, uint64_t head, int32_t *dated)
{
	struct chain_walk	 w;
	struct chain_link	 l;
	char			 buf[DATE_BUFSZ];
	int32_t			 date;
	int			 rc;

	*dated = DATE_NONE;
	l.seq = head;
	if ((rc = chain_walk_start(&w, journal, c->citizen, head)) != BB_OK)
		return damaged(r, rc, "the citizens table");
	while ((rc = chain_walk_next(&w, &l)) == BB_OK) {
		if (l.g.course != c->number && l.g.course != 0)
			return BB_OK;
		if (l.g.course == 0 || !ledger_dates_course((int)l.g.op))
			continue;
		if (l.g.value_date.len >= sizeof(buf))
			goto broken;
		memcpy(buf, l.g.value_date.p, l.g.value_date.len);
		buf[l.g.value_date.len] = '\0';
		if (date_parse(buf, &date) == -1)
			goto broken;
		if (date > *dated)
			*dated = date;
		if (l.g.op == BORGERBUDGET__V1__ENTRY_OP__COURSE_OPEN)
			return BB_OK;
	}
	if (rc != BB_NOT_FOUND)
		return damaged(r, rc, "the entries table");
	if (w.broken == 0)
		return BB_OK;
broken:
	return refuse(r, BB_INTERNAL, "the chain of %s is damaged at entry "
	    "%llu", c->citizen, (unsigned long long)(w.broken ? w.broken :
	    l.seq));
}

static int
course_close(struct rules *r, struct store_txn *journal, struct step *s)
{
	const PbEntry	*e = s->e;
	int64_t		 rest;
	int32_t		 dated;
	int		 rc;

	if (!s->has_course || !s->has_pool ||
	    !accounts(e, POOL(e), BUDGET(e)))
		return wrong(r, "a close with wrong course or accounts");
	/* The daemon closes only what its end + grace left open. */
	if (e->actor && strcmp(e->actor->role, "daemon") == 0 &&
	    (close_reason_parse(e->note) != CLOSE_ENDED ||
	    s->today <= s->c.end + s->c.grace))
		return wrong(r, "closed by the daemon before its end + grace, "
		    "or for another reason than ended");
	if ((rc = rules_course_dated(r, journal, &s->c, e->citizen_prev,
	    &dated)) != BB_OK)
		return rc;
	if ((rc = ledger_course_close(&s->p, &s->c, close_reason_parse(e->note),
	    s->vdate, s->today, dated, &rest)) != BB_OK)
		return refused(r, rc);
	if (rest != e->amount)
		return wrong(r, "the close returns another amount than the "
		    "course held");
	s->pool_changed = s->course_changed = 1;
	return BB_OK;
}

static int
refund_undone(struct rules *r, struct store_txn *state, struct step *s,
    int64_t amount)
{
	int64_t	 spent;
	int	 rc;

	if ((rc = category_spent_get(state, &s->c, s->e->category, &spent)) !=
	    BB_OK)
		return damaged(r, rc, "category_spent");
	if ((rc = ledger_unrefund(&s->c, &spent, amount, s->today)) != BB_OK)
		return refused(r, rc);
	if ((rc = category_spent_put(state, &s->c, s->e->category, spent)) !=
	    BB_OK)
		return damaged(r, rc, "category_spent");
	return BB_OK;
}

/* The reversed entry's effect undone, under the rules that made it. */
static int
undo(struct rules *r, struct store_txn *state, struct step *s,
    const PbEntry *orig)
{
	int	 rc;

	switch (orig->op) {
	case BORGERBUDGET__V1__ENTRY_OP__POOL_FUND:
		if (!s->has_pool)
			break;
		s->pool_changed = 1;
		return (rc = ledger_unfund(&s->p, orig->amount)) == BB_OK ?
		    rc : refused(r, rc);
	case BORGERBUDGET__V1__ENTRY_OP__GRANT:
		if (!s->has_pool || !s->has_course)
			break;
		s->pool_changed = s->course_changed = 1;
		return (rc = ledger_ungrant(&s->p, &s->c, orig->amount,
		    s->today)) == BB_OK ? rc : refused(r, rc);
	case BORGERBUDGET__V1__ENTRY_OP__SPEND:
		if (!s->has_course)
			break;
		if ((rc = ledger_unspend(&s->c, orig->amount, s->today)) !=
		    BB_OK)
			return refused(r, rc);
		s->course_changed = 1;
		return category(r, state, s, ledger_category_take,
		    orig->amount);
	case BORGERBUDGET__V1__ENTRY_OP__REFUND:
		if (!s->has_course)
			break;
		s->course_changed = 1;
		return refund_undone(r, state, s, orig->amount);
	default:
		return refuse(r, BB_BAD_REQUEST, "entry %llu cannot be "
		    "reversed", (unsigned long long)orig->seq);
	}
	return wrong(r, "a reversal without the pool or course of its entry");
}

/*
 * A reversal mirrors the entry it names, which is reversed once, by the
 * role that may make it (ledger_reverse_role).
 */
static int
reverse(struct rules *r, struct store_txn *state, struct store_txn *journal,
    struct step *s)
{
	const PbEntry	*e = s->e;
	PbEntry		*orig;
	const uint8_t	*leaf;
	uint64_t	 by;
	size_t		 len;
	int		 rc;

	if (e->reverses == 0 || e->reverses >= e->seq)
		return wrong(r, "a reversal of no earlier entry");
	if ((rc = entry_leaf(journal, e->reverses, &leaf, &len)) != BB_OK)
		return damaged(r, rc, "the entries table");
	if ((orig = borgerbudget__v1__entry__unpack(r->alloc, len, leaf)) ==
	    NULL)
		return wrong(r, "the reversed entry does not decode");
	if (orig->amount != e->amount || strcmp(orig->debit, e->credit) != 0 ||
	    strcmp(orig->credit, e->debit) != 0 ||
	    strcmp(orig->citizen, e->citizen) != 0 ||
	    orig->course != e->course || strcmp(orig->pool, e->pool) != 0 ||
	    strcmp(orig->category, e->category) != 0) {
		rc = wrong(r, "the reversal does not mirror the entry it "
		    "names");
		goto done;
	}
	if ((rc = state_reversal_get(state, e->reverses, &by)) == BB_OK) {
		rc = refuse(r, BB_ALREADY_REVERSED, "entry %llu reversed "
		    "twice", (unsigned long long)e->reverses);
		goto done;
	}
	if (rc != BB_NOT_FOUND) {
		rc = damaged(r, rc, "reversals");
		goto done;
	}
	if ((rc = ledger_reverse_role(e->actor ? e->actor->role : NULL,
	    orig->op == BORGERBUDGET__V1__ENTRY_OP__POOL_FUND)) != BB_OK) {
		rc = refuse(r, rc, "entry %llu reversed by the %s role, which "
		    "may not make it", (unsigned long long)e->reverses,
		    e->actor ? e->actor->role : "no");
		goto done;
	}
	if ((rc = undo(r, state, s, orig)) == BB_OK &&
	    (rc = state_reversal_put(state, e->reverses, e->seq)) != BB_OK)
		rc = damaged(r, rc, "reversals");
done:
	borgerbudget__v1__entry__free_unpacked(orig, r->alloc);
	return rc;
}

/*
 * What a leaf may say in words. Personal text never: a person's words
 * are a commitment (SHA-256 of salt and text, kept beside the journal);
 * the note the leaf does hold is one the daemon writes itself, a close's
 * reason or why a reservation was released, so the verifier proves no
 * note about a citizen ever entered a leaf. A voucher document is named
 * by its SHA-256, size and media type, on the entries that take one.
 */
static const char *const release_whys[] = {
	"released", "expired", "course closed", "rest after capture", NULL
};

static int
leaf_words(struct rules *r, const PbEntry *e)
{
	size_t	 i;
	int	 voucher;

	if (e->note_commitment.len != 0 && e->note_commitment.len != 32)
		return wrong(r, "a note commitment that is no SHA-256");
	switch (e->op) {
	case BORGERBUDGET__V1__ENTRY_OP__COURSE_CLOSE:
		if (close_reason_parse(e->note) == CLOSE_NONE)
			return wrong(r, "a close without its reason");
		break;
	case BORGERBUDGET__V1__ENTRY_OP__RELEASE:
		for (i = 0; release_whys[i] && strcmp(e->note,
		    release_whys[i]) != 0; i++)
			;
		if (release_whys[i] == NULL)
			return wrong(r, "a release that does not say why in "
			    "the daemon's words");
		break;
	default:
		if (*e->note != '\0')
			return wrong(r, "text in the leaf where only a "
			    "commitment to it belongs");
	}
	voucher = e->op == BORGERBUDGET__V1__ENTRY_OP__POOL_FUND ||
	    e->op == BORGERBUDGET__V1__ENTRY_OP__SPEND ||
	    e->op == BORGERBUDGET__V1__ENTRY_OP__CAPTURE ||
	    e->op == BORGERBUDGET__V1__ENTRY_OP__REFUND;
	if (e->receipt_sha256.len == 0)
		return e->receipt_size == 0 && *e->receipt_type == '\0' ? BB_OK :
		    wrong(r, "a document's size or type without its hash");
	if (!voucher)
		return wrong(r, "a voucher document on an entry that takes "
		    "none");
	if (e->receipt_sha256.len != 32 || e->receipt_size == 0 ||
	    document_type_name(e->receipt_type) == NULL)
		return wrong(r, "a voucher document without its SHA-256, size "
		    "or one of the media types");
	return BB_OK;
}

/* Which entries name a voucher document: an erasure keeps a document
 * another citizen's entry still names. */
static int
document_use(struct store_txn *state, const PbEntry *e)
{
	uint8_t	 key[32 + 8];

	memcpy(key, e->receipt_sha256.data, 32);
	be64_put(key + 32, e->seq);
	return store_put(state, ST_DOCUMENT_USES, key, sizeof(key), "", 0,
	    0);
}

/* The citizen's chain: each entry names the citizen's last one. */
static int
chain(struct rules *r, struct store_txn *state, const PbEntry *e)
{
	struct store_val	 v;
	uint64_t		 last = 0;
	int			 rc;

	if (*e->citizen == '\0')
		return e->citizen_prev == 0 ? BB_OK :
		    wrong(r, "a chain link without a citizen");
	rc = store_get(state, ST_CITIZENS, e->citizen, strlen(e->citizen), &v);
	if (rc == BB_OK && v.len == 8)
		last = be64_get(v.data);
	else if (rc != BB_NOT_FOUND)
		return damaged(r, rc, "citizens");
	else if (citizen_check(e->citizen) != BB_OK)
		return refuse(r, BB_BAD_REQUEST, "citizen '%.64s' is not a "
		    "valid reference", e->citizen);
	if (last != e->citizen_prev)
		return wrong(r, "the per-citizen chain is broken");
	return BB_OK;
}

/* The records the entry names: its pool and its course. */
static int
records(struct rules *r, struct store_txn *state, struct step *s)
{
	const PbEntry	*e = s->e;
	int		 rc;

	if (*e->pool && e->op != BORGERBUDGET__V1__ENTRY_OP__POOL_CREATE) {
		if ((rc = state_pool_get(state, e->pool, &s->p)) == BB_NOT_FOUND)
			return refuse(r, BB_NOT_FOUND, "pool %s does not "
			    "exist", e->pool);
		if (rc != BB_OK)
			return damaged(r, rc, "pools");
		s->has_pool = 1;
	}
	if (*e->citizen && e->course != 0) {
		rc = state_course_get(state, e->citizen, e->course, &s->c);
		if (rc != BB_OK && rc != BB_NOT_FOUND)
			return damaged(r, rc, "courses");
		s->has_course = rc == BB_OK;
		if (s->has_course && strcmp(s->c.pool, e->pool) != 0)
			return wrong(r, "the entry names another pool than "
			    "its course's");
	}
	return BB_OK;
}

/*
 * One entry, in journal order: BB_OK and its effect written to state,
 * or the code of the first check that failed (r->why says which) and
 * nothing written. journal holds the entries before it.
 */
int
rules_apply(struct rules *r, struct store_txn *state,
    struct store_txn *journal, const PbEntry *e)
{
	struct step	 s;
	uint8_t		 seq[8];
	int		 rc;

	r->why[0] = '\0';
	memset(&s, 0, sizeof(s));
	s.e = e;
	if (e->recorded_at < r->last_recorded)
		return wrong(r, "recorded before the entry ahead of it");
	s.today = date_of_time(e->recorded_at);
	if (date_parse(e->value_date, &s.vdate) == -1)
		return refuse(r, BB_BAD_REQUEST, "value date '%.20s' is not a "
		    "date", e->value_date);
	if (e->amount < 0)
		return refuse(r, BB_BAD_REQUEST, "a negative amount");
	if (r->rest_of && e->op != BORGERBUDGET__V1__ENTRY_OP__RELEASE)
		return wrong(r, "a partial capture is not followed by the "
		    "release of its rest");
	if ((rc = leaf_words(r, e)) != BB_OK ||
	    (rc = chain(r, state, e)) != BB_OK ||
	    (rc = records(r, state, &s)) != BB_OK)
		return rc;

	switch (e->op) {
	case BORGERBUDGET__V1__ENTRY_OP__POOL_CREATE:
		rc = pool_create(r, state, &s);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__POOL_FUND:
		rc = pool_fund(r, &s);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__COURSE_OPEN:
		rc = course_open(r, state, &s);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__GRANT:
		rc = grant(r, &s);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__SPEND:
		rc = spend(r, state, &s);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__RESERVE:
		rc = reserve(r, state, &s);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__CAPTURE:
		rc = capture(r, state, &s);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__RELEASE:
		rc = release(r, state, &s);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__REFUND:
		rc = refund(r, state, &s);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__COURSE_CLOSE:
		rc = course_close(r, journal, &s);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__REVERSE:
		rc = reverse(r, state, journal, &s);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__ARCHIVE:
		rc = retention_archive(state, e, r->why, sizeof(r->why),
		    r->lang);
		break;
	case BORGERBUDGET__V1__ENTRY_OP__ERASE:
		rc = retention_erase(state, e, s.today, r->why,
		    sizeof(r->why), r->lang);
		break;
	default:
		rc = wrong(r, "an unknown operation");
		break;
	}
	if (rc != BB_OK)
		return rc;

	if (e->receipt_sha256.len == 32 && (rc = document_use(state, e)) !=
	    BB_OK)
		return damaged(r, rc, "document_uses");
	be64_put(seq, e->seq);
	if ((*e->citizen && (rc = store_put(state, ST_CITIZENS, e->citizen,
	    strlen(e->citizen), seq, sizeof(seq), 0)) != BB_OK) ||
	    (s.pool_changed && (rc = state_pool_put(state, &s.p)) != BB_OK) ||
	    (s.course_changed && (rc = state_course_put(state, &s.c)) !=
	    BB_OK))
		return damaged(r, rc, "a table");
	r->last_recorded = e->recorded_at;
	return BB_OK;
}
