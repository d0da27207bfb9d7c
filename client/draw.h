/* draw.c: what budgetctl runs around a drawing (the module draws) */
#ifndef BB_DRAW_H
#define BB_DRAW_H

#include <stdint.h>
#include <stdio.h>

#include "command.h"

/* Where a drawing goes: stdout, or -o FILE (--output FILE). */
int		 draw_output(struct ctx *, struct args *, int, FILE **);
int		 draw_wants_file(struct args *);
int		 draw_close(FILE *, const char *);
const char	*draw_municipality(struct args *);
const char	*draw_today(void);
const char	*draw_op_name(const char *);

#endif
