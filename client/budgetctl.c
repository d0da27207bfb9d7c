/*
 * budgetctl: the command-line client of budgetd. Global options and the
 * command table live here; every command is a table entry in a cmd-*.c
 * file, and its arguments are parsed in args.c before it runs.
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "args.h"
#include "commands.h"
#include "date.h"
#include "lang.h"
#include "output.h"

#define DEFAULT_SOCKET	"/run/borgerbudget/budgetd.sock"

static const struct command *const commands[] = {
	&cmd_pool_create, &cmd_pool_fund, &cmd_pool_show, &cmd_pool_list,
	&cmd_course_open, &cmd_course_show, &cmd_course_close, &cmd_course_list,
	&cmd_grant, &cmd_spend, &cmd_reserve, &cmd_capture, &cmd_release,
	&cmd_refund, &cmd_receipt, &cmd_erase, &cmd_reservation_list, &cmd_reverse, &cmd_import,
	&cmd_statement, &cmd_report, &cmd_export, &cmd_status, &cmd_checkpoint,
	&cmd_proof, &cmd_consistency, &cmd_audit, &cmd_verify, &cmd_backup,
	&cmd_archive, &cmd_bench,
};
#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

static void
help(FILE *f)
{
	fprintf(f, _("usage: budgetctl [-S SOCKET] [--json] [--id UUID] "
	    "COMMAND ...\n\ncommands:\n"));
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %s %s\n", commands[i]->name, commands[i]->usage);
	fprintf(f, _("\nAmounts in kroner: 1234, 1234.50, 1234,50, 1.234,50. "
	    "Dates YYYY-MM-DD, today by default.\nThe socket: -S, else "
	    "$BUDGETD_SOCKET, else %s.\n'budgetctl help COMMAND' or "
	    "'COMMAND --help' shows a command's usage; '--' ends the "
	    "options.\n"), DEFAULT_SOCKET);
}

/* A command's name is one word or two ("pool create"). */
static const struct command *
lookup(int argc, char **argv, int *used)
{
	char	 two[64];

	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i]->name, argv[0]) == 0) {
			*used = 1;
			return commands[i];
		}
		if (argc > 1) {
			snprintf(two, sizeof(two), "%s %s", argv[0], argv[1]);
			if (strcmp(commands[i]->name, two) == 0) {
				*used = 2;
				return commands[i];
			}
		}
	}
	return NULL;
}

/* Is word the first of two-word commands ("pool" of "pool create")? */
static int
is_group(const char *word)
{
	size_t	 n = strlen(word);

	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strncmp(commands[i]->name, word, n) == 0 &&
		    commands[i]->name[n] == ' ')
			return 1;
	return 0;
}

/*
 * The usage of every command of a group, one a line; the lines after
 * the first are indented to the "budgetctl" of the first, however long
 * the language's word for usage is.
 */
static void
group_usage(FILE *f, const char *group)
{
	size_t	 n = strlen(group);
	int	 first = 1, indent = 0;

	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strncmp(commands[i]->name, group, n) != 0 ||
		    commands[i]->name[n] != ' ')
			continue;
		if (first)
			indent = args_usage(f, commands[i]);
		else
			fprintf(f, "%*sbudgetctl %s%s%s\n", indent, "",
			    commands[i]->name, *commands[i]->usage ? " " : "",
			    commands[i]->usage);
		first = 0;
	}
}

/* The group's verbs, "create, fund, show, list", for a one-line message. */
static const char *
group_verbs(const char *group, char *buf, size_t len)
{
	size_t	 n = strlen(group), o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NCOMMANDS && o < len; i++)
		if (strncmp(commands[i]->name, group, n) == 0 &&
		    commands[i]->name[n] == ' ')
			o += (size_t)snprintf(buf + o, len - o, "%s%s",
			    o ? ", " : "", commands[i]->name + n + 1);
	return buf;
}

/*
 * A group without its verb ("budgetctl pool") is an incomplete command,
 * a usage error like a missing argument: exit 2, the group's commands on
 * stderr. Asked for ("help pool", "pool --help") they go to stdout, 0.
 */
static int
group_error(struct ctx *ctx, int argc, char **argv)
{
	char	 verbs[256];

	group_verbs(argv[0], verbs, sizeof(verbs));
	if (ctx->json) {
		if (argc > 1)
			return usage_error(ctx, "unknown command: %s %s "
			    "(%s has: %s)", argv[0], argv[1], argv[0], verbs);
		return usage_error(ctx, "%s needs a command: %s", argv[0],
		    verbs);
	}
	if (argc > 1)
		fprintf(stderr, _("budgetctl: unknown command: %s %s\n"),
		    argv[0], argv[1]);
	else
		fprintf(stderr, _("budgetctl: %s needs a command: %s\n"),
		    argv[0], verbs);
	group_usage(stderr, argv[0]);
	return EXIT_USAGE;
}

