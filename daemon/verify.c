/*
 * budgetd verify --db DIR [--key PUBKEY]: the offline verifier. It opens
 * the database read-only and without a lock file, trusts nothing in it,
 * and names the first problem: which entry, which check. The database
 * file's hash before and after shows that it was not touched.
 */

#include <sys/wait.h>

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>
#include <xxhash.h>

#include "checkpoint.h"
#include "codes.h"
#include "journal.h"
#include "ledger.h"
#include "log.h"
#include "merkle.h"
#include "replay.h"
#include "sha256.h"
#include "state.h"
#include "store.h"
#include "verify.h"

#define FRONTIER	64
#define DECODE_ARENA	(1U << 20)	/* far above any entry the daemon writes */

/*
 * Entries are decoded into one reused buffer instead of a malloc per
 * field: the verifier decodes millions, each needed until the next.
 */
struct decode_arena {
	size_t		 used;
	max_align_t	 buf[DECODE_ARENA / sizeof(max_align_t)];
};

static void *
arena_get(void *data, size_t n)
{
	struct decode_arena	*a = data;
	void			*p;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (n > sizeof(a->buf) - a->used)
		return NULL;
	p = (char *)a->buf + a->used;
	a->used += n;
	return p;
}

static void
arena_put(void *data, void *p)
{
	(void)data;
	(void)p;
}

struct verify {
	char			 why[512];	/* the first problem */
	const char		*dir;		/* offline: where the key is */
	const struct signer	*signer;	/* online: the daemon's key */
	struct store		*store;
	struct store_txn	*txn;
	struct replay		*replay;
	uint64_t		 entries;
	uint8_t			 frontier[FRONTIER][MERKLE_HASH];
	uint64_t		 sizes[FRONTIER];
	int			 depth;
	uint8_t			 root[MERKLE_HASH];
};

static int __attribute__((format(printf, 2, 3)))
problem(struct verify *v, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(v->why, sizeof(v->why), fmt, ap);
	va_end(ap);
	return 1;
}

static int __attribute__((format(printf, 1, 2)))
failed(const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "budgetd verify: FAILED: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return 1;
}

/*
 * A fingerprint of data.mdb, taken before and after: proof that the
 * verifier left the file as it found it and read a file that did not
 * change under it. It guards against accidents, not an adversary (the
 * Merkle tree and the signed checkpoint do that), so it is XXH3-128:
 * the file is read at memory speed instead of hashed at SHA-256's.
 */
