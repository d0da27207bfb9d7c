/*
 * A PDF page on a stdio stream and text set on it with pango (DejaVu,
 * which has æ, ø and å): the drawing module's own tools (module.c).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "draw-pdf.h"

static cairo_status_t
stream_write(void *closure, const unsigned char *data, unsigned int n)
{
	return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

/* An A4 PDF written to f as cairo makes it. */
cairo_surface_t *
draw_pdf(FILE *f, const char *title)
{
	cairo_surface_t	*s;

	s = cairo_pdf_surface_create_for_stream(stream_write, f, A4_WIDTH,
	    A4_HEIGHT);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		return s;
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "budgetctl (borgerbudget)");
	return s;
}

/*
 * Layouts are reused while the surface and font stay the same: a
 * statement of thousands of lines sets tens of thousands of cells.
 */
static struct {
	cairo_t		*cr;
	PangoLayout	*layout;
	char		 font[64];
} set;

static PangoLayout *
layout_for(cairo_t *cr, const char *font)
{
	PangoFontDescription	*fd;

	if (set.cr != cr || strcmp(set.font, font) != 0) {
		if (set.cr != cr) {
			draw_done();
			set.layout = pango_cairo_create_layout(cr);
			set.cr = cr;
		}
		fd = pango_font_description_from_string(font);
		pango_layout_set_font_description(set.layout, fd);
		pango_font_description_free(fd);
		snprintf(set.font, sizeof(set.font), "%s", font);
	}
	return set.layout;
}

void
draw_done(void)
{
	if (set.layout != NULL)
		g_object_unref(set.layout);
	memset(&set, 0, sizeof(set));
}

/*
 * The last page shown and the PDF written out: 0, or -1 said. The
 * libraries' caches (pango's font map, cairo's fonts, fontconfig's
 * configuration) live as long as the process: cairo_debug_reset_static_data
 * asserts when a cached font is still held, so the leak checker is told
 * of them instead (tests/lsan.supp).
 */
int
draw_pdf_end(cairo_t *cr, cairo_surface_t *s)
{
	int	 rc = 0;

	cairo_show_page(cr);
	draw_done();
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "budgetctl: the PDF: %s\n",
		    cairo_status_to_string(cairo_surface_status(s)));
		rc = -1;
	}
	cairo_surface_destroy(s);
	return rc;
}

static double
draw_layout(cairo_t *cr, double x, double y, double w, enum draw_align align,
    const char *font, const char *text, int wrap)
{
	PangoLayout	*l = layout_for(cr, font);
	int		 tw, th;

	pango_layout_set_text(l, text, -1);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	if (wrap) {
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	} else {
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	pango_layout_set_alignment(l, align == RIGHT ? PANGO_ALIGN_RIGHT :
	    align == CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	pango_layout_get_pixel_size(l, &tw, &th);
	if (x >= 0) {
		cairo_move_to(cr, x, y);
		pango_cairo_show_layout(cr, l);
	}
	return th;
}

/*
 * One line of text at (x, y) in a box w wide, cut with an ellipsis when
 * it does not fit; font is a pango description ("DejaVu Sans Bold 9").
 * Returns the height it took.
 */
double
draw_text(cairo_t *cr, double x, double y, double w, enum draw_align align,
    const char *font, const char *text)
{
	return draw_layout(cr, x, y, w, align, font, text, 0);
}

/* A paragraph wrapped to w; x < 0 only measures it. */
double
draw_para(cairo_t *cr, double x, double y, double w, const char *font,
    const char *text)
{
	return draw_layout(cr, x, y, w, LEFT, font, text, 1);
}

/* How wide the text is set in one line, uncut. */
double
draw_width(cairo_t *cr, const char *font, const char *text)
{
	PangoLayout	*l = layout_for(cr, font);
	int		 tw, th;

	pango_layout_set_text(l, text, -1);
	pango_layout_set_width(l, -1);
	pango_layout_get_pixel_size(l, &tw, &th);
	return tw;
}

void
draw_rule(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	cairo_save(cr);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
	cairo_restore(cr);
}
