#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "codes.h"
#include "config.h"
#include "glance.h"
#include "journal.h"
#include "log.h"
#include "merkle.h"
#include "sha256.h"
#include "store.h"
#include "turn.h"

/* The newest seq and its recorded time; 0 for an empty journal. */
int
journal_last_seq(struct store_txn *txn, uint64_t *seq, int64_t *recorded)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	PbEntry			*e;
	int			 rc;

	*seq = 0;
	*recorded = 0;
	if ((rc = store_cursor_open(txn, ST_ENTRIES, &cur)) != BB_OK)
		return rc;
	rc = store_cursor_last(cur, &k, &v);
	if (rc == BB_OK && k.len == 8) {
		*seq = be64_get(k.data);
		if ((e = entry_decode(v.data, v.len)) != NULL) {
			*recorded = e->recorded_at;
			entry_free(e);
		}
	} else if (rc == BB_OK) {
		rc = BB_INTERNAL;
	} else if (rc == BB_NOT_FOUND) {
		rc = BB_OK;
	}
	store_cursor_close(cur);
	return rc;
}

/*
 * The Merkle tree's complete subtrees live in the journal's transaction,
 * keyed by the seq of the last entry they cover, then their level: the
 * nodes an append makes all end at the new entry, and the store keeps
 * them in the entries table right after it (ST_TREE), so an append
 * writes to one end of one table. Keyed by level first, each commit
 * dirtied one page per level it touched; in a table of their own, one
 * root-to-leaf path more; and an fdatasync costs by the page.
 */
int
journal_tree_key(unsigned int level, uint64_t index, uint8_t *key)
{
	if (level >= 64 || index >= UINT64_MAX >> level)
		return -1;
	be64_put(key, (index + 1) << level);
	key[8] = (uint8_t)level;
	return 0;
}

static int
tree_get(void *arg, unsigned int level, uint64_t index, uint8_t *hash)
{
	struct store_val	 v;
	uint8_t			 key[JOURNAL_TREE_KEY];

	if (journal_tree_key(level, index, key) == -1 ||
	    store_get(arg, ST_TREE, key, sizeof(key), &v) != BB_OK ||
	    v.len != MERKLE_HASH)
		return -1;
	memcpy(hash, v.data, MERKLE_HASH);
	return 0;
}

static int
tree_put(void *arg, unsigned int level, uint64_t index, const uint8_t *hash)
{
	uint8_t	 key[JOURNAL_TREE_KEY];

	if (journal_tree_key(level, index, key) == -1)
		return -1;
	return store_put(arg, ST_TREE, key, sizeof(key), hash, MERKLE_HASH,
	    0) == BB_OK ? 0 : -1;
}

/* The root of the first size entries: O(log size) reads. */
int
journal_root(struct store_txn *txn, uint64_t size, uint8_t *root)
{
	return merkle_root(tree_get, txn, size, root) == 0 ? BB_OK :
	    BB_INTERNAL;
}

/* Does the tree of new_size extend the one of old_size? RFC 9162 says. */
int
journal_consistent(struct store_txn *txn, uint64_t old_size,
    const uint8_t *old_root, uint64_t new_size, const uint8_t *new_root)
{
	uint8_t	 proof[MERKLE_PROOF_MAX][MERKLE_HASH];
	size_t	 len;

	if (merkle_consistency(tree_get, txn, old_size, new_size, proof,
	    &len) != 0)
		return BB_INTERNAL;
	return merkle_verify_consistency(old_size, new_size, old_root,
	    new_root, (const uint8_t (*)[MERKLE_HASH])proof, len) == 0 ?
	    BB_OK : BB_INTERNAL;
}

int
journal_inclusion(struct store_txn *txn, uint64_t index, uint64_t size,
    uint8_t (*proof)[MERKLE_HASH], size_t *len)
{
	return merkle_inclusion(tree_get, txn, index, size, proof, len) == 0 ?
	    BB_OK : BB_INTERNAL;
}

int
journal_consistency(struct store_txn *txn, uint64_t old_size,
    uint64_t new_size, uint8_t (*proof)[MERKLE_HASH], size_t *len)
{
	return merkle_consistency(tree_get, txn, old_size, new_size, proof,
	    len) == 0 ? BB_OK : BB_INTERNAL;
}

/* "budget:CITIZEN:N", "pool:POOL", "expense:CAT": accounts of SPEC §3.
 * Joined by hand: every entry names two accounts, and a statement
 * names one a line. */