static int
file_hash(const char *dir, uint8_t *out)
{
	static uint8_t		 buf[1 << 20];
	XXH3_state_t		*st;
	XXH128_canonical_t	 c;
	char			 path[4096];
	size_t			 n;
	FILE			*f;
	int			 rc = 0;

	snprintf(path, sizeof(path), "%s/data.mdb", dir);
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if ((st = XXH3_createState()) == NULL ||
	    XXH3_128bits_reset(st) != XXH_OK) {
		fclose(f);
		XXH3_freeState(st);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (XXH3_128bits_update(st, buf, n) != XXH_OK)
			rc = -1;
	if (ferror(f))
		rc = -1;
	fclose(f);
	XXH128_canonicalFromHash(&c, XXH3_128bits_digest(st));
	XXH3_freeState(st);
	memset(out, 0, 32);
	memcpy(out, c.digest, sizeof(c.digest));
	return rc;
}

/* The compact range of the leaves so far: one root per complete subtree. */
static void
frontier_add(struct verify *v, const uint8_t *leaf_hash)
{
	memcpy(v->frontier[v->depth], leaf_hash, MERKLE_HASH);
	v->sizes[v->depth++] = 1;
	while (v->depth > 1 && v->sizes[v->depth - 1] == v->sizes[v->depth - 2]) {
		merkle_node_hash(v->frontier[v->depth - 2],
		    v->frontier[v->depth - 1], v->frontier[v->depth - 2]);
		v->sizes[v->depth - 2] *= 2;
		v->depth--;
	}
}

static void
frontier_root(struct verify *v, uint8_t *root)
{
	int	 i;

	if (v->depth == 0) {
		merkle_empty_root(root);
		return;
	}
	memcpy(root, v->frontier[v->depth - 1], MERKLE_HASH);
	for (i = v->depth - 2; i >= 0; i--)
		merkle_node_hash(v->frontier[i], root, root);
}

static PbEntry *
decode(ProtobufCAllocator *alloc, const void *leaf, size_t len)
{
	return borgerbudget__v1__entry__unpack(alloc, len, leaf);
}

/*
 * The walk over the journal is two passes that share nothing but the
 * read-only database, run at once on two cores: the leaves (each entry's
 * bytes against the tree's leaf hash, and the root from them) and the
 * rules (decode, chain, replay). Each stops at its first problem; the one
 * at the lower seq is reported.
 */
struct pass {
	struct verify		*v;
	struct store_txn	*txn;
	uint64_t		 entries;	/* walked */
	uint64_t		 bad;		/* seq of the first problem */
	char			 why[512];
};

static int __attribute__((format(printf, 3, 4)))
pass_problem(struct pass *p, uint64_t seq, const char *fmt, ...)
{
	va_list	 ap;

	p->bad = seq ? seq : 1;
	va_start(ap, fmt);
	vsnprintf(p->why, sizeof(p->why), fmt, ap);
	va_end(ap);
	return 1;
}

/* Keys 1, 2, 3, ... without a gap; the cursor's end must be clean. */
static int
pass_key(struct pass *p, const struct store_val *k)
{
	p->entries++;
	if (k->len == 8 && be64_get(k->data) == p->entries)
		return 0;
	return pass_problem(p, p->entries, "entry %llu: seq has a gap or is "
	    "out of order (found key %llu)", (unsigned long long)p->entries,
	    k->len == 8 ? (unsigned long long)be64_get(k->data) : 0ULL);
}

static void *
check_leaves(void *arg)
{
	struct pass		*p = arg;
	struct verify		*v = p->v;
	struct store_cursor	*cur, *tree;
	struct store_val	 k, val, tk, tv;
	uint8_t			 tkey[JOURNAL_TREE_KEY], lh[MERKLE_HASH];
	int			 rc, trc;

	if (store_cursor_open(p->txn, ST_ENTRIES, &cur) != BB_OK) {
		pass_problem(p, 1, "the entries table cannot be read");
		return NULL;
	}
	/* Each leaf hash (level 0) sorts first among the nodes ending at
	 * its leaf: one cursor walks them beside the entries, stepping over
	 * the higher nodes, instead of a lookup from the root per entry. */
	if (store_cursor_open(p->txn, ST_TREE, &tree) != BB_OK) {
		store_cursor_close(cur);
		pass_problem(p, 1, "the tree table cannot be read");
		return NULL;
	}
	for (rc = store_cursor_next(cur, &k, &val); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &val)) {
		if (pass_key(p, &k))
			break;
		/* The bytes must be the leaf the tree was built from. */
		merkle_leaf_hash(val.data, val.len, lh);
		journal_tree_key(0, p->entries - 1, tkey);
		while ((trc = store_cursor_next(tree, &tk, &tv)) == BB_OK &&
		    tk.len == sizeof(tkey) &&
		    ((const uint8_t *)tk.data)[8] != 0)
			continue;
		if (trc != BB_OK ||
		    tk.len != sizeof(tkey) || memcmp(tk.data, tkey,
		    sizeof(tkey)) != 0 || tv.len != MERKLE_HASH ||
		    memcmp(lh, tv.data, MERKLE_HASH) != 0) {
			pass_problem(p, p->entries, "entry %llu: its bytes are "
			    "not the leaf the Merkle tree holds for it "
			    "(altered)", (unsigned long long)p->entries);
			break;
		}
		frontier_add(v, lh);
	}
	store_cursor_close(cur);
	store_cursor_close(tree);
	if (!p->bad && rc != BB_NOT_FOUND)
		pass_problem(p, p->entries + 1, "after entry %llu: the entries "
		    "table is damaged", (unsigned long long)p->entries);
	frontier_root(v, v->root);
	return NULL;
}

