/*
 * Group commit. Requests are queued as their frames complete; after each
 * turn of the event loop dispatch_run applies all of them, in arrival
 * order, in one write transaction, commits it (synced), and only then
 * sends the responses.
 */
#ifndef BB_DISPATCH_H
#define BB_DISPATCH_H

#include <stdint.h>

#include "lang.h"
#include "wire.h"

struct actor;
struct client;
struct config;
struct event_base;
struct signer;
struct store;
struct upload;


/*
 * What the dispatcher needs of the part that holds its clients (the
 * server gives it at dispatch_init): it calls back through this and
 * never includes that part.
 */
struct peer {
	const struct actor *(*actor)(struct client *);
	void	 (*hold)(struct client *);	/* until its answer */
	void	 (*release)(struct client *);
	void	 (*send)(struct client *, const uint8_t *, size_t);
	void	 (*close)(struct client *);	/* once its output is out */
	void	 (*follow)(struct client *, uint64_t);	/* from seq on */
	void	 (*committed)(struct store *, uint64_t);	/* last seq */
	/* Its staged voucher document (upload.h); NULL: none can be. */
	struct upload *(*upload)(struct client *);
};

/* An operation answered off the loop (backup, verify), by its Op kind. */
#define DISPATCH_KINDS	64
typedef void (*dispatch_later_fn)(struct client *, const PbOp *);

int	 dispatch_init(struct event_base *, struct store *,
	    const struct config *, const struct peer *);
void	 dispatch_later(int, dispatch_later_fn);
enum lang dispatch_later_lang(void);
void	 dispatch_send(struct client *, PbResponse *, enum lang);
void	 dispatch_free(void);
const struct signer *dispatch_signer(void);
PbRequest *dispatch_decode(const uint8_t *, size_t);
void	 dispatch_request(struct client *, PbRequest *);
void	 dispatch_refusal(struct client *, int, const char *, enum lang);
int	 dispatch_pending(void);
void	 dispatch_run(void);
void	 dispatch_sign_tail(void);

#endif
