/*
 * budgetd verify --db DIR [--key PUBKEY]: the offline verifier. It opens
 * the database read-only and without a lock file, trusts nothing in it,
 * and names the first problem: which entry, which check. The database
 * file's hash before and after shows that it was not touched.
 */

#include <sys/param.h>
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

#include "bigbuf.h"
#include "checkpoint.h"
#include "codes.h"
#include "lang.h"
#include "date.h"
#include "journal.h"
#include "ledger.h"
#include "log.h"
#include "merkle.h"
#include "replay.h"
#include "sha256.h"
#include "state.h"
#include "store.h"
#include "table.h"
#include "verify.h"
#include "verify_note.h"
#include "verify_personal.h"

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

/* The entries reversals name, decoded by the rules' replay (on the
 * rules' pass, emptied with its own arena at each entry). */
static struct decode_arena	 orig_arena;
static ProtobufCAllocator	 orig_alloc = { arena_get, arena_put,
				    &orig_arena };

/* One operation's id, as the rules' pass met it. */
struct id_group {
	uint8_t		 id[16];
	uint64_t	 seq;		/* its first entry */
	uint32_t	 course;	/* the course its result names */
};

struct verify {
	char			 why[512];	/* the first problem */
	enum lang		 lang;		/* the words of the problem */
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
	struct signer		 key;	/* signs every checkpoint */
	uint64_t		 checkpoints;	/* met by the leaves */
	/* The first problem of the passes, of the tree, of the kept
	 * checkpoints: the walk goes on past the latter two. */
	char			 entries_why[512];
	char			 tree_why[512];
	char			 cp_why[512];
	char			 sig_why[512];
	char			 ids_why[512];
	char			 texts_why[512];
	struct personal		*personal;	/* texts and documents */
	struct id_group		*ids;	/* one per operation, in idbuf */
	struct bigbuf		 idbuf;	/* a million ids: 9,000 pages */
	size_t			 nids;
	uint64_t		 id_last;	/* last entry with an id */
	int			 id_row;	/* the last one's row met */
	uint32_t		 id_row_course;	/* and the course it names */
	uint64_t		 signed_size;	/* the latest checkpoint's */
};

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

static int	ids_unique(struct verify *);

static int __attribute__((format(printf, 2, 3)))
problem(struct verify *v, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(v->why, sizeof(v->why), lang_text(v->lang, fmt), ap);
	va_end(ap);
	return 1;
}

static int __attribute__((format(printf, 1, 2)))
failed(const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	fprintf(stderr, _("budgetd verify: FAILED: %s\n"), msg);
	return 1;
}

/*
 * A fingerprint of data.mdb, taken before and after: proof that the
 * verifier left the file as it found it and read a file that did not
 * change under it. It guards against accidents, not an adversary (the
 * Merkle tree and the signed checkpoint do that), so it is XXH3-128:
 * the file is read at memory speed instead of hashed at SHA-256's. It
 * reads LMDB's own map of the file (store_file), each half on a core of
 * its own: the fingerprint is the halves' two.
 */
struct half {
	const uint8_t		*data;
	size_t			 len;
	XXH128_canonical_t	 sum;
};

static void *
half_hash(void *arg)
{
	struct half	*h = arg;

	XXH128_canonicalFromHash(&h->sum, XXH3_128bits(h->data, h->len));
	return NULL;
}

static void
file_hash(const uint8_t *data, size_t len, uint8_t out[32])
{
	struct half	 h[2];
	pthread_t	 t;
	int		 threaded;

	h[0].data = data;
	h[0].len = len / 2;
	h[1].data = data + h[0].len;
	h[1].len = len - h[0].len;
	threaded = pthread_create(&t, NULL, half_hash, &h[1]) == 0;
	half_hash(&h[0]);
	if (threaded)
		pthread_join(t, NULL);
	else
		half_hash(&h[1]);
	memcpy(out, h[0].sum.digest, 16);
	memcpy(out + 16, h[1].sum.digest, 16);
}

/*
 * The compact range of the leaves so far: one root per complete subtree.
 * Each merge makes a node the tree table must hold, ending at this leaf:
 * they are put in nodes, level 0 (the leaf's own hash) up, for the rows
 * that follow the entry (tree_rows), so that a row added, deleted or
 * changed anywhere in the table is caught at the cost of a memcmp (the
 * hashes are made anyway). Returns how many.
 */
