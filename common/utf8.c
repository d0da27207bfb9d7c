#include "utf8.h"

/*
 * The code point at s (n bytes left) and, in *len, how many bytes it
 * takes; UTF8_BAD for bytes that are not well-formed UTF-8: a sequence
 * cut short, an overlong form, a surrogate, or beyond U+10FFFF. Each of
 * those lets two byte strings spell one text, which a ledger that hashes
 * its text must not allow.
 */
uint32_t
utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
	uint32_t	 c, min;
	size_t		 k, need;

	*len = 1;
	if (n == 0)
		return UTF8_BAD;
	if (s[0] < 0x80)
		return s[0];
	if ((s[0] & 0xe0) == 0xc0)
		need = 2, c = s[0] & 0x1f, min = 0x80;
	else if ((s[0] & 0xf0) == 0xe0)
		need = 3, c = s[0] & 0x0f, min = 0x800;
	else if ((s[0] & 0xf8) == 0xf0)
		need = 4, c = s[0] & 0x07, min = 0x10000;
	else
		return UTF8_BAD;
	if (need > n)
		return UTF8_BAD;
	for (k = 1; k < need; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return UTF8_BAD;
		c = c << 6 | (s[k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return UTF8_BAD;
	*len = need;
	return c;
}
