/*
 * The committee's report drawn: how the citizens used the money (spending
 * per category as bars, with amounts and the number of citizens), or each
 * pool's money (funded, granted, spent, returned, utilisation), with the
 * period and the day it was made.
 *
 * The report is laid out once, against a canvas of three calls (text,
 * box, rule) and a page break; one canvas draws with cairo and pango into
 * an A4 PDF, the other writes SVG elements (svg.c) into one tall page.
 */

#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "draw.h"
#include "draw-pdf.h"
#include "draw-report.h"
#include "output.h"
#include "svg.h"

#define BOTTOM		(A4_HEIGHT - 50.0)
#define RIGHT_EDGE	(A4_WIDTH - DRAW_MARGIN)
#define WIDTH		(RIGHT_EDGE - DRAW_MARGIN)
#define LABEL_W		145.0		/* "Computer og elektronik" */
#define BAR_X		(DRAW_MARGIN + LABEL_W + 3)
#define BAR_W		115.0
#define AMOUNT_X	(BAR_X + BAR_W + 4)
#define AMOUNT_W	105.0		/* "1.000.000.000,00 kr." */
#define WHO_X		(AMOUNT_X + AMOUNT_W + 4)

struct canvas {
	enum draw_kind	 kind;
	cairo_t		*cr;		/* PDF */
	FILE		*svg;		/* SVG: the body, into memory */
	double		 y;
	int		 page;
};

static void
text(struct canvas *c, double x, double w, enum draw_align align,
    double size, int bold, const char *cls, const char *s)
{
	char	 font[64];

	if (c->kind == DRAW_PDF) {
		snprintf(font, sizeof(font), "DejaVu Sans%s %.1f",
		    bold ? " Bold" : "", size);
		draw_text(c->cr, x, c->y, w, align, font, s);
		return;
	}
	/* pango sets a line from its top, SVG from its baseline. */
	svg_text(c->svg, align == RIGHT ? x + w : align == CENTER ?
	    x + w / 2 : x, c->y + size * 1.05, align == RIGHT ? "end" :
	    align == CENTER ? "middle" : "start", size, bold, cls, s);
}

static void
box(struct canvas *c, double x, double y, double w, double h,
    const char *rgb, const char *cls)
{
	unsigned	 r, g, b;

	if (c->kind == DRAW_SVG) {
		svg_rect(c->svg, x, y, w, h, rgb, cls);
		return;
	}
	if (sscanf(rgb, "#%02x%02x%02x", &r, &g, &b) != 3)
		r = g = b = 0;
	cairo_set_source_rgb(c->cr, r / 255.0, g / 255.0, b / 255.0);
	cairo_rectangle(c->cr, x, y, w, h);
	cairo_fill(c->cr);
	cairo_set_source_rgb(c->cr, 0, 0, 0);
}

static void
rule(struct canvas *c)
{
	if (c->kind == DRAW_SVG)
		svg_line(c->svg, DRAW_MARGIN, c->y, RIGHT_EDGE, c->y);
	else
		draw_rule(c->cr, DRAW_MARGIN, c->y, RIGHT_EDGE, c->y);
}

static void
group(struct canvas *c, const char *cls, const char *name)
{
	if (c->kind == DRAW_SVG)
		svg_group(c->svg, cls, name);
}

static void
group_end(struct canvas *c)
{
	if (c->kind == DRAW_SVG)
		svg_group_end(c->svg);
}

/* Room for h more points on the PDF's page, else the next. */
static void
need(struct canvas *c, double h)
{
	char	 s[32];

	if (c->kind == DRAW_SVG || c->y + h <= BOTTOM)
		return;
	cairo_show_page(c->cr);
	c->page++;
	c->y = 40;
	snprintf(s, sizeof(s), "Side %d", c->page);
	text(c, DRAW_MARGIN, WIDTH, RIGHT, 8, 0, "page", s);
	c->y += 20;
}

