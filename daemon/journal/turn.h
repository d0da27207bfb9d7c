/*
 * One turn of the loop: every operation that arrived during it is applied
 * in one write transaction, and everything a handler needs travels here.
 */
#ifndef BB_TURN_H
#define BB_TURN_H

#include <stdint.h>
#include <sys/types.h>

#include "config.h"
#include "rules.h"
#include "wire.h"

struct arena;
struct config;
struct store;
struct signer;
struct store_txn;
struct upload;

struct turn {
	struct store		*store;
	struct store_txn	*txn;
	const struct config	*conf;
	const struct signer	*signer;
	struct arena		*arena;
	int64_t			 now_us;	/* recorded time of its entries */
	int32_t			 today;		/* its date in Copenhagen */
	uint64_t		 next_seq;	/* seq the next entry gets */
	uint64_t		 signed_size;	/* the tree it signed, 0: none */
	uint8_t			 root[32];	/* and its root */
	int			 broken;	/* must not commit */
	size_t			 reply_bytes;	/* pages in the request's answer */
	struct rules		 rules;		/* decide every entry */

	/* The operation being applied. */
	const struct actor	*actor;
	const uint8_t		*id;		/* 16 bytes, writes only */
	uint64_t		 first_seq;	/* its first entry */
	const char		*message;	/* why it was refused */
	enum lang		 lang;		/* the request's, for message */
	int			 compact;	/* an erasure: compact after */
	struct upload		*upload;	/* its connection's staged
						   document, if any */
};

#endif