static unsigned int
frontier_add(struct pass *p, const uint8_t *leaf_hash,
    uint8_t nodes[][MERKLE_HASH])
{
	struct verify	*v = p->v;
	unsigned int	 n = 1;

	memcpy(nodes[0], leaf_hash, MERKLE_HASH);
	memcpy(v->frontier[v->depth], leaf_hash, MERKLE_HASH);
	v->sizes[v->depth++] = 1;
	while (v->depth > 1 && v->sizes[v->depth - 1] == v->sizes[v->depth - 2]) {
		merkle_node_hash(v->frontier[v->depth - 2],
		    v->frontier[v->depth - 1], v->frontier[v->depth - 2]);
		v->sizes[v->depth - 2] *= 2;
		v->depth--;
		memcpy(nodes[n++], v->frontier[v->depth - 1], MERKLE_HASH);
	}
	return n;
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

static int __attribute__((format(printf, 3, 4)))
pass_problem(struct pass *p, uint64_t seq, const char *fmt, ...)
{
	va_list	 ap;

	p->bad = seq ? seq : 1;
	va_start(ap, fmt);
	vsnprintf(p->why, sizeof(p->why), lang_text(p->v->lang, fmt), ap);
	va_end(ap);
	return 1;
}

/* The first problem of one kind, kept while the walk goes on. */
static void __attribute__((format(printf, 4, 5)))
note_problem(const struct verify *v, char *why, size_t len,
    const char *fmt, ...)
{
	va_list	 ap;

	if (why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(why, len, lang_text(v->lang, fmt), ap);
	va_end(ap);
}

/* Keys 1, 2, 3, ... without a gap; the cursor's end must be clean. */
static int
pass_key(struct pass *p, const struct store_val *k)
{
	p->entries++;
	if (k->len == 8 && be64_get(k->data) == p->entries)
		return 0;
	return pass_problem(p, p->entries, N_("entry %llu: seq has a gap or is "
	    "out of order (found key %llu)"), (unsigned long long)p->entries,
	    k->len == 8 ? (unsigned long long)be64_get(k->data) : 0ULL);
}

/*
 * The row after an entry's (or its node of the level below) must be its
 * node of level, and hold hash: k is that row's key, NULL when the next
 * is no node. Returns 0; 1 for a leaf hash (level 0) that differs, which
 * is the entry's problem; -1 with the tree's problem noted.
 */
static int
tree_node(struct pass *p, const struct store_val *k,
    const struct store_val *val, unsigned int level, const uint8_t *hash)
{
	struct verify		*v = p->v;
	uint64_t		 seq = p->entries;
	uint8_t			 key[JOURNAL_TREE_KEY];
	int			 c = 1;

	/* A node of level ends at seq only when 2^level divides it. */
	if (journal_tree_key(level, (seq >> level) - 1, key) == -1) {
		note_problem(v, v->tree_why, sizeof(v->tree_why), N_("tree: "
		    "the node of level %u ending at entry %llu is missing"),
		    level, (unsigned long long)seq);
		return -1;
	}
	if (k != NULL && k->len == sizeof(key))
		c = memcmp(k->data, key, sizeof(key));
	if (c == 0) {
		if (val->len == MERKLE_HASH &&
		    memcmp(val->data, hash, MERKLE_HASH) == 0)
			return 0;
		if (level == 0)
			return 1;
		note_problem(v, v->tree_why, sizeof(v->tree_why), N_("tree: "
		    "the node of level %u ending at entry %llu is not the hash "
		    "of its children (changed)"), level,
		    (unsigned long long)seq);
	} else if (c > 0) {
		note_problem(v, v->tree_why, sizeof(v->tree_why), N_("tree: "
		    "the node of level %u ending at entry %llu is missing"),
		    level, (unsigned long long)seq);
	} else {
		note_problem(v, v->tree_why, sizeof(v->tree_why), N_("tree: an "
		    "extra row before the node of level %u ending at entry "
		    "%llu"),
		    level, (unsigned long long)seq);
	}
	return -1;
}

/*
 * The rows after entry p->entries up to the next entry: its n nodes
 * (frontier_add), in level order, and nothing else. *rc, k and val hold
 * the cursor's row after the entry, and then the one after the nodes.
 * Returns 1 when the entry is not the leaf the tree holds (tree_node).
 */
static int
tree_rows(struct pass *p, struct store_cursor *cur, int *rc,
    struct store_val *k, struct store_val *val, uint8_t nodes[][MERKLE_HASH],
    unsigned int n)
{
	struct verify	*v = p->v;
	unsigned int	 level, extra = 0;
	int		 node;

	for (level = 0; level < n; level++) {
		node = *rc == BB_OK && store_cursor_table(cur) == ST_TREE;
		if (!v->tree_why[0] && tree_node(p, node ? k : NULL, val,
		    level, nodes[level]) == 1)
			return 1;
		if (node)
			*rc = store_cursor_next(cur, k, val);
	}
	for (; *rc == BB_OK && store_cursor_table(cur) == ST_TREE; extra++)
		*rc = store_cursor_next(cur, k, val);
	if (extra > 0 && *rc == BB_OK)
		note_problem(v, v->tree_why, sizeof(v->tree_why), N_("tree: an "
		    "extra row before the node of level %u ending at entry "
		    "%llu"), 0, (unsigned long long)p->entries + 1);
	else if (extra > 0)
		note_problem(v, v->tree_why, sizeof(v->tree_why), N_("tree: a "
		    "row beyond the nodes of the %llu entries"),
		    (unsigned long long)p->entries);
	return 0;
}

/*
 * A kept checkpoint of size entries, met when the walk has read that
 * many leaves: its root must be the root of those leaves (stronger than
 * a consistency proof with the next, and cheaper). Its note and
 * signature are the signature passes' (note_check).
 */
static void
checkpoint_check(struct pass *p, const struct store_val *k,
    const struct store_val *val)
{
	struct verify		*v = p->v;
	struct checkpoint	 cp;
	uint8_t			 root[MERKLE_HASH];
	uint64_t		 size = be64_get(k->data);

	v->checkpoints++;
	if (v->cp_why[0])
		return;
	if (checkpoint_decode(k, val, &cp) != BB_OK) {
		note_problem(v, v->cp_why, sizeof(v->cp_why), N_("checkpoint "
		    "of %llu entries: damaged (%zu bytes)"),
		    (unsigned long long)size, val->len);
		return;
	}
	frontier_root(v, root);
	if (sodium_memcmp(cp.root, root, MERKLE_HASH) != 0)
		note_problem(v, v->cp_why, sizeof(v->cp_why), N_("checkpoint "
		    "of %llu entries: its root is not the root of the first "
		    "%llu entries of the journal"), (unsigned long long)size,
		    (unsigned long long)size);
}

/*
 * A kept checkpoint's note must state the key's origin, its size and the
 * root kept beside it, and the key must sign it; the checkpoint it names
 * as signed before it must be the table's row before it (before, 0 for
 * the first row), so that a row deleted from the middle breaks the
 * signed chain. A note of a budgetd before the chain names none.
 * Returns 0, or 1 with the problem in why.
 */
static int
note_check(const struct signer *key, enum lang lang,
    const struct store_val *k, const struct store_val *val, uint64_t before,
    char *why, size_t len)
{
	struct checkpoint	 cp;
	uint64_t		 previous;

	if (checkpoint_decode(k, val, &cp) != BB_OK)
		return 0;	/* the leaves' pass says it is damaged */
	if (verify_note(key, lang, cp.note, cp.len, cp.size, cp.root,
	    &previous, why, len) != 0)
		return 1;
	if (previous == NOTE_NO_PREVIOUS || previous == before)
		return 0;
	if (previous > before)
		snprintf(why, len, lang_text(lang, N_("checkpoint of %llu "
		    "entries: it was signed after the checkpoint of %llu "
		    "entries, which the table lacks")),
		    (unsigned long long)cp.size, (unsigned long long)previous);
	else
		snprintf(why, len, lang_text(lang, N_("checkpoint of %llu "
		    "entries: it was signed after the checkpoint of %llu "
		    "entries, not after the one of %llu before it in the "
		    "table")), (unsigned long long)cp.size,
		    (unsigned long long)previous, (unsigned long long)before);
	return 1;
}

/*
 * The signatures: one Ed25519 verification per kept checkpoint, and a
 * ledger written before checkpoints were signed on a schedule has one
 * per commit, as many as entries, costing more than the rest of the
 * walk. They are split between passes of their own, each every nth
 * checkpoint (each pass reads every row, for the chain), on threads
 * beside the leaves and the rules.
 */
#define SIG_PASSES	2

struct sigpass {
	struct verify		*v;
	struct store_txn	*txn;
	unsigned int		 part;
	uint64_t		 bad;		/* size of the first problem */
	char			 why[512];
};

static void *
check_signatures(void *arg)
{
	struct sigpass		*s = arg;
	struct store_cursor	*cur;
	struct store_val	 k, val;
	uint64_t		 i = 0, before = 0;
	int			 rc;

	if (store_cursor_open(s->txn, ST_CHECKPOINTS, &cur) != BB_OK) {
		s->bad = 1;
		snprintf(s->why, sizeof(s->why), "%s", lang_text(s->v->lang,
		    N_("the checkpoints table cannot be read")));
		return NULL;
	}
	for (rc = store_cursor_first(cur, &k, &val); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &val), i++) {
		if (k.len != 8)
			continue;	/* the leaves' pass names it */
		if (i % SIG_PASSES == s->part && note_check(&s->v->key,
		    s->v->lang, &k, &val, before, s->why,
		    sizeof(s->why)) != 0) {
			s->bad = be64_get(k.data) + 1;
			break;
		}
		before = be64_get(k.data);
	}
	store_cursor_close(cur);
	return NULL;
}

/* Every kept checkpoint of the size walked so far; the cursor moves on. */
static void
checkpoints_due(struct pass *p, struct store_cursor *cps, int *crc,
    struct store_val *ck, struct store_val *cv)
{
	struct verify	*v = p->v;
	uint64_t	 size;

	for (; *crc == BB_OK; *crc = store_cursor_next(cps, ck, cv)) {
		if (ck->len != 8) {
			note_problem(v, v->cp_why, sizeof(v->cp_why),
			    N_("checkpoints: a key of %zu bytes"), ck->len);
			continue;
		}
		if ((size = be64_get(ck->data)) > p->entries)
			return;
		checkpoint_check(p, ck, cv);
	}
}

static void *
check_leaves(void *arg)
{
	struct pass		*p = arg;
	struct verify		*v = p->v;
	struct store_cursor	*cur = NULL, *cps;
	struct store_val	 k, val, ck, cv;
	uint8_t			 lh[MERKLE_HASH], nodes[FRONTIER][MERKLE_HASH];
	unsigned int		 n;
	int			 rc, crc;

	/* The tree's nodes are keyed by the last leaf they cover, then
	 * level, and kept in the entries table (layout.c): one cursor reads
	 * each entry and then its nodes, in the order the leaves make them,
	 * instead of a lookup from the root per entry. */
	if (store_cursor_open(p->txn, ST_ENTRIES, &cur) != BB_OK ||
	    store_cursor_also(cur, ST_TREE) != BB_OK) {
		store_cursor_close(cur);
		pass_problem(p, 1, N_("the entries table cannot be read"));
		return NULL;
	}
	if (store_cursor_open(p->txn, ST_CHECKPOINTS, &cps) != BB_OK) {
		store_cursor_close(cur);
		pass_problem(p, 1, N_("the checkpoints table cannot be read"));
		return NULL;
	}
	crc = store_cursor_first(cps, &ck, &cv);
	checkpoints_due(p, cps, &crc, &ck, &cv);
	rc = store_cursor_next(cur, &k, &val);
	/* Nodes before the first entry: none is due there. */
	tree_rows(p, cur, &rc, &k, &val, nodes, 0);
	while (rc == BB_OK) {
		if (pass_key(p, &k))
			break;
		/* The bytes must be the leaf the tree was built from. */
		merkle_leaf_hash(val.data, val.len, lh);
		n = frontier_add(p, lh, nodes);
		rc = store_cursor_next(cur, &k, &val);
		if (tree_rows(p, cur, &rc, &k, &val, nodes, n) != 0) {
			pass_problem(p, p->entries, N_("entry %llu: its bytes "
			    "are not the leaf the Merkle tree holds for it "
			    "(altered)"), (unsigned long long)p->entries);
			break;
		}
		checkpoints_due(p, cps, &crc, &ck, &cv);
	}
	if (!p->bad && rc != BB_NOT_FOUND)
		pass_problem(p, p->entries + 1, N_("after entry %llu: the "
		    "entries table is damaged"),
		    (unsigned long long)p->entries);
	if (!p->bad && crc == BB_OK)
		note_problem(v, v->cp_why, sizeof(v->cp_why), N_("checkpoint "
		    "of %llu entries: beyond the journal of %llu entries"),
		    ck.len == 8 ? (unsigned long long)be64_get(ck.data) : 0ULL,
		    (unsigned long long)p->entries);
	store_cursor_close(cur);
	store_cursor_close(cps);
	frontier_root(v, v->root);
	return NULL;
}

/*
 * The ids table answers a retried operation with its first result: each
 * operation's id must map to its first entry (and, for a course's open
 * and close, the course). Entries of one operation carry its id and are
 * consecutive; the daemon's own (expired reservations) have an id derived
 * from the reservation and no row.
 *
 * Each operation's row (ST_IDS) is kept after its first entry, in the
 * entries table (layout.c), so the rules' walk meets it there: its id
 * and its seq are compared as it comes, the course it names once the
 * operation's entries are all met. The row's content hash is of the
 * request, which the entries do not hold: it cannot be recomputed here,
 * and decides only whether a retry is the same operation (exists) or
 * another (ID_CONFLICT).
 */
static void
ids_close(struct verify *v)
{
	const struct id_group	*g;

	if (v->nids == 0)
		return;
	g = &v->ids[v->nids - 1];
	if (!v->id_row)
		note_problem(v, v->ids_why, sizeof(v->ids_why), N_("ids: the "
		    "id of entry %llu is missing"), (unsigned long long)g->seq);
	else if (v->id_row_course != g->course)
		note_problem(v, v->ids_why, sizeof(v->ids_why), N_("ids: the "
		    "id of entry %llu answers course %u; the journal says "
		    "course %u"), (unsigned long long)g->seq, v->id_row_course,
		    g->course);
}

static void
ids_row(struct verify *v, const struct store_val *k,
    const struct store_val *val)
{
	const struct id_group	*g = v->nids ? &v->ids[v->nids - 1] : NULL;
	const uint8_t		*row = val->data;
	uint64_t		 seq = be64_get(k->data);

	if (g == NULL || seq != g->seq || v->id_row) {
		note_problem(v, v->ids_why, sizeof(v->ids_why), N_("ids: an "
		    "extra row at entry %llu, where no operation begins"),
		    (unsigned long long)seq);
		return;
	}
	v->id_row = 1;
	v->id_row_course = g->course;
	if (val->len != STORE_ID_VAL)
		note_problem(v, v->ids_why, sizeof(v->ids_why), N_("ids: the "
		    "row of entry %llu holds %zu bytes, not %d"),
		    (unsigned long long)seq, val->len, STORE_ID_VAL);
	else if (memcmp(row, g->id, sizeof(g->id)) != 0)
		note_problem(v, v->ids_why, sizeof(v->ids_why), N_("ids: the "
		    "row of entry %llu holds another id than the entry"),
		    (unsigned long long)seq);
	else
		v->id_row_course = be32_get(row + ID_ROW_COURSE);
}

static int
ids_note(struct pass *p, const PbEntry *e)
{
	struct verify	*v = p->v;
	struct id_group	*g;

	if (e->actor && strcmp(e->actor->role, "daemon") == 0)
		return 0;
	if (e->id.len != sizeof(g->id))
		return pass_problem(p, e->seq, N_("entry %llu: its id is not "
		    "%zu bytes"), (unsigned long long)e->seq, sizeof(g->id));
	g = v->nids ? &v->ids[v->nids - 1] : NULL;
	if (g == NULL || v->id_last + 1 != e->seq ||
	    memcmp(g->id, e->id.data, sizeof(g->id)) != 0) {
		if (bigbuf_reserve(&v->idbuf, (v->nids + 1) *
		    sizeof(*g)) == -1)
			return pass_problem(p, e->seq, N_("entry %llu: "
			    "out of memory for the ids"),
			    (unsigned long long)e->seq);
		v->ids = (struct id_group *)v->idbuf.buf;
		ids_close(v);
		v->id_row = 0;
		g = &v->ids[v->nids++];
		memcpy(g->id, e->id.data, sizeof(g->id));
		g->seq = e->seq;
		g->course = 0;
	}
	v->id_last = e->seq;
	if (e->op == BORGERBUDGET__V1__ENTRY_OP__COURSE_OPEN ||
	    e->op == BORGERBUDGET__V1__ENTRY_OP__COURSE_CLOSE)
		g->course = e->course;
	return 0;
}

static void *
check_rules(void *arg)
{
	static struct decode_arena	 arena;
	struct pass			*p = arg;
	struct verify			*v = p->v;
	ProtobufCAllocator		 alloc = { arena_get, arena_put,
					    &arena };
	const ProtobufCEnumValue	*op;
	struct store_cursor		*cur;
	struct store_val		 k, val;
	PbEntry				*e;
	char				 why[512];
	int				 rc;

	if (store_cursor_open(p->txn, ST_ENTRIES, &cur) != BB_OK) {
		pass_problem(p, 1, N_("the entries table cannot be read"));
		return NULL;
	}
	if (store_cursor_also(cur, ST_IDS) != BB_OK) {
		store_cursor_close(cur);
		pass_problem(p, 1, N_("the ids table cannot be read"));
		return NULL;
	}
	if ((v->personal = personal_new(p->txn, v->lang)) == NULL) {
		store_cursor_close(cur);
		pass_problem(p, 1, N_("the texts table cannot be read"));
		return NULL;
	}
	for (rc = store_cursor_next(cur, &k, &val); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &val)) {
		if (store_cursor_table(cur) == ST_IDS) {
			ids_row(v, &k, &val);
			continue;
		}
		if (pass_key(p, &k))
			break;
		arena.used = orig_arena.used = 0;
		if ((e = decode(&alloc, val.data, val.len)) == NULL) {
			pass_problem(p, p->entries, N_("entry %llu: does not "
			    "decode as an Entry"),
			    (unsigned long long)p->entries);
			break;
		}
		if (e->seq != p->entries) {
			pass_problem(p, p->entries, N_("entry %llu: says it is "
			    "seq %llu"), (unsigned long long)p->entries,
			    (unsigned long long)e->seq);
			break;
		}
		if (replay_entry(v->replay, p->txn, e, why, sizeof(why)) != 0) {
			op = protobuf_c_enum_descriptor_get_value(
			    &borgerbudget__v1__entry_op__descriptor, e->op);
			pass_problem(p, p->entries, N_("entry %llu (%s): %s"),
			    (unsigned long long)p->entries, op ? op->name : "?",
			    why);
			break;
		}
		if (ids_note(p, e) != 0)
			break;
		if (v->texts_why[0] == '\0')
			personal_entry(v->personal, e, v->texts_why,
			    sizeof(v->texts_why));
		if (p->entries % 100000 == 0 && isatty(2)) {
			fputc('\r', stderr);
			fprintf(stderr, _("verified %llu entries"),
			    (unsigned long long)p->entries);
		}
	}
	store_cursor_close(cur);
	if (!p->bad)
		ids_close(v);
	if (!p->bad && v->texts_why[0] == '\0')
		personal_texts_end(v->personal, v->texts_why,
		    sizeof(v->texts_why));
	if (isatty(2) && p->entries >= 100000)
		fprintf(stderr, "\n");
	if (!p->bad && rc != BB_NOT_FOUND)
		pass_problem(p, p->entries + 1, N_("after entry %llu: the "
		    "entries table is damaged"),
		    (unsigned long long)p->entries);
	return NULL;
}

