/* The checkpoint origin: a C2SP signed-note key name. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "names.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_valid(void **state)
{
	static const char *const ok[] = {
	    "budget.example.dk/ledger",
	    "halsn\xc3\xa6s.dk/ledger",		/* æ in UTF-8 */
	    "x",
	    "\xe2\x80\x94",			/* an em dash is no space */
	    "\xf0\x9f\x93\x92" };		/* U+1F4D2, four bytes */
	char	 why[64];

	(void)state;
	for (size_t i = 0; i < NELEM(ok); i++)
		if (checkpoint_name_check(ok[i], why, sizeof(why)) != 0)
			fail_msg("refused: %s (%s)", ok[i], why);
}

static void
test_refused(void **state)
{
	static const struct {
		const char	*name;
		const char	*why;
	} bad[] = {
	    { "", "empty" },
	    { "Halsn\xc3\xa6s Kommune/ledger", "U+0020 at byte 9" },
	    { "ledger+v2", "U+002B at byte 7" },
	    { "budget\tledger", "U+0009 at byte 7" },
	    { "ledger\n", "U+000A at byte 7" },
	    { "ledger\x7f", "U+007F at byte 7" },
	    { "halsn\xe6s.dk", "not UTF-8 at byte 6" },	/* Latin-1 æ */
	    { "a\xc2\x85" "b", "U+0085 at byte 2" },	/* NEL */
	    { "a\xc2\xa0" "b", "U+00A0 at byte 2" },	/* no-break space */
	    { "a\xe1\x9a\x80", "U+1680 at byte 2" },
	    { "a\xe2\x80\x80", "U+2000 at byte 2" },
	    { "a\xe2\x80\x8a", "U+200A at byte 2" },
	    { "a\xe2\x80\xa8", "U+2028 at byte 2" },
	    { "a\xe2\x80\xa9", "U+2029 at byte 2" },
	    { "a\xe2\x80\xaf", "U+202F at byte 2" },
	    { "a\xe2\x81\x9f", "U+205F at byte 2" },
	    { "a\xe3\x80\x80", "U+3000 at byte 2" },
	    { "\xc3", "not UTF-8 at byte 1" },			/* cut short */
	    { "\xc0\xa0", "not UTF-8 at byte 1" },		/* overlong */
	    { "\xed\xa0\x80", "not UTF-8 at byte 1" },		/* surrogate */
	    { "\xf4\x90\x80\x80", "not UTF-8 at byte 1" },	/* > U+10FFFF */
	    { "\x80", "not UTF-8 at byte 1" } };
	char	 why[64];

	(void)state;
	for (size_t i = 0; i < NELEM(bad); i++) {
		if (checkpoint_name_check(bad[i].name, why, sizeof(why)) == 0)
			fail_msg("accepted: case %zu", i);
		if (strcmp(why, bad[i].why) != 0)
			fail_msg("case %zu: \"%s\", want \"%s\"", i, why,
			    bad[i].why);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
