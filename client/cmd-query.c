/* statement, status */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "budgetctl.h"
#include "money.h"

static void
statement_line_text(const PbEntry *e, int64_t balance)
{
	printf("  %-10s %6llu  %-12s %-12s %-14s %17s %17s  %s\n",
	    e->value_date, (unsigned long long)e->seq,
	    entry_op_name((int)e->op), e->category, e->voucher,
	    kr(entry_budget_effect(e)), kr(balance), e->note);
}

static void
statement_line_csv(const PbEntry *e, int64_t balance)
{
	char	 a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	int64_t	 effect = entry_budget_effect(e);

	/* Kroner without the " kr." suffix, Danish style, quoted. */
	money_format(effect, a, sizeof(a));
	a[strlen(a) - 4] = '\0';
	money_format(balance, b, sizeof(b));
	b[strlen(b) - 4] = '\0';
	printf("%llu,%s,%u,%s,", (unsigned long long)e->seq, e->value_date,
	    e->course, entry_op_name((int)e->op));
	csv_field(stdout, e->category);
	printf(",");
	csv_field(stdout, e->voucher);
	printf(",%lld,", (long long)effect);
	csv_field(stdout, a);
	printf(",%lld,", (long long)balance);
	csv_field(stdout, b);
	printf(",");
	csv_field(stdout, e->note);
	printf("\n");
}

static int
statement_print(struct ctx *ctx, const char *format, const PbStatementInfo *s)
{
	PbEntry		*e;
	size_t		 i, c;
	uint32_t	 course = 0;

	if (strcmp(format, "json") == 0) {
		printf("{\"citizen\":");
		json_str(stdout, s->citizen);
		printf(",\"courses\":[");
		for (c = 0; c < s->n_courses; c++) {
			printf(c ? "," : "");
			course_json(stdout, s->courses[c]);
		}
		printf("],\"lines\":[");
	} else if (strcmp(format, "csv") == 0) {
		printf("seq,value_date,course,op,category,voucher,amount_ore,"
		    "amount_kr,balance_ore,balance_kr,note\n");
	} else {
		printf("Kontoudtog for %s\n", s->citizen);
	}
	for (i = 0; i < s->n_lines; i++) {
		if ((e = entry_decode(&s->lines[i]->entry)) == NULL)
			return EXIT_UNREACHABLE;
		if (strcmp(format, "json") == 0) {
			printf(i ? "," : "");
			entry_json(stdout, &s->lines[i]->entry, e,
			    &s->lines[i]->balance);
		} else if (strcmp(format, "csv") == 0) {
			statement_line_csv(e, s->lines[i]->balance);
		} else {
			if (e->course != course) {
				course = e->course;
				for (c = 0; c < s->n_courses; c++)
					if (s->courses[c]->course == course)
						printf("\nForløb %u, pulje %s, "
						    "%s til %s (%s)\n", course,
						    s->courses[c]->pool,
						    s->courses[c]->start,
						    s->courses[c]->end,
						    s->courses[c]->status);
				printf("  %-10s %6s  %-12s %-12s %-14s %17s "
				    "%17s  %s\n", "dato", "seq", "postering",
				    "kategori", "bilag", "beløb", "saldo",
				    "note");
			}
			statement_line_text(e, s->lines[i]->balance);
		}
	}
	if (strcmp(format, "json") == 0)
		printf("]}\n");
	(void)ctx;
	return EXIT_DONE;
}

static int
statement(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Statement	 m = BORGERBUDGET__V1__STATEMENT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	const char			*format = arg(a, "--format");
	int				 rc;

	if (format == NULL)
		format = ctx->json ? "json" : "text";
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "csv") != 0)
		return usage_error(ctx, "--format is text, json or csv");
	if ((rc = arg_date(ctx, "--from", arg(a, "--from"))) ||
	    (rc = arg_date(ctx, "--to", arg(a, "--to"))))
		return rc;
	m.citizen = a->pos[0];
	m.from = (char *)(arg(a, "--from") ? arg(a, "--from") : "");
	m.to = (char *)(arg(a, "--to") ? arg(a, "--to") : "");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_STATEMENT;
	op.statement = &m;
	if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	rc = r->statement ? statement_print(ctx, format, r->statement) :
	    EXIT_UNREACHABLE;
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return rc;
}


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

static const char *const statement_opts[] = { "--from", "--to", "--format",
    NULL };
const struct command cmd_statement = { "statement",
    "CITIZEN [--from DATE] [--to DATE] [--format text|json|csv]", 1, 1,
    statement_opts, statement, NULL };
const struct command cmd_status = { "status", "", 0, 0, NULL, status, NULL };
