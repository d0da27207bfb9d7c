/*
 * Group commit. Requests are queued as their frames complete; after each
 * turn of the event loop dispatch_run applies all of them, in arrival
 * order, in one write transaction, commits it (synced), and only then
 * sends the responses.
 */
#ifndef BB_DISPATCH_H
#define BB_DISPATCH_H

#include <stdint.h>

#include "wire.h"

struct client;
struct config;
struct signer;
struct store;

struct daemon_stats {
	int64_t		 started_us;
	unsigned int	 clients;
	uint64_t	 commits;
};

extern struct daemon_stats stats;

int	 dispatch_init(struct store *, const struct config *);
void	 dispatch_free(void);
const struct signer *dispatch_signer(void);
PbRequest *dispatch_decode(const uint8_t *, size_t);
void	 dispatch_request(struct client *, PbRequest *);
void	 dispatch_refusal(struct client *, int, const char *);
int	 dispatch_pending(void);
void	 dispatch_run(void);

#endif
