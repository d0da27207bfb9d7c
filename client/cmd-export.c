/*
 * export: the journal after a cursor, page by page, in one of the formats
 * of formats.c. A page is written out before the next is asked for, so
 * neither side ever holds the whole export. With --follow, once the pages
 * have caught up the export becomes a subscription: the daemon pushes each
 * new page as its batch commits. A follower the daemon closed for falling
 * behind resumes from its cursor by paging again.
 */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "codes.h"
#include "commands.h"
#include "conn.h"
#include "entry.h"
#include "formats.h"
#include "lang.h"

#define EXPORT_PAGE	1000

struct feed {
	struct ctx		*ctx;
	struct export_out	 out;
	uint64_t		 since;		/* the cursor */
	uint64_t		 limit;		/* 0: no limit */
	uint64_t		 done;
	int			 progress;
};

/* Writes a page; the cursor moves to its last entry. */
static int
write_page(struct feed *f, const PbEntryPage *page)
{
	const PbEntryText	*t;
	PbEntry			*e;
	size_t			 j = 0, k = 0;
	int			 erased;

	for (size_t i = 0; i < page->n_entries; i++) {
		if (f->limit && f->done >= f->limit)
			break;
		if ((e = entry_decode(&page->entries[i])) == NULL)
			return EXIT_UNREACHABLE;
		/* The page's texts come in the order of their entries. */
		while (j < page->n_texts && page->texts[j]->seq < e->seq)
			j++;
		t = j < page->n_texts && page->texts[j]->seq == e->seq ?
		    page->texts[j] : NULL;
		/* ... and so do the erased ones. */
		while (k < page->n_erased && page->erased[k] < e->seq)
			k++;
		erased = k < page->n_erased && page->erased[k] == e->seq;
		if ((t || erased) && (e = entry_decode_text(&page->entries[i],
		    t ? t->note : NULL, t ? &t->salt : NULL, erased)) == NULL)
			return EXIT_UNREACHABLE;
		export_entry(&f->out, &page->entries[i], e);
		f->since = e->seq;
		f->done++;
	}
	fflush(stdout);
	return EXIT_DONE;
}

/* One request: a page after the cursor, or the start of a subscription. */
static int
ask(struct feed *f, int follow, PbResponse **resp, PbResult **r)
{
	Borgerbudget__V1__Export	 m = BORGERBUDGET__V1__EXPORT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	int				 rc;

	m.since = f->since;
	m.limit = EXPORT_PAGE;
	if (f->limit && f->limit - f->done < EXPORT_PAGE)
		m.limit = (uint32_t)(f->limit - f->done);
	m.follow = follow;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_EXPORT;
	op.export = &m;
	if ((rc = ctl_one(f->ctx, &op, resp, r)) != EXIT_DONE)
		return rc;
	if ((*r)->page == NULL) {
		borgerbudget__v1__response__free_unpacked(*resp, NULL);
		return EXIT_UNREACHABLE;
	}
	return EXIT_DONE;
}

/* Pages until a page comes back short: the cursor is at the end. */
static int
catch_up(struct feed *f)
{
	PbResponse	*resp;
	PbResult	*r;
	size_t		 n, pages = 0;
	uint64_t	 last;
	int		 rc;

	for (;;) {
		if ((rc = ask(f, 0, &resp, &r)) != EXIT_DONE)
			return rc;
		n = r->page->n_entries;
		last = r->page->last_seq;
		rc = write_page(f, r->page);
		if (f->progress && ++pages > 1) {
			fputc('\r', stderr);
			fprintf(stderr, _("exported %llu of %llu entries"),
			    (unsigned long long)f->since,
			    (unsigned long long)r->page->last_seq);
		}
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		if (rc != EXIT_DONE)
			return rc;
		/* A page may be short of its limit (the daemon keeps
		 * answers small): the end is the journal's last seq. */
		if (n == 0 || f->since >= last ||
		    (f->limit && f->done >= f->limit))
			break;
	}
	if (f->progress && pages > 1)
		fprintf(stderr, "\n");
	return EXIT_DONE;
}

