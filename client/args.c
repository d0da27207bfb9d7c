/*
 * A command's arguments: positionals and "--option value" pairs checked
 * against its table entry, and the checks of amounts, dates and numbers
 * every command shares. A usage error is found before anything is sent.
 */

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "date.h"
#include "lang.h"
#include "money.h"
#include "output.h"

/*
 * "usage: budgetctl COMMAND ...". Returns the column "budgetctl" stands
 * in, for the lines of a group's other commands to line up under it.
 */
int
args_usage(FILE *f, const struct command *c)
{
	const char	*fmt = _("usage: budgetctl %s%s%s\n"), *p;
	int		 col = 0;

	fprintf(f, fmt, c->name, *c->usage ? " " : "", c->usage);
	/* Characters, not bytes: the word may hold an æ. */
	for (p = fmt; *p != '\0' && strncmp(p, "budgetctl", 9) != 0; p++)
		col += ((unsigned char)*p & 0xc0) != 0x80;
	return col;
}

/*
 * A usage error: said on stderr with the command's usage, or with --json
 * as a refusal on stdout (code BAD_REQUEST) that a script reads like the
 * daemon's; the exit status stays 2 either way.
 */
int
usage_error(struct ctx *ctx, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[512], use[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	if (ctx && ctx->json) {
		printf("{\"status\":\"error\",\"code\":\"BAD_REQUEST\","
		    "\"message\":");
		json_str(stdout, msg);
		if (ctx->cmd) {
			snprintf(use, sizeof(use), "budgetctl %s%s%s",
			    ctx->cmd->name, *ctx->cmd->usage ? " " : "",
			    ctx->cmd->usage);
			printf(",\"usage\":");
			json_str(stdout, use);
		}
		printf("}\n");
		return EXIT_USAGE;
	}
	fprintf(stderr, "budgetctl: %s\n", msg);
	if (ctx && ctx->cmd)
		args_usage(stderr, ctx->cmd);
	else
		fprintf(stderr, _("see 'budgetctl help'\n"));
	return EXIT_USAGE;
}

const char *
arg(struct args *a, const char *name)
{
	for (int i = 0; i < a->nopt; i++)
		if (strcmp(a->opt[i].name, name) == 0)
			return a->opt[i].value;
	return NULL;
}

/* An option's value for a protobuf string field: "" when absent. */
char *
arg_or_empty(struct args *a, const char *name)
{
	const char	*v = arg(a, name);

	return (char *)(v ? v : "");
}

/* An amount in kroner; an absent optional one leaves *ore as it is. */
int
arg_amount(struct ctx *ctx, const char *name, const char *v, int64_t *ore)
{
	if (v == NULL)
		return 0;
	if (money_parse(v, ore) == -1)
		return usage_error(ctx, "%s: not an amount in kroner: %s "
		    "(1234, 1234,50 or 1.234,50)", name, v);
	return 0;
}

int
arg_date(struct ctx *ctx, const char *name, const char *v)
{
	int32_t	 d;

	if (v != NULL && date_parse(v, &d) == -1)
		return usage_error(ctx, "%s: not a date (YYYY-MM-DD): %s", name,
		    v);
	return 0;
}

int
arg_u64(struct ctx *ctx, const char *name, const char *v, uint64_t *out)
{
	char			*end;
	unsigned long long	 n;

	if (v == NULL || *v < '0' || *v > '9')
		return usage_error(ctx, "%s: not a number: %s", name,
		    v ? v : _("(missing)"));
	n = strtoull(v, &end, 10);
	if (*end != '\0' || n == ULLONG_MAX)
		return usage_error(ctx, "%s: not a number: %s", name, v);
	*out = n;
	return 0;
}

static int
listed(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/*
 * Positionals and "--option value" pairs, in any order. "--" ends the
 * options: what follows is positional even when it starts with a dash,
 * so a citizen reference such as "--x" or "-S" stays a reference.
 */
int
args_parse(struct ctx *ctx, int argc, char **argv, struct args *a)
{
	const struct command	*c = ctx->cmd;
	int			 options = 1;

	memset(a, 0, sizeof(*a));
	for (int i = 0; i < argc; i++) {
		if (options && strcmp(argv[i], "--") == 0) {
			options = 0;
			continue;
		}
		/* A short option is one the command lists ("-o"). */
		if (options && (strncmp(argv[i], "--", 2) == 0 ||
		    (argv[i][0] == '-' && listed(c->options, argv[i])))) {
			if (listed(c->flags, argv[i])) {
				if (arg(a, argv[i]) == NULL &&
				    a->nopt < ARGS_MAXOPT) {
					a->opt[a->nopt].name = argv[i];
					a->opt[a->nopt++].value = "";
				}
				continue;
			}
			if (!listed(c->options, argv[i]))
				return usage_error(ctx, "unknown option %s",
				    argv[i]);
			if (i + 1 == argc)
				return usage_error(ctx, "%s needs a value",
				    argv[i]);
			if (arg(a, argv[i]) != NULL)
				return usage_error(ctx, "%s given twice",
				    argv[i]);
			if (a->nopt == ARGS_MAXOPT)
				return usage_error(ctx, "too many options");
			a->opt[a->nopt].name = argv[i];
			a->opt[a->nopt++].value = argv[++i];
		} else {
			if (a->npos == c->maxpos)
				return usage_error(ctx, "unexpected argument "
				    "'%s'", argv[i]);
			a->pos[a->npos++] = argv[i];
		}
	}
	if (a->npos < c->minpos)
		return usage_error(ctx, "missing argument");
	return 0;
}
