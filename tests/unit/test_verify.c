/*
 * Every table the daemon keeps has its check in the verifier: a table
 * added to store.h fails here until verify.c compares it with the replay.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store.h"
#include "verify.h"

static void
every_table_checked(void **state)
{
	int	 t;

	(void)state;
	if ((t = verify_unchecked_table()) != -1)
		fail_msg("the %s table has no check in daemon/journal/verify.c",
		    store_table_name((enum store_table)t));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_table_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
