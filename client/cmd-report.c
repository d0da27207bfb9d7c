/*
 * report categories: how the citizens used the money, summed from the
 * journal (streamed page by page: per category the net amount spent, the
 * purchases and the citizens who made them). report pools: each pool's
 * money from the daemon's records, with its utilisation.
 */

#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "conn.h"
#include "date.h"
#include "entry.h"
#include "output.h"
#include "tally.h"

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
categories(struct ctx *ctx, const struct filter *f)
{
	Borgerbudget__V1__Export	 m = BORGERBUDGET__V1__EXPORT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	struct tally			 total = { 0 }, purchases = { 0 };
	struct tally			 who = { 0 };
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
		for (i = 0; i < n; i++) {
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
	if (ctx->json)
		printf("[");
	else
		printf("%-16s %18s %9s %8s\n", "kategori", "forbrug", "køb",
		    "borgere");
	for (const char **k = keys; *k; k++) {
		int64_t	 sum = *tally_at(&total, *k);
		int64_t	 buys = *tally_at(&purchases, *k);
		int64_t	 people = citizens(&who, *k);

		if (ctx->json) {
			printf("%s{\"category\":", k == keys ? "" : ",");
			json_str(stdout, *k);
			printf(",\"total\":%lld,\"purchases\":%lld,"
			    "\"citizens\":%lld}", (long long)sum,
			    (long long)buys, (long long)people);
		} else {
			printf("%-16s %18s %8lld %8lld\n", *k, kr(sum),
			    (long long)buys, (long long)people);
		}
	}
	if (ctx->json)
		printf("]\n");
	free(keys);
done:
	tally_free(&total);
	tally_free(&purchases);
	tally_free(&who);
	return rc;
}

/* Net spent as a share of what was granted, in tenths of a percent. */
static long long
permille(int64_t part, int64_t whole)
{
	return whole > 0 ? (long long)(part * 1000 / whole) : 0;
}

static int
pools(struct ctx *ctx, const struct filter *f)
{
	Borgerbudget__V1__PoolList	 m = BORGERBUDGET__V1__POOL_LIST__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	const PbPoolInfo		*p;
	int				 rc, first = 1;

	op.kind_case = BORGERBUDGET__V1__OP__KIND_POOL_LIST;
	op.pool_list = &m;
	if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	if (ctx->json)
		printf("[");
	for (size_t i = 0; i < r->n_pools; i++) {
		p = r->pools[i];
		if (f->pool && strcmp(p->pool, f->pool) != 0)
			continue;
		if (ctx->json) {
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
			printf("%spulje %s (%s)\n", first ? "" : "\n", p->pool,
			    p->rules ? p->rules->name : "");
			printf("  tilført          %18s\n", kr(p->funded));
			printf("  bevilget         %18s\n", kr(p->granted));
			printf("  forbrugt         %18s\n", kr(p->spent));
			printf("  reserveret       %18s\n", kr(p->reserved));
			printf("  tilbageført      %18s\n", kr(p->returned));
			printf("  saldo            %18s\n", kr(p->balance));
			printf("  forløb           %u åbne, %u lukkede\n",
			    p->courses_open, p->courses_closed);
			printf("  udnyttelse       %lld,%lld %% af det "
			    "bevilgede er brugt\n",
			    permille(p->spent, p->granted) / 10,
			    permille(p->spent, p->granted) % 10);
		}
		first = 0;
	}
	if (ctx->json)
		printf("]\n");
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return EXIT_DONE;
}

static int
report(struct ctx *ctx, struct args *a)
{
	struct filter	 f = { arg(a, "--pool"), INT32_MIN, INT32_MAX };
	const char	*what = a->pos[0];
	int		 rc;

	if ((rc = arg_date(ctx, "--from", arg(a, "--from"))) ||
	    (rc = arg_date(ctx, "--to", arg(a, "--to"))))
		return rc;
	if (arg(a, "--from"))
		date_parse(arg(a, "--from"), &f.from);
	if (arg(a, "--to"))
		date_parse(arg(a, "--to"), &f.to);
	if (strcmp(what, "categories") == 0)
		return categories(ctx, &f);
	if (strcmp(what, "pools") == 0) {
		if (arg(a, "--from") || arg(a, "--to"))
			return usage_error(ctx, "report pools shows the pools "
			    "as they are now: no --from or --to");
		return pools(ctx, &f);
	}
	return usage_error(ctx, "report categories or report pools");
}

static const char *const report_opts[] = { "--pool", "--from", "--to", NULL };

const struct command cmd_report = { "report",
    "categories|pools [--pool POOL] [--from DATE] [--to DATE]", 1, 1,
    report_opts, report, NULL };
