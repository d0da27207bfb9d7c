#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <sodium.h>

#include "arena.h"
#include "checkpoint.h"
#include "lang.h"
#include "codes.h"
#include "config.h"
#include "date.h"
#include "dispatch.h"
#include "expiry.h"
#include "frame.h"
#include "id_index.h"
#include "ids.h"
#include "journal.h"
#include "log.h"
#include "operations.h"
#include "ops.h"
#include "sha256.h"
#include "signing.h"
#include "stats.h"
#include "store.h"

struct pending {
	TAILQ_ENTRY(pending)	 entry;
	struct client		*client;
	PbRequest		*request;	/* NULL: refused as a whole */
	PbResult		*results;
	int			 code;
	const char		*message;
	enum lang		 lang;		/* of its answer */
	int			 full;		/* did not fit: refused whole */
	int			 staged;	/* an upload, applied once: a
						   turn tried again skips it */
};

TAILQ_HEAD(pending_queue, pending);

/* Attempts at a turn that runs out of room, each without the request
 * that did not fit; then every request that writes is refused and the
 * reads are answered. */
#define TURN_ATTEMPTS	4


static struct {
	struct store		*store;
	const struct config	*conf;
	struct arena		*arena;
	struct pending_queue	 queue;
	uint64_t		 next_seq;	/* after the last commit */
	int64_t			 last_recorded;
	ProtobufCAllocator	 requests;	/* into the turn's arena */
	const struct peer	*peer;		/* its clients' part */
	struct store_txn	*open;		/* the turn's, until it ends */
	dispatch_later_fn	 later[DISPATCH_KINDS];	/* by Op kind */
	enum lang		 later_lang;	/* of the one being started */
	int			 compact;	/* owed since an erasure */
	int			 sign_tail;	/* sign, though nobody asked */
} d;

/* Who answers an operation answered later (budgetd.c registers the
 * server's backup and verify): the dispatcher does not know them. */
void
dispatch_later(int kind, dispatch_later_fn fn)
{
	if (kind < 0 || kind >= DISPATCH_KINDS)
		fatalx("%s: operation kind %d", __func__, kind);
	d.later[kind] = fn;
}

/* The language of the request a dispatch_later_fn is starting on: its
 * answer, later, is worded in it. */
enum lang
dispatch_later_lang(void)
{
	return d.later_lang;
}

/* A request too large for memory is refused, not fatal. */
static void *
request_alloc(void *arena, size_t n)
{
	return arena_try_alloc(arena, n);
}

static void
request_free(void *arena, void *p)
{
	(void)arena;
	(void)p;
}

/*
 * Requests are decoded into the turn's arena and go with it when their
 * responses are sent: a request of 1000 spends was 7000 mallocs and as
 * many frees. Every request dispatch_request takes comes from here.
 */
PbRequest *
dispatch_decode(const uint8_t *buf, size_t len)
{
	return borgerbudget__v1__request__unpack(&d.requests, len, buf);
}

int
dispatch_init(struct event_base *base, struct store *store,
    const struct config *conf, const struct peer *peer)
{
	struct store_txn	*txn;
	uint64_t		 last;
	int			 rc;

	d.peer = peer;
	d.store = store;
	d.conf = conf;
	d.arena = arena_new();
	d.requests.alloc = request_alloc;
	d.requests.free = request_free;
	d.requests.allocator_data = d.arena;
	TAILQ_INIT(&d.queue);
	if ((rc = store_begin(store, 0, &txn)) != BB_OK)
		return -1;
	rc = journal_last_seq(txn, &last, &d.last_recorded);
	if (rc == BB_OK)
		rc = signing_init(txn, conf, base);
	if (rc == BB_OK)
		rc = ids_load(txn, last);
	store_abort(txn);
	if (rc != BB_OK) {
		log_warnx("%s: cannot read the end of the journal", __func__);
		return -1;
	}
	d.next_seq = last + 1;
	log_info("journal holds %llu entries, %zu operations' ids",
	    (unsigned long long)last, id_index_len());
	return 0;
}

/*
 * A turn of its own that only signs the entries after the latest
 * checkpoint, if there are any: at start (once expiry_init ran), as a
 * crash can leave some, and at a clean stop. Failing, the timer tries
 * again while the daemon runs.
 */
