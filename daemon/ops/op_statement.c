/*
 * statement: a citizen's entries with what is not yet spent after each,
 * whole or in pages. Only a few fields of an entry are
 * needed here, and they are read from its stored bytes (glance.c) rather
 * than decoding it.
 */

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "codes.h"
#include "date.h"
#include "glance.h"
#include "journal.h"
#include "ledger.h"
#include "ops.h"
#include "state.h"

#define STATEMENT_PAGE_MAX	10000
#define STATEMENT_REPLY_MAX	(8U * 1024 * 1024)

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

/* A link of the chain with what it did to the money not yet spent. */
struct dated {
	int32_t		 vd;
	size_t		 i;		/* in the chain: journal order */
	int64_t		 change;
};

static int
dated_cmp(const void *a, const void *b)
{
	const struct dated	*x = a, *y = b;

	if (x->vd != y->vd)
		return x->vd < y->vd ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * The whole statement in value-date order (one day's entries in journal
 * order), only the lines in the dates. A line's balance is what is not
 * yet spent of the citizen's drawing right after it: the budget and the
 * reserved accounts together, so that a reservation holds money without
 * spending it and a capture spends what it cost. It runs over the
 * courses without jumping: a course closes at zero, its remainder back
 * in the pool, before the next opens. budgetctl adds the same up from
 * pages (client/cmd-statement.c).
 */
static int
statement_whole(struct turn *t, const Borgerbudget__V1__Statement *m,
    PbStatementInfo *si)
{
	PbStatementLine		*line;
	struct chain_link	*links, *link;
	struct dated		*order;
	const struct glance	*g;
	const char		*budget = "", *reserved = "";
	char			 date[DATE_BUFSZ];
	size_t			 i, n, blen = 0, rlen = 0;
	int32_t			 from = INT32_MIN, to = INT32_MAX;
	int64_t			 balance = 0;
	uint64_t		 broken, erased, named = 0;
	uint32_t		 course = 0;
	int			 rc;

	if ((*m->from && date_parse(m->from, &from) == -1) ||
	    (*m->to && date_parse(m->to, &to) == -1))
		return turn_refuse(t, BB_BAD_REQUEST, "dates are YYYY-MM-DD");
	if ((rc = journal_chain(t, m->citizen, &links, &n, &broken)) != BB_OK ||
	    (rc = citizen_erased(t, m->citizen, &erased)) != BB_OK)
		return rc;
	if (broken)
		return turn_refuse(t, BB_INTERNAL, "the chain of %s's entries "
		    "is broken at entry %llu: run budgetd verify", m->citizen,
		    (unsigned long long)broken);

	order = arena_alloc(t->arena, (n ? n : 1) * sizeof(*order));
	for (i = 0; i < n; i++) {
		g = &links[i].g;
		if (g->course != course) {
			course = g->course;
			budget = journal_account(t, "budget", m->citizen,
			    course);
			reserved = journal_account(t, "reserved", m->citizen,
			    course);
			blen = strlen(budget);
			rlen = strlen(reserved);
		}
		order[i].i = i;
		order[i].change = 0;
		if (course != 0 && (glance_is(&g->debit, budget, blen) ||
		    glance_is(&g->debit, reserved, rlen)))
			order[i].change += g->amount;
		if (course != 0 && (glance_is(&g->credit, budget, blen) ||
		    glance_is(&g->credit, reserved, rlen)))
			order[i].change -= g->amount;
		if (g->value_date.len >= sizeof(date))
			return BB_INTERNAL;
		memcpy(date, g->value_date.p, g->value_date.len);
		date[g->value_date.len] = '\0';
		if (date_parse(date, &order[i].vd) == -1)
			return BB_INTERNAL;
	}
	qsort(order, n, sizeof(*order), dated_cmp);

	si->lines = arena_alloc(t->arena, (n ? n : 1) * sizeof(*si->lines));
	for (i = 0; i < n; i++) {
		link = &links[order[i].i];
		balance += order[i].change;
		if (order[i].vd < from || order[i].vd > to)
			continue;
		line = arena_alloc(t->arena, sizeof(*line));
		borgerbudget__v1__statement_line__init(line);
		line->entry.data = arena_memdup(t->arena, link->leaf,
		    link->len);
		line->entry.len = link->len;
		line->balance = balance;
		if ((rc = entry_text(t, link->seq, &line->note,
		    &line->note_salt)) != BB_OK)
			return rc;
		line->erased = link->seq <= erased;
		si->lines[si->n_lines++] = line;
		category_named(t, &named, &link->g.category);
	}
	si->categories = category_labels(t, named, &si->n_categories);
	return BB_OK;
}

/*
 * A page, newest entry first, without balances: the client adds them up
 * over every page. A statement of any length is then answered in frames
 * of bounded size, and a client can print one page while the daemon reads
 * the next. The entry after the page is read too, so that a broken link
 * is reported on the page that reaches it and next_seq always names one
 * of the citizen's entries.
 */
static int
statement_page(struct turn *t, const Borgerbudget__V1__Statement *m,
    PbStatementInfo *si)
{
	PbStatementLine		*line;
	struct chain_walk	 w;
	struct chain_link	 l;
	uint64_t		 erased, named = 0;
	size_t			 limit = m->page;
	int			 rc;

	if (*m->from || *m->to)
		return turn_refuse(t, BB_BAD_REQUEST, "a paged statement "
		    "holds every entry: the client picks the dates");
	if ((rc = citizen_erased(t, m->citizen, &erased)) != BB_OK)
		return rc;
	if (limit > STATEMENT_PAGE_MAX)
		limit = STATEMENT_PAGE_MAX;
	if ((rc = chain_walk_start(&w, t->txn, m->citizen, m->start_seq)) !=
	    BB_OK)
		return rc;
	si->lines = arena_alloc(t->arena, limit * sizeof(*si->lines));
	while ((rc = chain_walk_next(&w, &l)) == BB_OK) {
		if (si->n_lines == limit || (si->n_lines > 0 &&
		    t->reply_bytes + l.len > STATEMENT_REPLY_MAX)) {
			si->next_seq = l.seq;
			break;
		}
		t->reply_bytes += l.len;
		line = arena_alloc(t->arena, sizeof(*line));
		borgerbudget__v1__statement_line__init(line);
		line->entry.data = arena_memdup(t->arena, l.leaf, l.len);
		line->entry.len = l.len;
		if ((rc = entry_text(t, l.seq, &line->note,
		    &line->note_salt)) != BB_OK)
			return rc;
		line->erased = l.seq <= erased;
		si->lines[si->n_lines++] = line;
		category_named(t, &named, &l.g.category);
	}
	si->categories = category_labels(t, named, &si->n_categories);
	if (si->next_seq != 0)
		return BB_OK;
	if (rc != BB_NOT_FOUND)
		return rc;
	if (w.broken && si->n_lines == 0 && w.broken == m->start_seq)
		return turn_refuse(t, BB_BAD_REQUEST, "entry %llu is not one "
		    "of %s's", (unsigned long long)w.broken, m->citizen);
	if (w.broken)
		return turn_refuse(t, BB_INTERNAL, "the chain of %s's entries "
		    "is broken at entry %llu: run budgetd verify", m->citizen,
		    (unsigned long long)w.broken);
	return BB_OK;
}

int
op_statement(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Statement	*m = op->statement;
	PbStatementInfo				*si;
	int					 rc;

	if ((rc = citizen_valid(t, m->citizen)) != BB_OK)
		return rc;
	si = arena_alloc(t->arena, sizeof(*si));
	borgerbudget__v1__statement_info__init(si);
	si->citizen = arena_strdup(t->arena, m->citizen);
	/* A paged statement's courses come with its first page. */
	if ((m->page == 0 || m->start_seq == 0) &&
	    (rc = statement_courses(t, m->citizen, si)) != BB_OK)
		return rc == BB_NOT_FOUND ? turn_refuse(t, rc,
		    "citizen %s has no course", m->citizen) : rc;
	rc = m->page ? statement_page(t, m, si) : statement_whole(t, m, si);
	if (rc == BB_OK)
		res->statement = si;
	return rc;
}
