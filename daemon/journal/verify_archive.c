/*
 * budgetd verify-archive DIR [--key PUBKEY]: an archive package (budgetctl
 * archive) checked offline. Every file against SHA256SUMS and no file
 * besides them, the checkpoint's signature, and every entry: its leaf
 * hash, its inclusion proof to the checkpoint's root, its text against
 * the leaf's commitment, its voucher document against the leaf's hash
 * and size. Names the first problem and exits 1.
 */

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "checkpoint.h"
#include "lang.h"
#include "merkle.h"
#include "verify_archive.h"
#include "verify_note.h"
#include "wire.h"

#define README		"L\xc3\x86SMIG.txt"
#define SALT_LEN	16

/* The files of a package besides SHA256SUMS and documents/. */
static const char *const fixed[] = { "entries.jsonl", "checkpoint.txt",
    "verifier-key.txt", README };
#define NFIXED	(sizeof(fixed) / sizeof(fixed[0]))

/* Entries whose text or document is not in the package: an erasure
 * entry of the package must cover each (citizen, up to seq). */
struct gap {
	char		*citizen;
	uint64_t	 seq;
	uint64_t	 through;	/* an erasure: what it covers */
};

struct package {
	const char	*dir;
	struct signer	 key;
	uint64_t	 size;
	uint8_t		 root[MERKLE_HASH];
	uint8_t		(*docs)[32];	/* sorted, from SHA256SUMS */
	size_t		 ndocs;
	uint64_t	 entries;
	uint64_t	 first, last;
	struct gap	*gaps, *erasures;
	size_t		 ngaps, nerasures;
	uint8_t		 sums_sha256[32];
	char		 why[1024];
};

static int __attribute__((format(printf, 2, 3)))
problem(struct package *p, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(p->why, sizeof(p->why), _(fmt), ap);
	va_end(ap);
	return 1;
}

static int
hash_file(const char *path, uint8_t *sum, uint64_t *size)
{
	crypto_hash_sha256_state	 st;
	uint8_t				 buf[65536];
	ssize_t				 n;
	int				 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	crypto_hash_sha256_init(&st);
	*size = 0;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		crypto_hash_sha256_update(&st, buf, (size_t)n);
		*size += (uint64_t)n;
	}
	close(fd);
	crypto_hash_sha256_final(&st, sum);
	return 0;
}

static int
hex32(const char *hex, size_t len, uint8_t *out)
{
	size_t	 n;

	return len == 64 && sodium_hex2bin(out, 32, hex, len, NULL, &n,
	    NULL) == 0 && n == 32 ? 0 : -1;
}

static int
doc_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

static int
doc_listed(const struct package *p, const uint8_t *sha256)
{
	return p->ndocs > 0 &&
	    bsearch(sha256, p->docs, p->ndocs, 32, doc_cmp) != NULL;
}

/* One line of SHA256SUMS: a file of the package and its hash. */
static int
sums_line(struct package *p, char *line, unsigned *seen, size_t *cap)
{
	char		 path[4096];
	uint8_t		 want[32], got[32], (*grown)[32];
	uint64_t	 size;
	const char	*name;
	size_t		 i;

	line[strcspn(line, "\n")] = '\0';
	if (strlen(line) < 67 || hex32(line, 64, want) != 0 ||
	    line[64] != ' ' || (line[65] != ' ' && line[65] != '*'))
		return problem(p, N_("SHA256SUMS: not a sha256sum line: %.80s"),
		    line);
	name = line + 66;
	for (i = 0; i < NFIXED; i++)
		if (strcmp(name, fixed[i]) == 0)
			break;
	if (i < NFIXED) {
		if (*seen & (1U << i))
			return problem(p, N_("SHA256SUMS lists %s twice"),
			    name);
		*seen |= 1U << i;
	} else if (strncmp(name, "documents/", 10) == 0 &&
	    hex32(name + 10, strlen(name + 10), got) == 0) {
		if (memcmp(got, want, 32) != 0)
			return problem(p, N_("SHA256SUMS: %s is listed with "
			    "another SHA-256 than its name"), name);
		if (p->ndocs == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			if ((grown = realloc(p->docs, *cap * 32)) == NULL)
				return problem(p, N_("out of memory"));
			p->docs = grown;
		}
		memcpy(p->docs[p->ndocs++], want, 32);
	} else {
		return problem(p, N_("SHA256SUMS names %.200s, which is no "
		    "file of an archive package"), name);
	}
	snprintf(path, sizeof(path), "%s/%s", p->dir, name);
	if (hash_file(path, got, &size) != 0)
		return errno == ENOENT ? problem(p, N_("%s is listed in "
		    "SHA256SUMS but missing"), name) : problem(p, N_("%s is "
		    "listed in SHA256SUMS but %s"), name, strerror(errno));
	if (memcmp(got, want, 32) != 0)
		return problem(p, N_("%s was changed: its SHA-256 is not the "
		    "one in SHA256SUMS"), name);
	return 0;
}

