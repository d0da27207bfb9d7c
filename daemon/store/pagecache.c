/*
 * data.mdb in memory: LMDB's map of it, found for the verifier
 * (store_file), and the page cache under it kept one page to a folio, so
 * that a commit writes the pages LMDB changed and no others.
 *
 * Linux caches a file in folios of several pages where it can (ext4 does
 * since 6.16): read-ahead makes them, and so does one write of several
 * pages the cache does not hold yet, which is how LMDB writes a commit's
 * adjacent pages. Dirtying one page of a folio dirties, and writes back,
 * the whole folio: the meta page, which every commit rewrites, shares a
 * folio with the other meta page since LMDB wrote both at once, and tree
 * pages share theirs with neighbours, so a one-spend commit wrote 12-13
 * pages where LMDB changed 7 (/proc/PID/io write_bytes against wchar,
 * and the folios' orders in the filemap tracepoints).
 *
 * Three things keep every page LMDB writes in a folio of its own:
 * - the environment is opened with MDB_NORDAHEAD (store.c): a fault on
 *   the map reads one page, never a run;
 * - at open the file's cached pages are dropped and read back through a
 *   descriptor marked for random access, which reads without read-ahead
 *   and caches each page alone;
 * - after a commit, the file is kept STORE_AHEAD_MIN..STORE_AHEAD pages
 *   longer than LMDB's last page (ftruncate: holes, nothing written) and
 *   those pages are read into the cache the same way: the pages LMDB
 *   grows into are cached alone already.
 * None of it is needed for correctness: when any step fails the commits
 * are as they were, larger.
 */

#include <sys/mman.h>
#include <sys/sysmacros.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "codes.h"
#include "store_lmdb.h"

#define STORE_AHEAD	256	/* pages past LMDB's last, kept cached */
#define STORE_AHEAD_MIN	128	/* made up again below this */
#define STORE_READ_CHUNK (1 << 20)

/*
 * Where LMDB mapped data.mdb: the mapping of the file's device and inode
 * at offset 0 in /proc/self/maps (LMDB keeps its map address to itself:
 * mdb_env_info's is the one a fixed map asked for).
 */
static void *
store_map_of(const struct stat *sb)
{
	char			 line[4096];
	unsigned long long	 lo, hi, off, ino;
	unsigned int		 maj, min;
	void			*at = NULL;
	FILE			*f;

	if ((f = fopen("/proc/self/maps", "re")) == NULL)
		return NULL;
	while (at == NULL && fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "%llx-%llx %*s %llx %x:%x %llu", &lo, &hi,
		    &off, &maj, &min, &ino) == 6 && off == 0 &&
		    ino == (unsigned long long)sb->st_ino &&
		    makedev(maj, min) == sb->st_dev &&
		    hi - lo >= (unsigned long long)sb->st_size)
			at = (void *)(uintptr_t)lo;
	fclose(f);
	return at;
}

/*
 * The bytes of data.mdb as LMDB maps them, for the verifier: its
 * fingerprint reads the map instead of copying the file through read(),
 * and the kernel is asked to map every page at once, in file order, so
 * that the walks that follow take no page fault each (tens of
 * microseconds apiece on a virtual machine). Only a store opened
 * read-only: a writer's file grows under the map.
 */
int
store_file(struct store *s, const uint8_t **data, size_t *len)
{
	struct stat	 sb;
	void		*at;
	int		 fd;

	if (s->mem || mdb_env_get_fd(s->env, &fd) != 0 ||
	    fstat(fd, &sb) == -1 || sb.st_size <= 0 ||
	    (at = store_map_of(&sb)) == NULL)
		return BB_INTERNAL;
	*data = at;
	*len = (size_t)sb.st_size;
#ifdef MADV_POPULATE_READ
	if (madvise(at, *len, MADV_POPULATE_READ) == 0)
		return BB_OK;
#endif
	/* An older kernel: read-ahead at least. */
	(void)madvise(at, *len, MADV_WILLNEED);
	return BB_OK;
}

