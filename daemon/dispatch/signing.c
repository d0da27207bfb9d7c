/*
 * Checkpoints on a schedule: a turn that appends signs the tree it
 * leaves, inside its own transaction, only when the latest checkpoint is
 * SIGN_EVERY_US old or more; a turn whose request asks for a checkpoint
 * (signing_wanted) signs the tree it starts from; a timer signs a tail
 * that no turn signed. A signature costs about a third of a commit's
 * pages and 30 µs, so under load one of many commits pays it, and a
 * client that asks is answered against a tree that covers every entry
 * acknowledged before. A tree that does not extend the last signed one
 * is never signed.
 */

#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "checkpoint.h"
#include "codes.h"
#include "config.h"
#include "journal.h"
#include "log.h"
#include "signing.h"
#include "store.h"
#include "turn.h"

#define SIGN_EVERY_US	100000

static struct {
	struct signer	 signer;
	uint64_t	 signed_size;	/* the latest checkpoint */
	uint8_t		 signed_root[32];
	int64_t		 signed_at;	/* monotonic; 0: not by this process */
	struct event	*timer;
	int		 due;		/* the timer fired */
} s;

/* Not the wall clock: a clock set back must not stop the signing. */
static int64_t
mono_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	s.due = 1;
}

/* The latest checkpoint's size and root, to extend consistently. */
int
signing_init(struct store_txn *txn, const struct config *conf,
    struct event_base *base)
{
	struct checkpoint	 cp;
	int			 rc;

	if (checkpoint_key_load(&s.signer, conf->signing_key, conf->origin,
	    1) != 0)
		return BB_INTERNAL;
	if ((s.timer = evtimer_new(base, on_timer, NULL)) == NULL) {
		log_warnx("%s: evtimer_new failed", __func__);
		return BB_INTERNAL;
	}
	s.signed_size = 0;
	s.signed_at = 0;
	s.due = 0;
	if ((rc = checkpoint_latest(txn, &cp)) == BB_OK) {
		s.signed_size = cp.size;
		memcpy(s.signed_root, cp.root, 32);
	}
	return rc == BB_NOT_FOUND ? BB_OK : rc;
}

void
signing_free(void)
{
	if (s.timer)
		event_free(s.timer);
	s.timer = NULL;
}

const struct signer *
signing_key(void)
{
	return &s.signer;
}

uint64_t
signing_signed(void)
{
	return s.signed_size;
}

/*
 * Whether the turn must sign the tree it starts from before this
 * operation reads: the latest checkpoint, a proof without a size or
 * beyond the latest checkpoint, a consistency to a size beyond it, a
 * verification. (Only a tree with entries after the latest checkpoint
 * is signed, dispatch.c.)
 */
int
signing_wanted(const PbOp *op)
{
	switch (op->kind_case) {
	case BORGERBUDGET__V1__OP__KIND_CHECKPOINT:
		return !op->checkpoint->verifier_key;
	case BORGERBUDGET__V1__OP__KIND_PROOF:
		return op->proof->size == 0 ||
		    op->proof->size > s.signed_size ||
		    op->proof->seq > s.signed_size;
	case BORGERBUDGET__V1__OP__KIND_CONSISTENCY:
		return op->consistency->new_size > s.signed_size;
	case BORGERBUDGET__V1__OP__KIND_VERIFY:
		/* Its verdict names the latest checkpoint: one that covers
		 * what was acknowledged before it, not a tail to explain. */
		return 1;
	default:
		return 0;
	}
}

/* The timer fired: a turn of its own signs the tail. Taken once. */
int
signing_due(void)
{
	return s.due;
}

int
signing_take_due(void)
{
	int	 due = s.due;

	s.due = 0;
	return due;
}

/* A turn that appends signs what it leaves when the latest checkpoint is
 * old, or when there is none yet: a journal never lacks one. */
int
signing_stale(void)
{
	return s.signed_size == 0 || s.signed_at == 0 ||
	    mono_us() - s.signed_at >= SIGN_EVERY_US;
}

/*
 * Signs the tree of t->next_seq - 1 entries inside the turn's own
 * transaction: a checkpoint commits with the entries it covers, or not at
 * all.
 */
int
signing_sign(struct turn *t)
{
	uint8_t		 root[32];
	char		 note[CHECKPOINT_MAX];
	uint64_t	 size = t->next_seq - 1;
	int		 len, rc;

	if ((rc = journal_root(t->txn, size, root)) != BB_OK)
		return rc;
	if (s.signed_size > 0 && journal_consistent(t->txn, s.signed_size,
	    s.signed_root, size, root) != BB_OK) {
		log_warnx("the tree of %llu entries does not extend the "
		    "checkpoint of %llu: refusing to sign",
		    (unsigned long long)size,
		    (unsigned long long)s.signed_size);
		return BB_INTERNAL;
	}
	if ((len = checkpoint_sign(&s.signer, size, root,
	    s.signed_size, note, sizeof(note))) == -1)
		return BB_INTERNAL;
	if ((rc = checkpoint_put(t->txn, size, root, note, (size_t)len)) !=
	    BB_OK)
		return rc;
	t->signed_size = size;
	memcpy(t->root, root, 32);
	return BB_OK;
}

/* After a commit: the tree just signed is the one the next extends. */
void
signing_committed(uint64_t size, const uint8_t *root)
{
	s.signed_size = size;
	memcpy(s.signed_root, root, 32);
	s.signed_at = mono_us();
}

/*
 * After every turn: entries left unsigned are signed by the timer when
 * the latest checkpoint is SIGN_EVERY_US old, if no turn did it first.
 */
void
signing_after(uint64_t size)
{
	struct timeval	 tv = { 0, 0 };
	int64_t		 wait;

	if (size <= s.signed_size || s.timer == NULL ||
	    evtimer_pending(s.timer, NULL) || s.due)
		return;
	wait = s.signed_at + SIGN_EVERY_US - mono_us();
	if (wait > 0)
		tv.tv_usec = (suseconds_t)wait;
	evtimer_add(s.timer, &tv);
}