static void
head(struct canvas *c, const struct draw_report *r, const char *title)
{
	char	 s[256];

	c->y = 40;
	text(c, DRAW_MARGIN, WIDTH, LEFT, 16, 1, "municipality",
	    r->municipality);
	c->y += 24;
	text(c, DRAW_MARGIN, WIDTH, LEFT, 12, 0, "title", title);
	c->y += 20;
	if (r->pools != NULL)
		snprintf(s, sizeof(s), "Status pr. %s", r->made);
	else if (r->from || r->to)
		snprintf(s, sizeof(s), "Periode: %s – %s",
		    r->from ? r->from : "start", r->to ? r->to : r->made);
	else
		snprintf(s, sizeof(s), "Periode: hele perioden til %s",
		    r->made);
	text(c, DRAW_MARGIN, WIDTH * 0.6, LEFT, 9, 1, "period", s);
	snprintf(s, sizeof(s), "Pulje: %s", r->pool ? r->pool : "alle");
	text(c, DRAW_MARGIN, WIDTH, RIGHT, 9, 1, "pool-filter", s);
	c->y += 14;
	snprintf(s, sizeof(s), "Udarbejdet %s med budgetctl", r->made);
	text(c, DRAW_MARGIN, WIDTH, LEFT, 8, 0, "made", s);
	c->y += 14;
	rule(c);
	c->y += 12;
}

static void
categories(struct canvas *c, const struct draw_report *r)
{
	const struct draw_category	*k;
	int64_t				 most = 0, sum = 0;
	char				 s[128];
	size_t				 i;
	double				 w;

	head(c, r, "Hvordan har borgerne brugt pengene? Forbrug pr. "
	    "kategori");
	for (i = 0; i < r->ncategories; i++) {
		if (r->categories[i].total > most)
			most = r->categories[i].total;
		sum += r->categories[i].total;
	}
	text(c, DRAW_MARGIN, LABEL_W, LEFT, 8, 1, "head", "Kategori");
	text(c, AMOUNT_X, AMOUNT_W, RIGHT, 8, 1, "head", "Forbrug");
	text(c, WHO_X, RIGHT_EDGE - WHO_X, RIGHT, 8, 1, "head",
	    "Borgere · køb");
	c->y += 16;
	if (r->ncategories == 0) {
		text(c, DRAW_MARGIN, WIDTH, LEFT, 9, 0, "empty",
		    "Intet forbrug i perioden.");
		c->y += 16;
	}
	for (i = 0; i < r->ncategories; i++) {
		k = &r->categories[i];
		need(c, 20);
		group(c, "bar", k->name);
		text(c, DRAW_MARGIN, LABEL_W, LEFT, 9, 0, "label", k->label);
		w = k->total > 0 && most > 0 ?
		    BAR_W * (double)k->total / (double)most : 0;
		if (k->total > 0)
			box(c, BAR_X, c->y + 1, w < 1 ? 1 : w, 11, "#336ba8",
			    "bar");
		text(c, AMOUNT_X, AMOUNT_W, RIGHT, 9, 0, "amount", kr(k->total));
		snprintf(s, sizeof(s), "%lld %s · %lld køb",
		    (long long)k->citizens, k->citizens == 1 ? "borger" :
		    "borgere", (long long)k->purchases);
		text(c, WHO_X, RIGHT_EDGE - WHO_X, RIGHT, 8.5, 0, "citizens",
		    s);
		group_end(c);
		c->y += 18;
	}
	need(c, 20);
	rule(c);
	c->y += 4;
	text(c, DRAW_MARGIN, LABEL_W, LEFT, 9, 1, "label", "I alt");
	text(c, AMOUNT_X, AMOUNT_W, RIGHT, 9, 1, "total", kr(sum));
	c->y += 18;
}

/* One of a pool's bars, scaled to the largest amount of the report. */
static void
pool_bar(struct canvas *c, const char *label, int64_t v, int64_t most,
    const char *rgb, const char *cls)
{
	double	 w = v > 0 && most > 0 ? BAR_W * (double)v / (double)most : 0;

	need(c, 16);
	group(c, cls, label);
	text(c, DRAW_MARGIN + 10, 95, LEFT, 8.5, 0, "label", label);
	if (v > 0)
		box(c, BAR_X, c->y + 1, w < 1 ? 1 : w, 10, rgb, "bar");
	text(c, AMOUNT_X, AMOUNT_W, RIGHT, 8.5, 0, "amount", kr(v));
	group_end(c);
	c->y += 15;
}

