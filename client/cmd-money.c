/* grant, spend, reverse: the writes that move a citizen's money */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "args.h"
#include "commands.h"
#include "conn.h"
#include "lang.h"
#include "receipt.h"

static int
grant(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Grant	 m = BORGERBUDGET__V1__GRANT__INIT;
	PbOp			 op = BORGERBUDGET__V1__OP__INIT;
	int			 rc;

	if ((rc = arg_amount(ctx, "AMOUNT", a->pos[1], &m.amount)) ||
	    (rc = arg_date(ctx, "--date", arg(a, "--date"))))
		return rc;
	m.citizen = a->pos[0];
	m.value_date = arg_or_empty(a, "--date");
	m.note = arg_or_empty(a, "--note");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_GRANT;
	op.grant = &m;
	return ctl_write(ctx, &op, N_("granted"));
}

static int
spend(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Spend	 m = BORGERBUDGET__V1__SPEND__INIT;
	PbOp			 op = BORGERBUDGET__V1__OP__INIT;
	uint8_t			 hash[32];
	int			 rc;

	if (!arg(a, "--category") || !arg(a, "--voucher"))
		return usage_error(ctx, "--category and --voucher are "
		    "required");
	if ((rc = arg_amount(ctx, "AMOUNT", a->pos[1], &m.amount)) ||
	    (rc = arg_amount(ctx, "--vat", arg(a, "--vat"), &m.vat)) ||
	    (rc = arg_date(ctx, "--date", arg(a, "--date"))))
		return rc;
	if ((rc = receipt_option(ctx, a, hash, &m.receipt_sha256)))
		return rc;
	m.citizen = a->pos[0];
	m.category = arg_or_empty(a, "--category");
	m.voucher = arg_or_empty(a, "--voucher");
	m.value_date = arg_or_empty(a, "--date");
	m.note = arg_or_empty(a, "--note");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_SPEND;
	op.spend = &m;
	return ctl_write(ctx, &op, N_("spent"));
}

static int
reverse(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Reverse	 m = BORGERBUDGET__V1__REVERSE__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	int				 rc;

	if (!arg(a, "--reason"))
		return usage_error(ctx, "--reason is required");
	if ((rc = arg_u64(ctx, "SEQ", a->pos[0], &m.seq)))
		return rc;
	m.reason = arg_or_empty(a, "--reason");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_REVERSE;
	op.reverse = &m;
	return ctl_write(ctx, &op, N_("reversed"));
}

static const char *const grant_opts[] = { "--date", "--note", NULL };
static const char *const spend_opts[] = { "--category", "--voucher",
    "--date", "--vat", "--receipt", "--note", NULL };
static const char *const reverse_opts[] = { "--reason", NULL };

const struct command cmd_grant = { "grant",
    "CITIZEN AMOUNT [--date DATE] [--note TEXT]", 2, 2, grant_opts, grant, NULL };
const struct command cmd_spend = { "spend",
    "CITIZEN AMOUNT --category CAT --voucher REF [--date DATE] "
    "[--vat AMOUNT] [--receipt FILE] [--note TEXT]", 2, 2, spend_opts,
    spend, NULL };
const struct command cmd_reverse = { "reverse", "SEQ --reason TEXT", 1, 1,
    reverse_opts, reverse, NULL };
