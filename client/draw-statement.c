/*
 * A citizen's statement as a printable A4 PDF in Danish, for the citizen
 * and the support person: who and which period at the top of every page,
 * the courses with what remains, the opening balance, every line in
 * value-date order, the closing balance, the totals per category with a
 * small bar chart, and how to check it against the journal's checkpoint.
 *
 * The pages are laid out twice: first only counted (every height is a
 * constant or measured), so that each page can say "side 2 af 7", then
 * drawn.
 */

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "draw.h"
#include "draw-pdf.h"
#include "draw-statement.h"
#include "money.h"
#include "output.h"
#include "tally.h"

#define FONT		"DejaVu Sans 7.5"
#define FONT_BOLD	"DejaVu Sans Bold 7.5"
#define FONT_SMALL	"DejaVu Sans 6.5"
#define TOP		40.0
#define BODY		112.0		/* below the header */
#define BOTTOM		(A4_HEIGHT - 56.0)
#define ROW		12.0
#define NOTE_ROW	9.0
#define RIGHT_EDGE	(A4_WIDTH - DRAW_MARGIN)
#define WIDTH		(RIGHT_EDGE - DRAW_MARGIN)

/* The table's columns: x and width. */
static const struct column {
	const char	*title;
	double		 x, w;
	enum draw_align	 align;
} cols[] = {
	{ "Dato",	DRAW_MARGIN,		58, LEFT },
	{ "Postering",	DRAW_MARGIN + 60,	84, LEFT },
	{ "Kategori",	DRAW_MARGIN + 146,	100, LEFT },
	{ "Bilag",	DRAW_MARGIN + 248,	44, LEFT },
	{ "Beløb",	DRAW_MARGIN + 294,	68, RIGHT },
	{ "Saldo",	DRAW_MARGIN + 364,	66, RIGHT },
	{ "Reserveret",	DRAW_MARGIN + 432,	66, RIGHT },
};
#define NCOLS	(sizeof(cols) / sizeof(cols[0]))

struct pen {
	cairo_t				*cr;
	const struct draw_statement	*ds;
	int				 drawing;	/* else counting */
	int				 page, pages;
	int				 in_table;	/* repeat its head */
	double				 y;
};

static void
gray(cairo_t *cr, double v)
{
	cairo_set_source_rgb(cr, v, v, v);
}

static void
text(struct pen *p, double x, double w, enum draw_align align,
    const char *font, const char *s)
{
	if (p->drawing)
		draw_text(p->cr, x, p->y, w, align, font, s);
}

static void
table_head(struct pen *p)
{
	size_t	 i;

	if (p->drawing) {
		gray(p->cr, 0.9);
		cairo_rectangle(p->cr, DRAW_MARGIN - 2, p->y - 1, WIDTH + 4,
		    ROW + 1);
		cairo_fill(p->cr);
		gray(p->cr, 0);
	}
	for (i = 0; i < NCOLS; i++)
		text(p, cols[i].x, cols[i].w, cols[i].align, FONT_BOLD,
		    cols[i].title);
	p->y += ROW + 3;
}

/* The top of every page: who, which period, which page. */
static void
page_head(struct pen *p)
{
	const struct draw_statement	*ds = p->ds;
	char				 s[256];

	p->y = TOP;
	text(p, DRAW_MARGIN, WIDTH * 0.7, LEFT, "DejaVu Sans Bold 13",
	    ds->municipality);
	snprintf(s, sizeof(s), "Side %d af %d", p->page, p->pages);
	text(p, DRAW_MARGIN, WIDTH, RIGHT, FONT, s);
	p->y += 20;
	text(p, DRAW_MARGIN, WIDTH, LEFT, "DejaVu Sans 11",
	    "Kontoudtog – borgerstyret personligt budget");
	p->y += 18;
	snprintf(s, sizeof(s), "Borger: %s", ds->citizen);
	text(p, DRAW_MARGIN, WIDTH / 2, LEFT, "DejaVu Sans Bold 9", s);
	snprintf(s, sizeof(s), "Periode: %s – %s", ds->from, ds->to);
	text(p, DRAW_MARGIN, WIDTH, RIGHT, "DejaVu Sans Bold 9", s);
	p->y += 18;
	if (p->drawing)
		draw_rule(p->cr, DRAW_MARGIN, p->y, RIGHT_EDGE, p->y);
	p->y = BODY;
	if (p->drawing) {
		gray(p->cr, 0.35);
		snprintf(s, sizeof(s), "Udskrevet %s af budgetctl. Saldo: "
		    "det, der endnu ikke er brugt (rest og reserveret).",
		    ds->made);
		draw_text(p->cr, DRAW_MARGIN, A4_HEIGHT - 40, WIDTH, LEFT,
		    FONT_SMALL, s);
		gray(p->cr, 0);
	}
	if (p->in_table)
		table_head(p);
}

