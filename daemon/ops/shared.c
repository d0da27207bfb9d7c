/*
 * What several handlers, and the daemon's own expiry, share: the course
 * an entry is written on, the release of a reservation, the group of
 * entries that closes a course. Each proposes entries; the rules decide.
 */

#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "codes.h"
#include "config.h"
#include "documents.h"
#include "glance.h"
#include "journal.h"
#include "ledger.h"
#include "log.h"
#include "ops.h"
#include "retention.h"
#include "state.h"
#include "store.h"
#include "upload.h"

int
citizen_valid(struct turn *t, const char *citizen)
{
	int	 rc;

	if ((rc = citizen_check(citizen)) != BB_OK)
		return turn_refuse(t, rc, rc == BB_CPR_NOT_ALLOWED ?
		    N_("a citizen reference must not be a CPR number") :
		    N_("a citizen reference is 1-64 of [A-Za-z0-9._-]"));
	return BB_OK;
}

/* The citizen's latest course and its pool, for an entry on the course. */
int
course_for_write(struct turn *t, const char *citizen, struct course *c,
    struct pool *p)
{
	int	 rc;

	if ((rc = citizen_valid(t, citizen)) != BB_OK)
		return rc;
	if ((rc = state_course_latest(t->txn, citizen, c)) != BB_OK)
		return rc == BB_NOT_FOUND ? turn_refuse(t, rc,
		    "citizen %s has no course", citizen) : rc;
	if (c->status != COURSE_OPEN)
		return turn_refuse(t, BB_COURSE_CLOSED,
		    "course %u of %s is closed", c->number, citizen);
	if ((rc = state_pool_get(t->txn, c->pool, p)) != BB_OK)
		return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
	return BB_OK;
}

/*
 * The group of entries that closes course c of pool p on date: each open
 * reservation released, then the remainder back to the pool. The close is
 * tried on a copy first (ledger_course_close, as the rules will decide
 * it), so a refused close appends nothing; *dated is then the latest
 * value date on the course, for the words of the refusal.
 */
int
course_close_group(struct turn *t, const struct course *c,
    const struct pool *p, int reason, int32_t date, int32_t *dated)
{
	PbEntry			 e = BORGERBUDGET__V1__ENTRY__INIT;
	struct reservation	*open;
	struct course		 probe = *c;
	struct pool		 probe_pool = *p;
	int64_t			 remainder;
	size_t			 i, nopen;
	int			 rc;

	if ((rc = rules_course_dated(&t->rules, t->txn, c, 0, dated)) !=
	    BB_OK) {
		log_warnx("closing course %u of %s: %s", c->number,
		    c->citizen, t->rules.why);
		return rc;
	}
	probe.reserved = 0;
	if ((rc = ledger_course_close(&probe_pool, &probe, reason, date,
	    t->today, *dated, &remainder)) != BB_OK)
		return rc;
	if ((rc = reservations_of(t->txn, t->arena, c, &open, &nopen)) !=
	    BB_OK)
		return rc;
	for (i = 0; i < nopen; i++)
		if ((rc = reservation_release(t, c, &open[i], open[i].amount,
		    "course closed")) != BB_OK)
			return rc;

	e.op = BORGERBUDGET__V1__ENTRY_OP__COURSE_CLOSE;
	e.citizen = (char *)c->citizen;
	e.course = c->number;
	e.pool = (char *)p->slug;
	e.debit = journal_account(t, "pool", p->slug, 0);
	e.credit = journal_account(t, "budget", c->citizen, c->number);
	e.amount = remainder;
	e.value_date = turn_date(t, date);
	e.note = (char *)close_reason_name(reason);
	return journal_append(t, &e);
}

/* Appends the RELEASE of amount of reservation r of course c. */
int
reservation_release(struct turn *t, const struct course *c,
    const struct reservation *r, int64_t amount, const char *why)
{
	PbEntry	 e = BORGERBUDGET__V1__ENTRY__INIT;

	e.op = BORGERBUDGET__V1__ENTRY_OP__RELEASE;
	e.citizen = (char *)c->citizen;
	e.course = c->number;
	e.pool = (char *)c->pool;
	e.category = (char *)r->category;
	e.debit = journal_account(t, "budget", c->citizen, c->number);
	e.credit = journal_account(t, "reserved", c->citizen, c->number);
	e.amount = amount;
	e.value_date = turn_date(t, t->today);
	e.note = (char *)why;
	e.reservation = r->seq;
	return journal_append(t, &e);
}

/*
 * The texts of a purchase, in the order a person fixes them: a configured
 * category, a voucher (and the refusal, marked N_, when it is missing:
 * "a spend needs a voucher (the invoice number)"), a free note. NULL
 * skips one.
 */
int
purchase_texts(struct turn *t, const char *category, const char *voucher,
    const char *missing, const char *note)
{
	int	 rc;

	if (category && config_category(t->conf, category) == NULL)
		return turn_refuse(t, BB_UNKNOWN_CATEGORY,
		    "no category named '%s' is configured", category);
	if (voucher && *voucher == '\0')
		return turn_refuse(t, BB_BAD_REQUEST, "%s",
		    lang_text(t->lang, missing));
	if (voucher && (rc = turn_text(t, N_("the voucher"), voucher, 0)) !=
	    BB_OK)
		return rc;
	if (note && (rc = turn_text(t, N_("the note"), note, TEXT_FREE)) !=
	    BB_OK)
		return rc;
	return BB_OK;
}

