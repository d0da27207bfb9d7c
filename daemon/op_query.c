/* statement, export, status: reads, answered from the turn's transaction */

#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "codes.h"
#include "config.h"
#include "date.h"
#include "dispatch.h"
#include "glance.h"
#include "journal.h"
#include "ledger.h"
#include "ops.h"
#include "state.h"
#include "store.h"
#include "version.h"

#define EXPORT_PAGE	1000
#define EXPORT_PAGE_MAX	10000
#define EXPORT_REPLY_MAX	(8U * 1024 * 1024)

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

/*
 * The citizen's entries in order, each with the available budget of its
 * course after it. Only a few fields of an entry are needed for that, and
 * they are read from its stored bytes (glance.c) rather than decoding it.
 */
int
op_statement(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Statement	*m = op->statement;
	PbStatementInfo		*si;
	PbStatementLine		*line;
	struct journal_link	*links;
	const struct glance	*g;
	const char		*budget = "";
	char			 date[DATE_BUFSZ];
	size_t			 i, n, blen = 0;
	int32_t			 from = INT32_MIN, to = INT32_MAX, vd;
	int64_t			 balance = 0;
	uint64_t		 broken;
	uint32_t		 course = 0;
	int			 rc, ranged;

	if ((rc = citizen_valid(t, m->citizen)) != BB_OK)
		return rc;
	if ((*m->from && date_parse(m->from, &from) == -1) ||
	    (*m->to && date_parse(m->to, &to) == -1))
		return turn_refuse(t, BB_BAD_REQUEST, "dates are YYYY-MM-DD");
	ranged = *m->from || *m->to;
	si = arena_alloc(t->arena, sizeof(*si));
	borgerbudget__v1__statement_info__init(si);
	si->citizen = arena_strdup(t->arena, m->citizen);
	if ((rc = statement_courses(t, m->citizen, si)) != BB_OK)
		return rc == BB_NOT_FOUND ? turn_refuse(t, rc,
		    "citizen %s has no course", m->citizen) : rc;
	if ((rc = journal_chain(t, m->citizen, &links, &n, &broken)) != BB_OK)
		return rc;
	if (broken)
		return turn_refuse(t, BB_INTERNAL, "the chain of %s's entries "
		    "is broken at entry %llu: run budgetd verify", m->citizen,
		    (unsigned long long)broken);

	si->lines = arena_alloc(t->arena, (n ? n : 1) * sizeof(*si->lines));
	for (i = 0; i < n; i++) {
		g = &links[i].g;
		/* The running balance restarts with each course. */
		if (g->course != course) {
			course = g->course;
			balance = 0;
			budget = journal_account(t, "budget", m->citizen,
			    course);
			blen = strlen(budget);
		}
		if (course != 0 && glance_is(&g->debit, budget, blen))
			balance += g->amount;
		else if (course != 0 && glance_is(&g->credit, budget, blen))
			balance -= g->amount;
		if (ranged) {
			if (g->value_date.len >= sizeof(date))
				return BB_INTERNAL;
			memcpy(date, g->value_date.p, g->value_date.len);
			date[g->value_date.len] = '\0';
			if (date_parse(date, &vd) == -1)
				return BB_INTERNAL;
			if (vd < from || vd > to)
				continue;
		}
		line = arena_alloc(t->arena, sizeof(*line));
		borgerbudget__v1__statement_line__init(line);
		line->entry.data = arena_memdup(t->arena, links[i].leaf,
		    links[i].len);
		line->entry.len = links[i].len;
		line->balance = balance;
		si->lines[si->n_lines++] = line;
	}
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
	if ((rc = store_count(t->txn, ST_CITIZENS, &n)) != BB_OK)
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
