/* The one UTF-8 decoder: every well-formed length, every malformed kind. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "utf8.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_well_formed(void **state)
{
	static const struct {
		const char	*s;
		size_t		 len;
		uint32_t	 c;
	} ok[] = {
	    { "A", 1, 0x41 },
	    { "\x7f", 1, 0x7f },
	    { "\xc2\x80", 2, 0x80 },
	    { "\xc3\xa6", 2, 0xe6 },			/* æ */
	    { "\xdf\xbf", 2, 0x7ff },
	    { "\xe0\xa0\x80", 3, 0x800 },
	    { "\xe2\x80\xae", 3, 0x202e },
	    { "\xed\x9f\xbf", 3, 0xd7ff },		/* below the surrogates */
	    { "\xee\x80\x80", 3, 0xe000 },		/* above them */
	    { "\xef\xbf\xbf", 3, 0xffff },
	    { "\xf0\x90\x80\x80", 4, 0x10000 },
	    { "\xf4\x8f\xbf\xbf", 4, 0x10ffff } };
	size_t	 i, len;

	(void)state;
	for (i = 0; i < NELEM(ok); i++) {
		assert_int_equal(utf8_decode((const unsigned char *)ok[i].s,
		    ok[i].len, &len), ok[i].c);
		assert_int_equal(len, ok[i].len);
	}
}

static void
test_malformed(void **state)
{
	static const struct {
		const char	*s;
		size_t		 n;
	} bad[] = {
	    { "\x80", 1 },				/* a lone continuation */
	    { "\xbf", 1 },
	    { "\xc3", 1 },				/* cut short */
	    { "\xe2\x80", 2 },
	    { "\xf0\x90\x80", 3 },
	    { "\xc3\xa6", 1 },				/* cut by the length */
	    { "\xc3\x41", 2 },				/* not a continuation */
	    { "\xc0\xa0", 2 },				/* overlong space */
	    { "\xc1\xbf", 2 },
	    { "\xe0\x80\xa0", 3 },
	    { "\xf0\x80\x80\xa0", 4 },
	    { "\xed\xa0\x80", 3 },			/* surrogates */
	    { "\xed\xbf\xbf", 3 },
	    { "\xf4\x90\x80\x80", 4 },			/* past U+10FFFF */
	    { "\xf5\x80\x80\x80", 4 },
	    { "\xf8\x88\x80\x80\x80", 5 },		/* five bytes */
	    { "\xfe", 1 },
	    { "\xff", 1 },
	    { "", 0 } };
	size_t	 i, len;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		assert_int_equal(utf8_decode((const unsigned char *)bad[i].s,
		    bad[i].n, &len), UTF8_BAD);
		assert_int_equal(len, 1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_well_formed),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
