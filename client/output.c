/* JSON, CSV, UUIDs and Danish kroner for budgetctl's output. */

#include <stdio.h>
#include <string.h>

#include "budgetctl.h"
#include "money.h"

/* A JSON string; the daemon only stores valid UTF-8, passed through. */
void
json_str(FILE *f, const char *s)
{
	const unsigned char	*p;

	fputc('"', f);
	for (p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

void
json_hex(FILE *f, const uint8_t *p, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
	fputc('"', f);
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
