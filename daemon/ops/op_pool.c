/* pool create, pool fund, pool show, pool list */

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "codes.h"
#include "date.h"
#include "journal.h"
#include "ledger.h"
#include "ops.h"
#include "state.h"
#include "store.h"

/* A pool named in a request: a slug, before it becomes a key. */
int
pool_valid(struct turn *t, const char *slug)
{
	if (slug_check(slug) != BB_OK)
		return turn_refuse(t, BB_BAD_REQUEST,
		    "a pool is named by a slug of 1-64 of [a-z0-9_-]");
	return BB_OK;
}

PbPoolInfo *
pool_info(struct turn *t, const struct pool *p)
{
	PbPoolInfo	*pi = arena_alloc(t->arena, sizeof(*pi));
	PbPoolRules	*r = arena_alloc(t->arena, sizeof(*r));

	borgerbudget__v1__pool_info__init(pi);
	borgerbudget__v1__pool_rules__init(r);
	pi->pool = arena_strdup(t->arena, p->slug);
	r->name = arena_strdup(t->arena, p->name);
	r->cap = p->cap;
	r->months = (uint32_t)p->months;
	r->valid_from = turn_date(t, p->from);
	r->valid_to = turn_date(t, p->to);
	r->grace_days = (uint32_t)p->grace;
	pi->rules = r;
	pi->funded = p->funded;
	pi->granted = p->granted;
	pi->returned = p->returned;
	pi->balance = pool_balance(p);
	pi->courses_open = p->courses_open;
	pi->courses_closed = p->courses_closed;
	return pi;
}

int
op_pool_create(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__PoolCreate	*m = op->pool_create;
	const PbPoolRules			*r = m->rules;
	PbEntry		 e = BORGERBUDGET__V1__ENTRY__INIT;
	PbPoolRules	 rules;
	struct pool	 p;
	int		 rc;

	if (slug_check(m->pool) != BB_OK)
		return turn_refuse(t, BB_BAD_REQUEST,
		    "a pool is named by a slug of 1-64 of [a-z0-9_-]");
	if (r == NULL)
		return turn_refuse(t, BB_BAD_REQUEST, "the pool has no rules");
	if ((rc = turn_text(t, N_("the pool's name"), r->name, TEXT_FREE)) !=
	    BB_OK)
		return rc;
	if (strlen(r->name) > POOL_NAME_MAX)
		return turn_refuse(t, BB_BAD_REQUEST,
		    "the pool's name must be at most %d bytes of text",
		    POOL_NAME_MAX);
	memset(&p, 0, sizeof(p));
	snprintf(p.slug, sizeof(p.slug), "%s", m->pool);
	snprintf(p.name, sizeof(p.name), "%s", r->name);
	if (date_parse(r->valid_from, &p.from) == -1 ||
	    date_parse(r->valid_to, &p.to) == -1)
		return turn_refuse(t, BB_BAD_REQUEST,
		    "the pool needs valid-from and valid-to dates (YYYY-MM-DD)");
	p.cap = r->cap;
	p.months = r->months > LEDGER_MONTHS_MAX ? -1 : (int32_t)r->months;
	p.grace = r->grace_days > LEDGER_GRACE_MAX ? -1 :
	    (int32_t)r->grace_days;
	if (ledger_pool_create(&p) != BB_OK)
		return turn_refuse(t, BB_BAD_REQUEST, "pool rules out of range: "
		    "cap 0,01-50.000,00 kr., 1-%d months, 0-%d grace days, "
		    "from <= to", LEDGER_MONTHS_MAX, LEDGER_GRACE_MAX);
	rc = state_pool_get(t->txn, p.slug, &(struct pool){ 0 });
	if (rc == BB_OK)
		return turn_refuse(t, BB_ALREADY_EXISTS, "pool %s exists",
		    p.slug);
	if (rc != BB_NOT_FOUND)
		return rc;

	rules = *r;
	rules.base.unknown_fields = NULL;
	rules.base.n_unknown_fields = 0;
	e.op = BORGERBUDGET__V1__ENTRY_OP__POOL_CREATE;
	e.pool = p.slug;
	e.value_date = turn_date(t, t->today);
	e.pool_rules = &rules;
	if ((rc = journal_append(t, &e)) != BB_OK)
		return rc;
	res->seq = t->first_seq;
	return BB_OK;
}