/* Subscribed: every push is written as it comes, until the daemon stops
 * (exit 3) or closes us for falling behind (then resume). */
static int
follow(struct feed *f)
{
	PbResponse	*resp;
	PbResult	*r;
	int		 rc;

	for (;;) {
		if ((rc = ask(f, 1, &resp, &r)) != EXIT_DONE)
			return rc;
		for (;;) {
			rc = write_page(f, r->page);
			borgerbudget__v1__response__free_unpacked(resp, NULL);
			if (rc != EXIT_DONE)
				return rc;
			if (f->limit && f->done >= f->limit)
				return EXIT_DONE;
			if ((rc = ctl_next(f->ctx, NULL, &resp)) != EXIT_DONE)
				return rc;
			if ((int)resp->code != BB_OK)
				break;
			r = resp->results[0];
			if (r->page == NULL) {
				borgerbudget__v1__response__free_unpacked(resp,
				    NULL);
				return EXIT_UNREACHABLE;
			}
		}
		fprintf(stderr, _("budgetctl: %s; resuming from %llu\n"),
		    resp->message, (unsigned long long)f->since);
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		ctl_reconnect(f->ctx);
		if ((rc = catch_up(f)) != EXIT_DONE)
			return rc;
	}
}

/* The ERP export books on the daemon's chart of accounts. */
static int
chart(struct feed *f, PbResponse **resp)
{
	Borgerbudget__V1__Chart	 m = BORGERBUDGET__V1__CHART__INIT;
	PbOp			 op = BORGERBUDGET__V1__OP__INIT;
	PbResult		*r;
	int			 rc;

	op.kind_case = BORGERBUDGET__V1__OP__KIND_CHART;
	op.chart = &m;
	if ((rc = ctl_one(f->ctx, &op, resp, &r)) != EXIT_DONE)
		return rc;
	f->out.chart = r->chart;
	f->out.nchart = r->n_chart;
	return EXIT_DONE;
}

static int
export(struct ctx *ctx, struct args *a)
{
	struct feed	 f;
	PbResponse	*chart_resp = NULL;
	const char	*format = arg(a, "--format");
	int		 rc;

	memset(&f, 0, sizeof(f));
	f.ctx = ctx;
	if (!arg(a, "--since"))
		return usage_error(ctx, "--since is required (0 for the "
		    "whole journal)");
	if (format && (f.out.format = format_parse(format)) == -1)
		return usage_error(ctx, "--format: jsonl, csv, ledger or erp");
	if ((rc = arg_u64(ctx, "--since", arg(a, "--since"), &f.since)) ||
	    (arg(a, "--limit") &&
	    (rc = arg_u64(ctx, "--limit", arg(a, "--limit"), &f.limit))))
		return rc;
	if (arg(a, "--limit") && f.limit == 0)
		return usage_error(ctx, "--limit: at least 1");
	f.out.whole = f.since == 0;
	f.progress = isatty(STDERR_FILENO) && !arg(a, "--follow");
	if (f.out.format == FMT_ERP && (rc = chart(&f, &chart_resp)) !=
	    EXIT_DONE)
		return rc;
	export_begin(&f.out);
	rc = catch_up(&f);
	if (rc == EXIT_DONE && arg(a, "--follow") &&
	    !(f.limit && f.done >= f.limit))
		rc = follow(&f);
	export_end(&f.out);
	if (chart_resp)
		borgerbudget__v1__response__free_unpacked(chart_resp, NULL);
	return rc;
}

static const char *const export_opts[] = { "--since", "--limit", "--format",
    NULL };
static const char *const export_flags[] = { "--follow", NULL };

const struct command cmd_export = { "export",
    "--since SEQ [--limit N] [--format jsonl|csv|ledger|erp] [--follow]", 0, 0,
    export_opts, export, export_flags };