/* Every file listed, whole, and none besides: sha256sum -c and more. */
static int
check_sums(struct package *p)
{
	char		 path[4096], *line = NULL;
	size_t		 cap = 0, lcap = 0, i;
	uint64_t	 size;
	unsigned	 seen = 0;
	FILE		*f;
	int		 bad = 0;

	snprintf(path, sizeof(path), "%s/SHA256SUMS", p->dir);
	if (hash_file(path, p->sums_sha256, &size) != 0 ||
	    (f = fopen(path, "r")) == NULL)
		return problem(p, N_("%s: %s"), path, strerror(errno));
	while (!bad && getline(&line, &lcap, f) != -1)
		bad = sums_line(p, line, &seen, &cap);
	free(line);
	fclose(f);
	if (bad)
		return 1;
	for (i = 0; i < NFIXED; i++)
		if (!(seen & (1U << i)))
			return problem(p, N_("SHA256SUMS does not list %s"),
			    fixed[i]);
	if (p->ndocs > 1)
		qsort(p->docs, p->ndocs, 32, doc_cmp);
	for (i = 1; i < p->ndocs; i++)
		if (memcmp(p->docs[i - 1], p->docs[i], 32) == 0)
			return problem(p, N_("SHA256SUMS lists a document "
			    "twice"));
	return 0;
}

