/*
 * The store's LMDB side, for the files of the store that need it (store.c,
 * compact.c) and no one else.
 */
#ifndef BB_STORE_LMDB_H
#define BB_STORE_LMDB_H

#include <pthread.h>

#include <lmdb.h>

#include "layout.h"
#include "store.h"

/* Read transactions kept reset for the next store_begin of a reader. */
#define STORE_IDLE_MAX	4

struct store {
	MDB_env		*env;
	MDB_dbi		 dbi[ST_NTABLES];
	int		 full_told;	/* since the last write commit */
	int		 panic_told;
	struct table	*mem;		/* a memory store's tables */
	pthread_mutex_t	 idle_lock;
	struct store_txn *idle[STORE_IDLE_MAX];
	int		 nidle;
	int		 readers;	/* read transactions in use */
	uint64_t	 mapsize;	/* as opened */
	int		 cache_fd;	/* data.mdb for pagecache.c, or -1 */
	uint64_t	 file_end;	/* data.mdb's bytes */
	unsigned int	 psize;
};

/* A row of a memory store: its value's bytes, allocated alone. */
struct memval {
	size_t		 len;
	void		*data;
};

struct store_txn {
	struct store	*store;
	MDB_txn		*txn;
	int		 rdonly;
	int		 err;		/* sticky: first failure of any call */
	int		 child;		/* of another write transaction */
};

struct store_cursor {
	MDB_cursor	*cur;
	struct store_txn *txn;
	enum store_table tab;
	enum store_table also;		/* a table sharing tab's rows, or tab */
	enum store_table at;		/* the table of the row it is at */
	uint8_t		 key[LAYOUT_KEY_MAX];	/* the table's key, when not LMDB's */
};

int	 store_env_open(struct store *, const char *, uint64_t, int);
void	 store_idle_drop(struct store *);
int	 store_fail(struct store *, const char *, const char *, int);

void	 pagecache_open(struct store *);
void	 pagecache_ahead(struct store *);
void	 pagecache_close(struct store *);

#endif
