/* svg.c: a small SVG writer whose text stays text */
#ifndef BB_SVG_H
#define BB_SVG_H

#include <stdio.h>

void	 svg_escape(FILE *, const char *);
void	 svg_begin(FILE *, double, double, const char *);
void	 svg_end(FILE *);
void	 svg_rect(FILE *, double, double, double, double, const char *,
	    const char *);
void	 svg_line(FILE *, double, double, double, double);
void	 svg_text(FILE *, double, double, const char *, double, int,
	    const char *, const char *);
void	 svg_group(FILE *, const char *, const char *);
void	 svg_group_end(FILE *);

#endif
