/*
 * LMDB behind one door. Writes are durable at commit: the environment is
 * opened without MDB_NOSYNC or MDB_NOMETASYNC, so mdb_txn_commit returns
 * only after the data and the meta page are on disk.
 */

#include <sys/stat.h>
#include <sys/statvfs.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lmdb.h>

#include "codes.h"
#include "layout.h"
#include "log.h"
#include "store.h"
#include "table.h"

#include "store_lmdb.h"

static const char *const tables[ST_NTABLES] = {
	[ST_META] = "meta",
	[ST_ENTRIES] = "entries",
	[ST_IDS] = "ids",
	[ST_POOLS] = "pools",
	[ST_COURSES] = "courses",
	[ST_CITIZENS] = "citizens",
	[ST_REVERSALS] = "reversals",
	[ST_TREE] = "tree",
	[ST_CHECKPOINTS] = "checkpoints",
	[ST_RESERVATIONS] = "reservations",
	[ST_CATEGORY_SPENT] = "category_spent",
	[ST_TEXTS] = "texts",
	[ST_DOCUMENTS] = "documents",
	[ST_ARCHIVED] = "archived",
	[ST_ERASED] = "erased",
	[ST_DOCUMENT_USES] = "document_uses",
};

/* The table's name in the database, as its tamper tests know it. */
const char *
store_table_name(enum store_table t)
{
	return (unsigned int)t < ST_NTABLES ? tables[t] : "?";
}

/* Free space below which a failed write is taken for a full disk. */
#define STORE_ROOM_MIN	(1024 * 1024)

/*
 * LMDB reports a write the file system cut short as EIO ("short write,
 * filesystem full?"): a file system with next to no room left says that
 * it was full, not failing.
 */
static int
store_short_write(struct store *s)
{
	struct statvfs	 fs;
	int		 fd;

	if (s == NULL || s->env == NULL || mdb_env_get_fd(s->env, &fd) != 0 ||
	    fstatvfs(fd, &fs) == -1)
		return 0;
	return (uint64_t)fs.f_bavail * fs.f_frsize < STORE_ROOM_MIN;
}

/*
 * The one map from LMDB's codes and errno values to ours. A missing key,
 * or a missing database directory at open, is an answer; no room in the
 * map or on the file system is STORAGE_FULL; everything else, running out
 * of memory included, is INTERNAL. s is the store whose file system an
 * EIO is asked about, NULL where the failed write was not to it.
 */
static int
store_code(struct store *s, int rc)
{
	switch (rc) {
	case MDB_SUCCESS:
		return BB_OK;
	case MDB_NOTFOUND:
	case ENOENT:
		return BB_NOT_FOUND;
	case MDB_MAP_FULL:
	case MDB_TXN_FULL:
	case ENOSPC:
	case EDQUOT:
		return BB_STORAGE_FULL;
	case EIO:
		return store_short_write(s) ? BB_STORAGE_FULL : BB_INTERNAL;
	case ENOMEM:
	default:
		return BB_INTERNAL;
	}
}

/*
 * Logs a failure of LMDB and returns its code; a missing key is no
 * failure and is not logged. No room is a thing the operator can fix: it
 * is said once until a write commits again, however many requests it
 * refuses meanwhile. After a failed write of its meta page LMDB refuses
 * every transaction (MDB_PANIC) rather than build on a page it cannot
 * trust: said once, plainly.
 */
