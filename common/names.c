#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "names.h"
#include "utf8.h"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* DDMMYY as a date in any century: the CPR's first six digits. */
static int
cpr_date(const char *s)
{
	int	 dd = two(s), mm = two(s + 2), yy = two(s + 4);

	return date_valid(2000 + yy, mm, dd) || date_valid(1900 + yy, mm, dd);
}

/*
 * A separator a person puts inside a CPR number or its date: '-', '.',
 * '/', '_', a space, or an en dash (a word processor's hyphen). Its
 * length in bytes; 0 if there is none at s.
 */
static size_t
cpr_sep(const char *s)
{
	if (s[0] == '-' || s[0] == '.' || s[0] == '/' || s[0] == '_' ||
	    s[0] == ' ')
		return 1;
	if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x93)
		return 3;
	return 0;
}

/* Two digits at *s into d, stepping over them. */
static int
cpr_pair(const char **s, char *d)
{
	if (!is_digit((*s)[0]) || !is_digit((*s)[1]))
		return 0;
	d[0] = (*s)[0];
	d[1] = (*s)[1];
	*s += 2;
	return 1;
}

/*
 * Does a CPR number start at s (not preceded by a digit): DD MM YY XXXX
 * with either no separators in the date or the same one twice (01-02-03,
 * 01.02.03, 01 02 03), then at most one separator, four digits, and no
 * further digit. The date must be valid.
 */
static int
cpr_at(const char *s)
{
	char	 date[6];
	size_t	 k;

	if (!cpr_pair(&s, date))
		return 0;
	k = cpr_sep(s);
	s += k;
	if (!cpr_pair(&s, date + 2))
		return 0;
	if (k != 0) {
		if (cpr_sep(s) != k || memcmp(s, s - 2 - k, k) != 0)
			return 0;
		s += k;
	}
	if (!cpr_pair(&s, date + 4))
		return 0;
	s += cpr_sep(s);
	return is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
	    is_digit(s[3]) && !is_digit(s[4]) && cpr_date(date);
}

/*
 * Does the text hold a CPR number in a spelling a person might type:
 * 0102031234, 010203-1234, 010203 1234, 010203/1234, 010203_1234,
 * 010203.1234, 01-02-03-1234, 01.02.03-1234, 01 02 03 1234, ... whose
 * first six digits form a date in either century? A number only counts
 * whole: a digit before or after it (INV-0102031234567, an account
 * number) makes it part of a longer number, not a CPR number. Modulus
 * 11 is not required of CPR numbers since 2007, so it is not used.
 *
 * Refused although they may be something else (accepted, as the ledger
 * must never store a CPR number): a ten-digit number whose first six
 * digits form a date; a two-digit-year date followed by one separator
 * and four digits ("01.02.03 1234", "26-01-02 1234 kr."). Not found: a
 * four-digit year (01-02-2003-1234), two separators before the last
 * four digits, mixed separators inside the date (01-02.03).
 * "2026-01-02 1234 kr." is not refused: "26" follows a digit.
 */
int
cpr_find(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1])) &&
		    cpr_at(s + i))
			return 1;
	return 0;
}

