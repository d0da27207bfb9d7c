/*
 * The drawing module: budgetctl-draw.so holds the PDF and SVG drawing
 * and links cairo and pango, which with the libraries they stand on are
 * forty shared objects: loaded at every start, they doubled the time
 * and the page faults of every budgetctl command. module.c loads the
 * module when something is drawn; draw-module.c is its one entry.
 */
#ifndef BB_DRAW_MODULE_H
#define BB_DRAW_MODULE_H

#include <stdio.h>

#include "draw-report.h"
#include "draw-statement.h"

/* Changes whenever the structures handed over change. */
#define DRAW_MODULE_ABI	1

struct draw_module {
	int		 abi;
	const char	*version;	/* BB_VERSION it was built with */
	int		(*statement_pdf)(FILE *, const struct draw_statement *);
	int		(*report)(FILE *, enum draw_kind,
			    const struct draw_report *);
};

#define DRAW_MODULE_SYMBOL	"budgetctl_draw_module"

#endif
