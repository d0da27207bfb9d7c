/* Citizen references, slugs, free text, and the CPR check. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "codes.h"
#include "names.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_cpr_refused(void **state)
{
	static const char *const cpr[] = {
	    "010190-1234", "0101901234", "sag-0101901234-x",
	    "x010190-1234", "x010190-1234y", "010190-1234-5", "a.0101901234",
	    "2902001234", "290200-1234",	/* 2000 was a leap year */
	    "311299-0001", "010100-0000", "300400-9999", "3112991234",
	    "H-2017-001-0101901234", "0101901234_H-2017" };

	(void)state;
	for (size_t i = 0; i < NELEM(cpr); i++) {
		if (citizen_check(cpr[i]) != BB_CPR_NOT_ALLOWED)
			fail_msg("not refused as a CPR number: %s", cpr[i]);
		assert_int_equal(cpr_find(cpr[i]), 1);
	}
}

static void
test_not_cpr(void **state)
{
	static const char *const ok[] = {
	    "310290-1234",	/* no 31 February */
	    "0113901234",	/* no month 13 */
	    "01019012345",	/* eleven digits: an invoice number */
	    "101019012345", "010190123",
	    "H-2017-001", "HAL-2017-025", "a",
	    "010190-123", "010190-12345", "0101901-1234", "01019-1234",
	    "010190--1234", "3201901234", "0000901234",
	    "0100901234", "2902011234", "290201-1234",	/* 1901, 2001 */
	    "3104901234", "0001901234", "99999999999", "1234567890" };

	(void)state;
	for (size_t i = 0; i < NELEM(ok); i++) {
		if (citizen_check(ok[i]) != BB_OK)
			fail_msg("refused: %s", ok[i]);
		assert_int_equal(cpr_find(ok[i]), 0);
	}
	assert_int_equal(cpr_find(""), 0);
}

/* The spellings a person types, in references and free text alike. */
static void
test_cpr_spellings(void **state)
{
	static const char *const text[] = {
	    "010203 1234", "010203/1234", "010203_1234", "010203.1234",
	    "01-02-03-1234", "01.02.03-1234", "01 02 03 1234",
	    "01/02/03-1234", "01/02/03 1234", "01.02.03.1234",
	    "01_02_03_1234", "01-02-031234", "010203\xe2\x80\x93" "1234",
	    "01\xe2\x80\x93" "02\xe2\x80\x93" "03\xe2\x80\x93" "1234",
	    "borger 010203 1234.", "cpr: 01-02-03-1234, ring", "(010203/1234)",
	    "cpr010203 1234", "29.02.00-1234", "31 12 99 0001" };
	static const char *const refs[] = {
	    "010203_1234", "010203.1234", "01-02-03-1234", "01.02.03-1234",
	    "01_02_03_1234", "01.02.03.1234", "sag-01.02.03-1234-x" };

	(void)state;
	for (size_t i = 0; i < NELEM(text); i++) {
		if (cpr_find(text[i]) != 1)
			fail_msg("not found: %s", text[i]);
		assert_int_equal(text_check(text[i], TEXT_FREE),
		    BB_CPR_NOT_ALLOWED);
	}
	for (size_t i = 0; i < NELEM(refs); i++)
		if (citizen_check(refs[i]) != BB_CPR_NOT_ALLOWED)
			fail_msg("not refused as a CPR number: %s", refs[i]);
}

/* Amounts, dates, invoice and account numbers in a note stay allowed. */
static void
test_cpr_false_positives(void **state)
{
	static const char *const ok[] = {
	    "2026-01-02 1234 kr.", "2026-01-02 1.234,50 kr.",
	    "faktura 2026-01-02-1234", "INV-0102031234567",
	    "INV-01020312345", "9010203 1234", "010203 12345",
	    "DK50 0040 0440 1162 43", "DK5000400440116243",
	    "0102 0312 34", "01-02.03-1234", "01-02-2003-1234",
	    "010203 - 1234", "31.02.03-1234", "01.13.03 1234",
	    "kl. 10.30 1234", "12.345,50 kr. og 1.234 kr.",
	    "01-02-03 12:34", "tlf. 12 34 56 78", "32 01 03 1234",
	    "010203\xe2\x80\x94" "1234" };

	(void)state;
	for (size_t i = 0; i < NELEM(ok); i++) {
		if (cpr_find(ok[i]) != 0)
			fail_msg("taken for a CPR number: %s", ok[i]);
		assert_int_equal(text_check(ok[i], TEXT_FREE), BB_OK);
	}
}

