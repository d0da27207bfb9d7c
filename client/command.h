/*
 * budgetctl's vocabulary: a command is a table entry, run with the
 * context of the call and its parsed arguments, returning an exit code.
 */
#ifndef BB_COMMAND_H
#define BB_COMMAND_H

#include <stdint.h>

#include "wire.h"

#define EXIT_DONE	0
#define EXIT_REFUSED	1
#define EXIT_USAGE	2
#define EXIT_UNREACHABLE 3

#define ARGS_MAXPOS	4
#define ARGS_MAXOPT	16

struct args {
	int		 npos;
	char		*pos[ARGS_MAXPOS];
	int		 nopt;
	struct {
		const char	*name;
		char		*value;
	}		 opt[ARGS_MAXOPT];
};

struct ctx {
	const char	*socket;
	int		 json;
	uint8_t		 id[16];
	int		 id_given;
	int		 atomic;	/* requests: all or nothing */
	const struct command *cmd;
};

struct command {
	const char	*name;		/* "pool create" */
	const char	*usage;		/* what follows the name */
	int		 minpos;
	int		 maxpos;
	const char *const *options;	/* options taking a value */
	int		(*run)(struct ctx *, struct args *);
	const char *const *flags;	/* options without a value */
};

#endif
