/* Citizen references, slugs, free text, and the CPR check. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "codes.h"
#include "names.h"

static void
test_cpr_refused(void **state)
{
	static const char *const cpr[] = { "010190-1234", "0101901234",
	    "sag-0101901234-x", "2902001234", "290200-1234", "311299-0001",
	    "x010190-1234" };

	(void)state;
	for (size_t i = 0; i < sizeof(cpr) / sizeof(cpr[0]); i++) {
		if (citizen_check(cpr[i]) != BB_CPR_NOT_ALLOWED)
			fail_msg("not refused as a CPR number: %s", cpr[i]);
		assert_true(cpr_find(cpr[i]));
	}
}

static void
test_not_cpr(void **state)
{
	static const char *const ok[] = { "310290-1234", "0113901234",
	    "01019012345", "H-2017-001", "HAL-2017-025", "010190-123",
	    "2902011234", "0001901234", "a", "010190_1234" };

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (citizen_check(ok[i]) != BB_OK)
			fail_msg("refused: %s", ok[i]);
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
	assert_int_equal(citizen_check(""), BB_BAD_REQUEST);
	assert_int_equal(citizen_check(NULL), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("a/b"), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("æøå"), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("has space"), BB_BAD_REQUEST);
	assert_int_equal(citizen_check("A.b_c-9"), BB_OK);
}

static void
test_slugs(void **state)
{
	(void)state;
	assert_int_equal(slug_check("sbst-2017"), BB_OK);
	assert_int_equal(slug_check("education"), BB_OK);
	assert_int_equal(slug_check("Education"), BB_BAD_REQUEST);
	assert_int_equal(slug_check("-x"), BB_BAD_REQUEST);
	assert_int_equal(slug_check(""), BB_BAD_REQUEST);
	assert_int_equal(slug_check("a b"), BB_BAD_REQUEST);
}

static void
test_text(void **state)
{
	char	 long_text[1002];

	(void)state;
	assert_int_equal(text_check("cpr 010190-1234", TEXT_FREE),
	    BB_CPR_NOT_ALLOWED);
	assert_int_equal(text_check("cpr 010190-1234", 0), BB_OK);
	assert_int_equal(text_check("Kørekort, 1. rate \"B\"", TEXT_FREE),
	    BB_OK);
	assert_int_equal(text_check("", 0), BB_OK);
	assert_int_equal(text_check("", TEXT_REQUIRED), BB_BAD_REQUEST);
	assert_int_equal(text_check(NULL, TEXT_REQUIRED), BB_BAD_REQUEST);
	assert_int_equal(text_check("\xc3", 0), BB_BAD_REQUEST);
	assert_int_equal(text_check("\xc0\xaf", 0), BB_BAD_REQUEST);
	assert_int_equal(text_check("\xed\xa0\x80", 0), BB_BAD_REQUEST);
	assert_int_equal(text_check("\xf4\x90\x80\x80", 0), BB_BAD_REQUEST);
	assert_int_equal(text_check("a\nb", 0), BB_BAD_REQUEST);
	assert_int_equal(text_check("a\x7f", 0), BB_BAD_REQUEST);
	assert_int_equal(text_check("\xf0\x9f\x9a\x97 bil", 0), BB_OK);
	memset(long_text, 'x', sizeof(long_text));
	long_text[1000] = '\0';
	assert_int_equal(text_check(long_text, 0), BB_OK);
	long_text[1000] = 'x';
	long_text[1001] = '\0';
	assert_int_equal(text_check(long_text, 0), BB_BAD_REQUEST);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpr_refused),
		cmocka_unit_test(test_not_cpr),
		cmocka_unit_test(test_citizen_syntax),
		cmocka_unit_test(test_slugs),
		cmocka_unit_test(test_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