static void
page_break(struct pen *p)
{
	if (p->drawing)
		cairo_show_page(p->cr);
	p->page++;
	page_head(p);
}

/* Room for h more points on this page, else the next. */
static void
need(struct pen *p, double h)
{
	if (p->y + h > BOTTOM)
		page_break(p);
}

static const char *
status_da(const char *status)
{
	if (strcmp(status, "open") == 0)
		return "åbent";
	if (strcmp(status, "closed") == 0)
		return "lukket";
	return status;
}

static void
courses(struct pen *p)
{
	const struct draw_course	*c;
	char				 s[512];
	size_t				 i;

	text(p, DRAW_MARGIN, WIDTH, LEFT, "DejaVu Sans Bold 10", "Forløb");
	p->y += 16;
	for (i = 0; i < p->ds->ncourses; i++) {
		c = &p->ds->courses[i];
		need(p, 2 * ROW + 4);
		snprintf(s, sizeof(s), "Forløb %" PRIu32 " · pulje %s · "
		    "%s til %s · %s", c->number, c->pool, c->start, c->end,
		    status_da(c->status));
		text(p, DRAW_MARGIN, WIDTH, LEFT, FONT_BOLD, s);
		p->y += ROW;
		snprintf(s, sizeof(s), "Bevilget %s   Brugt %s   Reserveret "
		    "%s   Rest %s", kr(c->granted), kr(c->spent),
		    kr(c->reserved), kr(c->available));
		text(p, DRAW_MARGIN + 10, WIDTH - 10, LEFT, FONT, s);
		p->y += ROW + 4;
	}
	p->y += 6;
}

static void
balance_line(struct pen *p, const char *label, const char *day, int64_t v)
{
	char	 s[128];

	need(p, ROW + 4);
	snprintf(s, sizeof(s), "%s %s", label, day);
	text(p, DRAW_MARGIN, 300, LEFT, FONT_BOLD, s);
	text(p, cols[5].x + cols[5].w - 150, 150, RIGHT, FONT_BOLD, kr(v));
	p->y += ROW + 4;
}

static void
rows(struct pen *p)
{
	const struct draw_row	*r;
	size_t			 i;

	need(p, 3 * ROW);
	p->in_table = 1;
	table_head(p);
	for (i = 0; i < p->ds->nrows; i++) {
		r = p->ds->rows[i];
		need(p, ROW + (*r->note ? NOTE_ROW : 0));
		if (p->drawing && i % 2) {
			gray(p->cr, 0.96);
			cairo_rectangle(p->cr, DRAW_MARGIN - 2, p->y - 1,
			    WIDTH + 4, ROW + (*r->note ? NOTE_ROW : 0));
			cairo_fill(p->cr);
			gray(p->cr, 0);
		}
		text(p, cols[0].x, cols[0].w, LEFT, FONT, r->date);
		text(p, cols[1].x, cols[1].w, LEFT, FONT, draw_op_name(r->op));
		/* A category's label smaller rather than cut short:
		 * "Computer og elektronik" fits only so. */
		text(p, cols[2].x, cols[2].w, LEFT, draw_width(p->cr, FONT,
		    r->category) <= cols[2].w ? FONT : FONT_SMALL,
		    r->category);
		text(p, cols[3].x, cols[3].w, LEFT, FONT, r->voucher);
		text(p, cols[4].x, cols[4].w, RIGHT, FONT, kr(r->change));
		text(p, cols[5].x, cols[5].w, RIGHT, FONT, kr(r->balance));
		text(p, cols[6].x, cols[6].w, RIGHT, FONT,
		    r->held ? kr(r->held) : "");
		p->y += ROW;
		if (*r->note) {
			p->y -= 2;
			if (p->drawing)
				gray(p->cr, 0.35);
			text(p, cols[1].x, cols[4].x - cols[1].x, LEFT,
			    FONT_SMALL, r->note);
			if (p->drawing)
				gray(p->cr, 0);
			p->y += NOTE_ROW + 2;
		}
	}
	p->in_table = 0;
	if (p->drawing)
		draw_rule(p->cr, DRAW_MARGIN, p->y, RIGHT_EDGE, p->y);
	p->y += 4;
}

/* What the period's lines spent in each category, refunds subtracted;
 * summed by the name printed, so a reader sees each name once. */
