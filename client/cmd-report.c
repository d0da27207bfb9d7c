/*
 * report categories: how the citizens used the money, summed from the
 * journal (streamed page by page: per category the net amount spent, the
 * purchases and the citizens who made them). report pools: each pool's
 * money from the daemon's records, with its utilisation. As text, JSON,
 * or drawn for the committee as PDF or SVG (draw-report.c).
 */

#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "codes.h"
#include "commands.h"
#include "conn.h"
#include "date.h"
#include "draw.h"
#include "draw-report.h"
#include "entry.h"
#include "labels.h"
#include "lang.h"
#include "output.h"
#include "tally.h"

enum format { TEXT, JSON, PDF, SVG };

/* What the report is drawn for: see draw_report. */
struct drawing {
	enum format		 format;
	FILE			*out;
	struct draw_report	 r;
};

static int
drawn(struct drawing *d)
{
	if (draw_report(d->out, d->format == PDF ? DRAW_PDF : DRAW_SVG,
	    &d->r) == -1) {
		fprintf(stderr, _("budgetctl: the report could not be "
		    "drawn\n"));
		return EXIT_UNREACHABLE;
	}
	return EXIT_DONE;
}

#define REPORT_PAGE	1000

struct filter {
	const char	*pool;
	int32_t		 from, to;
};

static int
selected(const struct filter *f, const PbEntry *e)
{
	int32_t	 vd;

	if (f->pool && strcmp(e->pool, f->pool) != 0)
		return 0;
	if (date_parse(e->value_date, &vd) == -1)
		return 0;
	return vd >= f->from && vd <= f->to;
}

/*
 * A spend or capture is a purchase: its amount goes to expense:CATEGORY.
 * A refund or a spend's reversal takes money out of it again; a reversed
 * spend is no longer a purchase.
 */
static void
count(struct tally *total, struct tally *purchases, struct tally *who,
    const PbEntry *e)
{
	char	 key[256];
	int	 in = strncmp(e->debit, "expense:", 8) == 0;
	int	 out = strncmp(e->credit, "expense:", 8) == 0;

	if (in) {
		*tally_at(total, e->debit + 8) += e->amount;
		if (e->op == BORGERBUDGET__V1__ENTRY_OP__SPEND ||
		    e->op == BORGERBUDGET__V1__ENTRY_OP__CAPTURE) {
			(*tally_at(purchases, e->debit + 8))++;
			snprintf(key, sizeof(key), "%s/%s", e->debit + 8,
			    e->citizen);
			(*tally_at(who, key))++;
		}
	} else if (out) {
		*tally_at(total, e->credit + 8) -= e->amount;
		if (e->op == BORGERBUDGET__V1__ENTRY_OP__REVERSE) {
			(*tally_at(purchases, e->credit + 8))--;
			snprintf(key, sizeof(key), "%s/%s", e->credit + 8,
			    e->citizen);
			(*tally_at(who, key))--;
		}
	}
}

/* Citizens with at least one purchase left in the category. */
static int64_t
citizens(struct tally *who, const char *category)
{
	const char	**keys = tally_keys(who);
	size_t		  n = strlen(category);
	int64_t		  k = 0;

	for (const char **p = keys; *p; p++)
		if (strncmp(*p, category, n) == 0 && (*p)[n] == '/' &&
		    *tally_at(who, *p) > 0)
			k++;
	free(keys);
	return k;
}