/* help [COMMAND], or COMMAND --help: asked for, so stdout and exit 0. */
static int
show_help(struct ctx *ctx, int argc, char **argv)
{
	int	 used;

	if (argc == 0) {
		help(stdout);
		return EXIT_DONE;
	}
	if ((ctx->cmd = lookup(argc, argv, &used)) != NULL) {
		args_usage(stdout, ctx->cmd);
		return EXIT_DONE;
	}
	if (is_group(argv[0]) && argc == 1) {
		group_usage(stdout, argv[0]);
		return EXIT_DONE;
	}
	if (is_group(argv[0]))
		return group_error(ctx, argc, argv);
	return usage_error(ctx, "unknown command: %s", argv[0]);
}

/* --json before anything else, so that every error can be JSON. */
static int
wants_json(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "-S") == 0 || strcmp(argv[i], "--id") == 0)
			i++;
		else if (strcmp(argv[i], "--json") == 0)
			return 1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct ctx	 ctx;
	struct args	 a;
	char		*rest[256];
	const char	*id = NULL;
	int		 nrest = 0, used, i, want_help = 0, lead = 0, rc;

	memset(&ctx, 0, sizeof(ctx));
	date_init();
	lang_setup(lang_from_environment());
	/* A daemon that hangs up is exit status 3, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	/* Statements and exports run to megabytes: write them to a pipe or
	 * a file in large pieces, not in 4 KiB ones. */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 256 * 1024);
	if (sodium_init() == -1) {
		fprintf(stderr, _("budgetctl: libsodium cannot start\n"));
		return EXIT_UNREACHABLE;
	}
	if ((ctx.socket = getenv("BUDGETD_SOCKET")) == NULL || !*ctx.socket)
		ctx.socket = DEFAULT_SOCKET;

	ctx.json = wants_json(argc, argv);

	/* Global options may stand anywhere on the line, up to "--": what
	 * follows it is the command's, positional (args_parse). */
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			if (nrest + argc - i > (int)(sizeof(rest) /
			    sizeof(rest[0])))
				return usage_error(&ctx, "too many arguments");
			while (i < argc)
				rest[nrest++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "-S") == 0 || strcmp(argv[i], "--id") == 0) {
			if (i + 1 == argc)
				return usage_error(&ctx, "%s needs a value",
				    argv[i]);
			if (argv[i][1] == 'S')
				ctx.socket = argv[++i];
			else
				id = argv[++i];
		} else if (strcmp(argv[i], "--json") == 0) {
			ctx.json = 1;
		} else if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			want_help = 1;
		} else if (nrest < (int)(sizeof(rest) / sizeof(rest[0]))) {
			rest[nrest++] = argv[i];
		} else {
			return usage_error(&ctx, "too many arguments");
		}
	}
	/* "budgetctl -- course show --x": the command's name may follow the
	 * "--"; its arguments stay after one (below). */
	if (nrest > 0 && strcmp(rest[0], "--") == 0) {
		lead = 1;
		nrest--;
		memmove(rest, rest + 1, (size_t)nrest * sizeof(rest[0]));
	}
	if (nrest > 0 && strcmp(rest[0], "help") == 0) {
		want_help = 1;
		nrest--;
		memmove(rest, rest + 1, (size_t)nrest * sizeof(rest[0]));
	}
	if (want_help)
		return show_help(&ctx, nrest, rest);
	if (nrest == 0) {
		if (ctx.json)
			return usage_error(&ctx, "a command is missing");
		help(stderr);
		return EXIT_USAGE;
	}
	if ((ctx.cmd = lookup(nrest, rest, &used)) == NULL) {
		if (is_group(rest[0]))
			return group_error(&ctx, nrest, rest);
		return usage_error(&ctx, "unknown command: %s", rest[0]);
	}
	if (id != NULL) {
		if (uuid_parse(id, ctx.id) == -1)
			return usage_error(&ctx, "--id: not a UUID: %s", id);
		ctx.id_given = 1;
	} else {
		/* A random version 4 UUID for each write. */
		randombytes_buf(ctx.id, sizeof(ctx.id));
		ctx.id[6] = (ctx.id[6] & 0x0f) | 0x40;
		ctx.id[8] = (ctx.id[8] & 0x3f) | 0x80;
	}
	if (lead)
		rest[--used] = "--";
	if ((rc = args_parse(&ctx, nrest - used, rest + used, &a)) != 0)
		return rc;
	return ctx.cmd->run(&ctx, &a);
}
