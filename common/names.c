#include <string.h>

#include "codes.h"
#include "date.h"
#include "names.h"

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
 * Does the text hold something that looks like a CPR number: DDMMYY-XXXX,
 * or ten digits whose first six form a date? Digit runs are taken whole,
 * so an eleven-digit invoice number or a twelve-digit account is not one.
 * Modulus 11 is not required of CPR numbers since 2007, so it is not used.
 */
int
cpr_find(const char *s)
{
	size_t	 i, n, len = strlen(s);

	for (i = 0; i < len; i += n ? n : 1) {
		for (n = 0; i + n < len && is_digit(s[i + n]); n++)
			;
		if (n == 10 && cpr_date(s + i))
			return 1;
		if (n == 6 && i + 11 <= len && s[i + 6] == '-' &&
		    is_digit(s[i + 7]) && is_digit(s[i + 8]) &&
		    is_digit(s[i + 9]) && is_digit(s[i + 10]) &&
		    (i + 11 == len || !is_digit(s[i + 11])) && cpr_date(s + i))
			return 1;
	}
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

/* Well-formed UTF-8 without overlong forms or surrogates. */
static int
utf8_valid(const unsigned char *s, size_t n)
{
	size_t		 i = 0, k, len;
	unsigned int	 c;

	while (i < n) {
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2, c &= 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3, c &= 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4, c &= 0x07;
		else
			return 0;
		if (i + len > n)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
		    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
			return 0;
		i += len;
	}
	return 1;
}

/*
 * Text fields (notes, reasons, vouchers, names): bounded UTF-8 without
 * control characters; where a person types freely, no CPR number.
 */
int
text_check(const char *s, int flags)
{
	size_t	 i, n = s ? strlen(s) : 0;

	if (n == 0)
		return flags & TEXT_REQUIRED ? BB_BAD_REQUEST : BB_OK;
	if (n > TEXT_MAX_LEN || !utf8_valid((const unsigned char *)s, n))
		return BB_BAD_REQUEST;
	/* C0, DEL, and the C1 controls U+0080-U+009F (0xC2 0x80-0x9F):
	 * U+009B starts a terminal escape just as ESC does. */
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f ||
		    ((unsigned char)s[i] == 0xc2 && i + 1 < n &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f))
			return BB_BAD_REQUEST;
	if ((flags & TEXT_FREE) && cpr_find(s))
		return BB_CPR_NOT_ALLOWED;
	return BB_OK;
}