int
store_fail(struct store *s, const char *func, const char *what, int rc)
{
	int	 code = store_code(s, rc);

	if (code == BB_NOT_FOUND)
		return code;
	if (code == BB_STORAGE_FULL) {
		if (s->full_told)
			return code;
		s->full_told = 1;
		if (rc != MDB_MAP_FULL && rc != MDB_TXN_FULL)
			log_warnx("the file system of the database is full "
			    "(%s): writes are refused with STORAGE_FULL "
			    "until there is room again",
			    strerror(rc == EIO ? ENOSPC : rc));
		else
			log_warnx("the database is full: writes are refused "
			    "with STORAGE_FULL; raise map_size in the "
			    "configuration and restart budgetd");
	} else if (rc == MDB_PANIC) {
		if (s->panic_told)
			return code;
		s->panic_told = 1;
		log_warnx("LMDB marked the database unusable after a failed "
		    "write (MDB_PANIC) and refuses every transaction: "
		    "requests are refused with INTERNAL; check the disk, "
		    "then restart budgetd");
	} else
		log_warnx("%s: %s: %s", func, what, mdb_strerror(rc));
	return code;
}

/*
 * A failure within a transaction: every later call of it answers the
 * first failure, reads as well as writes, so a sequence of calls reads
 * straight and the commit reports it. A missing key is an answer, never
 * sticky.
 */
static int
txn_fail(struct store_txn *t, const char *func, const char *what, int rc)
{
	int	 code = store_fail(t->store, func, what, rc);

	if (code != BB_NOT_FOUND && t->err == BB_OK)
		t->err = code;
	return code;
}

/*
 * The layout of the tables, kept in the meta table: a budgetd never
 * reads a database another layout wrote. Format 2 keeps a citizen's last
 * seq (the head of the per-citizen chain) where format 1 indexed every
 * entry of the citizen, and keys the Merkle tree's nodes by the last leaf
 * they cover where format 1 keyed them by level. Format 3 keeps personal
 * text out of the leaves (a salted commitment there, the text in the
 * texts table) and the voucher documents themselves (documents). Format 4
 * keeps the tree's nodes and each operation's id in the entries table,
 * after the entry they end at or begin with, and a citizen's courses and
 * spending per category with the head of their chain, under their name
 * (layout.c), where format 3 had a table for each.
 */
#define STORE_FORMAT	4

unsigned int
store_format_of(void)
{
	return STORE_FORMAT;
}

/* Which format an existing database says it is, for the refusal; table,
 * if not NULL, is one of this format's that the database lacks. */
static void
store_format_refused(MDB_txn *txn, MDB_dbi meta, const char *dir,
    const char *table)
{
	MDB_val		 k = { 6, "format" }, v;
	unsigned int	 said = 0;

	if (mdb_get(txn, meta, &k, &v) == 0 && v.mv_size == 4)
		said = be32_get(v.mv_data);
	if (said == STORE_FORMAT && table)
		log_warnx("%s: no table %s: the database is damaged, or not of "
		    "format %u as it says; this budgetd reads format %d only",
		    dir, table, said, STORE_FORMAT);
	else if (said != 0)
		log_warnx("%s: the database is in format %u; this budgetd reads "
		    "format %d only: use the budgetd that wrote it", dir, said,
		    STORE_FORMAT);
	else
		log_warnx("%s: the database was written in another format; "
		    "this budgetd reads format %d only: use the budgetd that "
		    "wrote it", dir, STORE_FORMAT);
}

static int
store_format(MDB_txn *txn, const MDB_dbi *dbi, int rdonly, const char *dir)
{
	MDB_val		 k = { 6, "format" }, v;
	MDB_stat	 st;
	uint8_t		 want[4];
	int		 rc;

	be32_put(want, STORE_FORMAT);
	rc = mdb_get(txn, dbi[ST_META], &k, &v);
	if (rc == 0 && v.mv_size == 4 && memcmp(v.mv_data, want, 4) == 0)
		return 0;
	if (rc == MDB_NOTFOUND && !rdonly &&
	    mdb_stat(txn, dbi[ST_ENTRIES], &st) == 0 && st.ms_entries == 0) {
		v.mv_data = want;
		v.mv_size = sizeof(want);
		if ((rc = mdb_put(txn, dbi[ST_META], &k, &v, 0)) == 0)
			return 0;
		log_warnx("%s: %s", dir, mdb_strerror(rc));
		return -1;
	}
	store_format_refused(txn, dbi[ST_META], dir, NULL);
	return -1;
}