/* A pseudonymous case reference: 1-64 of [A-Za-z0-9._-], never a CPR. */
int
citizen_check(const char *s)
{
	size_t	 n = s ? strlen(s) : 0;

	if (n < 1 || n > NAME_MAX_LEN ||
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") != n)
		return BB_BAD_REQUEST;
	if (cpr_find(s))
		return BB_CPR_NOT_ALLOWED;
	return BB_OK;
}

/* Pool and category slugs: 1-64 of [a-z0-9_-], starting alphanumeric. */
int
slug_check(const char *s)
{
	size_t	 n = s ? strlen(s) : 0;

	if (n < 1 || n > NAME_MAX_LEN || s[0] == '-' || s[0] == '_' ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") != n)
		return BB_BAD_REQUEST;
	return BB_OK;
}

/*
 * Unicode's format characters (category Cf, Unicode 15.0): invisible, and
 * the bidirectional ones among them reorder what a reader sees, so a
 * voucher "INV-42" can display as something else. Sorted.
 */
static const struct {
	uint32_t	 lo, hi;
} format_chars[] = {
	{ 0x00ad, 0x00ad }, { 0x0600, 0x0605 }, { 0x061c, 0x061c },
	{ 0x06dd, 0x06dd }, { 0x070f, 0x070f }, { 0x0890, 0x0891 },
	{ 0x08e2, 0x08e2 }, { 0x180e, 0x180e }, { 0x200b, 0x200f },
	{ 0x202a, 0x202e }, { 0x2060, 0x2064 }, { 0x2066, 0x206f },
	{ 0xfeff, 0xfeff }, { 0xfff9, 0xfffb }, { 0x110bd, 0x110bd },
	{ 0x110cd, 0x110cd }, { 0x13430, 0x1343f }, { 0x1bca0, 0x1bca3 },
	{ 0x1d173, 0x1d17a }, { 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f },
};

static int
is_format(uint32_t c)
{
	size_t	 lo = 0, hi = sizeof(format_chars) / sizeof(format_chars[0]);

	while (lo < hi) {
		size_t	 mid = (lo + hi) / 2;

		if (c < format_chars[mid].lo)
			hi = mid;
		else if (c > format_chars[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* What kind of character c is that text may not hold; NULL if none. */
static const char *
refused_char(uint32_t c)
{
	/* C0, DEL, and the C1 controls: U+009B starts a terminal escape
	 * just as ESC does, U+0085 breaks a line. */
	if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
		return "a control character";
	/* They break a line as LF does. */
	if (c == 0x2028 || c == 0x2029)
		return "a line or paragraph separator";
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c)
		return "an invisible bidirectional control";
	if (is_format(c))
		return "an invisible format character";
	return NULL;
}

static int __attribute__((format(printf, 4, 5)))
explain(char *why, size_t len, int rc, const char *fmt, ...)
{
	va_list	 ap;

	if (why && len) {
		va_start(ap, fmt);
		vsnprintf(why, len, fmt, ap);
		va_end(ap);
	}
	return rc;
}

/*
 * Text fields (notes, reasons, vouchers, names): bounded UTF-8 without
 * control or invisible format characters; where a person types freely,
 * no CPR number. With why, says what is wrong ("holds U+202E, an
 * invisible bidirectional control"), to follow "the note ".
 */
int
text_explain(const char *s, int flags, char *why, size_t whylen)
{
	const unsigned char	*u = (const unsigned char *)s;
	const char		*kind;
	size_t			 i, k, n = s ? strlen(s) : 0;
	uint32_t		 c;

	if (n == 0)
		return flags & TEXT_REQUIRED ?
		    explain(why, whylen, BB_BAD_REQUEST, "is required") : BB_OK;
	if (n > TEXT_MAX_LEN)
		return explain(why, whylen, BB_BAD_REQUEST,
		    "is longer than %d bytes", TEXT_MAX_LEN);
	for (i = 0; i < n; i += k) {
		if ((c = utf8_decode(u + i, n - i, &k)) == UTF8_BAD)
			return explain(why, whylen, BB_BAD_REQUEST,
			    "is not valid UTF-8");
		if ((kind = refused_char(c)) != NULL)
			return explain(why, whylen, BB_BAD_REQUEST,
			    "holds U+%04X, %s", (unsigned)c, kind);
	}
	if ((flags & TEXT_FREE) && cpr_find(s))
		return explain(why, whylen, BB_CPR_NOT_ALLOWED,
		    "holds a CPR number, which the ledger never stores");
	return BB_OK;
}

int
text_check(const char *s, int flags)
{
	return text_explain(s, flags, NULL, 0);
}

/* Unicode's spaces (White_Space), with every control character. */
static int
space_or_control(uint32_t c)
{
	return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x3000;
}

/*
 * A C2SP signed-note key name, which the origin line is: not empty, UTF-8,
 * no space and no '+' (which ends the name in a verifier key). A
 * conforming verifier cannot open a note signed under any other name.
 * Returns 0, or -1 with the reason in why.
 */
int
checkpoint_name_check(const char *name, char *why, size_t len)
{
	const unsigned char	*p = (const unsigned char *)name;
	size_t			 i, k, n = strlen(name);
	uint32_t		 c;

	if (n == 0) {
		snprintf(why, len, "empty");
		return -1;
	}
	for (i = 0; i < n; i += k) {
		if ((c = utf8_decode(p + i, n - i, &k)) == UTF8_BAD) {
			snprintf(why, len, "not UTF-8 at byte %zu", i + 1);
			return -1;
		}
		if (space_or_control(c) || c == '+') {
			snprintf(why, len, "U+%04X at byte %zu", (unsigned)c,
			    i + 1);
			return -1;
		}
	}
	return 0;
}
