/* backup DEST: the daemon copies its database online into DEST */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "conn.h"
#include "lang.h"
#include "output.h"

static int
backup_print(struct ctx *ctx, const PbResult *r)
{
	if (ctx->json) {
		printf("{\"status\":\"ok\",\"backup\":");
		json_str(stdout, r->backup);
		printf("}\n");
	} else {
		printf(_("ok: %s: %s\nverify it with: budgetd verify --db %s "
		    "--key %s/checkpoint.pub\n"), r->backup, r->message,
		    r->backup, r->backup);
	}
	return EXIT_DONE;
}

static int
backup(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Backup	 m = BORGERBUDGET__V1__BACKUP__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	char				 cwd[PATH_MAX], dest[2 * PATH_MAX];

	/* The daemon runs elsewhere: it gets an absolute path. */
	if (a->pos[0][0] == '/')
		snprintf(dest, sizeof(dest), "%s", a->pos[0]);
	else if (getcwd(cwd, sizeof(cwd)) != NULL)
		snprintf(dest, sizeof(dest), "%s/%s", cwd, a->pos[0]);
	else
		return usage_error(ctx, "cannot tell the current directory");
	m.dest = dest;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_BACKUP;
	op.backup = &m;
	return ctl_show(ctx, &op, backup_print);
}

const struct command cmd_backup = { "backup", "DEST", 1, 1, NULL, backup,
    NULL };