static void *
check_rules(void *arg)
{
	static struct decode_arena	 arena, orig_arena;
	struct pass			*p = arg;
	struct verify			*v = p->v;
	ProtobufCAllocator		 alloc = { arena_get, arena_put,
					    &arena };
	ProtobufCAllocator		 orig_alloc = { arena_get, arena_put,
					    &orig_arena };
	const ProtobufCEnumValue	*op;
	struct store_cursor		*cur;
	struct store_val		 k, val;
	const uint8_t			*oleaf;
	PbEntry				*e, *orig;
	char				 why[512];
	size_t				 olen;
	int				 rc;

	if (store_cursor_open(p->txn, ST_ENTRIES, &cur) != BB_OK) {
		pass_problem(p, 1, "the entries table cannot be read");
		return NULL;
	}
	for (rc = store_cursor_next(cur, &k, &val); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &val)) {
		if (pass_key(p, &k))
			break;
		arena.used = orig_arena.used = 0;
		if ((e = decode(&alloc, val.data, val.len)) == NULL) {
			pass_problem(p, p->entries, "entry %llu: does not "
			    "decode as an Entry", (unsigned long long)p->entries);
			break;
		}
		if (e->seq != p->entries) {
			pass_problem(p, p->entries, "entry %llu: says it is seq "
			    "%llu", (unsigned long long)p->entries,
			    (unsigned long long)e->seq);
			break;
		}
		orig = NULL;
		if (e->op == BORGERBUDGET__V1__ENTRY_OP__REVERSE &&
		    e->reverses > 0 && e->reverses < e->seq &&
		    journal_leaf(p->txn, e->reverses, &oleaf, &olen) == BB_OK)
			orig = decode(&orig_alloc, oleaf, olen);
		if (replay_entry(v->replay, e, orig, why, sizeof(why)) != 0) {
			op = protobuf_c_enum_descriptor_get_value(
			    &borgerbudget__v1__entry_op__descriptor, e->op);
			pass_problem(p, p->entries, "entry %llu (%s): %s",
			    (unsigned long long)p->entries, op ? op->name : "?",
			    why);
			break;
		}
		if (p->entries % 100000 == 0 && isatty(2))
			fprintf(stderr, "\rverified %llu entries",
			    (unsigned long long)p->entries);
	}
	store_cursor_close(cur);
	if (isatty(2) && p->entries >= 100000)
		fprintf(stderr, "\n");
	if (!p->bad && rc != BB_NOT_FOUND)
		pass_problem(p, p->entries + 1, "after entry %llu: the entries "
		    "table is damaged", (unsigned long long)p->entries);
	return NULL;
}

static int
check_entries(struct verify *v)
{
	struct pass	 leaves, rules;
	pthread_t	 thread;
	int		 threaded;

	memset(&leaves, 0, sizeof(leaves));
	memset(&rules, 0, sizeof(rules));
	leaves.v = rules.v = v;
	rules.txn = v->txn;
	/* The leaves' pass gets a read transaction of its own, on a thread
	 * of its own; without one, the passes run one after the other. */
	threaded = v->store && store_begin(v->store, 0, &leaves.txn) == BB_OK;
	if (threaded && pthread_create(&thread, NULL, check_leaves,
	    &leaves) != 0) {
		store_abort(leaves.txn);
		threaded = 0;
	}
	if (!threaded) {
		leaves.txn = v->txn;
		check_leaves(&leaves);
	}
	check_rules(&rules);
	if (threaded) {
		pthread_join(thread, NULL);
		store_abort(leaves.txn);
	}
	v->entries = leaves.entries;
	if (leaves.bad && (!rules.bad || leaves.bad <= rules.bad))
		return problem(v, "%s", leaves.why);
	if (rules.bad)
		return problem(v, "%s", rules.why);
	return 0;
}

/* Each citizen's kept last seq, where statements and audits start to
 * follow the chain, must be the last entry of the citizen. */