void
dispatch_sign_tail(void)
{
	if (d.next_seq - 1 <= signing_signed())
		return;
	d.sign_tail = 1;
	dispatch_run();
	if (d.next_seq - 1 > signing_signed())
		log_warnx("entries %llu to %llu could not be signed",
		    (unsigned long long)signing_signed() + 1,
		    (unsigned long long)(d.next_seq - 1));
	else
		log_info("signed the checkpoint of %llu entries",
		    (unsigned long long)(d.next_seq - 1));
}

const struct signer *
dispatch_signer(void)
{
	return signing_key();
}

void
dispatch_free(void)
{
	signing_free();
	id_index_free();
	arena_free(d.arena);
	d.arena = NULL;
}

static void
enqueue(struct client *c, PbRequest *req, int code, const char *message,
    enum lang lang)
{
	struct pending	*p;

	/* Without memory to queue it the request can have no answer in
	 * its place: the client is closed, the daemon goes on. */
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		log_warn("%s: closing the client", __func__);
		d.peer->close(c);
		return;
	}
	p->client = c;
	p->request = req;
	p->code = code;
	p->message = message;
	p->lang = lang;
	d.peer->hold(c);
	TAILQ_INSERT_TAIL(&d.queue, p, entry);
}

void
dispatch_request(struct client *c, PbRequest *req)
{
	const struct operation	*o;
	char			*why;
	enum lang		 l = lang_parse(req->language);

	if (req->n_ops == 0) {
		enqueue(c, NULL, BB_BAD_REQUEST, lang_text(l,
		    N_("the request holds no operation")), l);
		return;
	}
	for (size_t i = 0; req->n_ops > 1 && i < req->n_ops; i++)
		if ((o = operation_of(req->ops[i])) != NULL && (o->later ||
		    o->kind == BORGERBUDGET__V1__OP__KIND_UPLOAD)) {
			if ((why = arena_try_alloc(d.arena, 64)) != NULL)
				snprintf(why, 64, lang_text(l,
				    N_("%s is a request of its own")), o->name);
			enqueue(c, NULL, BB_BAD_REQUEST, why ? why :
			    lang_text(l, N_("an operation answered later is "
			    "a request of its own")), l);
			return;
		}
	enqueue(c, req, BB_OK, NULL, l);
}

/* A refusal of a whole request keeps its place among the responses;
 * message is in the words of lang already. */
void
dispatch_refusal(struct client *c, int code, const char *message,
    enum lang lang)
{
	enqueue(c, NULL, code, message, lang);
}

/* A compaction waits for the readers of other threads (a backup, a
 * verification) to finish; the loop comes back when one answers. */
static int
compact_due(void)
{
	return d.compact && store_readers(d.store) == 0;
}

int
dispatch_pending(void)
{
	return !TAILQ_EMPTY(&d.queue) || expiry_due() || compact_due() ||
	    signing_due();
}

/*
 * After an erasure, the database rewritten without the pages that held
 * the erased bytes (store_compact), between two turns: no transaction is
 * open, and none begins until it is done. A failure leaves the "compact"
 * row for the next try, or the next start.
 */
static void
compact_now(void)
{
	uint64_t	 start = time_now_us();
	int		 rc;

	if (!compact_due())
		return;
	if ((rc = store_compact(d.store, d.conf->data_dir)) != BB_OK) {
		log_warnx("compaction after an erasure failed (%s); it is "
		    "tried again", code_name(rc));
		/* Past its rename, a database that cannot be opened again
		 * leaves nothing to serve from: the next start compacts
		 * or opens whichever file is in place. */
		if (!store_usable(d.store))
			fatalx("the database could not be opened again after "
			    "its compaction: %s", d.conf->data_dir);
		return;
	}
	d.compact = 0;
	log_info("compacted the database after an erasure in %.1f s",
	    (double)(time_now_us() - start) / 1e6);
}

