/* status */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "conn.h"
#include "lang.h"
#include "money.h"
#include "output.h"

/*
 * A size in whole units, rounded up and grouped the Danish way
 * ("1.024"): what is used never looks smaller than it is.
 */
static const char *
size_units(uint64_t bytes, uint64_t unit, char *buf, size_t len)
{
	char		 digits[24];
	uint64_t	 v = bytes / unit + (bytes % unit != 0);
	size_t		 n, i, o = 0;

	n = (size_t)snprintf(digits, sizeof(digits), "%llu",
	    (unsigned long long)v);
	for (i = 0; i < n && o + 2 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = '.';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/*
 * "database 0 af 1 MiB" hid a map nearly full: sizes below 10 MiB are
 * shown in KiB, below 10 GiB in MiB, and the share used beside them.
 */
static void
status_database(uint64_t used, uint64_t size)
{
	const char	*name = "GiB";
	uint64_t	 unit = 1ULL << 30, tenths;
	char		 u[32], s[32];

	if (size < 10ULL << 20) {
		unit = 1ULL << 10;
		name = "KiB";
	} else if (size < 10ULL << 30) {
		unit = 1ULL << 20;
		name = "MiB";
	}
	tenths = size ? used * 1000 / size : 0;
	printf(_("database       %s %s of %s %s (%llu.%llu %%)\n"),
	    size_units(used, unit, u, sizeof(u)), name,
	    size_units(size, unit, s, sizeof(s)), name,
	    (unsigned long long)(tenths / 10),
	    (unsigned long long)(tenths % 10));
}

static int
status_print(struct ctx *ctx, const PbResult *r)
{
	const PbStatusInfo	*s;

	if ((s = r->status) == NULL)
		return ctl_unreachable(ctx, "budgetd answered garbage");
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
		printf(",\"format\":%u}\n", s->format);
	} else {
		/* TRANSLATORS: the labels of status are padded to one
		 * width. */
		printf(_("budgetd %s, today %s, up for %lld s\n"), s->version,
		    s->today, (long long)s->uptime_seconds);
		printf(_("entries        %llu\n"),
		    (unsigned long long)s->entries);
		printf("%s", _("tree's root    "));
		hex_text(stdout, s->root.data, s->root.len);
		printf("\n");
		printf(_("pools          %u\n"), s->pools);
		printf(_("citizens       %u\n"), s->citizens);
		status_database(s->map_used, s->map_size);
		printf(_("database format %u\n"), s->format);
		printf(_("connections    %u, %llu commits\n"), s->clients,
		    (unsigned long long)s->commits);
	}
	return EXIT_DONE;
}

static int
status(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Status	 m = BORGERBUDGET__V1__STATUS__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;

	(void)a;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_STATUS;
	op.status = &m;
	return ctl_show(ctx, &op, status_print);
}

const struct command cmd_status = { "status", "", 0, 0, NULL, status, NULL };