/*
 * [from, to) of data.mdb read into the cache: the descriptor is marked
 * for random access, so each page is cached alone. (A read, not
 * POSIX_FADV_WILLNEED: that reads no more than one read-ahead window.)
 */
static void
pagecache_read(struct store *s, uint64_t from, uint64_t to)
{
	uint8_t	*buf;
	size_t	 len;
	ssize_t	 n;

	if ((buf = malloc(STORE_READ_CHUNK)) == NULL)
		return;
	for (; from < to; from += (uint64_t)n) {
		len = to - from < STORE_READ_CHUNK ? (size_t)(to - from) :
		    STORE_READ_CHUNK;
		if ((n = pread(s->cache_fd, buf, len, (off_t)from)) <= 0)
			break;
	}
	free(buf);
}

/*
 * After a writer's open: what the page cache holds of data.mdb dropped
 * and read back a page to a folio. The map's own page table entries go
 * first (no transaction is open): the kernel drops no page a process
 * maps. The pages are read through a descriptor of their own, marked for
 * random access (a mark of the open file: LMDB's keeps read-ahead).
 */
void
pagecache_open(struct store *s)
{
	struct stat	 sb;
	MDB_stat	 st;
	char		 path[64];
	void		*map;
	int		 fd;

	pagecache_close(s);
	if (mdb_env_get_fd(s->env, &fd) != 0 || fstat(fd, &sb) == -1 ||
	    mdb_env_stat(s->env, &st) != 0)
		return;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((s->cache_fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	(void)posix_fadvise(s->cache_fd, 0, 0, POSIX_FADV_RANDOM);
	s->psize = st.ms_psize;
	s->file_end = (uint64_t)sb.st_size;
	if ((map = store_map_of(&sb)) != NULL)
		(void)madvise(map, (size_t)sb.st_size, MADV_DONTNEED);
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	pagecache_read(s, 0, s->file_end);
	pagecache_ahead(s);
}

void
pagecache_close(struct store *s)
{
	if (s->cache_fd != -1)
		close(s->cache_fd);
	s->cache_fd = -1;
}

/*
 * After a write commit, on the writer's thread: the file made longer than
 * LMDB's last page, and the new pages (holes, read as zeroes, no write)
 * cached a page to a folio. A write transaction holds LMDB's writer lock
 * meanwhile, so the file's end cannot move under the ftruncate; LMDB
 * never reads past its last page, and writes whole pages where it grows.
 */
void
pagecache_ahead(struct store *s)
{
	MDB_envinfo	 info;
	MDB_txn		*txn;
	struct stat	 sb;
	uint64_t	 end, want, limit;
	int		 fd;

	if (s->cache_fd == -1 || mdb_env_info(s->env, &info) != 0)
		return;
	end = ((uint64_t)info.me_last_pgno + 1) * s->psize;
	if (s->file_end >= end + (uint64_t)STORE_AHEAD_MIN * s->psize)
		return;
	if (mdb_env_get_fd(s->env, &fd) != 0 ||
	    mdb_txn_begin(s->env, NULL, 0, &txn) != 0)
		return;
	if (mdb_env_info(s->env, &info) == 0 && fstat(fd, &sb) == 0) {
		end = ((uint64_t)info.me_last_pgno + 1) * s->psize;
		want = end + (uint64_t)STORE_AHEAD * s->psize;
		limit = (uint64_t)info.me_mapsize / s->psize * s->psize;
		if (want > limit)
			want = limit;
		s->file_end = (uint64_t)sb.st_size;
		if (want > s->file_end) {
			if (ftruncate(fd, (off_t)want) == 0) {
				pagecache_read(s, s->file_end, want);
				s->file_end = want;
			} else
				pagecache_close(s);	/* not tried again */
		}
	}
	mdb_txn_abort(txn);
}
