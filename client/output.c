/* JSON, CSV, UUIDs and Danish kroner for budgetctl's output. */

#include <stdio.h>
#include <string.h>

#include "budgetctl.h"
#include "money.h"

/*
 * JSON strings and numbers, a statement's ten thousand lines of them: one
 * fwrite per run of plain bytes or per number, where a printf per field
 * was half of budgetctl's time. budgetctl has one thread: stdio's
 * unlocked calls skip a lock per call.
 */

/* A JSON string; the daemon only stores valid UTF-8, passed through. */
void
json_str(FILE *f, const char *s)
{
	const char	*p = s ? s : "", *run;
	char		 esc[8];
	unsigned char	 c;

	putc_unlocked('"', f);
	for (run = p; (c = (unsigned char)*p) != '\0'; p++) {
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		fwrite_unlocked(run, 1, (size_t)(p - run), f);
		run = p + 1;
		switch (c) {
		case '"':
			fputs_unlocked("\\\"", f);
			break;
		case '\\':
			fputs_unlocked("\\\\", f);
			break;
		case '\n':
			fputs_unlocked("\\n", f);
			break;
		case '\t':
			fputs_unlocked("\\t", f);
			break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			fputs_unlocked(esc, f);
		}
	}
	fwrite_unlocked(run, 1, (size_t)(p - run), f);
	putc_unlocked('"', f);
}

void
json_hex(FILE *f, const uint8_t *p, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	char			 buf[128];
	size_t			 o;

	putc_unlocked('"', f);
	while (n > 0) {
		for (o = 0; n > 0 && o < sizeof(buf); n--, p++) {
			buf[o++] = hex[*p >> 4];
			buf[o++] = hex[*p & 0xf];
		}
		fwrite_unlocked(buf, 1, o, f);
	}
	putc_unlocked('"', f);
}

void
json_uint(FILE *f, uint64_t v)
{
	char	 buf[20], *p = buf + sizeof(buf);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	fwrite_unlocked(p, 1, (size_t)(buf + sizeof(buf) - p), f);
}

void
json_int(FILE *f, int64_t v)
{
	if (v < 0) {
		putc_unlocked('-', f);
		json_uint(f, -(uint64_t)v);
	} else
		json_uint(f, (uint64_t)v);
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

/* RFC 4180: quoted when it holds a comma, a quote or a line break. */
void
csv_field(FILE *f, const char *s)
{
	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}
