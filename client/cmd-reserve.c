/* reserve, capture, release, refund: purchases approved before the
 * invoice, and money a supplier pays back */

#include <stdio.h>

#include "args.h"
#include "commands.h"
#include "conn.h"
#include "lang.h"
#include "receipt.h"

static int
reserve(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Reserve	 m = BORGERBUDGET__V1__RESERVE__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	int				 rc;

	if (!arg(a, "--category"))
		return usage_error(ctx, "--category is required");
	if ((rc = arg_amount(ctx, "AMOUNT", a->pos[1], &m.amount)))
		return rc;
	m.citizen = a->pos[0];
	m.category = arg_or_empty(a, "--category");
	m.note = arg_or_empty(a, "--note");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_RESERVE;
	op.reserve = &m;
	return ctl_write(ctx, &op, N_("reserved"));
}

static int
capture(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Capture	 m = BORGERBUDGET__V1__CAPTURE__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	uint8_t				 hash[32];
	int				 rc;

	if (!arg(a, "--voucher"))
		return usage_error(ctx, "--voucher is required");
	if ((rc = arg_u64(ctx, "SEQ", a->pos[0], &m.seq)) ||
	    (a->npos > 1 &&
	    (rc = arg_amount(ctx, "AMOUNT", a->pos[1], &m.amount))) ||
	    (rc = arg_date(ctx, "--date", arg(a, "--date"))))
		return rc;
	/* An amount given is sent as given, 0 too: the daemon says why it
	 * refuses one. Without it, the whole reservation is captured. */
	if (a->npos > 1)
		m.given_case = BORGERBUDGET__V1__CAPTURE__GIVEN_AMOUNT;
	m.voucher = arg_or_empty(a, "--voucher");
	m.value_date = arg_or_empty(a, "--date");
	if ((rc = receipt_option(ctx, a, hash, &m.receipt_sha256)))
		return rc;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_CAPTURE;
	op.capture = &m;
	return ctl_write(ctx, &op, N_("captured"));
}

static int
release(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Release	 m = BORGERBUDGET__V1__RELEASE__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	int				 rc;

	if ((rc = arg_u64(ctx, "SEQ", a->pos[0], &m.seq)))
		return rc;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_RELEASE;
	op.release = &m;
	return ctl_write(ctx, &op, N_("released"));
}

static int
refund(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Refund	 m = BORGERBUDGET__V1__REFUND__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	uint8_t				 hash[32];
	int				 rc;

	if (!arg(a, "--category") || !arg(a, "--voucher"))
		return usage_error(ctx, "--category and --voucher are "
		    "required");
	if ((rc = arg_amount(ctx, "AMOUNT", a->pos[1], &m.amount)) ||
	    (rc = arg_date(ctx, "--date", arg(a, "--date"))))
		return rc;
	m.citizen = a->pos[0];
	m.category = arg_or_empty(a, "--category");
	m.voucher = arg_or_empty(a, "--voucher");
	m.value_date = arg_or_empty(a, "--date");
	m.note = arg_or_empty(a, "--note");
	if ((rc = receipt_option(ctx, a, hash, &m.receipt_sha256)))
		return rc;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_REFUND;
	op.refund = &m;
	return ctl_write(ctx, &op, N_("refunded"));
}

static const char *const reserve_opts[] = { "--category", "--note", NULL };
static const char *const capture_opts[] = { "--voucher", "--date",
    "--receipt", NULL };
static const char *const refund_opts[] = { "--category", "--voucher",
    "--date", "--note", "--receipt", NULL };

const struct command cmd_reserve = { "reserve",
    "CITIZEN AMOUNT --category CAT [--note TEXT]", 2, 2, reserve_opts,
    reserve, NULL };
const struct command cmd_capture = { "capture",
    "SEQ [AMOUNT] --voucher REF [--date DATE] [--receipt FILE]", 1, 2,
    capture_opts, capture,
    NULL };
const struct command cmd_release = { "release", "SEQ", 1, 1, NULL, release,
    NULL };
const struct command cmd_refund = { "refund",
    "CITIZEN AMOUNT --category CAT --voucher REF [--date DATE] "
    "[--receipt FILE] [--note TEXT]",
    2, 2, refund_opts, refund, NULL };