/*
 * The environment of dir into s: its tables opened (made only in a new
 * database) and its format checked. On failure s->env is NULL.
 */
int
store_env_open(struct store *s, const char *dir, uint64_t mapsize, int flags)
{
	MDB_txn		*txn = NULL;
	MDB_dbi		 maindb;
	MDB_stat	 st;
	unsigned int	 envflags = MDB_NOTLS, dbflags;
	int		 rc, i, dead;

	if ((rc = mdb_env_create(&s->env)) != 0)
		goto fail;
	if ((rc = mdb_env_set_maxdbs(s->env, ST_NTABLES)) != 0 ||
	    (rc = mdb_env_set_maxreaders(s->env, 126)) != 0)
		goto fail;
	if (mapsize && (rc = mdb_env_set_mapsize(s->env, mapsize)) != 0)
		goto fail;
	/* A writer's faults read one page each (pagecache.c); a reader
	 * reads the file through and gains from read-ahead. */
	if (flags & STORE_RDONLY)
		envflags |= MDB_RDONLY | MDB_NOLOCK;
	else
		envflags |= MDB_NORDAHEAD;
	if ((rc = mdb_env_open(s->env, dir, envflags, 0600)) != 0)
		goto fail;
	if (!(flags & STORE_RDONLY)) {
		/* Readers left behind by a killed process pin old pages. */
		if (mdb_reader_check(s->env, &dead) == 0 && dead > 0)
			log_info("cleared %d stale LMDB reader(s)", dead);
	}
	if ((rc = mdb_txn_begin(s->env, NULL,
	    flags & STORE_RDONLY ? MDB_RDONLY : 0, &txn)) != 0)
		goto fail;
	/* Tables are made only in a new database (no table at all): in
	 * any other, a missing one is another format's, never made empty. */
	if ((rc = mdb_dbi_open(txn, NULL, 0, &maindb)) != 0 ||
	    (rc = mdb_stat(txn, maindb, &st)) != 0)
		goto fail;
	dbflags = !(flags & STORE_RDONLY) && st.ms_entries == 0 ?
	    MDB_CREATE : 0;
	for (i = 0; i < ST_NTABLES; i++) {
		if (layout_host(i) != (enum store_table)i)
			continue;	/* its host's, below */
		if ((rc = mdb_dbi_open(txn, tables[i], dbflags,
		    &s->dbi[i])) == MDB_NOTFOUND) {
			/* The meta table is the first: it says which. */
			if (i > ST_META)
				store_format_refused(txn, s->dbi[ST_META],
				    dir, tables[i]);
			else
				log_warnx("%s: not a borgerbudget database "
				    "(no table %s)", dir, tables[i]);
			goto refused;
		}
		if (rc != 0)
			goto fail;
	}
	for (i = 0; i < ST_NTABLES; i++)
		s->dbi[i] = s->dbi[layout_host(i)];
	if (store_format(txn, s->dbi, flags & STORE_RDONLY, dir) == -1)
		goto refused;
	if ((rc = mdb_txn_commit(txn)) != 0) {
		txn = NULL;
		goto fail;
	}
	if (!(flags & STORE_RDONLY))
		pagecache_open(s);
	return BB_OK;
fail:
	log_warnx("%s: %s: %s", __func__, dir, mdb_strerror(rc));
	rc = store_code(s, rc);
	goto out;
refused:
	rc = BB_INTERNAL;	/* another format's: its message is logged */
out:
	if (txn)
		mdb_txn_abort(txn);
	if (s->env)
		mdb_env_close(s->env);
	s->env = NULL;
	return rc;
}