static void
categories(struct pen *p)
{
	const struct draw_row	*r;
	struct tally		 spent = { 0 };
	const char		**keys;
	int64_t			 most = 0, v;
	double			 bar, x = DRAW_MARGIN + 130, w = 210;
	size_t			 i, n = 0;

	for (i = 0; i < p->ds->nrows; i++) {
		r = p->ds->rows[i];
		if (*r->category && r->change != 0)
			*tally_at(&spent, r->category) -= r->change;
	}
	if ((keys = tally_keys(&spent)) == NULL) {
		tally_free(&spent);
		return;
	}
	for (i = 0; keys[i]; i++, n++)
		if ((v = *tally_at(&spent, keys[i])) > most)
			most = v;
	need(p, 16 + 2 * ROW);
	p->y += 8;
	text(p, DRAW_MARGIN, WIDTH, LEFT, "DejaVu Sans Bold 10",
	    "Forbrug pr. kategori i perioden");
	p->y += 16;
	text(p, DRAW_MARGIN, 100, LEFT, FONT_BOLD, "Kategori");
	text(p, cols[5].x + cols[5].w - 150, 150, RIGHT, FONT_BOLD, "Beløb");
	p->y += ROW + 2;
	if (n == 0) {
		text(p, DRAW_MARGIN, WIDTH, LEFT, FONT, "Ingen køb i perioden.");
		p->y += ROW;
	}
	for (i = 0; keys[i]; i++) {
		v = *tally_at(&spent, keys[i]);
		need(p, ROW + 2);
		text(p, DRAW_MARGIN, 125, LEFT, FONT, keys[i]);
		if (p->drawing && v > 0 && most > 0) {
			bar = w * (double)v / (double)most;
			cairo_set_source_rgb(p->cr, 0.20, 0.42, 0.66);
			cairo_rectangle(p->cr, x, p->y + 1, bar < 1 ? 1 : bar,
			    ROW - 3);
			cairo_fill(p->cr);
			gray(p->cr, 0);
		}
		text(p, cols[5].x + cols[5].w - 150, 150, RIGHT, FONT, kr(v));
		p->y += ROW + 2;
	}
	free(keys);
	tally_free(&spent);
}

/* The root of the latest signed checkpoint: its note's third line. */
static void
how_to_check(struct pen *p)
{
	const char	*cp = p->ds->checkpoint;
	char		 size[32] = "", root[128] = "", s[768];
	const char	*nl;
	size_t		 n;
	double		 h;
	int		 line;

	for (line = 0; cp && line < 3 && *cp; line++) {
		nl = strchr(cp, '\n');
		n = nl ? (size_t)(nl - cp) : strlen(cp);
		if (line == 1 && n < sizeof(size))
			memcpy(size, cp, n);
		if (line == 2 && n < sizeof(root))
			memcpy(root, cp, n);
		cp = nl ? nl + 1 : cp + n;
	}
	if (*root)
		snprintf(s, sizeof(s), "Sådan kontrolleres udtoget: hver linje "
		    "er en postering i kommunens journal, som ikke kan ændres "
		    "uden at det ses. Journalens seneste underskrevne "
		    "kontrolpunkt omfatter %s posteringer og har roden %s. "
		    "En revisor kan kontrollere journalen med \"budgetctl "
		    "verify\" og hver postering mod roden med \"budgetctl "
		    "proof\".", size, root);
	else
		snprintf(s, sizeof(s), "Sådan kontrolleres udtoget: "
		    "journalen har endnu intet underskrevet kontrolpunkt; "
		    "en revisor kan kontrollere den med \"budgetctl "
		    "verify\".");
	h = draw_para(p->cr, -1, 0, WIDTH, FONT, s);
	need(p, h + 14);
	p->y += 10;
	if (p->drawing)
		draw_para(p->cr, DRAW_MARGIN, p->y, WIDTH, FONT, s);
	p->y += h;
}

static void
statement_pages(struct pen *p)
{
	const struct draw_statement	*ds = p->ds;
	char				 s[64];

	p->page = 1;
	p->in_table = 0;
	page_head(p);
	courses(p);
	snprintf(s, sizeof(s), "(før %s)", ds->from);
	balance_line(p, "Saldo primo", s, ds->opening);
	rows(p);
	snprintf(s, sizeof(s), "(%s)", ds->to);
	balance_line(p, "Saldo ultimo", s, ds->closing);
	balance_line(p, "heraf reserveret", "", ds->held);
	balance_line(p, "Rest til rådighed", "", ds->closing - ds->held);
	categories(p);
	how_to_check(p);
}

int
draw_statement_pdf(FILE *out, const struct draw_statement *ds)
{
	cairo_surface_t	*s;
	struct pen	 p;
	char		 title[256];

	snprintf(title, sizeof(title), "Kontoudtog for %s", ds->citizen);
	s = draw_pdf(out, title);
	p = (struct pen){ .cr = cairo_create(s), .ds = ds };
	statement_pages(&p);
	p.pages = p.page;
	p.drawing = 1;
	statement_pages(&p);
	return draw_pdf_end(p.cr, s);
}
