/*
 * SHA-256 with the CPU's extensions and without them: the examples of
 * FIPS 180-4 (and NIST's one-million-'a' message), then every length
 * from 0 to 1,100 bytes, the boundaries of a block's padding among them,
 * fed whole, split in two (sha256_two) and in random pieces, each hashed
 * both ways and by libsodium's one-shot call: the extensions' code and
 * the portable one can only agree if both are right. On a CPU without
 * the extensions the two ways are one, and the test says so.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "sha256.h"

#define LONGEST	1100

static void
hex_is(const uint8_t *sum, const char *want)
{
	char	 hex[2 * SHA256_LEN + 1];

	sodium_bin2hex(hex, sizeof(hex), sum, SHA256_LEN);
	assert_string_equal(hex, want);
}

/* The message in pieces of random sizes, some of them empty. */
static void
in_pieces(const uint8_t *m, size_t len, uint8_t *out)
{
	struct sha256	 s;
	size_t		 at = 0, n;

	sha256_init(&s);
	while (at < len) {
		n = randombytes_uniform(150);
		if (n > len - at)
			n = len - at;
		sha256_update(&s, m + at, n);
		at += n;
	}
	sha256_final(&s, out);
}

static void
examples(int ni)
{
	static uint8_t	 million[1000000];
	struct sha256	 s;
	uint8_t		 out[SHA256_LEN];
	int		 i;

	sha256_extensions(ni);
	sha256_two(NULL, 0, "", 0, out);
	hex_is(out, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	sha256_two("a", 1, "bc", 2, out);
	hex_is(out, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	sha256_two(NULL, 0, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmn"
	    "lmnomnopnopq", 56, out);
	hex_is(out, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	memset(million, 'a', sizeof(million));
	sha256_init(&s);
	for (i = 0; i < 10; i++)
		sha256_update(&s, million, sizeof(million) / 10);
	sha256_final(&s, out);
	hex_is(out, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
}

static void
test_examples(void **state)
{
	int	 had = sha256_extensions(1);

	(void)state;
	if (!had)
		printf("skipped: this CPU has no SHA extensions: the "
		    "portable way alone is tested\n");
	examples(1);
	examples(0);
	sha256_extensions(had);
}

static void
test_every_length(void **state)
{
	uint8_t		 m[LONGEST], want[SHA256_LEN], got[SHA256_LEN];
	size_t		 len, cut;
	int		 ni, had = sha256_extensions(1);

	(void)state;
	randombytes_buf(m, sizeof(m));
	for (len = 0; len <= LONGEST; len++) {
		crypto_hash_sha256(want, m, len);
		for (ni = 0; ni < 2; ni++) {
			sha256_extensions(ni);
			cut = len ? randombytes_uniform((uint32_t)len + 1) : 0;
			sha256_two(m, cut, m + cut, len - cut, got);
			assert_memory_equal(got, want, SHA256_LEN);
			sha256_two(NULL, 0, m, len, got);
			assert_memory_equal(got, want, SHA256_LEN);
			in_pieces(m, len, got);
			assert_memory_equal(got, want, SHA256_LEN);
		}
	}
	sha256_extensions(had);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_every_length),
	};

	if (sodium_init() == -1)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