/*
 * The voucher document an entry names by its SHA-256: one the ledger
 * keeps already (an invoice attached before, a retried write), or the
 * one this connection uploaded whole. Its size and media type go into
 * the leaf; its bytes are stored once the entry is (entry_append).
 */
int
receipt_named(struct turn *t, ProtobufCBinaryData sha256, PbEntry *e)
{
	struct store_val	 v;
	char			 hex[65];
	int			 rc;

	if (sha256.len == 0)
		return BB_OK;
	if (sha256.len != 32)
		return turn_refuse(t, BB_BAD_REQUEST,
		    "a receipt is named by its SHA-256, 32 bytes");
	e->receipt_sha256 = sha256;
	if ((rc = document_get(t->txn, sha256.data, &v)) == BB_OK) {
		e->receipt_size = v.len;
		if ((e->receipt_type = (char *)document_type(v.data,
		    v.len)) == NULL)
			return BB_INTERNAL;
		return BB_OK;
	}
	if (rc != BB_NOT_FOUND)
		return rc;
	if (upload_ready(t->upload, sha256.data)) {
		e->receipt_size = upload_size(t->upload);
		e->receipt_type = (char *)upload_type(t->upload);
		return BB_OK;
	}
	sodium_bin2hex(hex, sizeof(hex), sha256.data, 32);
	return turn_refuse(t, BB_BAD_REQUEST, "no document with SHA-256 %s "
	    "was uploaded whole on this connection; send it first "
	    "(budgetctl --receipt FILE)", hex);
}

/*
 * Appends an entry with its personal text (a commitment in the leaf,
 * the text beside it) and, once it is appended, the voucher document
 * receipt_named found staged: a refused entry stores no document.
 */
int
entry_append(struct turn *t, PbEntry *e, const char *text)
{
	struct store_val	 v;
	int			 rc;

	if ((rc = journal_append_text(t, e, text)) != BB_OK ||
	    e->receipt_sha256.len == 0)
		return rc;
	if ((rc = document_get(t->txn, e->receipt_sha256.data, &v)) !=
	    BB_NOT_FOUND)
		return rc;
	return upload_store(t->upload, t->txn);
}

/*
 * The personal text of entry seq and its salt, into the turn's arena, for
 * an answer: "" and no salt where the entry has none.
 */
int
entry_text(struct turn *t, uint64_t seq, char **text,
    ProtobufCBinaryData *salt)
{
	const uint8_t	*s;
	const char	*p;
	size_t		 len;
	int		 rc;

	*text = "";
	salt->len = 0;
	salt->data = NULL;
	if ((rc = journal_text(t->txn, seq, &p, &len, &s)) == BB_NOT_FOUND)
		return BB_OK;
	if (rc != BB_OK)
		return rc;
	*text = arena_alloc(t->arena, len + 1);
	memcpy(*text, p, len);
	(*text)[len] = '\0';
	salt->data = arena_memdup(t->arena, s, JOURNAL_SALT);
	salt->len = JOURNAL_SALT;
	return BB_OK;
}

/* The last of citizen's entries an erasure covers (0: none): an entry
 * up to it had its text and document erased. Read once per answer. */
int
citizen_erased(struct turn *t, const char *citizen, uint64_t *through)
{
	uint64_t	 by;

	*through = 0;
	if (*citizen == '\0')
		return BB_OK;
	return retention_erased(t->txn, citizen, &by, through);
}

/* The citizen a stored entry names, as a C string ("" for none). */
int
leaf_citizen(const uint8_t *leaf, size_t len, char *out, size_t outlen)
{
	struct glance	 g;

	if (glance_entry(leaf, len, &g) != 0 || g.citizen.len >= outlen)
		return BB_INTERNAL;
	if (g.citizen.len > 0)
		memcpy(out, g.citizen.p, g.citizen.len);
	out[g.citizen.len] = '\0';
	return BB_OK;
}

/*
 * The categories an answer's entries name, a bit for each of the
 * configuration's categories: the answer then carries each one's label
 * once, however many lines name it.
 */
_Static_assert(CONFIG_CATEGORIES_MAX <= 64,
    "a category's bit does not fit a uint64_t");

void
category_named(const struct turn *t, uint64_t *named,
    const struct glance_str *category)
{
	const struct config	*c = t->conf;

	if (category->len == 0)
		return;
	for (int i = 0; i < c->ncategories; i++)
		if (glance_is(category, c->categories[i].slug,
		    strlen(c->categories[i].slug))) {
			*named |= 1ULL << i;
			return;
		}
}

/* The labels of the categories named; a slug the configuration no
 * longer has gets none, and the client prints the slug. */
PbCategoryLabel **
category_labels(struct turn *t, uint64_t named, size_t *n)
{
	const struct config	*c = t->conf;
	PbCategoryLabel		**labels, *l;

	*n = 0;
	if (named == 0)
		return NULL;
	labels = arena_alloc(t->arena, (size_t)__builtin_popcountll(named) *
	    sizeof(*labels));
	for (int i = 0; i < c->ncategories; i++) {
		if ((named & (1ULL << i)) == 0)
			continue;
		l = arena_alloc(t->arena, sizeof(*l));
		borgerbudget__v1__category_label__init(l);
		/* The configuration outlives every answer. */
		l->category = (char *)c->categories[i].slug;
		l->label = (char *)c->categories[i].label;
		labels[(*n)++] = l;
	}
	return labels;
}