int
store_open(struct store **sp, const char *dir, uint64_t mapsize, int flags)
{
	struct store	*s;
	int		 rc;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		log_warn("%s", __func__);
		return BB_INTERNAL;
	}
	if ((errno = pthread_mutex_init(&s->idle_lock, NULL)) != 0) {
		log_warn("%s", __func__);
		free(s);
		return BB_INTERNAL;
	}
	s->mapsize = mapsize;
	s->cache_fd = -1;
	if ((rc = store_env_open(s, dir, mapsize, flags)) != BB_OK) {
		pthread_mutex_destroy(&s->idle_lock);
		free(s);
		return rc;
	}
	*sp = s;
	return BB_OK;
}

/* The read transactions kept for reuse, aborted: before the environment
 * whose reader slots they hold closes. */
void
store_idle_drop(struct store *s)
{
	int	 i;

	pthread_mutex_lock(&s->idle_lock);
	for (i = 0; i < s->nidle; i++) {
		mdb_txn_abort(s->idle[i]->txn);
		free(s->idle[i]);
	}
	s->nidle = 0;
	pthread_mutex_unlock(&s->idle_lock);
}

void
store_close(struct store *s)
{
	struct memval	*v;
	size_t		 at;
	int		 i;

	if (s == NULL)
		return;
	if (s->mem) {
		for (i = 0; i < ST_NTABLES; i++) {
			at = 0;
			while ((v = table_next(&s->mem[i], &at, NULL, NULL)))
				free(v->data);
			table_free(&s->mem[i]);
		}
		free(s->mem);
	} else {
		store_idle_drop(s);
		pagecache_close(s);
		mdb_env_close(s->env);
	}
	pthread_mutex_destroy(&s->idle_lock);
	free(s);
}

/*
 * The same tables in memory, for the verifier's replay: the rules write
 * their state here as the daemon does into LMDB, byte for byte. A memory
 * store has no cursors and no transactions of its own: a put is there
 * at once, commit and abort only end the handle. Running out of memory
 * is the sticky error of the transaction, BB_INTERNAL, logged.
 */
int
store_memory(struct store **sp)
{
	struct store	*s;
	int		 i;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->mem = calloc(ST_NTABLES, sizeof(*s->mem))) == NULL) {
		free(s);
		log_warn("%s", __func__);
		return BB_INTERNAL;
	}
	if ((errno = pthread_mutex_init(&s->idle_lock, NULL)) != 0) {
		log_warn("%s", __func__);
		free(s->mem);
		free(s);
		return BB_INTERNAL;
	}
	s->cache_fd = -1;
	for (i = 0; i < ST_NTABLES; i++)
		table_init(&s->mem[i], sizeof(struct memval));
	*sp = s;
	return BB_OK;
}

static int
mem_get(struct store_txn *t, enum store_table tab, const void *key,
    size_t klen, struct store_val *val)
{
	struct memval	*v;

	if ((v = table_find(&t->store->mem[tab], key, klen)) == NULL)
		return BB_NOT_FOUND;
	val->data = v->data;
	val->len = v->len;
	return BB_OK;
}

/* A row of dlen bytes; data NULL leaves them for the caller (*out). */
static int
mem_put(struct store_txn *t, enum store_table tab, const void *key,
    size_t klen, const void *data, size_t dlen, void **out)
{
	struct memval	*v;
	void		*p;
	int		 created;

	if ((v = table_add(&t->store->mem[tab], key, klen, &created)) == NULL)
		goto nomem;
	if (v->data == NULL || v->len != dlen) {
		if ((p = realloc(v->data, dlen ? dlen : 1)) == NULL) {
			if (created)
				table_remove(&t->store->mem[tab], key, klen);
			goto nomem;
		}
		v->data = p;
		v->len = dlen;
	}
	if (data)
		memcpy(v->data, data, dlen);
	if (out)
		*out = v->data;
	return BB_OK;
nomem:
	return txn_fail(t, __func__, tables[tab], ENOMEM);
}