static int
check_citizens(struct verify *v)
{
	struct store_cursor	*cur;
	struct store_val	 k, val;
	char			 citizen[NAME_MAX_LEN + 1];
	size_t			 n = 0;
	int			 rc;

	if (store_cursor_open(v->txn, ST_CITIZENS, &cur) != BB_OK)
		return problem(v, "the citizens table cannot be read");
	for (rc = store_cursor_next(cur, &k, &val); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &val), n++) {
		if (k.len == 0 || k.len > NAME_MAX_LEN || val.len != 8)
			break;
		memcpy(citizen, k.data, k.len);
		citizen[k.len] = '\0';
		if (replay_citizen_last(v->replay, citizen) !=
		    be64_get(val.data)) {
			store_cursor_close(cur);
			return problem(v, "citizen %s: the kept last entry "
			    "%llu is not the last entry of the citizen", citizen,
			    (unsigned long long)be64_get(val.data));
		}
	}
	store_cursor_close(cur);
	if (rc != BB_NOT_FOUND || n != replay_ncitizens(v->replay))
		return problem(v, "citizens: %zu kept, %zu in the journal", n,
		    replay_ncitizens(v->replay));
	return 0;
}

/* The kept balances must be exactly what the replay rebuilt. */
static int
check_balances(struct verify *v)
{
	struct store_cursor	*cur;
	struct store_val	 k, val;
	const struct pool	*rp;
	const struct course	*rc_;
	struct pool		 p;
	struct course		 c;
	size_t			 pools = 0, courses = 0;
	uint64_t		 open;
	int			 rc;

	if (store_cursor_open(v->txn, ST_POOLS, &cur) != BB_OK)
		return problem(v, "the pools table cannot be read");
	for (rc = store_cursor_next(cur, &k, &val); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &val), pools++) {
		if (val.len != sizeof(p))
			break;
		memcpy(&p, val.data, sizeof(p));
		p.slug[sizeof(p.slug) - 1] = '\0';
		if ((rp = replay_pool(v->replay, p.slug)) == NULL ||
		    rp->funded != p.funded || rp->granted != p.granted ||
		    rp->returned != p.returned || rp->cap != p.cap ||
		    rp->months != p.months || rp->grace != p.grace ||
		    rp->from != p.from || rp->to != p.to ||
		    rp->courses_open != p.courses_open ||
		    rp->courses_closed != p.courses_closed) {
			store_cursor_close(cur);
			return problem(v, "pool %s: the kept record differs from "
			    "the replay of the journal", p.slug);
		}
	}
	store_cursor_close(cur);
	if (rc != BB_NOT_FOUND || pools != replay_npools(v->replay))
		return problem(v, "pools: %zu kept, %zu in the journal", pools,
		    replay_npools(v->replay));

	if (store_cursor_open(v->txn, ST_COURSES, &cur) != BB_OK)
		return problem(v, "the courses table cannot be read");
	for (rc = store_cursor_next(cur, &k, &val); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &val), courses++) {
		if (val.len != sizeof(c))
			break;
		memcpy(&c, val.data, sizeof(c));
		c.citizen[sizeof(c.citizen) - 1] = '\0';
		if ((rc_ = replay_course(v->replay, c.citizen, c.number)) ==
		    NULL || rc_->status != c.status || rc_->start != c.start ||
		    rc_->end != c.end || rc_->cap != c.cap ||
		    rc_->granted != c.granted || rc_->spent != c.spent ||
		    rc_->reserved != c.reserved ||
		    rc_->refunded != c.refunded ||
		    rc_->returned != c.returned ||
		    rc_->closed_on != c.closed_on) {
			store_cursor_close(cur);
			return problem(v, "course %u of %s: the kept record "
			    "differs from the replay of the journal", c.number,
			    c.citizen);
		}
	}
	store_cursor_close(cur);
	if (rc != BB_NOT_FOUND || courses != replay_ncourses(v->replay))
		return problem(v, "courses: %zu kept, %zu in the journal", courses,
		    replay_ncourses(v->replay));
	if (check_citizens(v) != 0)
		return -1;
	if (store_count(v->txn, ST_RESERVATIONS, &open) != BB_OK ||
	    open != replay_open_reservations(v->replay))
		return problem(v, "open reservations: %llu kept, %zu in the "
		    "journal", (unsigned long long)open,
		    replay_open_reservations(v->replay));
	return 0;
}