static void
pools(struct canvas *c, const struct draw_report *r)
{
	const struct draw_pool	*p;
	int64_t			 most = 1;
	char			 s[256];
	size_t			 i;

	head(c, r, "Puljerne: tilført, bevilget, brugt og returneret");
	for (i = 0; i < r->npools; i++) {
		p = &r->pools[i];
		if (p->funded > most)
			most = p->funded;
		if (p->granted > most)
			most = p->granted;
	}
	if (r->npools == 0) {
		text(c, DRAW_MARGIN, WIDTH, LEFT, 9, 0, "empty",
		    "Ingen puljer.");
		c->y += 16;
	}
	for (i = 0; i < r->npools; i++) {
		p = &r->pools[i];
		need(c, 120);
		group(c, "pool", p->pool);
		snprintf(s, sizeof(s), "Pulje %s%s%s%s", p->pool,
		    *p->name ? " (" : "", p->name, *p->name ? ")" : "");
		text(c, DRAW_MARGIN, WIDTH, LEFT, 10, 1, "pool-name", s);
		c->y += 16;
		pool_bar(c, "Tilført", p->funded, most, "#7f7f7f", "funded");
		pool_bar(c, "Bevilget", p->granted, most, "#336ba8", "granted");
		pool_bar(c, "Brugt", p->spent, most, "#c8553d", "spent");
		pool_bar(c, "Returneret", p->returned, most, "#59a14f",
		    "returned");
		snprintf(s, sizeof(s), "Udnyttelse: %lld,%lld %% af det "
		    "bevilgede er brugt", p->permille / 10, p->permille % 10);
		text(c, DRAW_MARGIN + 10, WIDTH - 10, LEFT, 8.5, 1,
		    "utilisation", s);
		c->y += 13;
		snprintf(s, sizeof(s), "Reserveret %s · endnu ikke bevilget "
		    "%s · forløb: %u åbne, %u lukkede", kr(p->reserved),
		    kr(p->balance), p->open, p->closed);
		text(c, DRAW_MARGIN + 10, WIDTH - 10, LEFT, 8, 0, "details",
		    s);
		group_end(c);
		c->y += 24;
	}
}

static int
report_pdf(FILE *out, const struct draw_report *r, const char *title)
{
	struct canvas	 c = { .kind = DRAW_PDF, .page = 1 };
	cairo_surface_t	*s;

	s = draw_pdf(out, title);
	c.cr = cairo_create(s);
	if (r->pools != NULL)
		pools(&c, r);
	else
		categories(&c, r);
	return draw_pdf_end(c.cr, s);
}

/* The body first, into memory: the page's height is known after it. */
static int
report_svg(FILE *out, const struct draw_report *r, const char *title)
{
	struct canvas	 c = { .kind = DRAW_SVG, .page = 1 };
	char		*body = NULL;
	size_t		 len = 0;

	if ((c.svg = open_memstream(&body, &len)) == NULL)
		return -1;
	if (r->pools != NULL)
		pools(&c, r);
	else
		categories(&c, r);
	if (fclose(c.svg) != 0) {
		free(body);
		return -1;
	}
	svg_begin(out, A4_WIDTH, c.y + 30, title);
	fwrite(body, 1, len, out);
	svg_end(out);
	free(body);
	return 0;
}

int
draw_report(FILE *out, enum draw_kind kind, const struct draw_report *r)
{
	char	 title[256];

	snprintf(title, sizeof(title), "%s: %s", r->municipality,
	    r->pools != NULL ? "puljerne" : "forbrug pr. kategori");
	return kind == DRAW_PDF ? report_pdf(out, r, title) :
	    report_svg(out, r, title);
}
