/* statement, export, status: reads, answered from the turn's transaction */

#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "codes.h"
#include "config.h"
#include "date.h"
#include "dispatch.h"
#include "journal.h"
#include "ledger.h"
#include "ops.h"
#include "state.h"
#include "store.h"
#include "version.h"

#define EXPORT_PAGE	1000
#define EXPORT_PAGE_MAX	10000
#define EXPORT_REPLY_MAX	(8U * 1024 * 1024)

/* The entry's effect on the available budget of its course. */
static int64_t
budget_effect(struct turn *t, const PbEntry *e)
{
	const char	*acct;

	if (e->course == 0)
		return 0;
	acct = journal_account(t, "budget", e->citizen, e->course);
	if (strcmp(e->debit, acct) == 0)
		return e->amount;
	if (strcmp(e->credit, acct) == 0)
		return -e->amount;
	return 0;
}

static int
statement_courses(struct turn *t, const char *citizen, PbStatementInfo *si)
{
	struct course	 c, latest;
	uint32_t	 n;
	int		 rc;

	if ((rc = state_course_latest(t->txn, citizen, &latest)) != BB_OK)
		return rc;
	si->courses = arena_alloc(t->arena, latest.number *
	    sizeof(*si->courses));
	for (n = 1; n <= latest.number; n++) {
		if ((rc = state_course_get(t->txn, citizen, n, &c)) != BB_OK)
			return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
		si->courses[si->n_courses++] = course_info(t, &c);
	}
	return BB_OK;
}

int
op_statement(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Statement	*m = op->statement;
	PbStatementInfo		*si;
	PbStatementLine		*line;
	PbEntry			*e;
	struct store_cursor	*cur;
	struct store_val	 v;
	struct journal_decoder	*dec;
	const uint8_t		*leaf;
	size_t			 len, cap = 64;
	int32_t			 from = INT32_MIN, to = INT32_MAX, vd;
	int64_t			 balance = 0;
	uint32_t		 course = 0;
	int			 rc;

	if ((rc = citizen_valid(t, m->citizen)) != BB_OK)
		return rc;
	if ((*m->from && date_parse(m->from, &from) == -1) ||
	    (*m->to && date_parse(m->to, &to) == -1))
		return turn_refuse(t, BB_BAD_REQUEST, "dates are YYYY-MM-DD");
	si = arena_alloc(t->arena, sizeof(*si));
	borgerbudget__v1__statement_info__init(si);
	si->citizen = arena_strdup(t->arena, m->citizen);
	if ((rc = statement_courses(t, m->citizen, si)) != BB_OK)
		return rc == BB_NOT_FOUND ? turn_refuse(t, rc,
		    "citizen %s has no course", m->citizen) : rc;

	si->lines = arena_alloc(t->arena, cap * sizeof(*si->lines));
	dec = arena_alloc(t->arena, sizeof(*dec));
	journal_decoder_init(dec);
	if ((rc = store_cursor_open(t->txn, ST_CITIZEN_SEQ, &cur)) != BB_OK)
		return rc;
	for (rc = store_cursor_dups(cur, m->citizen, strlen(m->citizen), &v);
	    rc == BB_OK; rc = store_cursor_next_dup(cur, &v)) {
		if (v.len != 8 || journal_leaf(t->txn, be64_get(v.data), &leaf,
		    &len) != BB_OK ||
		    (e = journal_decoder_next(dec, leaf, len)) == NULL) {
			rc = BB_INTERNAL;
			break;
		}
		/* The running balance restarts with each course. */
		if (e->course != course) {
			course = e->course;
			balance = 0;
		}
		balance += budget_effect(t, e);
		rc = date_parse(e->value_date, &vd);
		if (rc == -1) {
			rc = BB_INTERNAL;
			break;
		}
		if (vd < from || vd > to)
			continue;
		if (si->n_lines == cap) {
			si->lines = arena_grow(t->arena, si->lines, cap,
			    sizeof(*si->lines));
			cap *= 2;
		}
		line = arena_alloc(t->arena, sizeof(*line));
		borgerbudget__v1__statement_line__init(line);
		line->entry.data = arena_memdup(t->arena, leaf, len);
		line->entry.len = len;
		line->balance = balance;
		si->lines[si->n_lines++] = line;
	}
	store_cursor_close(cur);
	journal_decoder_done(dec);
	if (rc != BB_NOT_FOUND && rc != BB_OK)
		return rc;
	res->statement = si;
	return BB_OK;
}

