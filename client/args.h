/* args.c: a command's arguments, parsed and checked before anything is sent */
#ifndef BB_ARGS_H
#define BB_ARGS_H

#include <stdio.h>

#include "command.h"

int		 args_parse(struct ctx *, int, char **, struct args *);
int		 args_usage(FILE *, const struct command *);
int		 usage_error(struct ctx *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
const char	*arg(struct args *, const char *);
char		*arg_or_empty(struct args *, const char *);
int		 arg_amount(struct ctx *, const char *, const char *, int64_t *);
int		 arg_date(struct ctx *, const char *, const char *);
int		 arg_u64(struct ctx *, const char *, const char *, uint64_t *);

#endif