char *
journal_account(struct turn *t, const char *kind, const char *name,
    uint32_t course)
{
	size_t	 klen = strlen(kind), nlen = strlen(name), dlen = 0;
	char	 digits[10], *s, *p;

	do {
		digits[dlen++] = (char)('0' + course % 10);
		course /= 10;
	} while (course > 0);
	p = s = arena_alloc(t->arena, klen + nlen + dlen + 3);
	memcpy(p, kind, klen);
	p += klen;
	*p++ = ':';
	memcpy(p, name, nlen);
	p += nlen;
	if (digits[0] != '0' || dlen > 1) {
		*p++ = ':';
		while (dlen > 0)
			*p++ = digits[--dlen];
	}
	*p = '\0';
	return s;
}

/* The citizens table names the head of the chain a new entry links to:
 * it must be an older entry of the same citizen, or the entry would be
 * signed onto a broken chain. */
static int
chain_head_ok(struct turn *t, const PbEntry *e)
{
	const uint8_t	*leaf;
	size_t		 len;
	struct glance	 g;

	if (e->citizen_prev < e->seq &&
	    entry_leaf(t->txn, e->citizen_prev, &leaf, &len) == BB_OK &&
	    glance_entry(leaf, len, &g) == 0 &&
	    glance_is(&g.citizen, e->citizen, strlen(e->citizen)))
		return 1;
	log_warnx("citizen %s: the citizens table names entry %llu as the "
	    "last, which is not theirs; run budgetd verify --db", e->citizen,
	    (unsigned long long)e->citizen_prev);
	return 0;
}

/*
 * Appends an entry: the turn gives it the next seq, the request's id, the
 * recorded time and the actor; the citizen's previous entry links it into
 * the per-citizen chain; the rules decide it (rules_apply) and write its
 * effect on the tables before its leaf is stored and the tree grows.
 */
int
journal_append(struct turn *t, PbEntry *e)
{
	PbActor			 actor = BORGERBUDGET__V1__ACTOR__INIT;
	struct store_val	 v;
	uint8_t			 key[8], *leaf, hash[MERKLE_HASH];
	size_t			 len, clen;
	int			 rc;

	e->seq = t->next_seq;
	e->id.data = (uint8_t *)t->id;
	e->id.len = 16;
	e->recorded_at = t->now_us;
	actor.uid = (uint32_t)t->actor->uid;
	actor.name = (char *)t->actor->name;
	actor.role = (char *)role_name(t->actor->role);
	e->actor = &actor;

	clen = strlen(e->citizen);
	if (clen > 0) {
		rc = store_get(t->txn, ST_CITIZENS, e->citizen, clen, &v);
		if (rc == BB_OK && v.len == 8)
			e->citizen_prev = be64_get(v.data);
		else if (rc != BB_NOT_FOUND)
			return BB_INTERNAL;
		if (e->citizen_prev && !chain_head_ok(t, e))
			return BB_INTERNAL;
	}

	/* The rules decide; a refusal appends nothing. */
	if ((rc = rules_apply(&t->rules, t->txn, t->txn, e)) != BB_OK) {
		e->actor = NULL;
		if (rc == BB_INTERNAL)
			log_warnx("entry %llu refused: %s",
			    (unsigned long long)e->seq, t->rules.why);
		return rc;
	}

	len = borgerbudget__v1__entry__get_packed_size(e);
	leaf = arena_alloc(t->arena, len);
	borgerbudget__v1__entry__pack(e, leaf);
	e->actor = NULL;

	be64_put(key, e->seq);
	store_put(t->txn, ST_ENTRIES, key, sizeof(key), leaf, len,
	    STORE_APPEND);
	/* Leaf index = seq - 1: the tree grows in the same transaction. */
	merkle_leaf_hash(leaf, len, hash);
	if (merkle_append(tree_get, tree_put, t->txn, e->seq - 1, hash) != 0 &&
	    store_failed(t->txn) == BB_OK)
		return BB_INTERNAL;
	if ((rc = store_failed(t->txn)) != BB_OK)
		return rc;
	if (t->first_seq == 0)
		t->first_seq = e->seq;
	t->next_seq++;
	return BB_OK;
}

/*
 * A citizen's entries, oldest first. *broken is the seq of a broken link
 * (0: the chain is intact); the entries after it are returned.
 */
