/* export, status: reads, answered from the turn's transaction */

#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "codes.h"
#include "config.h"
#include "glance.h"
#include "journal.h"
#include "ops.h"
#include "stats.h"
#include "store.h"
#include "version.h"

#define EXPORT_PAGE	1000
#define EXPORT_PAGE_MAX	10000
#define EXPORT_REPLY_MAX	(8U * 1024 * 1024)

/* The page's entries an erasure covers; asked of each entry only once
 * there is an erasure at all. */
static int
page_erased(struct turn *t, PbEntryPage *page, uint64_t first)
{
	uint64_t		 n, through;
	char			 citizen[65];
	size_t			 i;
	int			 rc;

	if ((rc = store_count(t->txn, ST_ERASED, &n)) != BB_OK || n == 0)
		return rc;
	page->erased = arena_alloc(t->arena, page->n_entries *
	    sizeof(*page->erased));
	for (i = 0; i < page->n_entries; i++) {
		if ((rc = leaf_citizen(page->entries[i].data,
		    page->entries[i].len, citizen, sizeof(citizen))) != BB_OK ||
		    (rc = citizen_erased(t, citizen, &through)) != BB_OK)
			return rc;
		if (first + i <= through)
			page->erased[page->n_erased++] = first + i;
	}
	return BB_OK;
}

/* A page of the journal after the cursor: the stored bytes, unchanged. */
int
op_export(struct turn *t, const PbOp *op, PbResult *res)
{
	const Borgerbudget__V1__Export	*m = op->export;
	PbEntryPage	*page;
	PbEntryText	*texts;
	struct glance	 g;
	const uint8_t	*leaf;
	uint64_t	 seq, last = t->next_seq - 1, named = 0;
	size_t		 len, limit, i;
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
			if ((rc = entry_leaf(t->txn, seq, &leaf, &len)) !=
			    BB_OK)
				return rc == BB_NOT_FOUND ? BB_INTERNAL : rc;
			/* A shorter page rather than an answer over the frame
			 * limit: the cursor carries on from its last entry. */
			if (page->n_entries > 0 &&
			    t->reply_bytes + len > EXPORT_REPLY_MAX)
				break;
			t->reply_bytes += len;
			if (glance_entry(leaf, len, &g) != 0)
				return BB_INTERNAL;
			category_named(t, &named, &g.category);
			page->entries[page->n_entries].data =
			    arena_memdup(t->arena, leaf, len);
			page->entries[page->n_entries++].len = len;
		}
		/* The personal texts of the page's entries (their leaves
		 * hold only commitments). */
		page->texts = arena_alloc(t->arena, page->n_entries *
		    sizeof(*page->texts));
		texts = arena_alloc(t->arena, page->n_entries *
		    sizeof(*texts));
		if ((rc = journal_texts(t->txn, m->since + 1, m->since +
		    page->n_entries, texts, page->texts, page->n_entries,
		    &page->n_texts)) != BB_OK)
			return rc;
		/* They point into the transaction, which ends before the
		 * answer is sent. */
		for (i = 0; i < page->n_texts; i++) {
			texts[i].note = arena_strdup(t->arena, texts[i].note);
			texts[i].salt.data = arena_memdup(t->arena,
			    texts[i].salt.data, texts[i].salt.len);
		}
		if ((rc = page_erased(t, page, m->since + 1)) != BB_OK)
			return rc;
		page->categories = category_labels(t, named,
		    &page->n_categories);
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
	si->format = store_format_of();
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
