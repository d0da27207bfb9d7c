/* glance.c, the hand reader of stored entries, against protobuf-c. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "codes.h"
#include "glance.h"
#include "wire.h"

static void
assert_str(const struct glance_str *s, const char *want)
{
	if (!glance_is(s, want, strlen(want)))
		fail_msg("read \"%.*s\", wanted \"%s\"", (int)s->len,
		    s->p ? s->p : "", want);
}

/* Its table of field numbers and types is the generated descriptor's. */
static void
test_selfcheck(void **state)
{
	(void)state;
	assert_int_equal(glance_selfcheck(), 0);
}

/* An entry with every field set, packed by protobuf-c, reads back. */
static void
test_packed(void **state)
{
	PbEntry		 e = BORGERBUDGET__V1__ENTRY__INIT;
	PbActor		 actor = BORGERBUDGET__V1__ACTOR__INIT;
	PbPoolRules	 rules = BORGERBUDGET__V1__POOL_RULES__INIT;
	uint8_t		 buf[1024], id[16] = { 1, 2, 3 }, sha[32] = { 9 };
	struct glance	 g;
	size_t		 len;

	(void)state;
	actor.uid = 1000;
	actor.name = "sagsbehandler";
	actor.role = "clerk";
	rules.name = "Kursuspulje";
	rules.cap = 1500000;
	e.seq = 1ULL << 40;
	e.id.data = id;
	e.id.len = sizeof(id);
	e.recorded_at = 1764633600000000LL;
	e.value_date = "2026-12-02";
	e.op = BORGERBUDGET__V1__ENTRY_OP__REFUND;
	e.debit = "budget:H-2017-001/3";
	e.credit = "supplier";
	e.amount = -123456789012LL;
	e.citizen = "H-2017-001";
	e.course = 4000000000U;
	e.pool = "kursus";
	e.category = "electronics";
	e.voucher = "INV-1";
	e.vat = 2500;
	e.receipt_sha256.data = sha;
	e.receipt_sha256.len = sizeof(sha);
	e.note = "a note";
	e.reverses = 7;
	e.actor = &actor;
	e.citizen_prev = UINT64_MAX;
	e.pool_rules = &rules;
	e.course_end = "2027-06-30";
	e.course_cap = 99;
	e.grace_days = 30;
	e.reservation = 12;
	len = borgerbudget__v1__entry__get_packed_size(&e);
	assert_true(len <= sizeof(buf));
	borgerbudget__v1__entry__pack(&e, buf);

	assert_int_equal(glance_entry(buf, len, &g), 0);
	assert_int_equal(g.op, BORGERBUDGET__V1__ENTRY_OP__REFUND);
	assert_int_equal(g.course, 4000000000U);
	assert_true(g.amount == -123456789012LL);
	assert_true(g.citizen_prev == UINT64_MAX);
	assert_str(&g.value_date, "2026-12-02");
	assert_str(&g.debit, "budget:H-2017-001/3");
	assert_str(&g.credit, "supplier");
	assert_str(&g.citizen, "H-2017-001");
	assert_str(&g.category, "electronics");

	/* A prefix either cuts a field short, for both readers, or ends
	 * between fields, for both. */
	for (size_t n = 0; n < len; n++) {
		PbEntry	*d = borgerbudget__v1__entry__unpack(NULL, n, buf);

		if ((glance_entry(buf, n, &g) == 0) != (d != NULL))
			fail_msg("prefix of %zu bytes: glance and protobuf-c "
			    "disagree", n);
		borgerbudget__v1__entry__free_unpacked(d, NULL);
	}
}

/* A later occurrence wins; an empty message is all zero. */
static void
test_later_wins(void **state)
{
	static const uint8_t twice[] = {
	    0x4a, 0x01, 'a',		/* citizen "a" */
	    0x28, 0x05,			/* op 5 */
	    0x4a, 0x02, 'b', 'c',	/* citizen "bc" */
	    0x28, 0x03 };		/* op 3 */
	struct glance	 g;

	(void)state;
	assert_int_equal(glance_entry(twice, sizeof(twice), &g), 0);
	assert_str(&g.citizen, "bc");
	assert_int_equal(g.op, 3);
	assert_int_equal(glance_entry(twice, 0, &g), 0);
	assert_int_equal(g.citizen.len, 0);
	assert_int_equal(g.op, 0);
}

/* What no decoder reads: a cut varint, a length past the end, a group. */
static void
test_refused(void **state)
{
	static const struct {
		uint8_t	 b[4];
		size_t	 len;
	} bad[] = {
	    { { 0x40, 0x80 }, 2 },		/* amount: varint cut */
	    { { 0x4a, 0x03, 'a' }, 3 },		/* citizen: 3 bytes, 1 there */
	    { { 0x0b }, 1 },			/* start group */
	    { { 0x0e }, 1 },			/* wire type 6 */
	    { { 0x09, 0, 0 }, 3 },		/* fixed64 cut */
	    { { 0x80 }, 1 } };			/* key cut */
	struct glance	 g;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(glance_entry(bad[i].b, bad[i].len, &g), -1);
		assert_null(borgerbudget__v1__entry__unpack(NULL, bad[i].len,
		    bad[i].b));
	}
}

/* codes.c asserts each BB_* code is its Code value; a value added to
 * Code after INTERNAL only shows here. */
static void
test_codes_complete(void **state)
{
	const ProtobufCEnumDescriptor *d = &borgerbudget__v1__code__descriptor;

	(void)state;
	assert_int_equal(d->n_values, BB_NCODES);
	for (unsigned int i = 0; i < d->n_values; i++)
		assert_string_equal(code_name(d->values[i].value),
		    d->values[i].name);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_selfcheck),
		cmocka_unit_test(test_packed),
		cmocka_unit_test(test_later_wins),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_codes_complete),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