static int
mem_del(struct store_txn *t, enum store_table tab, const void *key,
    size_t klen)
{
	struct memval	*v;

	/* As LMDB's del: an answer, not a failure of the transaction. */
	if ((v = table_find(&t->store->mem[tab], key, klen)) == NULL)
		return BB_NOT_FOUND;
	free(v->data);
	table_remove(&t->store->mem[tab], key, klen);
	return BB_OK;
}

/* A memory store's rows of a table, in no order: *at starts at 0. */
int
store_memory_next(struct store_txn *t, enum store_table tab, size_t *at,
    struct store_val *key, struct store_val *val)
{
	const struct memval	*v;
	const char		*k;
	size_t			 klen;

	if (t->store->mem == NULL ||
	    (v = table_next(&t->store->mem[tab], at, &k, &klen)) == NULL)
		return BB_NOT_FOUND;
	key->data = k;
	key->len = klen;
	val->data = v->data;
	val->len = v->len;
	return BB_OK;
}

void
store_usage(struct store *s, uint64_t *mapsize, uint64_t *used)
{
	MDB_envinfo	 info;
	MDB_stat	 st;

	if (s->mem) {
		*mapsize = *used = 0;
		return;
	}
	mdb_env_info(s->env, &info);
	mdb_env_stat(s->env, &st);
	*mapsize = info.me_mapsize;
	*used = (uint64_t)(info.me_last_pgno + 1) * st.ms_psize;
}

/*
 * A reader renews a read transaction an earlier reader ended, rather than
 * begin one: it keeps its slot in the reader table. The environment is
 * MDB_NOTLS, so one ended on a thread may be renewed on another; the list
 * hands each to one reader at a time.
 */
static struct store_txn *
store_idle_take(struct store *s)
{
	struct store_txn	*t = NULL;

	pthread_mutex_lock(&s->idle_lock);
	if (s->nidle > 0)
		t = s->idle[--s->nidle];
	pthread_mutex_unlock(&s->idle_lock);
	return t;
}

/* Ends a read transaction: reset and kept while the list has room. */
static void
store_idle_put(struct store_txn *t)
{
	struct store	*s = t->store;

	mdb_txn_reset(t->txn);
	pthread_mutex_lock(&s->idle_lock);
	s->readers--;
	if (s->nidle < STORE_IDLE_MAX) {
		s->idle[s->nidle++] = t;
		t = NULL;
	}
	pthread_mutex_unlock(&s->idle_lock);
	if (t) {
		mdb_txn_abort(t->txn);
		free(t);
	}
}

/* Read transactions in use, on any thread: a compaction waits for none. */
static void
store_reader(struct store *s, int n)
{
	pthread_mutex_lock(&s->idle_lock);
	s->readers += n;
	pthread_mutex_unlock(&s->idle_lock);
}

int
store_readers(struct store *s)
{
	int	 n;

	pthread_mutex_lock(&s->idle_lock);
	n = s->readers;
	pthread_mutex_unlock(&s->idle_lock);
	return n;
}

int
store_begin(struct store *s, int write, struct store_txn **tp)
{
	struct store_txn	*t;
	int			 rc;

	if (!write && s->mem == NULL && (t = store_idle_take(s)) != NULL) {
		if ((rc = mdb_txn_renew(t->txn)) != 0) {
			mdb_txn_abort(t->txn);
			free(t);
			return store_fail(s, __func__, "renew", rc);
		}
		t->err = BB_OK;
		store_reader(s, 1);
		*tp = t;
		return BB_OK;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return store_fail(s, __func__, "begin", ENOMEM);
	t->store = s;
	if (s->mem) {
		*tp = t;
		return BB_OK;
	}
	t->rdonly = !write;
	if ((rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY,
	    &t->txn)) != 0) {
		free(t);
		return store_fail(s, __func__, "begin", rc);
	}
	if (!write)
		store_reader(s, 1);
	*tp = t;
	return BB_OK;
}