/* The passes; the first problem of the leaves and the rules, at the
 * lower seq, is kept for the entries' check; the signatures' for the
 * checkpoints'. */
static void
walk_journal(struct verify *v)
{
	struct pass	 leaves, rules;
	struct sigpass	 sigs[SIG_PASSES];
	pthread_t	 thread, sigthread[SIG_PASSES];
	uint64_t	 sig_bad = 0;
	unsigned int	 i;
	int		 threaded, sigthreaded[SIG_PASSES];

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
	memset(sigs, 0, sizeof(sigs));
	for (i = 0; i < SIG_PASSES; i++) {
		sigs[i].v = v;
		sigs[i].part = i;
		sigthreaded[i] = v->store &&
		    store_begin(v->store, 0, &sigs[i].txn) == BB_OK;
		if (sigthreaded[i] && pthread_create(&sigthread[i], NULL,
		    check_signatures, &sigs[i]) != 0) {
			store_abort(sigs[i].txn);
			sigthreaded[i] = 0;
		}
	}
	check_rules(&rules);
	/* The ids are all known once the rules' pass is done, and its core
	 * free while the leaves' and signatures' passes go on. */
	if (!rules.bad && !v->ids_why[0] && ids_unique(v) != 0)
		snprintf(v->ids_why, sizeof(v->ids_why), "%s", v->why);
	if (threaded) {
		pthread_join(thread, NULL);
		store_abort(leaves.txn);
	}
	for (i = 0; i < SIG_PASSES; i++) {
		if (sigthreaded[i]) {
			pthread_join(sigthread[i], NULL);
			store_abort(sigs[i].txn);
		} else {
			sigs[i].txn = v->txn;
			check_signatures(&sigs[i]);
		}
		if (sigs[i].bad && (!sig_bad || sigs[i].bad < sig_bad)) {
			sig_bad = sigs[i].bad;
			snprintf(v->sig_why, sizeof(v->sig_why), "%s",
			    sigs[i].why);
		}
	}
	v->entries = leaves.entries;
	if (leaves.bad && (!rules.bad || leaves.bad <= rules.bad))
		snprintf(v->entries_why, sizeof(v->entries_why), "%s",
		    leaves.why);
	else if (rules.bad)
		snprintf(v->entries_why, sizeof(v->entries_why), "%s",
		    rules.why);
}

