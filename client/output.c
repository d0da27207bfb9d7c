/* JSON, CSV, UUIDs and Danish kroner for budgetctl's output. */

#include <stdio.h>
#include <string.h>

#include "money.h"
#include "output.h"

void
out_flush(struct out *o)
{
	fwrite_unlocked(o->buf, 1, o->n, o->f);
	o->n = 0;
}

/* A JSON string; the daemon only stores valid UTF-8, passed through. */
void
out_str(struct out *o, const char *s)
{
	const char	*p = s ? s : "", *run;
	char		 esc[8];
	unsigned char	 c;

	out_lit(o, "\"");
	for (run = p; (c = (unsigned char)*p) != '\0'; p++) {
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		out_put(o, run, (size_t)(p - run));
		run = p + 1;
		switch (c) {
		case '"':
			out_lit(o, "\\\"");
			break;
		case '\\':
			out_lit(o, "\\\\");
			break;
		case '\n':
			out_lit(o, "\\n");
			break;
		case '\t':
			out_lit(o, "\\t");
			break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			out_put(o, esc, 6);
		}
	}
	out_put(o, run, (size_t)(p - run));
	out_lit(o, "\"");
}

void
out_hex(struct out *o, const uint8_t *p, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	char			 buf[128];
	size_t			 k;

	out_lit(o, "\"");
	while (n > 0) {
		for (k = 0; n > 0 && k < sizeof(buf); n--, p++) {
			buf[k++] = hex[*p >> 4];
			buf[k++] = hex[*p & 0xf];
		}
		out_put(o, buf, k);
	}
	out_lit(o, "\"");
}

void
out_uint(struct out *o, uint64_t v)
{
	char	 buf[20], *p = buf + sizeof(buf);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	out_put(o, p, (size_t)(buf + sizeof(buf) - p));
}

void
out_int(struct out *o, int64_t v)
{
	if (v < 0) {
		out_lit(o, "-");
		out_uint(o, -(uint64_t)v);
	} else
		out_uint(o, (uint64_t)v);
}

/* The same, for callers that write a value or two straight to a stream. */
void
json_str(FILE *f, const char *s)
{
	struct out	 o;

	out_init(&o, f);

	out_str(&o, s);
	out_flush(&o);
}

void
json_hex(FILE *f, const uint8_t *p, size_t n)
{
	struct out	 o;

	out_init(&o, f);

	out_hex(&o, p, n);
	out_flush(&o);
}

/* Hex for people: no quotes. */
void
hex_text(FILE *f, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
}

void
json_int(FILE *f, int64_t v)
{
	struct out	 o;

	out_init(&o, f);

	out_int(&o, v);
	out_flush(&o);
}

void
uuid_format(const uint8_t *id, char *out)
{
	static const char	 hex[] = "0123456789abcdef";
	int			 i, o = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[id[i] >> 4];
		out[o++] = hex[id[i] & 0xf];
	}
	out[o] = '\0';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* 8-4-4-4-12 hex digits, either case. */
int
uuid_parse(const char *s, uint8_t *id)
{
	int	 i, n = 0, hi, lo;

	if (strlen(s) != 36)
		return -1;
	for (i = 0; i < 36; i++)
		if ((i == 8 || i == 13 || i == 18 || i == 23) != (s[i] == '-'))
			return -1;
	for (i = 0; i < 36; i += 2) {
		if (s[i] == '-')
			i++;
		if ((hi = hexval(s[i])) < 0 || (lo = hexval(s[i + 1])) < 0)
			return -1;
		id[n++] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* "12.345,50 kr." from a rotating set of buffers, for use in printf. */
const char *
kr(int64_t ore)
{
	static char	 bufs[8][MONEY_BUFSZ];
	static int	 next;

	next = (next + 1) % 8;
	return money_format(ore, bufs[next], sizeof(bufs[next]));
}

/*
 * One cell of a delimited file (RFC 4180 with the separator sep): quoted
 * when it holds the separator, a quote or a line break. A text cell (a
 * voucher, a note, a name: not a number we wrote) that a spreadsheet
 * would take for a formula, one starting with = + - @, a tab or a
 * carriage return, is quoted and led by a single quote, which makes the
 * spreadsheet show it as text (OWASP, CSV injection). Amounts may start
 * with '-' and stay numbers.
 */
void
cell_put(FILE *f, const char *s, char sep, int text)
{
	int	 formula;

	if (s == NULL)
		s = "";
	formula = text && *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
	if (!formula && strchr(s, sep) == NULL &&
	    strpbrk(s, "\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* A CSV cell of ours: an amount, a date, an id. */
void
csv_field(FILE *f, const char *s)
{
	cell_put(f, s, ',', 0);
}

/* A CSV cell of text that came from people. */
void
csv_text(FILE *f, const char *s)
{
	cell_put(f, s, ',', 1);
}

/* Characters, not bytes: a Danish word's æ, ø or å is two bytes and one
 * column, so printf's %-*s would shift every column after it. */
int
text_columns(const char *s)
{
	int	 n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* s left-aligned in a column of width characters. */
void
text_pad(FILE *f, const char *s, int width)
{
	fputs(s, f);
	for (width -= text_columns(s); width > 0; width--)
		putc(' ', f);
}
