/* draw.c: what the PDF statement and the drawn reports share */
#ifndef BB_DRAW_H
#define BB_DRAW_H

#include <stdint.h>
#include <stdio.h>

#include <cairo.h>

#include "command.h"

#define A4_WIDTH	595.28		/* points */
#define A4_HEIGHT	841.89
#define DRAW_MARGIN	48.0

enum draw_align { LEFT, RIGHT, CENTER };

/* Where a drawing goes: stdout, or -o FILE (--output FILE). */
int		 draw_output(struct ctx *, struct args *, int, FILE **);
int		 draw_wants_file(struct args *);
int		 draw_close(FILE *, const char *);
const char	*draw_municipality(struct args *);
const char	*draw_today(void);
const char	*draw_op_name(const char *);

cairo_surface_t	*draw_pdf(FILE *, const char *);
double		 draw_text(cairo_t *, double, double, double, enum draw_align,
		    const char *, const char *);
double		 draw_para(cairo_t *, double, double, double, const char *,
		    const char *);
double		 draw_width(cairo_t *, const char *, const char *);
void		 draw_done(void);
int		 draw_pdf_end(cairo_t *, cairo_surface_t *);
void		 draw_rule(cairo_t *, double, double, double, double);

#endif
