/* draw-report.c: the committee's report as PDF or SVG */
#ifndef BB_DRAW_REPORT_H
#define BB_DRAW_REPORT_H

#include <stdint.h>
#include <stdio.h>

struct draw_category {
	const char	*name;		/* the slug */
	const char	*label;		/* what is printed: [categories] */
	int64_t		 total, purchases, citizens;
};

struct draw_pool {
	const char	*pool, *name;
	int64_t		 funded, granted, spent, reserved, returned, balance;
	long long	 permille;	/* spent of granted */
	unsigned	 open, closed;
};

struct draw_report {
	const char		*municipality, *made;
	const char		*from, *to, *pool;	/* NULL: not narrowed */
	struct draw_category	*categories;
	size_t			 ncategories;
	struct draw_pool	*pools;
	size_t			 npools;
};

enum draw_kind { DRAW_PDF, DRAW_SVG };

int		 draw_report(FILE *, enum draw_kind, const struct draw_report *);

#endif