/* Every date in a century is a CPR date in both centuries' readings. */
static void
test_cpr_every_date(void **state)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	char	 s[16];
	int	 dd, mm, yy, want;

	(void)state;
	for (yy = 0; yy < 100; yy += 7)
		for (mm = 0; mm <= 13; mm++)
			for (dd = 0; dd <= 32; dd++) {
				s[0] = (char)('0' + dd / 10);
				s[1] = (char)('0' + dd % 10);
				s[2] = (char)('0' + mm / 10);
				s[3] = (char)('0' + mm % 10);
				s[4] = (char)('0' + yy / 10);
				s[5] = (char)('0' + yy % 10);
				memcpy(s + 6, "4321", 5);
				/* 29 Feb exists when 19yy or 20yy is leap. */
				want = mm >= 1 && mm <= 12 && dd >= 1 &&
				    dd <= mdays[mm - 1] &&
				    !(mm == 2 && dd == 29 && yy % 4 != 0);
				assert_int_equal(cpr_find(s), want);
				memmove(s + 7, s + 6, 5);
				s[6] = '-';
				assert_int_equal(cpr_find(s), want);
				assert_int_equal(citizen_check(s),
				    want ? BB_CPR_NOT_ALLOWED : BB_OK);
			}
}

static void
test_citizen_syntax(void **state)
{
	char	 ref[70];

	(void)state;
	memset(ref, 'a', sizeof(ref));
	ref[64] = '\0';
	assert_int_equal(citizen_check(ref), BB_OK);
	ref[64] = 'a';
	ref[65] = '\0';
	assert_int_equal(citizen_check(ref), BB_BAD_REQUEST);
	/* Too long is refused as such, whatever it holds. */
	memcpy(ref, "0101901234", 10);
	assert_int_equal(citizen_check(ref), BB_BAD_REQUEST);
	ref[64] = '\0';
	assert_int_equal(citizen_check(ref), BB_CPR_NOT_ALLOWED);
	assert_int_equal(citizen_check(""), BB_BAD_REQUEST);
	assert_int_equal(citizen_check(NULL), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("a/b"), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("æøå"), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("has space"), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("a\n"), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("a:b"), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("a+b"), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("010190-1234/"), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("A.b_c-9"), BB_OK);
	assert_int_equal(citizen_check("."), BB_OK);
	assert_int_equal(citizen_check("BCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._-"), BB_OK);
}

static void
test_slugs(void **state)
{
	char	 slug[70];

	(void)state;
	assert_int_equal(slug_check("sbst-2017"), BB_OK);
	assert_int_equal(slug_check("education"), BB_OK);
	assert_int_equal(slug_check("a_b"), BB_OK);
	assert_int_equal(slug_check("9"), BB_OK);
	assert_int_equal(slug_check("x-"), BB_OK);
	assert_int_equal(slug_check("Education"), BB_BAD_REQUEST);
	assert_int_equal(slug_check("-x"), BB_BAD_REQUEST);
	assert_int_equal(slug_check("_x"), BB_BAD_REQUEST);
	assert_int_equal(slug_check(""), BB_BAD_REQUEST);
	assert_int_equal(slug_check(NULL), BB_BAD_REQUEST);
	assert_int_equal(slug_check("a b"), BB_BAD_REQUEST);
	assert_int_equal(slug_check("a.b"), BB_BAD_REQUEST);
	assert_int_equal(slug_check("a/b"), BB_BAD_REQUEST);
	assert_int_equal(slug_check("bølle"), BB_BAD_REQUEST);
	memset(slug, 'a', sizeof(slug));
	slug[64] = '\0';
	assert_int_equal(slug_check(slug), BB_OK);
	slug[64] = 'a';
	slug[65] = '\0';
	assert_int_equal(slug_check(slug), BB_BAD_REQUEST);
}