static void
run_op(struct turn *t, const struct actor *actor, const PbOp *op,
    PbResult *res)
{
	const struct operation	*o;
	uint8_t			 hash[32];
	int			 code, seen = 0;

	t->actor = actor;
	t->message = NULL;
	t->first_seq = 0;
	t->id = NULL;
	t->rules.rest_of = 0;	/* what a refused operation left owed */
	if ((o = operation_of(op)) == NULL) {
		code = turn_refuse(t, BB_BAD_REQUEST, "unknown operation");
		goto done;
	}
	if (!(o->roles & ROLE(actor->role))) {
		code = turn_refuse(t, BB_PERMISSION_DENIED, "%s may not %s",
		    actor->name, o->name);
		goto done;
	}
	if (o->write) {
		if (op->id.len != 16) {
			code = turn_refuse(t, BB_BAD_REQUEST,
			    "a write needs a 16-byte id");
			goto done;
		}
		ids_content_hash(t, op, hash);
		if ((code = ids_seen(t, op, hash, res, &seen)) != BB_OK || seen)
			goto done;
		t->id = op->id.data;
	}
	if (o->later)
		code = d.later[o->kind] ? BB_OK : BB_INTERNAL;
	else
		code = o->handler(t, op, res);
	if (code == BB_OK && o->write)
		code = ids_remember(t, op, hash, res);
	/* A handler may have turned the store's failure into a code of its
	 * own; the store's is the one that says what happened. */
	if (store_failed(t->txn) != BB_OK)
		code = store_failed(t->txn);
done:
	res->code = (Borgerbudget__V1__Code)code;
	if (code != BB_OK) {
		res->message = (char *)(t->message ? t->message :
		    operation_refusal(t->lang, code));
		res->seq = 0;
		res->course = 0;
	} else if (o->write) {
		res->id.data = arena_memdup(t->arena, op->id.data, 16);
		res->id.len = 16;
	}
}

/*
 * Handlers check every rule before they write, so a refusal writes
 * nothing. One that fails after its first entry (a damaged record) would
 * leave a half-applied group in the turn's transaction: the whole turn is
 * then abandoned instead of committed. A failure of the store itself is
 * the turn's already (turn_apply).
 */
static void
run_op_alone(struct turn *t, const struct actor *actor, const PbOp *op,
    PbResult *res)
{
	uint64_t	 before = t->next_seq;

	run_op(t, actor, op, res);
	if (res->code != BORGERBUDGET__V1__CODE__OK && t->next_seq != before &&
	    store_failed(t->txn) == BB_OK) {
		log_warnx("%s failed after appending entry %llu: abandoning "
		    "the turn", operation_of(op)->name,
		    (unsigned long long)before);
		t->broken = 1;
	}
}

static void
refuse_result(struct turn *t, PbResult *res, int code, const char *message)
{
	borgerbudget__v1__result__init(res);
	res->code = (Borgerbudget__V1__Code)code;
	(void)t;
	res->message = (char *)message;	/* static, or the turn's arena */
}

/* All operations of an atomic request, or none of them. */
static void
run_atomic(struct turn *t, struct pending *p, const struct actor *actor)
{
	struct store_txn	*parent = t->txn, *child;
	uint64_t		 seq = t->next_seq;
	size_t			 i, failed = p->request->n_ops;
	int			 code;
	char			*why;

	if ((code = store_begin_child(parent, &child)) != BB_OK) {
		for (i = 0; i < p->request->n_ops; i++)
			refuse_result(t, &p->results[i], code,
			    operation_refusal(t->lang, code));
		return;
	}
	t->txn = child;
	for (i = 0; i < p->request->n_ops && failed == p->request->n_ops; i++) {
		run_op(t, actor, p->request->ops[i], &p->results[i]);
		if (p->results[i].code != BORGERBUDGET__V1__CODE__OK)
			failed = i;
	}
	t->txn = parent;
	if (failed == p->request->n_ops &&
	    (code = store_commit(child)) == BB_OK)
		return;
	if (failed == p->request->n_ops) {
		for (i = 0; i < p->request->n_ops; i++)
			refuse_result(t, &p->results[i], code,
			    operation_refusal(t->lang, code));
	} else {
		store_abort(child);
		code = p->results[failed].code;
		why = arena_printf(t->arena, lang_text(t->lang,
		    N_("not applied: operation %zu of this atomic request "
		    "was refused")), failed + 1);
		for (i = 0; i < p->request->n_ops; i++)
			if (i != failed) {
				refuse_result(t, &p->results[i], code, why);
				p->results[i].not_applied = 1;
			}
	}
	t->next_seq = seq;
}

