/*
 * The database rewritten without its free pages. LMDB copies a page on
 * write and keeps the old one on its free list: an erased text or voucher
 * stays in the file until that page is written over, maybe never. After
 * an erasure the daemon copies every table, row by row, into a fresh
 * environment in DIR/compact (a row-wise copy, not mdb_env_copy's
 * page-wise one, so no byte of a page's unused space comes along), syncs
 * it, and puts its file in place of data.mdb with one rename.
 *
 * The meta table's "compact" row, set in the erasure's own transaction,
 * says a compaction is owed: a daemon killed before the rename finds it
 * at the next start and compacts then, so after an erasure the file on
 * disk never holds the erased bytes for longer than it takes to copy it.
 * A copy left half done (DIR/compact) is thrown away and begun again.
 */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codes.h"
#include "layout.h"
#include "log.h"
#include "store_lmdb.h"

#define COMPACT_KEY	"compact"
#define COMPACT_BATCH	(64ULL << 20)	/* bytes a copy transaction has */

int
store_usable(struct store *s)
{
	return s->mem != NULL || s->env != NULL;
}

int
store_compact_mark(struct store_txn *t)
{
	return store_put(t, ST_META, COMPACT_KEY, strlen(COMPACT_KEY), "\1", 1,
	    0);
}

int
store_compact_pending(struct store *s, int *pending)
{
	struct store_txn	*t;
	struct store_val	 v;
	int			 rc;

	*pending = 0;
	if (s->mem)
		return BB_OK;
	if ((rc = store_begin(s, 0, &t)) != BB_OK)
		return rc;
	rc = store_get(t, ST_META, COMPACT_KEY, strlen(COMPACT_KEY), &v);
	*pending = rc == BB_OK;
	store_abort(t);
	return rc == BB_NOT_FOUND ? BB_OK : rc;
}

static void
remove_copy(const char *tmp)
{
	char	 path[PATH_MAX + 16];

	snprintf(path, sizeof(path), "%s/data.mdb", tmp);
	unlink(path);
	snprintf(path, sizeof(path), "%s/lock.mdb", tmp);
	unlink(path);
	rmdir(tmp);
}

/* Every row of every table of s into the environment at tmp, synced. */
static int
copy_rows(struct store *s, const char *tmp)
{
	MDB_env		*to = NULL;
	MDB_txn		*rt = NULL, *wt = NULL;
	MDB_cursor	*cur = NULL;
	MDB_dbi		 dbi;
	MDB_val		 k, v;
	MDB_envinfo	 info;
	uint64_t	 held = 0;
	int		 rc, i;

	mdb_env_info(s->env, &info);
	/* The copy is nothing until it is synced whole and renamed: it can
	 * skip the per-commit syncs the ledger's own writes never skip. */
	if ((rc = mdb_env_create(&to)) != 0 ||
	    (rc = mdb_env_set_maxdbs(to, ST_NTABLES)) != 0 ||
	    (rc = mdb_env_set_mapsize(to, info.me_mapsize)) != 0 ||
	    (rc = mdb_env_open(to, tmp, MDB_NOTLS | MDB_NOSYNC, 0600)) != 0 ||
	    (rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &rt)) != 0)
		goto out;
	for (i = 0; i < ST_NTABLES; i++) {
		if (layout_host(i) != (enum store_table)i)
			continue;	/* its rows are its host's */
		if ((rc = mdb_txn_begin(to, NULL, 0, &wt)) != 0 ||
		    (rc = mdb_dbi_open(wt, store_table_name(i), MDB_CREATE,
		    &dbi)) != 0 ||
		    (rc = mdb_cursor_open(rt, s->dbi[i], &cur)) != 0)
			goto out;
		while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
			if ((rc = mdb_put(wt, dbi, &k, &v, MDB_APPEND)) != 0)
				goto out;
			held += k.mv_size + v.mv_size;
			if (held < COMPACT_BATCH)
				continue;
			held = 0;
			if ((rc = mdb_txn_commit(wt)) != 0 ||
			    (wt = NULL, rc = mdb_txn_begin(to, NULL, 0,
			    &wt)) != 0)
				goto out;
		}
		if (rc != MDB_NOTFOUND)
			goto out;
		mdb_cursor_close(cur);
		cur = NULL;
		rc = mdb_txn_commit(wt);
		wt = NULL;
		if (rc != 0)
			goto out;
	}
	rc = mdb_env_sync(to, 1);
out:
	if (cur)
		mdb_cursor_close(cur);
	if (wt)
		mdb_txn_abort(wt);
	if (rt)
		mdb_txn_abort(rt);
	if (to)
		mdb_env_close(to);
	if (rc != 0)
		log_warnx("compaction: copy into %s: %s", tmp,
		    mdb_strerror(rc));
	return rc;
}

static int
sync_dir(const char *dir)
{
	int	 fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * Compacts the database of s in dir, with no transaction of s in use
 * (the caller sees store_readers at 0 and holds no write): copied, then
 * swapped in, then the "compact" row cleared. BB_OK, or the code of what
 * failed with the database as it was (the copy thrown away), or, past
 * the rename, the environment could not be opened again: BB_INTERNAL
 * with s unusable, and the caller must stop.
 */
int
store_compact(struct store *s, const char *dir)
{
	struct store_txn	*t;
	char			 tmp[PATH_MAX], from[PATH_MAX + 16];
	char			 to[PATH_MAX + 16];
	int			 rc;

	if (s->mem)
		return BB_OK;
	if (store_readers(s) != 0)
		return BB_INTERNAL;
	snprintf(tmp, sizeof(tmp), "%s/compact", dir);
	snprintf(from, sizeof(from), "%s/data.mdb", tmp);
	snprintf(to, sizeof(to), "%s/data.mdb", dir);
	remove_copy(tmp);
	if (mkdir(tmp, 0700) == -1) {
		log_warn("compaction: %s", tmp);
		return BB_INTERNAL;
	}
	if ((rc = copy_rows(s, tmp)) != 0) {
		remove_copy(tmp);
		return store_fail(s, __func__, "copy", rc);
	}
	store_idle_drop(s);
	pagecache_close(s);
	mdb_env_close(s->env);
	s->env = NULL;
	if (rename(from, to) == -1 || sync_dir(dir) == -1) {
		log_warn("compaction: %s", to);
		remove_copy(tmp);
		/* The old file is in place if the rename failed, the new
		 * one (still marked) if only the sync did: open it again,
		 * and the compaction is tried again later. */
		if (store_env_open(s, dir, s->mapsize, 0) != BB_OK)
			log_warnx("compaction: %s cannot be opened again", dir);
		return BB_INTERNAL;
	}
	remove_copy(tmp);
	if ((rc = store_env_open(s, dir, s->mapsize, 0)) != BB_OK) {
		log_warnx("compaction: %s cannot be opened again", dir);
		return BB_INTERNAL;
	}
	if ((rc = store_begin(s, 1, &t)) != BB_OK)
		return rc;
	store_del(t, ST_META, COMPACT_KEY, strlen(COMPACT_KEY));
	return store_commit(t);
}

/* At start: a copy an earlier daemon left half done is thrown away. */
void
store_compact_leftover(const char *dir)
{
	char		 tmp[PATH_MAX];
	struct stat	 st;

	snprintf(tmp, sizeof(tmp), "%s/compact", dir);
	if (stat(tmp, &st) == 0) {
		log_info("compaction: removing %s, a copy left unfinished",
		    tmp);
		remove_copy(tmp);
	}
}