/* No file in the package that SHA256SUMS does not vouch for. */
static int
check_unlisted(struct package *p)
{
	struct dirent	*d;
	char		 path[4096];
	uint8_t		 sha[32];
	DIR		*dir;
	size_t		 i;
	int		 bad = 0;

	if ((dir = opendir(p->dir)) == NULL)
		return problem(p, N_("%s: %s"), p->dir, strerror(errno));
	while (!bad && (d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") ==
		    0 || strcmp(d->d_name, "SHA256SUMS") == 0 ||
		    strcmp(d->d_name, "documents") == 0)
			continue;
		for (i = 0; i < NFIXED; i++)
			if (strcmp(d->d_name, fixed[i]) == 0)
				break;
		if (i == NFIXED)
			bad = problem(p, N_("%s is not listed in SHA256SUMS"),
			    d->d_name);
	}
	closedir(dir);
	snprintf(path, sizeof(path), "%s/documents", p->dir);
	if (bad || (dir = opendir(path)) == NULL)
		return bad ? 1 : problem(p, N_("%s: %s"), path,
		    strerror(errno));
	while (!bad && (d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if (hex32(d->d_name, strlen(d->d_name), sha) != 0 ||
		    !doc_listed(p, sha))
			bad = problem(p, N_("documents/%s is not listed in "
			    "SHA256SUMS"), d->d_name);
	}
	closedir(dir);
	return bad;
}

/* The checkpoint's size and root from its note, and its signature. */
static int
check_checkpoint(struct package *p, const char *keyarg)
{
	char		 path[4096], note[CHECKPOINT_MAX + 1], b64[64];
	const char	*l2, *l3, *end;
	size_t		 len, n;
	FILE		*f;

	snprintf(path, sizeof(path), "%s/checkpoint.txt", p->dir);
	if ((f = fopen(path, "r")) == NULL)
		return problem(p, N_("checkpoint.txt: %s"), strerror(errno));
	len = fread(note, 1, CHECKPOINT_MAX, f);
	fclose(f);
	note[len] = '\0';
	if ((l2 = memchr(note, '\n', len)) == NULL ||
	    (l3 = memchr(l2 + 1, '\n', len - (size_t)(l2 + 1 - note))) ==
	    NULL || (end = memchr(l3 + 1, '\n', len - (size_t)(l3 + 1 -
	    note))) == NULL || (size_t)(end - l3 - 1) >= sizeof(b64))
		return problem(p,
		    N_("checkpoint.txt is not a C2SP checkpoint"));
	p->size = strtoull(l2 + 1, NULL, 10);
	memcpy(b64, l3 + 1, (size_t)(end - l3 - 1));
	b64[end - l3 - 1] = '\0';
	if (p->size == 0 || sodium_base642bin(p->root, sizeof(p->root), b64,
	    strlen(b64), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) !=
	    0 || n != MERKLE_HASH)
		return problem(p,
		    N_("checkpoint.txt is not a C2SP checkpoint"));
	if (keyarg) {
		if (verify_key_read(&p->key, keyarg) != 0)
			return problem(p, N_("--key: not a verifier key "
			    "(NAME+KEYID+BASE64)"));
	} else {
		snprintf(path, sizeof(path), "%s/verifier-key.txt", p->dir);
		if (verify_key_read(&p->key, path) != 0)
			return problem(p, N_("verifier-key.txt: not a verifier "
			    "key (NAME+KEYID+BASE64)"));
		fprintf(stderr, _("budgetd verify-archive: no --key: checking "
		    "the signature with the package's own verifier-key.txt, "
		    "which proves the package whole, not where it comes from; "
		    "pass --key with the ledger's key\n"));
	}
	if (verify_note(&p->key, lang_ui, note, len, p->size, p->root, NULL,
	    p->why, sizeof(p->why)) != 0)
		return 1;
	return 0;
}

/* A gap or an erasure, kept until the end of the entries. */
static int
remember(struct package *p, struct gap **list, size_t *n, const char *cz,
    uint64_t seq, uint64_t through)
{
	struct gap	*grown;

	/* A citizen's gaps are covered by one erasure: keep the last. */
	if (*n > 0 && strcmp((*list)[*n - 1].citizen, cz) == 0 &&
	    list == &p->gaps) {
		(*list)[*n - 1].seq = seq;
		return 0;
	}
	if ((grown = realloc(*list, (*n + 1) * sizeof(**list))) == NULL)
		return problem(p, N_("out of memory"));
	*list = grown;
	if ((grown[*n].citizen = strdup(cz)) == NULL)
		return problem(p, N_("out of memory"));
	grown[*n].seq = seq;
	grown[*n].through = through;
	(*n)++;
	return 0;
}

static const char *
field_str(json_t *o, const char *name)
{
	json_t	*v = json_object_get(o, name);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The entry's text against the commitment its leaf holds. */
static int
check_text(struct package *p, json_t *o, const PbEntry *e)
{
	crypto_hash_sha256_state	 st;
	const char			*note = field_str(o, "note");
	const char			*salt = field_str(o, "note_salt");
	uint8_t				 s[SALT_LEN], sum[32];
	size_t				 n;

	if (e->note_commitment.len == 0)
		return 0;
	if (note == NULL || salt == NULL)
		return problem(p, N_("entry %llu: no note or note_salt"),
		    (unsigned long long)e->seq);
	if (*note == '\0' && *salt == '\0')
		return remember(p, &p->gaps, &p->ngaps, e->citizen, e->seq, 0);
	if (sodium_hex2bin(s, sizeof(s), salt, strlen(salt), NULL, &n,
	    NULL) != 0 || n != SALT_LEN)
		return problem(p, N_("entry %llu: note_salt is not 16 bytes of "
		    "hex"), (unsigned long long)e->seq);
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, s, sizeof(s));
	crypto_hash_sha256_update(&st, (const uint8_t *)note, strlen(note));
	crypto_hash_sha256_final(&st, sum);
	if (e->note_commitment.len != 32 ||
	    memcmp(sum, e->note_commitment.data, 32) != 0)
		return problem(p, N_("entry %llu: its note and note_salt do "
		    "not match the commitment in its leaf"),
		    (unsigned long long)e->seq);
	return 0;
}

/* The entry's document: in the package (whole, by SHA256SUMS) and of
 * the size its leaf names. */
static int
check_document(struct package *p, const PbEntry *e)
{
	struct stat	 st;
	char		 path[4096], hex[65];

	if (e->receipt_sha256.len == 0)
		return 0;
	if (e->receipt_sha256.len != 32)
		return problem(p, N_("entry %llu: its leaf's receipt_sha256 is "
		    "not 32 bytes"), (unsigned long long)e->seq);
	sodium_bin2hex(hex, sizeof(hex), e->receipt_sha256.data, 32);
	snprintf(path, sizeof(path), "%s/documents/%s", p->dir, hex);
	if (!doc_listed(p, e->receipt_sha256.data) || stat(path, &st) != 0)
		return remember(p, &p->gaps, &p->ngaps, e->citizen, e->seq, 0);
	if ((uint64_t)st.st_size != e->receipt_size)
		return problem(p, N_("entry %llu: documents/%s has %llu bytes, "
		    "its leaf says %llu"), (unsigned long long)e->seq, hex,
		    (unsigned long long)st.st_size,
		    (unsigned long long)e->receipt_size);
	return 0;
}

/* The leaf's place in the checkpoint's tree. */
static int
check_inclusion(struct package *p, json_t *o, uint64_t seq,
    const uint8_t *leaf_hash)
{
	uint8_t		 proof[MERKLE_PROOF_MAX][MERKLE_HASH];
	json_t		*list = json_object_get(o, "inclusion"), *h;
	size_t		 i, n;

	if (!json_is_array(list) || json_array_size(list) >
	    MERKLE_PROOF_MAX)
		return problem(p, N_("entry %llu: no inclusion proof"),
		    (unsigned long long)seq);
	n = json_array_size(list);
	if (n == 0 && p->size > 1)
		return problem(p, N_("entry %llu: its inclusion proof is "
		    "empty"),
		    (unsigned long long)seq);
	json_array_foreach(list, i, h) {
		if (!json_is_string(h) || hex32(json_string_value(h),
		    strlen(json_string_value(h)), proof[i]) != 0)
			return problem(p, N_("entry %llu: inclusion hash %zu "
			    "is not 32 bytes of hex"), (unsigned long long)seq,
			    i);
	}
	if (merkle_verify_inclusion(leaf_hash, seq - 1, p->size,
	    (const uint8_t (*)[MERKLE_HASH])proof, n, p->root) != 0)
		return problem(p, N_("entry %llu: its inclusion proof does not "
		    "lead to the root of the checkpoint of %llu entries"),
		    (unsigned long long)seq, (unsigned long long)p->size);
	return 0;
}

/* One line of entries.jsonl. */
static int
check_entry(struct package *p, json_t *o, uint64_t line)
{
	static const uint8_t	 zero = 0x00;
	crypto_hash_sha256_state st;
	json_t			*v;
	PbEntry			*e = NULL;
	const char		*leaf64, *s;
	uint8_t			*leaf = NULL, hash[32], want[32];
	uint64_t		 seq;
	size_t			 n;
	int			 bad = 0;

	v = json_object_get(o, "seq");
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return problem(p, N_("entries.jsonl line %llu: no seq"),
		    (unsigned long long)line);
	seq = (uint64_t)json_integer_value(v);
	if (seq <= p->last || seq > p->size)
		return problem(p, N_("entry %llu: out of order, or not in the "
		    "checkpoint's tree of %llu"), (unsigned long long)seq,
		    (unsigned long long)p->size);
	v = json_object_get(o, "tree_size");
	if (!json_is_integer(v) || (uint64_t)json_integer_value(v) != p->size)
		return problem(p, N_("entry %llu: tree_size is not the "
		    "checkpoint's, %llu"), (unsigned long long)seq,
		    (unsigned long long)p->size);
	if ((leaf64 = field_str(o, "leaf")) == NULL ||
	    (leaf = malloc(strlen(leaf64) + 1)) == NULL ||
	    sodium_base642bin(leaf, strlen(leaf64) + 1, leaf64,
	    strlen(leaf64), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) !=
	    0) {
		free(leaf);
		return problem(p, N_("entry %llu: no leaf (base64)"),
		    (unsigned long long)seq);
	}
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &zero, 1);
	crypto_hash_sha256_update(&st, leaf, n);
	crypto_hash_sha256_final(&st, hash);
	if ((s = field_str(o, "leaf_hash")) != NULL && (hex32(s, strlen(s),
	    want) != 0 || memcmp(want, hash, 32) != 0))
		bad = problem(p, N_("entry %llu: leaf_hash is not SHA-256(0x00 "
		    "|| leaf)"), (unsigned long long)seq);
	else if ((e = borgerbudget__v1__entry__unpack(NULL, n, leaf)) ==
	    NULL)
		bad = problem(p, N_("entry %llu: its leaf is not an Entry"),
		    (unsigned long long)seq);
	else if (e->seq != seq)
		bad = problem(p, N_("entry %llu: its leaf is entry %llu"),
		    (unsigned long long)seq, (unsigned long long)e->seq);
	else if ((s = field_str(o, "citizen")) == NULL ||
	    strcmp(s, e->citizen) != 0 || !json_is_integer(json_object_get(o,
	    "amount")) || json_integer_value(json_object_get(o, "amount")) !=
	    e->amount)
		bad = problem(p, N_("entry %llu: its citizen or amount is not "
		    "its leaf's"), (unsigned long long)seq);
	else
		bad = check_inclusion(p, o, seq, hash) ||
		    check_text(p, o, e) || check_document(p, e);
	if (!bad && e->op == BORGERBUDGET__V1__ENTRY_OP__ERASE)
		bad = remember(p, &p->erasures, &p->nerasures, e->citizen,
		    e->seq, e->through);
	if (e)
		borgerbudget__v1__entry__free_unpacked(e, NULL);
	free(leaf);
	if (!bad) {
		if (p->entries++ == 0)
			p->first = seq;
		p->last = seq;
	}
	return bad;
}

