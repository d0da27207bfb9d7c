/* draw-pdf.c: an A4 PDF and text on it, inside the drawing module */
#ifndef BB_DRAW_PDF_H
#define BB_DRAW_PDF_H

#include <stdio.h>

#include <cairo.h>

#define A4_WIDTH	595.28		/* points */
#define A4_HEIGHT	841.89
#define DRAW_MARGIN	48.0

enum draw_align { LEFT, RIGHT, CENTER };

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