/* A nested transaction: an atomic batch that can be undone alone. */
int
store_begin_child(struct store_txn *parent, struct store_txn **tp)
{
	struct store_txn	*t;
	int			 rc;

	if (parent->err)
		return parent->err;
	if (parent->store->mem || parent->rdonly) {
		log_warnx("%s: only a write transaction has children",
		    __func__);
		return BB_INTERNAL;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return store_fail(parent->store, __func__, "begin", ENOMEM);
	t->store = parent->store;
	t->child = 1;
	if ((rc = mdb_txn_begin(parent->store->env, parent->txn, 0,
	    &t->txn)) != 0) {
		free(t);
		return store_fail(parent->store, __func__, "begin", rc);
	}
	*tp = t;
	return BB_OK;
}

/* ENOSPC or EDQUOT here is the file system's, from writing the pages or
 * syncing them: LMDB has aborted the transaction and the environment
 * stays usable, for reads now and for writes once there is room. */
int
store_commit(struct store_txn *t)
{
	int	 rc, code = t->err;

	if (t->store->mem) {
		free(t);
		return code;
	}
	if (t->rdonly) {
		store_idle_put(t);
		return code;
	}
	if (code) {
		mdb_txn_abort(t->txn);
		free(t);
		return code;
	}
	if ((rc = mdb_txn_commit(t->txn)) != 0)
		code = store_fail(t->store, __func__, "commit", rc);
	else {
		t->store->full_told = 0;
		if (!t->child)
			pagecache_ahead(t->store);
	}
	free(t);
	return code;
}

void
store_abort(struct store_txn *t)
{
	if (t == NULL)
		return;
	if (t->rdonly) {
		store_idle_put(t);
		return;
	}
	if (t->txn)
		mdb_txn_abort(t->txn);
	free(t);
}

int
store_get(struct store_txn *t, enum store_table tab, const void *key,
    size_t klen, struct store_val *val)
{
	MDB_val	 k, v;
	uint8_t	 buf[LAYOUT_KEY_MAX];
	int	 rc;

	/* After a failed put LMDB refuses every read of the transaction
	 * (MDB_BAD_TXN): the first failure of any call is the answer. */
	if (t->err)
		return t->err;
	if (t->store->mem)
		return mem_get(t, tab, key, klen, val);
	if (layout_key(tab, key, klen, 1, buf, &k) == -1 ||
	    !layout_row_of(tab, &k))
		return BB_NOT_FOUND;	/* not a key of the table */
	if ((rc = mdb_get(t->txn, t->store->dbi[tab], &k, &v)) != 0)
		return txn_fail(t, __func__, tables[tab], rc);
	val->data = v.mv_data;
	val->len = v.mv_size;
	return BB_OK;
}

int
store_put(struct store_txn *t, enum store_table tab, const void *key,
    size_t klen, const void *data, size_t dlen, int flags)
{
	MDB_val	 k, v = { dlen, (void *)data };
	uint8_t	 buf[LAYOUT_KEY_MAX];
	int	 rc;

	if (t->err)
		return t->err;
	if (t->store->mem)
		return mem_put(t, tab, key, klen, data, dlen, NULL);
	if (layout_key(tab, key, klen, 1, buf, &k) == -1 ||
	    !layout_row_of(tab, &k))
		return txn_fail(t, __func__, tables[tab], EINVAL);
	if ((rc = mdb_put(t->txn, t->store->dbi[tab], &k, &v,
	    flags & STORE_APPEND ? MDB_APPEND : 0)) != 0)
		return txn_fail(t, __func__, tables[tab], rc);
	return BB_OK;
}

/*
 * A row of dlen bytes the caller fills at *out before its next call of
 * the transaction: a voucher document goes from its staging file into
 * the row's pages with no copy in between (MDB_RESERVE).
 */
int
store_reserve(struct store_txn *t, enum store_table tab, const void *key,
    size_t klen, size_t dlen, void **out)
{
	MDB_val	 k, v = { dlen, NULL };
	uint8_t	 buf[LAYOUT_KEY_MAX];
	int	 rc;

	if (t->err)
		return t->err;
	if (t->store->mem)
		return mem_put(t, tab, key, klen, NULL, dlen, out);
	if (layout_key(tab, key, klen, 1, buf, &k) == -1 ||
	    !layout_row_of(tab, &k))
		return txn_fail(t, __func__, tables[tab], EINVAL);
	if ((rc = mdb_put(t->txn, t->store->dbi[tab], &k, &v,
	    MDB_RESERVE)) != 0)
		return txn_fail(t, __func__, tables[tab], rc);
	*out = v.mv_data;
	return BB_OK;
}

/* A consistent, compacted copy into fd, from a read transaction of its
 * own: writers go on meanwhile. Any thread. The caller makes the file:
 * mdb_env_copy2 would create it 0666 less the umask. */
int
store_backup(struct store *s, int fd, const char *path)
{
	int	 rc;

	if ((rc = mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT)) != 0) {
		log_warnx("backup to %s: %s", path, mdb_strerror(rc));
		/* An EIO is the copy's file system's, not the database's. */
		return store_code(NULL, rc);
	}
	return BB_OK;
}

