/*
 * The store: the only module that knows LMDB. Tables of byte keys and byte
 * values, one write transaction at a time, each transaction carrying a
 * sticky error so a sequence of reads and writes reads straight and the
 * first failure answers every later call and fails the commit. Read
 * transactions are reused: any thread may begin one, and use it alone.
 * Functions return codes of codes.h: BB_OK, BB_NOT_FOUND (a missing key,
 * an answer that is never sticky), BB_STORAGE_FULL (the map or the file
 * system is full), BB_INTERNAL.
 */
#ifndef BB_STORE_H
#define BB_STORE_H

#include <stddef.h>
#include <stdint.h>

enum store_table {
	ST_META,		/* name -> value: "format" */
	ST_ENTRIES,		/* be64 seq -> serialized Entry (the leaf) */
	ST_IDS,			/* be64 seq of an operation's first entry,
				   STORE_ID_ROW -> its 16-byte id, content
				   hash, be32 course; kept in the entries
				   table after that entry (layout.c) */
	ST_POOLS,		/* slug -> struct pool */
	ST_COURSES,		/* citizen NUL be32 number -> struct course;
				   kept with the citizen's head (layout.c) */
	ST_CITIZENS,		/* citizen -> be64 seq of its last entry */
	ST_REVERSALS,		/* be64 seq -> be64 seq of its reversal */
	ST_TREE,		/* be64 seq of the last entry covered, level
				   -> complete subtree hash (journal_tree_key);
				   kept in the entries table, after the
				   entry: an append writes one right edge */
	ST_CHECKPOINTS,		/* be64 size -> root, signed note */
	ST_RESERVATIONS,	/* open ones: be32 deadline, course key, be64
				   seq -> be64 amount, category */
	ST_CATEGORY_SPENT,	/* course key, category -> be64 net spent;
				   kept with the citizen's head (layout.c) */
	ST_TEXTS,		/* be64 seq -> 16-byte salt, personal text:
				   the leaf's note_commitment opened */
	ST_DOCUMENTS,		/* SHA-256 -> a voucher document's bytes */
	ST_ARCHIVED,		/* citizen, or "*" for all -> be64 the last
				   seq an archive package holds */
	ST_ERASED,		/* citizen -> be64 seq of the erasure, be64
				   the last seq it covers */
	ST_DOCUMENT_USES,	/* SHA-256, be64 seq -> "": the entries that
				   name a voucher document */
	ST_NTABLES
};

/* An ST_IDS row (ids.c writes it, the verifier reads it): its key, then
 * where its value holds the id, the content hash and the be32 course. */
#define STORE_ID_ROW	0xff	/* the last byte of an ST_IDS key */
#define STORE_ID_KEY	9
#define ID_ROW_HASH	16
#define ID_ROW_COURSE	48
#define STORE_ID_VAL	(ID_ROW_COURSE + 4)

#define STORE_RDONLY	0x1	/* open: read-only, without lock file */
#define STORE_APPEND	0x1	/* put: key sorts after every other key */

struct store;
struct store_txn;
struct store_cursor;

struct store_val {
	const void	*data;
	size_t		 len;
};

int	 store_open(struct store **, const char *, uint64_t, int);
int	 store_memory(struct store **);
int	 store_memory_next(struct store_txn *, enum store_table, size_t *,
	    struct store_val *, struct store_val *);
void	 store_close(struct store *);
int	 store_file(struct store *, const uint8_t **, size_t *);
const char *store_table_name(enum store_table);
void	 store_usage(struct store *, uint64_t *, uint64_t *);
int	 store_backup(struct store *, int, const char *);

int	 store_begin(struct store *, int, struct store_txn **);
int	 store_begin_child(struct store_txn *, struct store_txn **);
int	 store_commit(struct store_txn *);
void	 store_abort(struct store_txn *);

int	 store_get(struct store_txn *, enum store_table, const void *, size_t,
	    struct store_val *);
int	 store_put(struct store_txn *, enum store_table, const void *, size_t,
	    const void *, size_t, int);
int	 store_reserve(struct store_txn *, enum store_table, const void *,
	    size_t, size_t, void **);
int	 store_del(struct store_txn *, enum store_table, const void *,
	    size_t);
unsigned int store_format_of(void);
int	 store_readers(struct store *);
int	 store_usable(struct store *);

/* Rewriting the database without its free pages (compact.c). */
int	 store_compact_mark(struct store_txn *);
int	 store_compact_pending(struct store *, int *);
int	 store_compact(struct store *, const char *);
void	 store_compact_leftover(const char *);
int	 store_failed(struct store_txn *);
int	 store_count(struct store_txn *, enum store_table, uint64_t *);

int	 store_cursor_open(struct store_txn *, enum store_table,
	    struct store_cursor **);
void	 store_cursor_close(struct store_cursor *);
int	 store_cursor_also(struct store_cursor *, enum store_table);
enum store_table store_cursor_table(const struct store_cursor *);
int	 store_cursor_seek(struct store_cursor *, const void *, size_t,
	    struct store_val *, struct store_val *);
int	 store_cursor_first(struct store_cursor *, struct store_val *,
	    struct store_val *);
int	 store_cursor_next(struct store_cursor *, struct store_val *,
	    struct store_val *);
int	 store_cursor_last(struct store_cursor *, struct store_val *,
	    struct store_val *);
int	 store_cursor_prev(struct store_cursor *, struct store_val *,
	    struct store_val *);

static inline void
be64_put(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static inline void
be32_put(uint8_t *p, uint32_t v)
{
	for (int i = 3; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static inline uint32_t
be32_get(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t
be64_get(const uint8_t *p)
{
	uint64_t	 v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* The key of the ST_IDS row of the operation whose first entry is seq. */
static inline void
store_id_key(uint8_t *key, uint64_t seq)
{
	be64_put(key, seq);
	key[8] = STORE_ID_ROW;
}

#endif