/* A page of the journal after the cursor: the stored bytes, unchanged. */
int
op_export(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Export	*m = op->export;
	PbEntryPage	*page;
	const uint8_t	*leaf;
	uint64_t	 seq, last = t->next_seq - 1;
	size_t		 len, limit;
	int		 rc;

	limit = m->limit ? m->limit : EXPORT_PAGE;
	if (limit > EXPORT_PAGE_MAX)
		limit = EXPORT_PAGE_MAX;
	page = arena_alloc(t->arena, sizeof(*page));
	borgerbudget__v1__entry_page__init(page);
	page->last_seq = last;
	if (m->since < last) {
		if (last - m->since < limit)
			limit = last - m->since;
		page->entries = arena_alloc(t->arena,
		    limit * sizeof(*page->entries));
		for (seq = m->since + 1; page->n_entries < limit; seq++) {
			if ((rc = journal_leaf(t->txn, seq, &leaf, &len)) !=
			    BB_OK)
				return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
			/* A shorter page rather than an answer over the frame
			 * limit: the cursor carries on from its last entry. */
			if (page->n_entries > 0 &&
			    t->reply_bytes + len > EXPORT_REPLY_MAX)
				break;
			t->reply_bytes += len;
			page->entries[page->n_entries].data =
			    arena_memdup(t->arena, leaf, len);
			page->entries[page->n_entries++].len = len;
		}
	}
	res->page = page;
	return BB_OK;
}

int
op_status(struct turn *t, const PbOp *op, PbResult *res)
{
	PbStatusInfo	*si;
	uint64_t	 n;
	int		 rc;

	(void)op;
	si = arena_alloc(t->arena, sizeof(*si));
	borgerbudget__v1__status_info__init(si);
	si->version = BB_VERSION;
	si->entries = t->next_seq - 1;
	if ((rc = store_count(t->txn, ST_POOLS, &n)) != BB_OK)
		return rc;
	si->pools = (uint32_t)n;
	if ((rc = store_count_keys(t->txn, ST_CITIZEN_SEQ, &n)) != BB_OK)
		return rc;
	si->citizens = (uint32_t)n;
	si->today = turn_date(t, t->today);
	si->uptime_seconds = (t->now_us - stats.started_us) / 1000000;
	store_usage(t->store, &si->map_size, &si->map_used);
	si->root.data = arena_alloc(t->arena, 32);
	si->root.len = 32;
	if ((rc = journal_root(t->txn, si->entries, si->root.data)) != BB_OK)
		return rc;
	si->clients = stats.clients;
	si->commits = stats.commits;
	res->status = si;
	return BB_OK;
}

/* The [accounts] mapping, for the ERP export. */
int
op_chart(struct turn *t, const PbOp *op, PbResult *res)
{
	const struct config	*c = t->conf;

	(void)op;
	res->chart = arena_alloc(t->arena, (size_t)(c->nchart ? c->nchart : 1) *
	    sizeof(*res->chart));
	for (int i = 0; i < c->nchart; i++) {
		PbChartLine	*l = arena_alloc(t->arena, sizeof(*l));

		borgerbudget__v1__chart_line__init(l);
		l->account = (char *)c->chart[i].account;
		l->number = (char *)c->chart[i].number;
		res->chart[res->n_chart++] = l;
	}
	return BB_OK;
}