static int
pending_writes(const struct pending *p)
{
	size_t	 i;

	if (p->request == NULL || p->full)
		return 0;
	/* Its child transaction needs a write transaction, even when it
	 * only reads. */
	if (p->request->atomic)
		return 1;
	for (i = 0; i < p->request->n_ops; i++)
		if (operation_of(p->request->ops[i]) &&
		    operation_of(p->request->ops[i])->write)
			return 1;
	return 0;
}

static int
turn_writes(void)
{
	struct pending	*p;

	TAILQ_FOREACH(p, &d.queue, entry)
		if (pending_writes(p))
			return 1;
	return 0;
}

/* A request of the turn reads a checkpoint that must cover every entry
 * acknowledged before it. */
static int
turn_wants_checkpoint(void)
{
	struct pending	*p;
	size_t		 i;

	TAILQ_FOREACH(p, &d.queue, entry)
		for (i = 0; p->request && !p->full && i < p->request->n_ops;
		    i++)
			if (signing_wanted(p->request->ops[i]))
				return 1;
	return 0;
}

/* Every result of the turn becomes the failure of its commit. */
static void
turn_failed(struct turn *t, int code)
{
	struct pending	*p;
	size_t		 i;

	TAILQ_FOREACH(p, &d.queue, entry)
		for (i = 0; p->request && !p->full && !p->staged &&
		    i < p->request->n_ops; i++)
			refuse_result(t, &p->results[i], code,
			    operation_refusal(p->lang, code));
}

/* A request that did not fit is refused whole: none of it was written,
 * and the same request succeeds once there is room. */
static void
pending_full(struct turn *t, struct pending *p)
{
	size_t	 i;

	p->full = 1;
	for (i = 0; i < p->request->n_ops; i++)
		refuse_result(t, &p->results[i], BB_STORAGE_FULL,
		    lang_text(p->lang, N_("the database or its file system "
		    "is full; nothing of this request was written")));
}

/*
 * The one way a response leaves the daemon: packed, held to the frame
 * limit (a response that would pass it becomes a refusal saying so, in
 * lang, the language of the request it answers), sent through the peer.
 * Without memory to pack it the client cannot have its answers in order
 * any more: it is closed, the daemon goes on.
 */
void
dispatch_send(struct client *c, PbResponse *resp, enum lang lang)
{
	uint8_t	*buf;
	size_t	 len;

	len = borgerbudget__v1__response__get_packed_size(resp);
	if (len > FRAME_MAX) {
		resp->n_results = 0;
		resp->code = BORGERBUDGET__V1__CODE__BAD_REQUEST;
		resp->message = (char *)lang_text(lang, N_("the response "
		    "would exceed the frame limit; ask for less (a date "
		    "range, a smaller page)"));
		len = borgerbudget__v1__response__get_packed_size(resp);
	}
	if ((buf = malloc(len)) == NULL) {
		log_warn("%s: closing the client", __func__);
		d.peer->close(c);
		return;
	}
	borgerbudget__v1__response__pack(resp, buf);
	d.peer->send(c, buf, len);
	free(buf);
}

static void
respond(struct pending *p)
{
	PbResponse	 resp = BORGERBUDGET__V1__RESPONSE__INIT;
	PbResult	**results = NULL;
	size_t		 i;

	if (p->request) {
		if ((results = arena_try_alloc(d.arena, p->request->n_ops *
		    sizeof(*results))) == NULL) {
			log_warn("%s: closing the client", __func__);
			d.peer->close(p->client);
			return;
		}
		for (i = 0; i < p->request->n_ops; i++)
			results[i] = &p->results[i];
		resp.results = results;
		resp.n_results = p->request->n_ops;
	} else {
		resp.code = (Borgerbudget__V1__Code)p->code;
		resp.message = (char *)p->message;
	}
	dispatch_send(p->client, &resp, p->lang);
}

/* The operation that answers this request later, off the loop; NULL
 * when the turn's response is the answer. */
static const struct operation *
answered_later(const struct pending *p)
{
	const struct operation	*o;

	if (p->request == NULL || p->request->n_ops != 1 ||
	    p->results[0].code != BORGERBUDGET__V1__CODE__OK ||
	    (o = operation_of(p->request->ops[0])) == NULL || !o->later)
		return NULL;
	return o;
}