/* The entries: keys 1..n, each the leaf of the tree, each obeying the
 * rules (the walk checked them). */
static int
check_entries(struct verify *v, enum store_table t)
{
	(void)t;
	return v->entries_why[0] ? problem(v, "%s", v->entries_why) : 0;
}

/* The tree: exactly the nodes the leaves make (the walk compared them). */
static int
check_tree(struct verify *v, enum store_table t)
{
	(void)t;
	return v->tree_why[0] ? problem(v, "%s", v->tree_why) : 0;
}

/*
 * Every kept checkpoint must sign the leaves of its size (the walk
 * checked them), and a journal of entries must have one: the daemon signs
 * its first commit. The checkpoints are signed on a schedule, not at
 * every commit, and the latest may sign fewer entries than the journal
 * holds: a crash leaves such a tail, which the daemon signs when it
 * starts again; it is counted in the verdict, not refused. One that
 * signs more entries than the journal holds is a truncated journal.
 */
static int
check_checkpoints(struct verify *v, enum store_table t)
{
	struct checkpoint	 cp;
	int			 rc;

	(void)t;
	if ((rc = checkpoint_latest(v->txn, &cp)) == BB_NOT_FOUND)
		return v->entries == 0 ? 0 :
		    problem(v, N_("no checkpoint signs the %llu entries"),
		    (unsigned long long)v->entries);
	if (rc != BB_OK)
		return problem(v, N_("the latest checkpoint is damaged"));
	if (cp.size > v->entries)
		return problem(v, N_("the latest checkpoint signs %llu "
		    "entries, the journal holds %llu"),
		    (unsigned long long)cp.size,
		    (unsigned long long)v->entries);
	v->signed_size = cp.size;
	if (v->cp_why[0])
		return problem(v, "%s", v->cp_why);
	if (v->sig_why[0])
		return problem(v, "%s", v->sig_why);
	return 0;
}

