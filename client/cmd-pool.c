/* pool create, pool fund, pool show, pool list */

#include <string.h>

#include "args.h"
#include "commands.h"
#include "conn.h"
#include "receipt.h"
#include "entry.h"
#include "lang.h"
#include "output.h"

static void
pool_text(const PbPoolInfo *p)
{
	const PbPoolRules	*r = p->rules;

	/* TRANSLATORS: the labels of pool show are padded to one width. */
	printf(_("pool           %s  %s\n"), p->pool, r ? r->name : "");
	if (r) {
		printf(_("cap per course %s, %u months, %u days' grace\n"),
		    kr(r->cap), r->months, r->grace_days);
		printf(_("valid          %s to %s\n"), r->valid_from,
		    r->valid_to);
	}
	printf(_("funded         %17s\n"), kr(p->funded));
	printf(_("granted        %17s\n"), kr(p->granted));
	printf(_("returned       %17s\n"), kr(p->returned));
	printf(_("balance        %17s\n"), kr(p->balance));
	printf(_("courses        %u open, %u closed\n"), p->courses_open,
	    p->courses_closed);
}

static int
pool_create(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__PoolCreate	 m = BORGERBUDGET__V1__POOL_CREATE__INIT;
	PbPoolRules			 r = BORGERBUDGET__V1__POOL_RULES__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	uint64_t			 months, grace = 0;
	const char			*cap = arg(a, "--cap");
	int				 rc;

	if (cap == NULL || !arg(a, "--months") || !arg(a, "--from") ||
	    !arg(a, "--to"))
		return usage_error(ctx, "--cap, --months, --from and --to are "
		    "required");
	if ((rc = arg_amount(ctx, "--cap", cap, &r.cap)) ||
	    (rc = arg_u64(ctx, "--months", arg(a, "--months"), &months)) ||
	    (arg(a, "--grace") &&
	    (rc = arg_u64(ctx, "--grace", arg(a, "--grace"), &grace))) ||
	    (rc = arg_date(ctx, "--from", arg(a, "--from"))) ||
	    (rc = arg_date(ctx, "--to", arg(a, "--to"))))
		return rc;
	if (months > 1000 || grace > 100000)
		return usage_error(ctx, "--months or --grace out of range");
	r.months = (uint32_t)months;
	r.grace_days = (uint32_t)grace;
	r.valid_from = (char *)arg(a, "--from");
	r.valid_to = (char *)arg(a, "--to");
	r.name = arg_or_empty(a, "--name");
	m.pool = a->pos[0];
	m.rules = &r;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_POOL_CREATE;
	op.pool_create = &m;
	return ctl_write(ctx, &op, N_("pool created"));
}

static int
pool_fund(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__PoolFund	 m = BORGERBUDGET__V1__POOL_FUND__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	uint8_t				 hash[32];
	int				 rc;

	if ((rc = arg_amount(ctx, "AMOUNT", a->pos[1], &m.amount)) ||
	    (rc = arg_date(ctx, "--date", arg(a, "--date"))))
		return rc;
	m.pool = a->pos[0];
	m.note = arg_or_empty(a, "--note");
	m.value_date = arg_or_empty(a, "--date");
	if ((rc = receipt_option(ctx, a, hash, &m.receipt_sha256)))
		return rc;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_POOL_FUND;
	op.pool_fund = &m;
	return ctl_write(ctx, &op, N_("pool funded"));
}

static int
pool_show_print(struct ctx *ctx, const PbResult *r)
{
	if (r->pool == NULL)
		return EXIT_UNREACHABLE;
	if (ctx->json) {
		pool_json(stdout, r->pool);
		printf("\n");
	} else {
		pool_text(r->pool);
	}
	return EXIT_DONE;
}

static int
pool_show(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__PoolShow	 m = BORGERBUDGET__V1__POOL_SHOW__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;

	m.pool = a->pos[0];
	op.kind_case = BORGERBUDGET__V1__OP__KIND_POOL_SHOW;
	op.pool_show = &m;
	return ctl_show(ctx, &op, pool_show_print);
}

static int
pool_list_print(struct ctx *ctx, const PbResult *r)
{
	size_t	 i;

	if (ctx->json)
		printf("[");
	for (i = 0; i < r->n_pools; i++) {
		if (ctx->json) {
			printf(i ? "," : "");
			pool_json(stdout, r->pools[i]);
		} else {
			printf(_("%-20s balance %17s  %u open courses  %s\n"),
			    r->pools[i]->pool, kr(r->pools[i]->balance),
			    r->pools[i]->courses_open, r->pools[i]->rules ?
			    r->pools[i]->rules->name : "");
		}
	}
	if (ctx->json)
		printf("]\n");
	return EXIT_DONE;
}

static int
pool_list(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__PoolList	 m = BORGERBUDGET__V1__POOL_LIST__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;

	(void)a;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_POOL_LIST;
	op.pool_list = &m;
	return ctl_show(ctx, &op, pool_list_print);
}

static const char *const create_opts[] = { "--cap", "--months", "--from",
    "--to", "--grace", "--name", NULL };
static const char *const fund_opts[] = { "--note", "--date", "--receipt",
    NULL };

const struct command cmd_pool_create = { "pool create",
    "POOL --cap AMOUNT --months N --from DATE --to DATE [--grace DAYS] "
    "[--name TEXT]", 1, 1, create_opts, pool_create, NULL };
const struct command cmd_pool_fund = { "pool fund",
    "POOL AMOUNT [--note TEXT] [--date DATE] [--receipt FILE]", 2, 2,
    fund_opts, pool_fund, NULL };
const struct command cmd_pool_show = { "pool show", "POOL", 1, 1, NULL,
    pool_show, NULL };
const struct command cmd_pool_list = { "pool list", "", 0, 0, NULL,
    pool_list, NULL };
