/* checkpoint [--verifier-key] */

#include "budgetctl.h"

static int
checkpoint(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Checkpoint	 m = BORGERBUDGET__V1__CHECKPOINT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	int				 rc;

	m.verifier_key = arg(a, "--verifier-key") != NULL;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_CHECKPOINT;
	op.checkpoint = &m;
	if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	/* The note exactly as signed: a verifier hashes these bytes. */
	if (m.verifier_key)
		printf("%s\n", r->verifier_key);
	else
		fputs(r->checkpoint, stdout);
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return EXIT_DONE;
}

static const char *const checkpoint_flags[] = { "--verifier-key", NULL };

const struct command cmd_checkpoint = { "checkpoint", "[--verifier-key]", 0,
    0, NULL, checkpoint, checkpoint_flags };