/* A verifier key (NAME+KEYID+BASE64), or the first line of a file of one. */
static int
verifier_key_read(struct signer *key, const char *arg)
{
	char	 text[1024];
	FILE	*f;

	if ((f = fopen(arg, "r")) != NULL) {
		if (fgets(text, sizeof(text), f) == NULL)
			text[0] = '\0';
		fclose(f);
	} else {
		snprintf(text, sizeof(text), "%s", arg);
	}
	return checkpoint_verifier_parse(key, text);
}

/*
 * The key that checks the checkpoint, looked up in one order: --key;
 * else the directory's signing key (checkpoint.key, a data directory's);
 * else its verifier key (checkpoint.pub, a backup's). A key found in the
 * directory proves less, since whoever could change the database could
 * change it too: the notice says so.
 */
static int
verify_key(struct verify *v, const char *keyarg, const char *origin,
    struct signer *key)
{
	char	 path[4096];

	if (keyarg) {
		if (verifier_key_read(key, keyarg) != 0)
			return problem(v, "--key: not a verifier key "
			    "(NAME+KEYID+BASE64)");
		return 0;
	}
	snprintf(path, sizeof(path), "%s/checkpoint.key", v->dir);
	if (access(path, F_OK) == 0) {
		if (checkpoint_key_load(key, path, origin, 0) != 0)
			return problem(v, "%s: not a usable signing key; pass "
			    "--key with the ledger's verifier key", path);
	} else {
		snprintf(path, sizeof(path), "%s/checkpoint.pub", v->dir);
		if (access(path, F_OK) != 0)
			return problem(v, "no --key given, and no "
			    "checkpoint.key or checkpoint.pub in %s: pass "
			    "--key with the ledger's verifier key", v->dir);
		if (verifier_key_read(key, path) != 0)
			return problem(v, "%s: not a verifier key "
			    "(NAME+KEYID+BASE64)", path);
	}
	fprintf(stderr, "budgetd verify: no --key: checking the signature "
	    "with the key in %s; pass --key with a key you trust\n", path);
	return 0;
}

static int
check_checkpoint(struct verify *v, const char *keyarg)
{
	struct store_cursor	*cur;
	struct store_val	 k, val;
	struct signer		 key;
	uint8_t			 stored_root[MERKLE_HASH];
	char			 origin[256];
	const char		*note;
	size_t			 len, n;
	int			 rc;

	if (journal_root(v->txn, v->entries, stored_root) != BB_OK ||
	    sodium_memcmp(stored_root, v->root, MERKLE_HASH) != 0)
		return problem(v, "the stored Merkle tree does not match the "
		    "entries (root of %llu entries)",
		    (unsigned long long)v->entries);
	if (store_cursor_open(v->txn, ST_CHECKPOINTS, &cur) != BB_OK)
		return problem(v, "the checkpoints table cannot be read");
	rc = store_cursor_last(cur, &k, &val);
	store_cursor_close(cur);
	if (rc == BB_NOT_FOUND)
		return v->entries == 0 ? 0 :
		    problem(v, "no checkpoint signs the %llu entries",
		    (unsigned long long)v->entries);
	if (rc != BB_OK || k.len != 8 || val.len <= MERKLE_HASH)
		return problem(v, "the latest checkpoint is damaged");
	if (be64_get(k.data) != v->entries)
		return problem(v, "the latest checkpoint signs %llu entries, the "
		    "journal holds %llu", (unsigned long long)be64_get(k.data),
		    (unsigned long long)v->entries);
	note = (const char *)val.data + MERKLE_HASH;
	len = val.len - MERKLE_HASH;
	if (sodium_memcmp(val.data, v->root, MERKLE_HASH) != 0)
		return problem(v, "the latest checkpoint's root is not the root of "
		    "the entries");
	/* The note's own root line must say the same. */
	n = strcspn(note, "\n");
	snprintf(origin, sizeof(origin), "%.*s", (int)(n < 255 ? n : 255),
	    note);
	if (v->signer)
		key = *v->signer;
	else if (verify_key(v, keyarg, origin, &key) != 0)
		return 1;
	if (checkpoint_verify(&key, note, len) != 0)
		return problem(v, "the latest checkpoint (%llu entries) has no "
		    "valid signature by %s", (unsigned long long)v->entries,
		    key.name);
	return 0;
}