static int
check_entries(struct package *p)
{
	json_error_t	 err;
	json_t		*o;
	char		 path[4096], *line = NULL;
	size_t		 cap = 0;
	ssize_t		 len;
	uint64_t	 n = 0;
	FILE		*f;
	int		 bad = 0;

	snprintf(path, sizeof(path), "%s/entries.jsonl", p->dir);
	if ((f = fopen(path, "r")) == NULL)
		return problem(p, N_("entries.jsonl: %s"), strerror(errno));
	while (!bad && (len = getline(&line, &cap, f)) != -1) {
		n++;
		if ((o = json_loadb(line, (size_t)len, 0, &err)) == NULL ||
		    !json_is_object(o))
			bad = problem(p, N_("entries.jsonl line %llu: not a "
			    "JSON object: %s"), (unsigned long long)n,
			    err.text);
		else
			bad = check_entry(p, o, n);
		json_decref(o);
	}
	free(line);
	fclose(f);
	if (!bad && p->entries == 0)
		bad = problem(p, N_("entries.jsonl holds no entries"));
	return bad;
}

/* An entry without its text or document is one an erasure covers. */
static int
check_gaps(struct package *p)
{
	size_t	 i, j;

	for (i = 0; i < p->ngaps; i++) {
		for (j = 0; j < p->nerasures; j++)
			if (strcmp(p->gaps[i].citizen,
			    p->erasures[j].citizen) == 0 &&
			    p->erasures[j].through >= p->gaps[i].seq)
				break;
		if (j == p->nerasures)
			return problem(p, N_("entry %llu (citizen %s): its "
			    "note or voucher document is missing, and no "
			    "erasure in the package covers it"),
			    (unsigned long long)p->gaps[i].seq,
			    p->gaps[i].citizen);
	}
	return 0;
}