static void
test_text(void **state)
{
	char	 t[1100];

	(void)state;
	assert_int_equal(text_check("cpr 010190-1234", TEXT_FREE),
	    BB_CPR_NOT_ALLOWED);
	assert_int_equal(text_check("cpr 010190-1234", 0), BB_OK);
	assert_int_equal(text_check("cpr 010190-1234",
	    TEXT_FREE | TEXT_REQUIRED), BB_CPR_NOT_ALLOWED);
	assert_int_equal(text_check("faktura 0101901234", TEXT_FREE),
	    BB_CPR_NOT_ALLOWED);
	assert_int_equal(text_check("faktura 01019012345", TEXT_FREE), BB_OK);
	assert_int_equal(text_check("Kørekort, 1. rate \"B\"", TEXT_FREE),
	    BB_OK);
	assert_int_equal(text_check("Kørekort, 1. rate \"B\"", TEXT_REQUIRED),
	    BB_OK);
	assert_int_equal(text_check("", 0), BB_OK);
	assert_int_equal(text_check("", TEXT_FREE), BB_OK);
	assert_int_equal(text_check(NULL, 0), BB_OK);
	assert_int_equal(text_check("", TEXT_REQUIRED), BB_BAD_REQUEST);
	assert_int_equal(text_check(NULL, TEXT_REQUIRED), BB_BAD_REQUEST);
	assert_int_equal(text_check("", TEXT_REQUIRED | TEXT_FREE),
	    BB_BAD_REQUEST);
	/* Broken UTF-8 is a bad request before it is a CPR question. */
	assert_int_equal(text_check("010190-1234 \xc3", TEXT_FREE),
	    BB_BAD_REQUEST);

	/* Length is counted in bytes: 1000 is the most. */
	memset(t, 'x', sizeof(t));
	t[1000] = '\0';
	assert_int_equal(text_check(t, 0), BB_OK);
	t[1000] = 'x';
	t[1001] = '\0';
	assert_int_equal(text_check(t, 0), BB_BAD_REQUEST);
	for (int i = 0; i < 1000; i += 2)
		memcpy(t + i, "\xc3\xb8", 2);	/* ø */
	t[1000] = '\0';
	assert_int_equal(text_check(t, TEXT_FREE), BB_OK);
	memcpy(t + 1000, "x", 2);
	assert_int_equal(text_check(t, TEXT_FREE), BB_BAD_REQUEST);
}

static void
test_utf8(void **state)
{
	static const char *const bad[] = {
	    "\xc3",			/* lead byte alone */
	    "a\xc3",
	    "\xc3\x28",			/* not a continuation */
	    "\x80",			/* continuation alone */
	    "\xbf",
	    "\xc0\xaf",			/* overlong '/' */
	    "\xc1\xbf",
	    "\xe0\x80\xaf",		/* overlong, 3 bytes */
	    "\xe0\x9f\xbf",
	    "\xf0\x80\x80\xaf",		/* overlong, 4 bytes */
	    "\xf0\x8f\xbf\xbf",
	    "\xed\xa0\x80",		/* surrogates */
	    "\xed\xbf\xbf",
	    "\xf4\x90\x80\x80",		/* beyond U+10FFFF */
	    "\xf5\x80\x80\x80",
	    "\xf8\x88\x80\x80\x80",	/* 5 and 6 bytes */
	    "\xfc\x84\x80\x80\x80\x80",
	    "\xfe", "\xff",
	    "\xe2\x82",			/* truncated € */
	    "\xf0\x9f\x9a",		/* truncated 🚗 */
	    "\xe2\x28\xac",
	    "\xf0\x9f\x28\x97",
	};
	static const char *const good[] = {
	    "\xc2\xa0",			/* U+00A0 */
	    "\xdf\xbf",			/* U+07FF */
	    "\xe0\xa0\x80",		/* U+0800 */
	    "\xed\x9f\xbf",		/* U+D7FF */
	    "\xee\x80\x80",		/* U+E000 */
	    "\xef\xbf\xbd",		/* U+FFFD */
	    "\xf0\x90\x80\x80",		/* U+10000 */
	    "\xf4\x8f\xbf\xbf",		/* U+10FFFF */
	    "\xe2\x82\xac 100",		/* € */
	    "\xf0\x9f\x9a\x97 bil",	/* 🚗 */
	    "Æble, øl og Ål",
	};

	(void)state;
	for (size_t i = 0; i < NELEM(bad); i++)
		if (text_check(bad[i], 0) != BB_BAD_REQUEST)
			fail_msg("accepted broken UTF-8 #%zu", i);
	for (size_t i = 0; i < NELEM(good); i++)
		if (text_check(good[i], TEXT_FREE) != BB_OK)
			fail_msg("refused good UTF-8 #%zu", i);
}