/* The format mark was checked at open; beside it only the mark of a
 * compaction owed since an erasure. */
static int
check_meta(struct verify *v, enum store_table t)
{
	struct store_cursor	*cur;
	struct store_val	 k, val;
	int			 rc;

	(void)t;
	if (store_cursor_open(v->txn, ST_META, &cur) != BB_OK)
		return problem(v, N_("the meta table cannot be read"));
	for (rc = store_cursor_next(cur, &k, &val); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &val))
		if ((k.len != 6 || memcmp(k.data, "format", 6) != 0 ||
		    val.len != 4) && (k.len != 7 ||
		    memcmp(k.data, "compact", 7) != 0 || val.len != 1))
			break;
	store_cursor_close(cur);
	if (rc == BB_OK)
		return problem(v, N_("meta: an unknown row '%.*s'"),
		    (int)(k.len < 64 ? k.len : 64), (const char *)k.data);
	if (rc != BB_NOT_FOUND)
		return problem(v, N_("the meta table cannot be read"));
	return 0;
}

static int
id_cmp(const void *a, const void *b)
{
	const struct id_group	*x = a, *y = b;

	return memcmp(x->id, y->id, sizeof(x->id));
}

/*
 * The ids in their order, for one carried by two operations to sit beside
 * the other: a radix sort in place (American flag), one byte of the id at
 * a time from the first, each bucket on its own, by insertion once it
 * holds a few. One qsort of a million ids cost more than every other
 * table together, and a second buffer of them its page faults; ids that
 * are not random only take more rounds, at most one per byte.
 */
