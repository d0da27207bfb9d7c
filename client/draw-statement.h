/* draw-statement.c: a citizen's statement as a printable A4 PDF */
#ifndef BB_DRAW_STATEMENT_H
#define BB_DRAW_STATEMENT_H

#include <stdint.h>
#include <stdio.h>

struct draw_course {
	uint32_t	 number;
	const char	*pool, *status, *start, *end;
	int64_t		 granted, spent, reserved, available;
};

/* A line of the statement as it is printed, in value-date order. */
struct draw_row {
	char		 date[16];
	const char	*op;		/* SPEC's name: "spend" */
	char		*category;	/* its label, else its slug */
	char		*voucher, *note;
	uint32_t	 course;
	int64_t		 change;	/* on what is not yet spent */
	int64_t		 held;		/* reserved after the line */
	int64_t		 balance;	/* not yet spent after the line */
};

struct draw_statement {
	const char	*municipality, *citizen, *made;
	const char	*from, *to;	/* the period shown: first/last line */
	struct draw_course *courses;
	size_t		 ncourses;
	struct draw_row	**rows;
	size_t		 nrows;
	int64_t		 opening, closing, held;
	const char	*checkpoint;	/* the latest signed note, or NULL */
};

int		 draw_statement_pdf(FILE *, const struct draw_statement *);

#endif