static int
categories(struct ctx *ctx, const struct filter *f, struct drawing *d)
{
	Borgerbudget__V1__Export	 m = BORGERBUDGET__V1__EXPORT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	struct tally			 total = { 0 }, purchases = { 0 };
	struct tally			 who = { 0 };
	struct labels			 labels = { 0 };
	PbResponse			*resp;
	PbResult			*r;
	PbEntry				*e;
	const char			**keys;
	size_t				 i, n;
	uint64_t			 last = 0;
	int				 rc = EXIT_DONE;

	op.kind_case = BORGERBUDGET__V1__OP__KIND_EXPORT;
	op.export = &m;
	m.limit = REPORT_PAGE;
	do {
		if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
			goto done;
		n = r->page ? r->page->n_entries : 0;
		last = r->page ? r->page->last_seq : 0;
		if (r->page && labels_take(&labels, r->page->categories,
		    r->page->n_categories) == -1)
			rc = EXIT_UNREACHABLE;
		for (i = 0; rc == EXIT_DONE && i < n; i++) {
			if ((e = entry_decode(&r->page->entries[i])) == NULL) {
				rc = EXIT_UNREACHABLE;
				break;
			}
			if (selected(f, e))
				count(&total, &purchases, &who, e);
			m.since = e->seq;
		}
		borgerbudget__v1__response__free_unpacked(resp, NULL);
	} while (rc == EXIT_DONE && n > 0 && m.since < last);
	if (rc != EXIT_DONE)
		goto done;

	keys = tally_keys(&total);
	if (keys == NULL) {
		rc = EXIT_UNREACHABLE;
		goto done;
	}
	if (d->format == PDF || d->format == SVG) {
		for (n = 0; keys[n]; n++)
			;
		d->r.categories = calloc(n + 1, sizeof(*d->r.categories));
		for (i = 0; d->r.categories && i < n; i++)
			d->r.categories[d->r.ncategories++] =
			    (struct draw_category){ keys[i],
			    labels_of(&labels, keys[i]),
			    *tally_at(&total, keys[i]),
			    *tally_at(&purchases, keys[i]),
			    citizens(&who, keys[i]) };
		rc = d->r.categories ? drawn(d) : EXIT_UNREACHABLE;
		free(d->r.categories);
		free(keys);
		goto done;
	}
	if (d->format == JSON)
		printf("[");
	else
		/* TRANSLATORS: column headings of report categories. */
		printf("%-24s %18s %9s %8s\n", _("category"), _("spending"),
		    _("purchases"), _("citizens"));
	for (const char **k = keys; *k; k++) {
		int64_t	 sum = *tally_at(&total, *k);
		int64_t	 buys = *tally_at(&purchases, *k);
		int64_t	 people = citizens(&who, *k);

		if (d->format == JSON) {
			printf("%s{\"category\":", k == keys ? "" : ",");
			json_str(stdout, *k);
			printf(",\"label\":");
			json_str(stdout, labels_of(&labels, *k));
			printf(",\"total\":%lld,\"purchases\":%lld,"
			    "\"citizens\":%lld}", (long long)sum,
			    (long long)buys, (long long)people);
		} else {
			text_pad(stdout, labels_of(&labels, *k), 24);
			printf(" %18s %8lld %8lld\n", kr(sum),
			    (long long)buys, (long long)people);
		}
	}
	if (d->format == JSON)
		printf("]\n");
	free(keys);
done:
	tally_free(&total);
	tally_free(&purchases);
	tally_free(&who);
	labels_free(&labels);
	return rc;
}

/* Net spent as a share of what was granted, in tenths of a percent. */
static long long
permille(int64_t part, int64_t whole)
{
	return whole > 0 ? (long long)(part * 1000 / whole) : 0;
}

static int
pools(struct ctx *ctx, const struct filter *f, struct drawing *d)
{
	Borgerbudget__V1__PoolList	 m = BORGERBUDGET__V1__POOL_LIST__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	PbResult			 none = BORGERBUDGET__V1__RESULT__INIT;
	const PbPoolInfo		*p;
	char				 why[300];
	size_t				 i, n = 0;
	int				 rc, first = 1;

	op.kind_case = BORGERBUDGET__V1__OP__KIND_POOL_LIST;
	op.pool_list = &m;
	if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	for (i = 0; i < r->n_pools; i++)
		n += !f->pool || strcmp(r->pools[i]->pool, f->pool) == 0;
	/* A pool asked for by name and not there, as pool show says it. */
	if (f->pool && n == 0) {
		snprintf(why, sizeof(why), _("no pool named %s"), f->pool);
		none.code = (Borgerbudget__V1__Code)BB_NOT_FOUND;
		none.message = why;
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		return ctl_refused(ctx, &none);
	}
	if (d->format == PDF || d->format == SVG) {
		if ((d->r.pools = calloc(n + 1, sizeof(*d->r.pools))) == NULL) {
			borgerbudget__v1__response__free_unpacked(resp, NULL);
			return EXIT_UNREACHABLE;
		}
		for (i = 0; i < r->n_pools; i++) {
			p = r->pools[i];
			if (f->pool && strcmp(p->pool, f->pool) != 0)
				continue;
			d->r.pools[d->r.npools++] = (struct draw_pool){ p->pool,
			    p->rules ? p->rules->name : "", p->funded,
			    p->granted, p->spent, p->reserved, p->returned,
			    p->balance, permille(p->spent, p->granted),
			    p->courses_open, p->courses_closed };
		}
		rc = drawn(d);
		free(d->r.pools);
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		return rc;
	}
	if (d->format == JSON)
		printf("[");
	for (i = 0; i < r->n_pools; i++) {
		p = r->pools[i];
		if (f->pool && strcmp(p->pool, f->pool) != 0)
			continue;
		if (d->format == JSON) {
			printf("%s{\"pool\":", first ? "" : ",");
			json_str(stdout, p->pool);
			printf(",\"funded\":%lld,\"granted\":%lld,\"spent\":%lld,"
			    "\"reserved\":%lld,\"returned\":%lld,\"balance\":"
			    "%lld,\"courses_open\":%u,\"courses_closed\":%u,"
			    "\"utilisation\":%.1f}", (long long)p->funded,
			    (long long)p->granted, (long long)p->spent,
			    (long long)p->reserved, (long long)p->returned,
			    (long long)p->balance, p->courses_open,
			    p->courses_closed,
			    permille(p->spent, p->granted) / 10.0);
		} else {
			/* TRANSLATORS: the labels of report pools are
			 * padded to one width. */
			printf(_("%spool %s (%s)\n"), first ? "" : "\n",
			    p->pool, p->rules ? p->rules->name : "");
			printf(_("  funded           %18s\n"), kr(p->funded));
			printf(_("  granted          %18s\n"), kr(p->granted));
			printf(_("  spent            %18s\n"), kr(p->spent));
			printf(_("  reserved         %18s\n"), kr(p->reserved));
			printf(_("  returned         %18s\n"), kr(p->returned));
			printf(_("  balance          %18s\n"), kr(p->balance));
			printf(_("  courses          %u open, %u closed\n"),
			    p->courses_open, p->courses_closed);
			printf(_("  utilisation      %lld.%lld %% of what was "
			    "granted is spent\n"),
			    permille(p->spent, p->granted) / 10,
			    permille(p->spent, p->granted) % 10);
		}
		first = 0;
	}
	if (d->format == JSON)
		printf("]\n");
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return EXIT_DONE;
}