static void
package_free(struct package *p)
{
	size_t	 i;

	for (i = 0; i < p->ngaps; i++)
		free(p->gaps[i].citizen);
	for (i = 0; i < p->nerasures; i++)
		free(p->erasures[i].citizen);
	free(p->gaps);
	free(p->erasures);
	free(p->docs);
}

int
verify_archive_main(int argc, char *argv[])
{
	struct package	 p;
	const char	*key = NULL;
	char		 hex[65];
	int		 i, bad;

	memset(&p, 0, sizeof(p));
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
			key = argv[++i];
		else if (p.dir == NULL && argv[i][0] != '-')
			p.dir = argv[i];
		else
			p.dir = NULL, i = argc;
	}
	if (p.dir == NULL) {
		fprintf(stderr, "usage: budgetd verify-archive DIR [--key "
		    "PUBKEY]\n");
		return 2;
	}
	if (sodium_init() == -1) {
		fprintf(stderr, _("budgetd verify-archive: libsodium cannot "
		    "start\n"));
		return 1;
	}
	bad = check_sums(&p) || check_unlisted(&p) ||
	    check_checkpoint(&p, key) || check_entries(&p) || check_gaps(&p);
	if (bad) {
		fprintf(stderr, _("budgetd verify-archive: %s: %s\n"), p.dir,
		    p.why);
	} else {
		sodium_bin2hex(hex, sizeof(hex), p.sums_sha256, 32);
		printf(_("verified archive %s: %llu entries (%llu..%llu), %zu "
		    "documents, every proof against the checkpoint of %llu "
		    "entries signed by %s; SHA-256 of SHA256SUMS %s\n"), p.dir,
		    (unsigned long long)p.entries,
		    (unsigned long long)p.first, (unsigned long long)p.last,
		    p.ndocs, (unsigned long long)p.size, p.key.name, hex);
	}
	package_free(&p);
	return bad;
}
