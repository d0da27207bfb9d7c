/*
 * What the PDF statement and the drawn reports share that budgetctl
 * itself runs: where the drawing goes, the municipality and the day it
 * is made, and the Danish names of the ledger's operations. The drawing
 * is the module's (draw-pdf.c, module.c).
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "draw.h"

/* Where a drawing goes: -o FILE (or --output FILE), else stdout. */
int
draw_output(struct ctx *ctx, struct args *a, int binary, FILE **f)
{
	const char	*path = arg(a, "-o");

	if (path != NULL && arg(a, "--output") != NULL)
		return usage_error(ctx, "-o and --output name one file");
	if (path == NULL)
		path = arg(a, "--output");
	if (path == NULL || strcmp(path, "-") == 0) {
		/* A PDF on a terminal is screens of noise. */
		if (binary && path == NULL && isatty(STDOUT_FILENO))
			return usage_error(ctx, "not writing a drawing to a "
			    "terminal: give -o FILE or redirect it");
		*f = stdout;
		return 0;
	}
	if ((*f = fopen(path, "w")) == NULL)
		return usage_error(ctx, "%s: %s", path, strerror(errno));
	return 0;
}

int
draw_wants_file(struct args *a)
{
	return arg(a, "-o") != NULL || arg(a, "--output") != NULL;
}

/* Closes what draw_output opened; -1 when the drawing did not all go. */
int
draw_close(FILE *f, const char *what)
{
	int	 bad = ferror(f);

	if (f == stdout)
		bad |= fflush(f) != 0;
	else
		bad |= fclose(f) != 0;
	if (bad)
		fprintf(stderr, "budgetctl: %s: %s\n", what, strerror(errno));
	return bad ? -1 : 0;
}

/* The name at the top: --municipality, else $BUDGETCTL_MUNICIPALITY. */
const char *
draw_municipality(struct args *a)
{
	const char	*m = arg(a, "--municipality");

	if (m == NULL || *m == '\0')
		m = getenv("BUDGETCTL_MUNICIPALITY");
	return m && *m ? m : "Kommunen";
}

/* Today in Copenhagen, the day the drawing was made. */
const char *
draw_today(void)
{
	static char	 day[16];
	time_t		 now = time(NULL);
	struct tm	 tm;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(day, sizeof(day), "%Y-%m-%d", &tm) == 0)
		return "";
	return day;
}

const char *
draw_op_name(const char *op)
{
	static const struct { const char *op, *da; } names[] = {
		{ "pool_create", "Pulje oprettet" },
		{ "pool_fund", "Tilførsel" },
		{ "course_open", "Forløb åbnet" },
		{ "grant", "Bevilling" },
		{ "spend", "Køb" },
		{ "reverse", "Annullering" },
		{ "course_close", "Forløb lukket" },
		{ "reserve", "Reservation" },
		{ "capture", "Køb (reserveret)" },
		{ "release", "Reservation frigivet" },
		{ "refund", "Refusion" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].op, op) == 0)
			return names[i].da;
	return op;
}
