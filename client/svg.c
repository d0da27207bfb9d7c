/*
 * A small SVG writer. Cairo's SVG surface draws text as outlines, which
 * neither a screen reader nor a test can read: here every label and
 * amount is a <text> element, its content XML-escaped.
 */

#include <stdio.h>

#include "svg.h"

/* Text for an element or an attribute: & < > " ' escaped, and the
 * control characters XML 1.0 does not allow replaced. */
void
svg_escape(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		default:
			if (*p < 0x20 && *p != '\t' && *p != '\n')
				putc('?', f);
			else
				putc(*p, f);
		}
	}
}

void
svg_begin(FILE *f, double w, double h, const char *title)
{
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
	    "font-family=\"DejaVu Sans, sans-serif\" role=\"img\" "
	    "xml:lang=\"da\">\n<title>", w, h, w, h);
	svg_escape(f, title);
	fprintf(f, "</title>\n<rect width=\"100%%\" height=\"100%%\" "
	    "fill=\"#ffffff\"/>\n");
}

void
svg_end(FILE *f)
{
	fputs("</svg>\n", f);
}

void
svg_rect(FILE *f, double x, double y, double w, double h, const char *fill,
    const char *cls)
{
	fprintf(f, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\" fill=\"%s\"/>\n", cls, x, y, w, h, fill);
}

void
svg_line(FILE *f, double x0, double y0, double x1, double y1)
{
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	    "stroke=\"#000000\" stroke-width=\"0.5\"/>\n", x0, y0, x1, y1);
}

/* Text with its baseline at y; anchor is start, middle or end. */
void
svg_text(FILE *f, double x, double y, const char *anchor, double size,
    int bold, const char *cls, const char *text)
{
	fprintf(f, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" "
	    "font-size=\"%.1f\"%s text-anchor=\"%s\">", cls, x, y, size,
	    bold ? " font-weight=\"bold\"" : "", anchor);
	svg_escape(f, text);
	fputs("</text>\n", f);
}

/* A group the reader can name: class and one data attribute. */
void
svg_group(FILE *f, const char *cls, const char *name)
{
	fprintf(f, "<g class=\"%s\" data-name=\"", cls);
	svg_escape(f, name);
	fputs("\">\n", f);
}

void
svg_group_end(FILE *f)
{
	fputs("</g>\n", f);
}
