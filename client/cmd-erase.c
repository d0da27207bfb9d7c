/* erase: a citizen's personal text and voucher documents, after retention */

#include <stdio.h>

#include "args.h"
#include "commands.h"
#include "conn.h"
#include "lang.h"

static int
erase(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Erase	 m = BORGERBUDGET__V1__ERASE__INIT;
	PbOp			 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse		*resp;
	PbResult		*r;
	int			 rc;

	if (arg(a, "--reason") == NULL)
		return usage_error(ctx, "--reason is required: why the data "
		    "goes (e.g. the retention period has passed)");
	m.citizen = a->pos[0];
	m.reason = arg_or_empty(a, "--reason");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_ERASE;
	op.erase = &m;
	op.id.data = ctx->id;
	op.id.len = sizeof(ctx->id);
	if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	if (ctx->json)
		printf("{\"status\":\"%s\",\"seq\":%llu,\"erased\":%llu}\n",
		    r->exists ? "exists" : "ok", (unsigned long long)r->seq,
		    (unsigned long long)r->erased);
	else
		printf(r->exists ?
		    _("exists: erased the text and documents of %llu entries "
		    "for %s, seq %llu\n") :
		    _("ok: erased the text and documents of %llu entries "
		    "for %s, seq %llu\n"),
		    (unsigned long long)r->erased, m.citizen,
		    (unsigned long long)r->seq);
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return EXIT_DONE;
}

static const char *const erase_opts[] = { "--reason", NULL };

const struct command cmd_erase = { "erase", "CITIZEN --reason TEXT", 1, 1,
    erase_opts, erase, NULL };