static void
test_control_chars(void **state)
{
	char	 s[4] = "a?b";

	(void)state;
	for (int c = 1; c < 0x20; c++) {
		s[1] = (char)c;
		assert_int_equal(text_check(s, 0), BB_BAD_REQUEST);
	}
	s[1] = 0x7f;
	assert_int_equal(text_check(s, 0), BB_BAD_REQUEST);
	for (int c = 0x20; c < 0x7f; c++) {
		s[1] = (char)c;
		assert_int_equal(text_check(s, 0), BB_OK);
	}
	assert_int_equal(text_check("\t", 0), BB_BAD_REQUEST);
	assert_int_equal(text_check("line\r\n", 0), BB_BAD_REQUEST);
	assert_int_equal(text_check("\x1b[31mred", 0), BB_BAD_REQUEST);
}

/*
 * C1 controls (U+0080-U+009F) are control characters too: U+009B is CSI
 * to a terminal that honours 8-bit controls, U+0085 a line break.
 */
static void
test_c1_controls(void **state)
{
	char	 s[5] = "a??b";

	(void)state;
	for (int c = 0x80; c <= 0x9f; c++) {
		s[1] = (char)0xc2;
		s[2] = (char)c;
		if (text_check(s, 0) != BB_BAD_REQUEST)
			fail_msg("accepted the C1 control U+%04X", c);
	}
	assert_int_equal(text_check("\xc2\xa0", 0), BB_OK);	/* U+00A0 */
}

