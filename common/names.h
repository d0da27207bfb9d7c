/* Names the ledger accepts: citizen references, slugs, and the CPR check. */
#ifndef BB_NAMES_H
#define BB_NAMES_H

#include <stddef.h>

#define NAME_MAX_LEN	64
#define TEXT_MAX_LEN	1000	/* notes, reasons, vouchers, pool names */

int	 citizen_check(const char *);
int	 slug_check(const char *);
#define TEXT_REQUIRED	0x1
#define TEXT_FREE	0x2	/* typed by a person: a CPR number is refused */

int	 text_check(const char *, int);
int	 text_explain(const char *, int, char *, size_t);
int	 cpr_find(const char *);

/* The name of a checkpoint's origin, a C2SP signed-note key name. */
int	 checkpoint_name_check(const char *, char *, size_t);

#endif