int
journal_chain(struct turn *t, const char *citizen, struct chain_link **out,
    size_t *n, uint64_t *broken)
{
	struct chain_walk	 w;
	struct chain_link	*links, swap;
	size_t			 cap = 64, i;
	int			 rc;

	*n = 0;
	*broken = 0;
	*out = links = arena_alloc(t->arena, cap * sizeof(*links));
	if ((rc = chain_walk_start(&w, t->txn, citizen, 0)) != BB_OK)
		return rc;
	for (;;) {
		if (*n == cap) {
			links = arena_grow(t->arena, links, cap,
			    sizeof(*links));
			cap *= 2;
		}
		if ((rc = chain_walk_next(&w, &links[*n])) != BB_OK)
			break;
		(*n)++;
	}
	if (rc != BB_NOT_FOUND)
		return rc;
	*broken = w.broken;
	for (i = 0; i < *n / 2; i++) {
		swap = links[i];
		links[i] = links[*n - 1 - i];
		links[*n - 1 - i] = swap;
	}
	*out = links;
	return BB_OK;
}


/*
 * An entry with personal text (a person's note, a reversal's reason):
 * the leaf holds SHA-256(salt || text) with a fresh random salt, and the
 * text and its salt go to the texts table beside the journal, where they
 * can be erased one day without touching the leaf (SPEC §4). Empty text
 * is no text: nothing is committed to. The row ends in a NUL, so an
 * answer can point at it as a C string.
 */
int
journal_append_text(struct turn *t, PbEntry *e, const char *text)
{
	uint8_t		 key[8], *row, commitment[SHA256_LEN];
	size_t		 len = text ? strlen(text) : 0;
	int		 rc;

	if (len == 0)
		return journal_append(t, e);
	row = arena_alloc(t->arena, JOURNAL_SALT + len + 1);
	randombytes_buf(row, JOURNAL_SALT);
	memcpy(row + JOURNAL_SALT, text, len + 1);
	sha256_two(row, JOURNAL_SALT, text, len, commitment);
	e->note_commitment.data = commitment;
	e->note_commitment.len = sizeof(commitment);
	rc = journal_append(t, e);
	e->note_commitment.len = 0;
	e->note_commitment.data = NULL;
	if (rc != BB_OK)
		return rc;
	be64_put(key, e->seq);
	return store_put(t->txn, ST_TEXTS, key, sizeof(key), row,
	    JOURNAL_SALT + len + 1, STORE_APPEND);
}

/* A texts row: its salt, and its text up to the NUL that ends it. */
int
journal_text_row(const struct store_val *v, const char **text, size_t *len,
    const uint8_t **salt)
{
	const char	*p = (const char *)v->data + JOURNAL_SALT;

	if (v->len < JOURNAL_SALT + 1 || p[v->len - JOURNAL_SALT - 1] != '\0')
		return BB_INTERNAL;
	*salt = v->data;
	*text = p;
	*len = v->len - JOURNAL_SALT - 1;
	return BB_OK;
}

/* The personal text of entry seq and its salt; BB_NOT_FOUND if none. */
int
journal_text(struct store_txn *txn, uint64_t seq, const char **text,
    size_t *len, const uint8_t **salt)
{
	struct store_val	 v;
	uint8_t			 key[8];
	int			 rc;

	be64_put(key, seq);
	if ((rc = store_get(txn, ST_TEXTS, key, sizeof(key), &v)) != BB_OK)
		return rc;
	return journal_text_row(&v, text, len, salt);
}

/*
 * The texts of the entries first..last, at most max of them, into texts
 * (pointing into the transaction's pages: valid while it is open) and
 * ptrs, as an EntryPage carries them.
 */
int
journal_texts(struct store_txn *txn, uint64_t first, uint64_t last,
    PbEntryText *texts, PbEntryText **ptrs, size_t max, size_t *n)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	const uint8_t		*salt;
	const char		*text;
	uint8_t			 key[8];
	size_t			 len;
	int			 rc;

	*n = 0;
	be64_put(key, first);
	if ((rc = store_cursor_open(txn, ST_TEXTS, &cur)) != BB_OK)
		return rc;
	for (rc = store_cursor_seek(cur, key, sizeof(key), &k, &v);
	    rc == BB_OK && *n < max; rc = store_cursor_next(cur, &k, &v)) {
		if (k.len != 8 || (rc = journal_text_row(&v, &text, &len, &salt)) !=
		    BB_OK) {
			rc = BB_INTERNAL;
			break;
		}
		if (be64_get(k.data) > last)
			break;
		borgerbudget__v1__entry_text__init(&texts[*n]);
		texts[*n].seq = be64_get(k.data);
		texts[*n].note = (char *)text;
		texts[*n].salt.data = (uint8_t *)salt;
		texts[*n].salt.len = JOURNAL_SALT;
		ptrs[*n] = &texts[*n];
		(*n)++;
	}
	store_cursor_close(cur);
	return rc == BB_NOT_FOUND ? BB_OK : rc;
}