/* Derived state only: the journal itself is never deleted from. */
int
store_del(struct store_txn *t, enum store_table tab, const void *key,
    size_t klen)
{
	MDB_val	 k;
	uint8_t	 buf[LAYOUT_KEY_MAX];
	int	 rc;

	if (t->err)
		return t->err;
	if (t->store->mem)
		return mem_del(t, tab, key, klen);
	if (layout_key(tab, key, klen, 1, buf, &k) == -1 ||
	    !layout_row_of(tab, &k))
		return BB_NOT_FOUND;
	if ((rc = mdb_del(t->txn, t->store->dbi[tab], &k, NULL)) != 0)
		return txn_fail(t, __func__, tables[tab], rc);
	return BB_OK;
}

/* The sticky error of the transaction, BB_OK if no call failed. */
int
store_failed(struct store_txn *t)
{
	return t->err;
}

/* A table kept with another's rows: counted a row at a time. */
static int
count_rows(struct store_txn *t, enum store_table tab, uint64_t *n)
{
	struct store_cursor	*c;
	int			 rc;

	*n = 0;
	if ((rc = store_cursor_open(t, tab, &c)) != BB_OK)
		return rc;
	for (rc = store_cursor_first(c, NULL, NULL); rc == BB_OK;
	    rc = store_cursor_next(c, NULL, NULL))
		(*n)++;
	store_cursor_close(c);
	return rc == BB_NOT_FOUND ? BB_OK : rc;
}

int
store_count(struct store_txn *t, enum store_table tab, uint64_t *n)
{
	MDB_stat	 st;
	int		 rc;

	if (t->err)
		return t->err;
	if (t->store->mem) {
		*n = t->store->mem[tab].len;
		return BB_OK;
	}
	if (layout_shared(tab))
		return count_rows(t, tab, n);
	if ((rc = mdb_stat(t->txn, t->store->dbi[tab], &st)) != 0)
		return txn_fail(t, __func__, tables[tab], rc);
	*n = st.ms_entries;
	return BB_OK;
}

int
store_cursor_open(struct store_txn *t, enum store_table tab,
    struct store_cursor **cp)
{
	struct store_cursor	*c;
	int			 rc;