static void
ids_sort(struct id_group *g, size_t n, unsigned int byte)
{
	struct id_group	 t, u;
	size_t		 count[256], next[256], end[256], i, j, at = 0;
	unsigned int	 b, d;

	if (n <= 32 || byte == sizeof(g->id)) {
		for (i = 1; i < n; i++) {
			t = g[i];
			for (j = i; j > 0 && memcmp(g[j - 1].id, t.id,
			    sizeof(t.id)) > 0; j--)
				g[j] = g[j - 1];
			g[j] = t;
		}
		return;
	}
	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++)
		count[g[i].id[byte]]++;
	for (b = 0; b < 256; b++) {
		next[b] = at;
		at += count[b];
		end[b] = at;
	}
	for (b = 0; b < 256; b++) {
		while (next[b] < end[b]) {
			t = g[next[b]];
			while ((d = t.id[byte]) != b) {
				u = g[next[d]];
				g[next[d]++] = t;
				t = u;
			}
			g[next[b]++] = t;
		}
	}
	for (b = 0, at = 0; b < 256; at += count[b++])
		if (count[b] > 1)
			ids_sort(g + at, count[b], byte + 1);
}

/*
 * No id may be two operations': the daemon's index of them would take
 * them for one. The rows were compared in the rules' walk (ids_row).
 */