static int
report(struct ctx *ctx, struct args *a)
{
	struct filter	 f = { arg(a, "--pool"), INT32_MIN, INT32_MAX };
	struct drawing	 d;
	const char	*what, *format = arg(a, "--format");
	int		 rc;

	memset(&d, 0, sizeof(d));
	d.out = stdout;
	if (format == NULL)
		format = ctx->json ? "json" : "text";
	if (strcmp(format, "text") == 0)
		d.format = TEXT;
	else if (strcmp(format, "json") == 0)
		d.format = JSON;
	else if (strcmp(format, "pdf") == 0)
		d.format = PDF;
	else if (strcmp(format, "svg") == 0)
		d.format = SVG;
	else
		return usage_error(ctx, "--format is text, json, pdf or svg");
	if ((d.format == TEXT || d.format == JSON) && draw_wants_file(a))
		return usage_error(ctx, "-o is for --format pdf or svg");
	if ((rc = arg_date(ctx, "--from", arg(a, "--from"))) ||
	    (rc = arg_date(ctx, "--to", arg(a, "--to"))))
		return rc;
	if (arg(a, "--from"))
		date_parse(arg(a, "--from"), &f.from);
	if (arg(a, "--to"))
		date_parse(arg(a, "--to"), &f.to);
	if ((rc = draw_output(ctx, a, d.format == PDF, &d.out)) != 0)
		return rc;
	what = a->pos[0];
	if (strcmp(what, "pools") == 0 && (arg(a, "--from") || arg(a, "--to")))
		rc = usage_error(ctx, "report pools shows the pools as they "
		    "are now: no --from or --to");
	else if (strcmp(what, "categories") != 0 && strcmp(what, "pools") != 0)
		rc = usage_error(ctx, "report categories or report pools");
	if (rc != 0)
		goto done;
	d.r.municipality = draw_municipality(a);
	d.r.made = draw_today();
	d.r.from = arg(a, "--from");
	d.r.to = arg(a, "--to");
	d.r.pool = f.pool;
	if (strcmp(what, "categories") == 0)
		rc = categories(ctx, &f, &d);
	else
		rc = pools(ctx, &f, &d);
done:
	if (d.out != stdout && draw_close(d.out, _("the report")) == -1 &&
	    rc == EXIT_DONE)
		rc = EXIT_UNREACHABLE;
	return rc;
}

static const char *const report_opts[] = { "--pool", "--from", "--to",
    "--format", "-o", "--output", "--municipality", NULL };

const struct command cmd_report = { "report",
    "categories|pools [--pool POOL] [--from DATE] [--to DATE] "
    "[--format text|json|pdf|svg] [-o FILE] [--municipality NAME]", 1, 1,
    report_opts, report, NULL };