	if (t->err)
		return t->err;
	if (t->store->mem) {
		log_warnx("%s: a memory store has no cursors", __func__);
		return BB_INTERNAL;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return txn_fail(t, __func__, tables[tab], ENOMEM);
	if ((rc = mdb_cursor_open(t->txn, t->store->dbi[tab], &c->cur)) != 0) {
		free(c);
		return txn_fail(t, __func__, tables[tab], rc);
	}
	c->txn = t;
	c->tab = c->also = c->at = tab;
	*cp = c;
	return BB_OK;
}

/*
 * The cursor stops at the rows of also too, a table kept in the same
 * LMDB table (layout.h): one walk reads both in key order, where a
 * cursor each would step over every row twice. store_cursor_table says
 * whose row it is at.
 */
int
store_cursor_also(struct store_cursor *c, enum store_table also)
{
	if (layout_host(also) != layout_host(c->tab)) {
		log_warnx("%s: %s is not kept with %s", __func__,
		    tables[also], tables[c->tab]);
		return BB_INTERNAL;
	}
	c->also = also;
	return BB_OK;
}

enum store_table
store_cursor_table(const struct store_cursor *c)
{
	return c->at;
}

void
store_cursor_close(struct store_cursor *c)
{
	if (c == NULL)
		return;
	mdb_cursor_close(c->cur);
	free(c);
}

/*
 * The cursor moved by op, then on past rows of another table kept in the
 * same LMDB table (layout.c): forward after a seek, first or next,
 * backward after last or prev. The key is the table's, valid until the
 * cursor moves again.
 */
/* Is the LMDB row one the cursor stops at? It notes whose. */
static int
cursor_row(struct store_cursor *c, const MDB_val *k)
{
	if (layout_row_of(c->tab, k))
		c->at = c->tab;
	else if (c->also != c->tab && layout_row_of(c->also, k))
		c->at = c->also;
	else
		return 0;
	return 1;
}

static int
cursor_get(struct store_cursor *c, MDB_val *k, MDB_val *v, MDB_cursor_op op,
    struct store_val *key, struct store_val *val)
{
	MDB_cursor_op	 on = op == MDB_LAST || op == MDB_PREV ? MDB_PREV :
			    MDB_NEXT;
	MDB_val		 lk;
	int		 rc;

	if (c->txn->err)
		return c->txn->err;
	for (rc = mdb_cursor_get(c->cur, k, v, op);
	    rc == 0 && !cursor_row(c, k);
	    rc = mdb_cursor_get(c->cur, k, v, on))
		if (!layout_row_known(c->tab, k)) {
			log_warnx("%s: a row of no table (a key of %zu "
			    "bytes)", tables[layout_host(c->tab)], k->mv_size);
			return txn_fail(c->txn, __func__, "cursor", EINVAL);
		}
	if (rc != 0)
		return txn_fail(c->txn, __func__, "cursor", rc);
	if (key) {
		layout_logical(c->at, k, c->key, &lk);
		key->data = lk.mv_data;
		key->len = lk.mv_size;
	}
	if (val) {
		val->data = v->mv_data;
		val->len = v->mv_size;
	}
	return BB_OK;
}

/* The first key at or after the one given. */
int
store_cursor_seek(struct store_cursor *c, const void *key, size_t klen,
    struct store_val *k, struct store_val *v)
{
	MDB_val	 mk, mv;
	uint8_t	 buf[LAYOUT_KEY_MAX];

	(void)layout_key(c->tab, key, klen, 0, buf, &mk);
	return cursor_get(c, &mk, &mv, MDB_SET_RANGE, k, v);
}

int
store_cursor_first(struct store_cursor *c, struct store_val *k,
    struct store_val *v)
{
	MDB_val	 mk, mv;

	return cursor_get(c, &mk, &mv, MDB_FIRST, k, v);
}

int
store_cursor_next(struct store_cursor *c, struct store_val *k,
    struct store_val *v)
{
	MDB_val	 mk, mv;

	return cursor_get(c, &mk, &mv, MDB_NEXT, k, v);
}

int
store_cursor_prev(struct store_cursor *c, struct store_val *k,
    struct store_val *v)
{
	MDB_val	 mk, mv;

	return cursor_get(c, &mk, &mv, MDB_PREV, k, v);
}

int
store_cursor_last(struct store_cursor *c, struct store_val *k,
    struct store_val *v)
{
	MDB_val	 mk, mv;

	return cursor_get(c, &mk, &mv, MDB_LAST, k, v);
}
