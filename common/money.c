/*
 * Kroner as people type them: "1234", "1234.50", "1234,50", "1.234,50".
 * A comma is always the decimal mark. Without a comma, a single dot
 * followed by one or two digits is a decimal point, and dots followed by
 * groups of three digits separate thousands: "1.234" is 1234 kr., as a
 * Dane reads it.
 */

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "money.h"

/* Accumulates digits [s, e) into *v, refusing overflow. */
static int
add_digits(const char *s, const char *e, int64_t *v)
{
	for (; s < e; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		if (*v > (INT64_MAX - (*s - '0')) / 10)
			return -1;
		*v = *v * 10 + (*s - '0');
	}
	return 0;
}

/* The integer part, with optional thousands dots in groups of three. */
static int
parse_kroner(const char *s, const char *e, int64_t *kr)
{
	const char	*dot;
	int		 first = 1;

	if (s == e)
		return -1;
	*kr = 0;
	if (memchr(s, '.', (size_t)(e - s)) == NULL)
		return add_digits(s, e, kr);
	while (s < e) {
		dot = memchr(s, '.', (size_t)(e - s));
		if (dot == NULL)
			dot = e;
		if (first ? (dot - s < 1 || dot - s > 3) : dot - s != 3)
			return -1;
		if (dot != e && dot + 1 == e)
			return -1;	/* trailing dot */
		if (add_digits(s, dot, kr) == -1)
			return -1;
		first = 0;
		s = dot == e ? e : dot + 1;
	}
	return 0;
}

int
money_parse(const char *str, int64_t *ore)
{
	const char	*end, *mark, *dot;
	int64_t		 kr = 0, frac = 0;
	size_t		 nfrac = 0;

	if (str == NULL || *str == '\0')
		return -1;
	end = str + strlen(str);
	mark = strchr(str, ',');
	if (mark != NULL) {
		if (strchr(mark + 1, ',') != NULL || strchr(mark + 1, '.'))
			return -1;
	} else if ((dot = strchr(str, '.')) != NULL &&
	    strchr(dot + 1, '.') == NULL && end - dot - 1 >= 1 &&
	    end - dot - 1 <= 2)
		mark = dot;
	if (mark != NULL) {
		nfrac = (size_t)(end - mark - 1);
		if (nfrac < 1 || nfrac > 2)
			return -1;
		if (add_digits(mark + 1, end, &frac) == -1)
			return -1;
		if (nfrac == 1)
			frac *= 10;
		end = mark;
	}
	if (parse_kroner(str, end, &kr) == -1)
		return -1;
	if (kr > (INT64_MAX - frac) / 100)
		return -1;
	*ore = kr * 100 + frac;
	return 0;
}

/* "12.345,50 kr." */
const char *
money_format(int64_t ore, char *buf, size_t len)
{
	char		 digits[24], out[MONEY_BUFSZ];
	uint64_t	 u;
	size_t		 n, i, o = 0;

	u = ore < 0 ? (uint64_t)0 - (uint64_t)ore : (uint64_t)ore;
	n = (size_t)snprintf(digits, sizeof(digits), "%llu",
	    (unsigned long long)(u / 100));
	if (ore < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	snprintf(out + o, sizeof(out) - o, ",%02u kr.", (unsigned)(u % 100));
	snprintf(buf, len, "%s", out);
	return buf;
}