/* Every check, in order; the log first, so a cut tail is named as such. */
static int
verify_checks(struct verify *v, const char *keyarg)
{
	int	 bad;

	v->replay = replay_new();
	bad = check_entries(v);
	if (!bad)
		bad = check_checkpoint(v, keyarg);
	if (!bad)
		bad = check_balances(v);
	replay_free(v->replay);
	return bad;
}

static void
verified(struct verify *v, char *out, size_t len)
{
	char	 hex[65];

	sodium_bin2hex(hex, sizeof(hex), v->root, 32);
	if (v->entries == 0) {
		snprintf(out, len, "verified an empty journal");
		return;
	}
	snprintf(out, len, "verified %llu entries: sequence, per-citizen "
	    "chains, every rule, balances, root %s, signed checkpoint",
	    (unsigned long long)v->entries, hex);
}

/*
 * The daemon's own verification, on a read transaction of its own so it
 * sees the last commit. Returns 0 with what was checked, or 1 with the
 * first problem, in out.
 */
int
verify_online(struct store *store, const struct signer *signer, char *out,
    size_t len)
{
	struct verify	 v;
	int		 bad;

	memset(&v, 0, sizeof(v));
	v.signer = signer;
	v.store = store;
	if (store_begin(store, 0, &v.txn) != BB_OK) {
		snprintf(out, len, "cannot begin a read transaction");
		return 1;
	}
	bad = verify_checks(&v, NULL);
	store_abort(v.txn);
	if (bad)
		snprintf(out, len, "%s", v.why);
	else
		verified(&v, out, len);
	return bad;
}

static int
verify_db(const char *dir, const char *keyarg)
{
	struct verify	 v;
	uint8_t		 before[32], after[32];
	char		 msg[600];
	int		 bad;

	memset(&v, 0, sizeof(v));
	v.dir = dir;
	if (file_hash(dir, before) != 0)
		return failed("%s/data.mdb: %s", dir, strerror(errno));
	if (store_open(&v.store, dir, 0, STORE_RDONLY) != BB_OK)
		return failed("%s: not a borgerbudget database LMDB can "
		    "open", dir);
	if (store_begin(v.store, 0, &v.txn) != BB_OK) {
		store_close(v.store);
		return failed("%s: cannot begin a read transaction",
		    dir);
	}
	bad = verify_checks(&v, keyarg);
	store_abort(v.txn);
	store_close(v.store);
	if (file_hash(dir, after) != 0 || memcmp(before, after, 32) != 0)
		return failed("%s/data.mdb changed while it was verified",
		    dir);
	if (bad)
		return failed("%s", v.why);
	verified(&v, msg, sizeof(msg));
	printf("%s\n", msg);
	return 0;
}

/*
 * The database is hostile: LMDB trusts its pages, so the reading happens
 * in a child, and a child killed by a signal is a clear verdict too.
 */
int
verify_main(int argc, char *argv[])
{
	const char	*dir = NULL, *key = NULL;
	pid_t		 pid;
	int		 i, status;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
			key = argv[++i];
		else
			dir = NULL, i = argc;
	}
	if (dir == NULL) {
		fprintf(stderr, "usage: budgetd verify --db DIR [--key "
		    "PUBKEY]\n");
		return 2;
	}
	if (sodium_init() == -1)
		return failed("libsodium cannot start");
	fflush(NULL);
	if ((pid = fork()) == -1)
		return failed("fork: %s", strerror(errno));
	if (pid == 0) {
		status = verify_db(dir, key);
		fflush(NULL);
		_exit(status);
	}
	if (waitpid(pid, &status, 0) == -1)
		return failed("waitpid: %s", strerror(errno));
	if (WIFSIGNALED(status))
		return failed("%s is corrupt: reading it crashed the verifier "
		    "(signal %d)", dir, WTERMSIG(status));
	return WEXITSTATUS(status);
}
