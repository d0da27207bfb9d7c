/* status */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "budgetctl.h"
#include "money.h"


static int
status(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Status	 m = BORGERBUDGET__V1__STATUS__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	const PbStatusInfo		*s;
	int				 rc;

	(void)a;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_STATUS;
	op.status = &m;
	if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	if ((s = r->status) == NULL) {
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		return EXIT_UNREACHABLE;
	}
	if (ctx->json) {
		printf("{\"version\":");
		json_str(stdout, s->version);
		printf(",\"entries\":%llu,\"pools\":%u,\"citizens\":%u,"
		    "\"today\":\"%s\",\"uptime_seconds\":%lld,\"map_size\":%llu,"
		    "\"map_used\":%llu,\"clients\":%u,\"commits\":%llu,"
		    "\"root\":",
		    (unsigned long long)s->entries, s->pools, s->citizens,
		    s->today, (long long)s->uptime_seconds,
		    (unsigned long long)s->map_size,
		    (unsigned long long)s->map_used, s->clients,
		    (unsigned long long)s->commits);
		json_hex(stdout, s->root.data, s->root.len);
		printf("}\n");
	} else {
		printf("budgetd %s, i dag %s, oppe i %lld s\n", s->version,
		    s->today, (long long)s->uptime_seconds);
		printf("posteringer    %llu\n", (unsigned long long)s->entries);
		printf("træets rod     ");
		for (size_t i = 0; i < s->root.len; i++)
			printf("%02x", s->root.data[i]);
		printf("\n");
		printf("puljer         %u\n", s->pools);
		printf("borgere        %u\n", s->citizens);
		printf("database       %llu af %llu MiB\n",
		    (unsigned long long)(s->map_used >> 20),
		    (unsigned long long)(s->map_size >> 20));
		printf("forbindelser   %u, %llu commits\n", s->clients,
		    (unsigned long long)s->commits);
	}
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return EXIT_DONE;
}

const struct command cmd_status = { "status", "", 0, 0, NULL, status, NULL };