/* An export with follow that was answered becomes a subscription. */
static int
follow_start(struct pending *p)
{
	const PbOp	*op;
	size_t		 i;
	int		 started = 0;

	for (i = 0; p->request && i < p->request->n_ops; i++) {
		op = p->request->ops[i];
		if (op->kind_case != BORGERBUDGET__V1__OP__KIND_EXPORT ||
		    !op->export->follow ||
		    p->results[i].code != BORGERBUDGET__V1__CODE__OK)
			continue;
		d.peer->follow(p->client, op->export->since +
		    p->results[i].page->n_entries);
		started = 1;
	}
	return started;
}

/*
 * One attempt at the turn: the requests not refused yet, in one write
 * transaction, committed with a checkpoint when one is owed. With sign,
 * the tree the turn starts from is signed before any request reads, so a
 * checkpoint read covers every entry acknowledged before. When the store
 * runs out of room, LMDB's transaction is dead; *blame is then the
 * request to refuse before the next attempt: the one that ran out of
 * room, or else (the checkpoint or the commit did) the last one that
 * wrote.
 */
static int
turn_apply(struct turn *t, int expire, int sign, struct pending **blame,
    int *committed)
{
	struct pending	*p;
	uint64_t	 before;
	size_t		 i;
	int		 write, rc;

	*blame = NULL;
	*committed = 0;
	t->next_seq = d.next_seq;
	t->broken = 0;
	t->compact = 0;
	t->signed_size = 0;
	sign = sign && d.next_seq - 1 > signing_signed();
	write = turn_writes() || expire || sign;
	/* The daemon's own entries (expiry) say why in its log's words. */
	t->lang = lang_ui;
	t->rules.lang = lang_ui;
	if ((rc = store_begin(d.store, write, &t->txn)) != BB_OK)
		return rc;
	d.open = t->txn;
	if (sign && (rc = signing_sign(t)) != BB_OK) {
		d.open = NULL;
		store_abort(t->txn);
		return rc;
	}
	if (expire)
		expiry_run(t);
	TAILQ_FOREACH(p, &d.queue, entry) {
		if (p->request == NULL || p->full || p->staged)
			continue;
		for (i = 0; i < p->request->n_ops; i++)
			borgerbudget__v1__result__init(&p->results[i]);
		t->reply_bytes = 0;
		t->upload = d.peer->upload(p->client);
		t->lang = lang_parse(p->request->language);
		t->rules.lang = t->lang;
		before = t->next_seq;
		if (p->request->atomic)
			run_atomic(t, p, d.peer->actor(p->client));
		else
			for (i = 0; i < p->request->n_ops &&
			    store_failed(t->txn) == BB_OK; i++)
				run_op_alone(t, d.peer->actor(p->client),
				    p->request->ops[i], &p->results[i]);
		/* A chunk went to the staging file: it is not sent twice. */
		p->staged = p->request->n_ops == 1 &&
		    p->request->ops[0]->kind_case ==
		    BORGERBUDGET__V1__OP__KIND_UPLOAD;
		if (store_failed(t->txn) == BB_STORAGE_FULL) {
			*blame = p;
			d.open = NULL;
			store_abort(t->txn);
			return BB_STORAGE_FULL;
		}
		if (t->next_seq != before)
			*blame = p;
	}
	if (!write) {
		d.open = NULL;
		store_abort(t->txn);
		return BB_OK;
	}
	expiry_plan(t);
	rc = t->broken ? BB_INTERNAL : BB_OK;
	/* Signed once a turn at most; entries after a signature made at
	 * its start wait for the timer. */
	if (rc == BB_OK && t->next_seq > d.next_seq && !t->signed_size &&
	    signing_stale())
		rc = signing_sign(t);
	d.open = NULL;
	if (rc == BB_OK)
		rc = store_commit(t->txn);
	else
		store_abort(t->txn);
	/* No room is retried, and the store said so already. */
	if (rc != BB_OK && rc != BB_STORAGE_FULL)
		log_warnx("commit of %llu entries failed: %s",
		    (unsigned long long)(t->next_seq - d.next_seq),
		    code_name(rc));
	*committed = rc == BB_OK;
	return rc;
}