int
op_pool_fund(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__PoolFund	*m = op->pool_fund;
	PbEntry		 e = BORGERBUDGET__V1__ENTRY__INIT;
	struct pool	 p;
	int32_t		 date;
	int		 rc;

	if ((rc = pool_valid(t, m->pool)) != BB_OK)
		return rc;
	if ((rc = turn_text(t, N_("the note"), m->note, TEXT_FREE)) !=
	    BB_OK)
		return rc;
	if ((rc = turn_value_date(t, m->value_date, &date)) != BB_OK)
		return rc;
	if ((rc = state_pool_get(t->txn, m->pool, &p)) != BB_OK)
		return rc == BB_NOT_FOUND ? turn_refuse(t, rc,
		    "no pool named %s", m->pool) : rc;
	e.op = BORGERBUDGET__V1__ENTRY_OP__POOL_FUND;
	e.pool = p.slug;
	e.debit = journal_account(t, "pool", p.slug, 0);
	e.credit = journal_account(t, "funding", p.slug, 0);
	e.amount = m->amount;
	e.value_date = turn_date(t, date);
	if ((rc = receipt_named(t, m->receipt_sha256, &e)) != BB_OK)
		return rc;
	if ((rc = entry_append(t, &e, m->note)) == BB_OUTSIDE_WINDOW)
		return turn_refuse(t, rc, "the value date %s lies after today, "
		    "%s: funding counts from the day it arrives",
		    turn_date(t, date), turn_date(t, t->today));
	if (rc != BB_OK)
		return rule_free(rc) ? rc : turn_amount(t, m->amount);
	res->seq = t->first_seq;
	return BB_OK;
}

int
op_pool_show(struct turn *t, const PbOp *op, PbResult *res)
{
	struct pool	 p;
	int		 rc;

	if ((rc = pool_valid(t, op->pool_show->pool)) != BB_OK)
		return rc;
	if ((rc = state_pool_get(t->txn, op->pool_show->pool, &p)) != BB_OK)
		return rc == BB_NOT_FOUND ? turn_refuse(t, rc,
		    "no pool named %s", op->pool_show->pool) : rc;
	res->pool = pool_info(t, &p);
	return BB_OK;
}

/* What the courses of each pool spent and hold reserved: one pass over
 * the course records (a report, not a journal scan). */
static int
pools_spent(struct turn *t, PbPoolInfo **pools, size_t n)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	struct course		 c;
	size_t			 i;
	int			 rc;

	if ((rc = store_cursor_open(t->txn, ST_COURSES, &cur)) != BB_OK)
		return rc;
	for (rc = store_cursor_next(cur, &k, &v); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &v)) {
		if ((rc = state_course_decode(&v, &c)) != BB_OK)
			break;
		for (i = 0; i < n; i++)
			if (strcmp(pools[i]->pool, c.pool) == 0) {
				pools[i]->spent += c.spent - c.refunded;
				pools[i]->reserved += c.reserved;
			}
	}
	store_cursor_close(cur);
	return rc == BB_NOT_FOUND ? BB_OK : rc;
}

int
op_pool_list(struct turn *t, const PbOp *op, PbResult *res)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	struct pool		 p;
	uint64_t		 n;
	int			 rc;

	(void)op;
	if ((rc = store_count(t->txn, ST_POOLS, &n)) != BB_OK ||
	    (rc = store_cursor_open(t->txn, ST_POOLS, &cur)) != BB_OK)
		return rc;
	res->pools = arena_alloc(t->arena, (n ? n : 1) * sizeof(*res->pools));
	for (rc = store_cursor_next(cur, &k, &v);
	    rc == BB_OK && res->n_pools < n;
	    rc = store_cursor_next(cur, &k, &v)) {
		if ((rc = state_pool_decode(&v, &p)) != BB_OK)
			break;
		res->pools[res->n_pools++] = pool_info(t, &p);
	}
	store_cursor_close(cur);
	if (rc != BB_NOT_FOUND && rc != BB_OK)
		return rc;
	return pools_spent(t, res->pools, res->n_pools);
}