static int
ids_unique(struct verify *v)
{
	size_t	 i;

	ids_sort(v->ids, v->nids, 0);
	for (i = 1; i < v->nids; i++)
		if (id_cmp(&v->ids[i - 1], &v->ids[i]) == 0)
			return problem(v, N_("ids: entries %llu and %llu carry "
			    "one id in two operations"),
			    (unsigned long long)MIN(v->ids[i - 1].seq,
			    v->ids[i].seq), (unsigned long long)MAX(
			    v->ids[i - 1].seq, v->ids[i].seq));
	return 0;
}

/* The ids were compared while the leaves' pass was still walking. */
static int
check_ids(struct verify *v, enum store_table t)
{
	(void)t;
	return v->ids_why[0] ? problem(v, "%s", v->ids_why) : 0;
}

/* Each text and salt against its leaf's commitment (the rules' pass). */
static int
check_texts(struct verify *v, enum store_table t)
{
	(void)t;
	return v->texts_why[0] ? problem(v, "%s", v->texts_why) : 0;
}

/* Each voucher document against what its entries say of it. */
static int
check_documents(struct verify *v, enum store_table t)
{
	char	 why[512];

	(void)t;
	if (v->personal == NULL)
		return problem(v, N_("the documents were not walked"));
	if (personal_documents(v->personal, v->txn, why, sizeof(why)) != 0)
		return problem(v, "%s", why);
	return 0;
}

/* A table the rules keep: exactly what their replay rebuilt. */
static int
check_state(struct verify *v, enum store_table t)
{
	char	 why[512];

	if (verify_table(v->txn, replay_tables(v->replay), t, v->lang, why,
	    sizeof(why)) != 0)
		return problem(v, "%s", why);
	return 0;
}

/*
 * One check per table the daemon keeps, indexed by the table: a table
 * added to store.h without its check here is not finished, and the
 * verifier refuses to call anything verified (test_verify says so too).
 */
typedef int (*table_check)(struct verify *, enum store_table);

static const table_check checks[ST_NTABLES] = {
	[ST_META] = check_meta,
	[ST_ENTRIES] = check_entries,
	[ST_IDS] = check_ids,
	[ST_POOLS] = check_state,
	[ST_COURSES] = check_state,
	[ST_CITIZENS] = check_state,
	[ST_REVERSALS] = check_state,
	[ST_TREE] = check_tree,
	[ST_CHECKPOINTS] = check_checkpoints,
	[ST_RESERVATIONS] = check_state,
	[ST_CATEGORY_SPENT] = check_state,
	[ST_TEXTS] = check_texts,
	[ST_DOCUMENTS] = check_documents,
	[ST_ARCHIVED] = check_state,
	[ST_ERASED] = check_state,
	[ST_DOCUMENT_USES] = check_state,
};

/* The first table without a check, or -1. */
int
verify_unchecked_table(void)
{
	int	 t;

	for (t = 0; t < ST_NTABLES; t++)
		if (checks[t] == NULL)
			return t;
	return -1;
}

/*
 * The key that checks the checkpoints, looked up in one order: --key;
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
		if (verify_key_read(key, keyarg) != 0)
			return problem(v, N_("--key: not a verifier key "
			    "(NAME+KEYID+BASE64)"));
		return 0;
	}
	snprintf(path, sizeof(path), "%s/checkpoint.key", v->dir);
	if (access(path, F_OK) == 0) {
		if (checkpoint_key_load(key, path, origin, 0) != 0)
			return problem(v, N_("%s: not a usable signing key; "
			    "pass --key with the ledger's verifier key"), path);
	} else {
		snprintf(path, sizeof(path), "%s/checkpoint.pub", v->dir);
		if (access(path, F_OK) != 0)
			return problem(v, N_("no --key given, and no "
			    "checkpoint.key or checkpoint.pub in %s: pass "
			    "--key with the ledger's verifier key"), v->dir);
		if (verify_key_read(key, path) != 0)
			return problem(v, N_("%s: not a verifier key "
			    "(NAME+KEYID+BASE64)"), path);
	}
	fprintf(stderr, _("budgetd verify: no --key: checking the signature "
	    "with the key in %s; pass --key with a key you trust\n"), path);
	return 0;
}

/* The key every checkpoint must be signed with, before the walk meets
 * them; the latest checkpoint's origin names a key of the directory. */