/*
 * A turn that runs out of memory in its arena comes back here
 * (arena_catch): its transaction, which may hold half of an operation,
 * is abandoned, and every request of the turn is refused INTERNAL; the
 * daemon goes on. What a handler held beside the arena (a decoded entry,
 * a cursor) is lost with it: a few bytes, where memory already failed.
 */
static int
turn_guarded(struct turn *t, int expire, int sign, struct pending **blame,
    int *committed)
{
	jmp_buf	 oom;
	int	 rc;

	if (setjmp(oom) != 0) {
		arena_catch(d.arena, NULL);
		log_warnx("out of memory in a turn: nothing of it was written");
		if (d.open)
			store_abort(d.open);
		d.open = NULL;
		*blame = NULL;
		*committed = 0;
		return BB_INTERNAL;
	}
	arena_catch(d.arena, &oom);
	rc = turn_apply(t, expire, sign, blame, committed);
	arena_catch(d.arena, NULL);
	return rc;
}

void
dispatch_run(void)
{
	struct turn		 t;
	struct pending		*p, *blame;
	const struct operation	*o;
	uint64_t		 first = d.next_seq;
	int			 rc, pushed, attempt, committed;
	int			 expire = expiry_due();
	int			 timer = signing_take_due();
	/* The timer's turn signs alone only when no write comes with it:
	 * a write turn signs at its end, being as stale. */
	int			 sign = (timer && !turn_writes()) ||
				    d.sign_tail || turn_wants_checkpoint();

	memset(&t, 0, sizeof(t));
	t.store = d.store;
	t.conf = d.conf;
	t.signer = signing_key();
	t.arena = d.arena;
	/* Recorded times never go backwards, whatever the clock does. */
	t.now_us = time_now_us();
	if (t.now_us < d.last_recorded)
		t.now_us = d.last_recorded;
	t.today = date_of_time(t.now_us);

	TAILQ_FOREACH(p, &d.queue, entry)
		if (p->request && (p->results = arena_try_alloc(d.arena,
		    p->request->n_ops * sizeof(*p->results))) == NULL) {
			p->request = NULL;
			p->code = BB_INTERNAL;
			p->message = lang_text(p->lang, N_("out of memory for "
			    "this request; nothing of it was written"));
		}
	for (attempt = 1;; attempt++) {
		rc = turn_guarded(&t, expire, sign, &blame, &committed);
		if (rc != BB_STORAGE_FULL)
			break;
		if (blame != NULL && attempt < TURN_ATTEMPTS) {
			pending_full(&t, blame);
			continue;
		}
		/* No room even for less: what only reads is answered. */
		TAILQ_FOREACH(p, &d.queue, entry)
			if (pending_writes(p))
				pending_full(&t, p);
		expire = sign = 0;
	}
	d.sign_tail = 0;
	if (rc != BB_OK) {
		turn_failed(&t, rc);
		goto respond;
	}
	if (!committed)
		goto respond;
	if (t.signed_size) {
		signing_committed(t.signed_size, t.root);
		if (timer && TAILQ_EMPTY(&d.queue))
			log_debug("the timer signed the checkpoint of %llu "
			    "entries", (unsigned long long)t.signed_size);
	}
	/* An erasure is answered once its bytes are gone from the file. */
	if (t.compact) {
		d.compact = 1;
		compact_now();
	}
	d.next_seq = t.next_seq;
	d.last_recorded = t.now_us;
	stats.commits++;
respond:
	pushed = d.next_seq > first;
	while ((p = TAILQ_FIRST(&d.queue)) != NULL) {
		TAILQ_REMOVE(&d.queue, p, entry);
		if ((o = answered_later(p)) != NULL) {
			d.later_lang = lang_parse(p->request->language);
			d.later[o->kind](p->client, p->request->ops[0]);
		} else
			respond(p);
		pushed |= follow_start(p);
		d.peer->release(p->client);
		free(p);
	}
	if (pushed)
		d.peer->committed(d.store, d.next_seq - 1);
	arena_reset(d.arena);
	if (rc == BB_INTERNAL)
		arena_trim(d.arena);
	compact_now();
	signing_after(d.next_seq - 1);
}
