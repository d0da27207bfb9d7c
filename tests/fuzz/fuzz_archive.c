/*
 * budgetd verify-archive against a hostile entries.jsonl: the input is
 * the file, in a package whose other files are whole (SHA256SUMS made
 * for it each run) and whose checkpoint is signed, over a tree of one
 * entry that commits to a note and names a document. Whatever the lines
 * hold, the verdict is 0 or 1, never a crash, a leak or a read out of
 * bounds. FUZZ_ARCHIVE_SEED=1 prints the line that verifies (the seed).
 */

#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "checkpoint.h"
#include "merkle.h"
#include "verify_archive.h"
#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	 dir[64];
static char	 key[256];

static void
put(const char *name, const void *data, size_t len)
{
	char	 path[256];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		abort();
	fwrite(data, 1, len, f);
	fclose(f);
}

static void
sum_line(FILE *sums, const char *name, const void *data, size_t len)
{
	uint8_t	 h[32];
	char	 hex[65];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(hex, sizeof(hex), h, 32);
	fprintf(sums, "%s  %s\n", hex, name);
}

/* The package's directory goes with the fuzzer. */
static void
cleanup(void)
{
	char	 cmd[128];

	if (dir[0] == '/') {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			return;
	}
}

/* The package but its entries, once: a one-entry tree, signed. */
static void
package(void)
{
	static const uint8_t	 salt[16] = "0123456789abcdef";
	static const char	 doc[] = "%PDF-1.4 fuzz";
	PbEntry			 e = BORGERBUDGET__V1__ENTRY__INIT;
	struct signer		 s;
	uint8_t			 seed[32] = { 1 }, commit[32], dochash[32];
	uint8_t			 leaf[512], root[32], kid[32], idbuf[300];
	char			 note[CHECKPOINT_MAX], hex[65], name[128];
	char			 leaf64[700], saltx[33];
	size_t			 len;
	int			 n;

	snprintf(dir, sizeof(dir), "/tmp/fuzz-archive.XXXXXX");
	if (mkdtemp(dir) == NULL || sodium_init() == -1)
		abort();
	atexit(cleanup);
	snprintf(name, sizeof(name), "%s/documents", dir);
	mkdir(name, 0755);
	memset(&s, 0, sizeof(s));
	snprintf(s.name, sizeof(s.name), "fuzz.example/ledger");
	crypto_sign_seed_keypair(s.pk, s.sk, seed);
	n = snprintf((char *)idbuf, sizeof(idbuf), "%s\n\x01", s.name);
	memcpy(idbuf + n, s.pk, 32);
	crypto_hash_sha256(kid, idbuf, (size_t)n + 32);
	memcpy(s.keyid, kid, 4);
	checkpoint_verifier_key(&s, key, sizeof(key));

	crypto_hash_sha256(dochash, (const uint8_t *)doc, sizeof(doc) - 1);
	sodium_bin2hex(hex, sizeof(hex), dochash, 32);
	snprintf(name, sizeof(name), "documents/%s", hex);
	put(name, doc, sizeof(doc) - 1);
	memcpy(idbuf, salt, 16);
	memcpy(idbuf + 16, "note", 4);
	crypto_hash_sha256(commit, idbuf, 20);
	e.seq = 1;
	e.op = BORGERBUDGET__V1__ENTRY_OP__SPEND;
	e.citizen = "F-1";
	e.amount = 100;
	e.note_commitment.data = commit;
	e.note_commitment.len = 32;
	e.receipt_sha256.data = dochash;
	e.receipt_sha256.len = 32;
	e.receipt_size = sizeof(doc) - 1;
	len = borgerbudget__v1__entry__pack(&e, leaf);
	merkle_leaf_hash(leaf, len, root);
	if ((n = checkpoint_sign(&s, 1, root, 0, note, sizeof(note))) < 0)
		abort();
	put("checkpoint.txt", note, (size_t)n);
	put("verifier-key.txt", key, strlen(key));
	put("L\xc3\x86SMIG.txt", "fuzz\n", 5);
	if (getenv("FUZZ_ARCHIVE_SEED")) {
		sodium_bin2base64(leaf64, sizeof(leaf64), leaf, len,
		    sodium_base64_VARIANT_ORIGINAL);
		sodium_bin2hex(saltx, sizeof(saltx), salt, 16);
		sodium_bin2hex(hex, sizeof(hex), root, 32);
		printf("{\"seq\":1,\"op\":\"spend\",\"citizen\":\"F-1\","
		    "\"amount\":100,\"note\":\"note\",\"note_salt\":\"%s\","
		    "\"leaf_hash\":\"%s\",\"leaf\":\"%s\",\"inclusion\":[],"
		    "\"tree_size\":1}\n", saltx, hex, leaf64);
		fflush(stdout);
		cleanup();
		_exit(0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fixed[] = { "checkpoint.txt",
	    "verifier-key.txt", "L\xc3\x86SMIG.txt" };
	char	 path[256], *text;
	char	*argv[] = { "verify-archive", dir, "--key", key, NULL };
	size_t	 len;
	FILE	*sums, *f;

	if (dir[0] == '\0')
		package();
	put("entries.jsonl", data, size);
	snprintf(path, sizeof(path), "%s/SHA256SUMS", dir);
	if ((sums = fopen(path, "w")) == NULL)
		abort();
	sum_line(sums, "entries.jsonl", data, size);
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, fixed[i]);
		if ((f = fopen(path, "r")) == NULL ||
		    (text = malloc(CHECKPOINT_MAX)) == NULL)
			abort();
		len = fread(text, 1, CHECKPOINT_MAX, f);
		fclose(f);
		sum_line(sums, fixed[i], text, len);
		free(text);
	}
	/* The document's line: its name is its hash. */
	{
		static const char	 doc[] = "%PDF-1.4 fuzz";
		uint8_t			 h[32];
		char			 hex[65], name[128];

		crypto_hash_sha256(h, (const uint8_t *)doc, sizeof(doc) - 1);
		sodium_bin2hex(hex, sizeof(hex), h, 32);
		snprintf(name, sizeof(name), "documents/%s", hex);
		sum_line(sums, name, doc, sizeof(doc) - 1);
	}
	fclose(sums);
	if (verify_archive_main(4, argv) > 1)
		abort();
	return 0;
}