static int
load_key(struct verify *v, const char *keyarg)
{
	struct checkpoint	 cp;
	char			 origin[256];
	const char		*nl;
	size_t			 n;

	if (checkpoint_latest(v->txn, &cp) != BB_OK)
		return 0;	/* nothing to sign, or check_checkpoints says */
	/* The note is bytes of the file, not a string: no strlen on it. */
	nl = memchr(cp.note, '\n', cp.len);
	n = nl ? (size_t)(nl - cp.note) : cp.len;
	snprintf(origin, sizeof(origin), "%.*s", (int)(n < 255 ? n : 255),
	    cp.note);
	if (v->signer)
		v->key = *v->signer;
	else if (verify_key(v, keyarg, origin, &v->key) != 0)
		return 1;
	return 0;
}

/*
 * Every check: the walk over the journal first, then each table, the
 * journal's own first so a cut tail is named as such.
 */
static int
verify_checks(struct verify *v, const char *keyarg)
{
	int	 bad, t;

	if ((t = verify_unchecked_table()) != -1)
		return problem(v, N_("the verifier has no check of the %s "
		    "table"),
		    store_table_name((enum store_table)t));
	if (load_key(v, keyarg) != 0)
		return 1;
	if ((v->replay = replay_new(&orig_alloc)) == NULL)
		return problem(v, N_("out of memory for the replay"));
	replay_lang(v->replay, v->lang);
	walk_journal(v);
	bad = check_entries(v, ST_ENTRIES) ||
	    check_checkpoints(v, ST_CHECKPOINTS) || check_tree(v, ST_TREE);
	for (t = 0; t < ST_NTABLES && !bad; t++)
		if (t != ST_ENTRIES && t != ST_CHECKPOINTS && t != ST_TREE)
			bad = checks[t](v, (enum store_table)t);
	replay_free(v->replay);
	bigbuf_free(&v->idbuf);
	personal_free(v->personal);
	v->personal = NULL;
	v->ids = NULL;
	return bad;
}

static void
verified(struct verify *v, char *out, size_t len)
{
	char	 hex[65];

	sodium_bin2hex(hex, sizeof(hex), v->root, 32);
	if (v->entries == 0) {
		snprintf(out, len, "%s", lang_text(v->lang,
		    N_("verified an empty journal")));
		return;
	}
	snprintf(out, len, lang_text(v->lang, N_("verified %llu entries: "
	    "sequence, per-citizen chains, every rule, every table, root %s, "
	    "%llu signed checkpoints")), (unsigned long long)v->entries, hex,
	    (unsigned long long)v->checkpoints);
	if (v->signed_size < v->entries)
		snprintf(out + strlen(out), len - strlen(out),
		    lang_text(v->lang, N_(", the latest of %llu entries: "
		    "%llu after it not signed yet")),
		    (unsigned long long)v->signed_size,
		    (unsigned long long)(v->entries - v->signed_size));
}

/*
 * The daemon's own verification, on a read transaction of its own so it
 * sees the last commit. Returns 0 with what was checked, or 1 with the
 * first problem, in out.
 */
int
verify_online(struct store *store, const struct signer *signer,
    enum lang lang, char *out, size_t len)
{
	struct verify	 v;
	int		 bad;

	memset(&v, 0, sizeof(v));
	v.lang = lang;
	v.signer = signer;
	v.store = store;
	if (store_begin(store, 0, &v.txn) != BB_OK) {
		snprintf(out, len, "%s", lang_text(lang,
		    N_("cannot begin a read transaction")));
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
	const uint8_t	*file;
	size_t		 filelen;
	uint8_t		 before[32], after[32];
	char		 msg[600];
	int		 bad;

	memset(&v, 0, sizeof(v));
	v.lang = lang_ui;
	v.dir = dir;
	if (store_open(&v.store, dir, 0, STORE_RDONLY) != BB_OK)
		return failed(N_("%s: not a borgerbudget database LMDB can "
		    "open"), dir);
	if (store_file(v.store, &file, &filelen) != BB_OK) {
		store_close(v.store);
		return failed(N_("%s/data.mdb: %s"), dir, strerror(errno));
	}
	file_hash(file, filelen, before);
	if (store_begin(v.store, 0, &v.txn) != BB_OK) {
		store_close(v.store);
		return failed(N_("%s: cannot begin a read transaction"),
		    dir);
	}
	bad = verify_checks(&v, keyarg);
	store_abort(v.txn);
	file_hash(file, filelen, after);
	store_close(v.store);
	if (memcmp(before, after, 32) != 0)
		return failed(N_("%s/data.mdb changed while it was verified"),
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
		return failed(N_("libsodium cannot start"));
	/* gettext reads its catalogue at the first lookup: one now, while
	 * there is memory, so that running out of it later is still said
	 * in the language asked for. */
	(void)_("the replay ran out of memory");
	fflush(NULL);
	if ((pid = fork()) == -1)
		return failed(N_("fork: %s"), strerror(errno));
	if (pid == 0) {
		status = verify_db(dir, key);
		fflush(NULL);
		_exit(status);
	}
	if (waitpid(pid, &status, 0) == -1)
		return failed(N_("waitpid: %s"), strerror(errno));
	if (WIFSIGNALED(status))
		return failed(N_("%s is corrupt: reading it crashed the "
		    "verifier (signal %d)"), dir, WTERMSIG(status));
	return WEXITSTATUS(status);
}