/* A code point as UTF-8, between "a" and "b". */
static void
around(uint32_t c, char *s)
{
	unsigned char	*u = (unsigned char *)s;

	*u++ = 'a';
	if (c < 0x80) {
		*u++ = (unsigned char)c;
	} else if (c < 0x800) {
		*u++ = (unsigned char)(0xc0 | c >> 6);
		*u++ = (unsigned char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		*u++ = (unsigned char)(0xe0 | c >> 12);
		*u++ = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		*u++ = (unsigned char)(0x80 | (c & 0x3f));
	} else {
		*u++ = (unsigned char)(0xf0 | c >> 18);
		*u++ = (unsigned char)(0x80 | (c >> 12 & 0x3f));
		*u++ = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		*u++ = (unsigned char)(0x80 | (c & 0x3f));
	}
	*u++ = 'b';
	*u = '\0';
}

/*
 * Bidirectional controls and the other invisible format characters
 * (Unicode category Cf), and the line and paragraph separators: refused,
 * and the reason names the code point.
 */
static void
test_invisible_refused(void **state)
{
	static const uint32_t	 refused[] = {
	    0x202a, 0x202b, 0x202c, 0x202d, 0x202e,	/* embed, override */
	    0x2066, 0x2067, 0x2068, 0x2069,		/* isolates */
	    0x200b, 0x200c, 0x200d, 0x200e, 0x200f,	/* zero width, marks */
	    0x2060, 0x2061, 0x2062, 0x2063, 0x2064,	/* word joiner, ... */
	    0x206a, 0x206f, 0xfeff, 0x00ad, 0x061c, 0x180e,
	    0x0600, 0x0605, 0x06dd, 0x070f, 0x0890, 0x0891, 0x08e2,
	    0xfff9, 0xfffb, 0x110bd, 0x110cd, 0x13430, 0x1343f, 0x1bca0,
	    0x1bca3, 0x1d173, 0x1d17a, 0xe0001, 0xe0020, 0xe007f,
	    0x2028, 0x2029 };
	char			 s[8], why[96], want[16];

	(void)state;
	for (size_t i = 0; i < NELEM(refused); i++) {
		around(refused[i], s);
		if (text_check(s, 0) != BB_BAD_REQUEST)
			fail_msg("accepted U+%04X", (unsigned)refused[i]);
		assert_int_equal(text_explain(s, TEXT_FREE, why, sizeof(why)),
		    BB_BAD_REQUEST);
		snprintf(want, sizeof(want), "holds U+%04X,",
		    (unsigned)refused[i]);
		if (strncmp(why, want, strlen(want)) != 0)
			fail_msg("U+%04X: %s", (unsigned)refused[i], why);
	}
	around(0x202e, s);
	text_explain(s, 0, why, sizeof(why));
	assert_string_equal(why,
	    "holds U+202E, an invisible bidirectional control");
	around(0x200b, s);
	text_explain(s, 0, why, sizeof(why));
	assert_string_equal(why, "holds U+200B, an invisible format character");
	/* The first refused character is the one named. */
	assert_int_equal(text_explain("x\xe2\x80\x8b\x1b", 0, why, sizeof(why)),
	    BB_BAD_REQUEST);
	assert_string_equal(why, "holds U+200B, an invisible format character");
	text_explain("a\x1b[31m", 0, why, sizeof(why));
	assert_string_equal(why, "holds U+001B, a control character");
}

/* Their neighbours, and text people write, pass. */
static void
test_visible_accepted(void **state)
{
	static const uint32_t	 ok[] = {
	    0x00a0, 0x00ac, 0x00ae, 0x00e6, 0x00f8, 0x00e5, 0x05f4,
	    0x0606, 0x061b, 0x061d, 0x06dc, 0x06de, 0x180d, 0x180f,
	    0x200a, 0x2010, 0x2027, 0x202f, 0x205f, 0x20ac, 0xfefe,
	    0xfff8, 0xfffc, 0x1f600, 0xe0000, 0xe0080, 0x10ffff };
	char			 s[8], why[96] = "";

	(void)state;
	for (size_t i = 0; i < NELEM(ok); i++) {
		around(ok[i], s);
		if (text_check(s, 0) != BB_OK)
			fail_msg("refused U+%04X", (unsigned)ok[i]);
	}
	assert_int_equal(text_explain("Tandlæge, 1.234,50 kr. (før moms) – "
	    "ok", TEXT_FREE, why, sizeof(why)), BB_OK);
	assert_string_equal(why, "");
}

/* The other refusals say what is wrong too. */
static void
test_explain(void **state)
{
	char	 why[96], big[TEXT_MAX_LEN + 2];

	(void)state;
	assert_int_equal(text_explain("", TEXT_REQUIRED, why, sizeof(why)),
	    BB_BAD_REQUEST);
	assert_string_equal(why, "is required");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(text_explain(big, 0, why, sizeof(why)),
	    BB_BAD_REQUEST);
	assert_string_equal(why, "is longer than 1000 bytes");
	assert_int_equal(text_explain("\xc3", 0, why, sizeof(why)),
	    BB_BAD_REQUEST);
	assert_string_equal(why, "is not valid UTF-8");
	assert_int_equal(text_explain("cpr 010190-1234", TEXT_FREE, why,
	    sizeof(why)), BB_CPR_NOT_ALLOWED);
	assert_string_equal(why,
	    "holds a CPR number, which the ledger never stores");
	/* No room for the reason: only the code. */
	assert_int_equal(text_explain("\xe2\x80\xae", 0, NULL, 0),
	    BB_BAD_REQUEST);
	assert_int_equal(text_explain("\xe2\x80\xae", 0, why, 8),
	    BB_BAD_REQUEST);
	assert_string_equal(why, "holds U");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpr_refused),
		cmocka_unit_test(test_not_cpr),
		cmocka_unit_test(test_cpr_spellings),
		cmocka_unit_test(test_cpr_false_positives),
		cmocka_unit_test(test_cpr_every_date),
		cmocka_unit_test(test_citizen_syntax),
		cmocka_unit_test(test_slugs),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_control_chars),
		cmocka_unit_test(test_c1_controls),
		cmocka_unit_test(test_invisible_refused),
		cmocka_unit_test(test_visible_accepted),
		cmocka_unit_test(test_explain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
