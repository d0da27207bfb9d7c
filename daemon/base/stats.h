/* What budgetctl status tells of the running daemon: written by the part
 * that knows (the server counts clients, the dispatcher commits), read
 * by the status handler. The loop's thread only. */
#ifndef BB_STATS_H
#define BB_STATS_H

#include <stdint.h>

struct daemon_stats {
	int64_t		 started_us;
	unsigned int	 clients;
	uint64_t	 commits;
};

extern struct daemon_stats stats;

#endif
