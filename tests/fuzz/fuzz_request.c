/*
 * Request decoding and dispatch: the input is what a client writes on the
 * socket, a stream of frames. Each is cut by frame_next and unpacked as
 * server.c does, queued, and the whole input applied as one turn by the
 * real dispatch_run, with its write transaction, checkpoint and commit,
 * against a temporary database (on tmpfs when there is one). The database
 * starts with a pool "fuzz" and a citizen "c1" with budget, so mutated
 * operations find something to act on. By default it is made afresh for
 * every input, so that an input that crashes crashes again alone, as the
 * committed corpus needs; FUZZ_RESET_EVERY=N keeps one database for N
 * inputs (0: until it has grown past STORE_RESET), so that state builds
 * up across inputs, at the cost of that reproducibility.
 *
 * The socket side is replaced here (client_hold, client_send, ...): every
 * response must decode, come in request order, and hold one result per
 * operation, or the request's refusal; no result may be INTERNAL.
 */

#include <sys/stat.h>
#include <sys/statvfs.h>

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <sodium.h>

#include "codes.h"
#include "config.h"
#include "date.h"
#include "dispatch.h"
#include "expiry.h"
#include "follow.h"
#include "frame.h"
#include "log.h"
#include "server.h"
#include "store.h"
#include "turn.h"
#include "upload.h"
#include "wire.h"

#define MAX_FRAMES	64
#define MAP_SIZE	(256ULL << 20)
#define STORE_RESET	(16ULL << 20)

struct client {
	int		 refs;
	struct actor	 actor;
	int		 following;	/* its export became a subscription */
	int		 closing;
	uint64_t	 cursor;
	struct upload	*upload;	/* staged in the database's directory */
};

static struct client	 peer;
static struct config	 conf;
static struct store	*store;
static struct event_base *evbase;	/* for the expiry and signing timers */
static unsigned long	 reset_every = 1, inputs;
static char		 dir[64], keydir[64];

/* What each queued request must be answered with, in order. */
static size_t		 expect_results[MAX_FRAMES + 1];
static int		 nexpect, nanswered;

void
client_hold(struct client *c)
{
	c->refs++;
}

void
client_release(struct client *c)
{
	if (--c->refs < 0)
		abort();
}

const struct actor *
client_actor(struct client *c)
{
	return &c->actor;
}

void
client_follow(struct client *c, uint64_t seq)
{
	c->following = 1;
	c->cursor = seq;
}

uint64_t *
client_cursor(struct client *c)
{
	return &c->cursor;
}

/* Uploads are fed like any request: their chunks are staged in a file of
 * the database's directory, as the server's clients' are. */
struct upload *
client_upload(struct client *c)
{
	if (c->upload == NULL && (c->upload = upload_new(dir)) == NULL)
		abort();
	return c->upload;
}

enum lang
client_lang(struct client *c)
{
	(void)c;
	return LANG_EN;
}

/* The harness takes every response at once. */
size_t
client_unsent(struct client *c)
{
	(void)c;
	return 0;
}

void
client_close_after(struct client *c)
{
	c->closing = 1;
}

/* Never called: requests answered off the loop are not fed (below). */
void
client_pause(struct client *c)
{
	(void)c;
	abort();
}

void
client_resume(struct client *c)
{
	(void)c;
	abort();
}

/*
 * A backup copies the database to a directory the request names (not
 * something to let a fuzzer do), and a verify replays the whole journal:
 * both answer from a thread of their own after the turn, which this
 * harness does not run. Such requests are skipped.
 */
static int
answered_later(const PbRequest *req)
{
	for (size_t i = 0; i < req->n_ops; i++)
		if (req->ops[i]->kind_case == BORGERBUDGET__V1__OP__KIND_BACKUP ||
		    req->ops[i]->kind_case == BORGERBUDGET__V1__OP__KIND_VERIFY)
			return 1;
	return 0;
}

void
server_each_follower(void (*fn)(struct client *, void *), void *arg)
{
	if (peer.following && !peer.closing)
		fn(&peer, arg);
}

/* After the answers, a follower gets pages of what was committed. */
static void
pushed(const PbResponse *resp)
{
	if (!peer.following)
		abort();
	if (resp->n_results == 0 ? resp->code == 0 :
	    resp->n_results != 1 || resp->results[0]->page == NULL)
		abort();
}

void
client_send(struct client *c, const uint8_t *msg, size_t len)
{
	PbResponse	*resp;
	size_t		 i;

	(void)c;
	if (len > FRAME_MAX)
		abort();
	if ((resp = borgerbudget__v1__response__unpack(NULL, len, msg)) ==
	    NULL)
		abort();
	if (nanswered >= nexpect) {
		pushed(resp);
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		return;
	}
	if (expect_results[nanswered] == 0) {
		/* A request refused as a whole. */
		if (resp->n_results != 0 || resp->code == 0)
			abort();
	} else if (resp->n_results != expect_results[nanswered] &&
	    !(resp->n_results == 0 && resp->code != 0)) {
		abort();
	}
	if (getenv("FUZZ_DEBUG")) {
		fprintf(stderr, "response %d: code %d %s\n", nanswered,
		    resp->code, resp->message ? resp->message : "");
		for (i = 0; i < resp->n_results; i++)
			fprintf(stderr, "  result %zu: code %d seq %llu %s\n",
			    i, resp->results[i]->code,
			    (unsigned long long)resp->results[i]->seq,
			    resp->results[i]->message ?
			    resp->results[i]->message : "");
	}
	/* INTERNAL and STORAGE_FULL are for a broken or full database, and
	 * this one is neither: from a request they are a bug. */
	if (resp->code == BB_INTERNAL || resp->code == BB_STORAGE_FULL)
		abort();
	for (i = 0; i < resp->n_results; i++)
		if (resp->results[i]->code == BB_INTERNAL ||
		    resp->results[i]->code == BB_STORAGE_FULL ||
		    (int)resp->results[i]->code < 0 ||
		    (int)resp->results[i]->code >= BB_NCODES ||
		    (resp->results[i]->code != 0 &&
		    (resp->results[i]->message == NULL ||
		    resp->results[i]->message[0] == '\0')))
			abort();
	nanswered++;
	borgerbudget__v1__response__free_unpacked(resp, NULL);
}

/* The dispatcher's view of these stand-ins. */
static const struct peer stand_ins = {
	client_actor, client_hold, client_release, client_send,
	client_close_after, client_follow, follow_push, client_upload
};

/* One request, built as a client builds it, through the socket's path. */
static void
queue_packed(const PbRequest *req)
{
	uint8_t		 buf[4096];
	size_t		 len;
	PbRequest	*copy;

	if ((len = borgerbudget__v1__request__get_packed_size(req)) >
	    sizeof(buf))
		abort();
	borgerbudget__v1__request__pack(req, buf);
	if ((copy = dispatch_decode(buf, len)) == NULL)
		abort();
	expect_results[nexpect++] = copy->n_ops;
	dispatch_request(&peer, copy);
}

static void
op_id(PbOp *op, uint8_t *id, int n)
{
	memset(id, 0, 16);
	id[0] = 0xf0;
	id[15] = (uint8_t)n;
	op->id.data = id;
	op->id.len = 16;
}

/* A pool around today, funded, and a citizen with a course and budget:
 * entries 1 pool create, 2 fund, 3 and 4 course open with its grant,
 * 5 a spend, 6 an open reservation. */
static void
baseline(void)
{
	Borgerbudget__V1__PoolCreate	 pc = BORGERBUDGET__V1__POOL_CREATE__INIT;
	Borgerbudget__V1__PoolFund	 pf = BORGERBUDGET__V1__POOL_FUND__INIT;
	Borgerbudget__V1__CourseOpen	 co = BORGERBUDGET__V1__COURSE_OPEN__INIT;
	Borgerbudget__V1__Spend		 sp = BORGERBUDGET__V1__SPEND__INIT;
	Borgerbudget__V1__Reserve	 rs = BORGERBUDGET__V1__RESERVE__INIT;
	PbPoolRules	 rules = BORGERBUDGET__V1__POOL_RULES__INIT;
	PbOp		 ops[5], *opv[5];
	PbRequest	 req = BORGERBUDGET__V1__REQUEST__INIT;
	uint8_t		 ids[5][16];
	char		 from[DATE_BUFSZ], to[DATE_BUFSZ], start[DATE_BUFSZ];
	int32_t		 today = date_today();
	int		 i;

	for (i = 0; i < 5; i++) {
		borgerbudget__v1__op__init(&ops[i]);
		op_id(&ops[i], ids[i], i);
		opv[i] = &ops[i];
	}
	rules.name = "Fuzz pool";
	rules.cap = 5000000;
	rules.months = 12;
	rules.valid_from = (char *)date_format(today - 400, from);
	rules.valid_to = (char *)date_format(today + 800, to);
	rules.grace_days = 30;
	pc.pool = "fuzz";
	pc.rules = &rules;
	ops[0].kind_case = BORGERBUDGET__V1__OP__KIND_POOL_CREATE;
	ops[0].pool_create = &pc;
	pf.pool = "fuzz";
	pf.amount = 100000000;
	ops[1].kind_case = BORGERBUDGET__V1__OP__KIND_POOL_FUND;
	ops[1].pool_fund = &pf;
	co.citizen = "c1";
	co.pool = "fuzz";
	co.start = (char *)date_format(today - 30, start);
	co.grant = 2000000;
	ops[2].kind_case = BORGERBUDGET__V1__OP__KIND_COURSE_OPEN;
	ops[2].course_open = &co;
	sp.citizen = "c1";
	sp.amount = 150000;
	sp.category = "electronics";
	sp.voucher = "INV-1";
	ops[3].kind_case = BORGERBUDGET__V1__OP__KIND_SPEND;
	ops[3].spend = &sp;
	rs.citizen = "c1";
	rs.amount = 100000;
	rs.category = "housing";
	ops[4].kind_case = BORGERBUDGET__V1__OP__KIND_RESERVE;
	ops[4].reserve = &rs;
	req.ops = opv;
	req.n_ops = 5;
	queue_packed(&req);
	dispatch_run();
	if (nanswered != nexpect)
		abort();
	nexpect = nanswered = 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static void
database_close(void)
{
	expiry_free();
	dispatch_free();
	store_close(store);
	store = NULL;
	upload_free(peer.upload);
	peer.upload = NULL;
	nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* tmpfs makes the commits' syncs cheap, when it has room to spare (a
 * container's /dev/shm may have 64 MiB). */
static const char *
database_parent(void)
{
	struct statvfs	 st;

	if (access("/dev/shm", W_OK) == 0 && statvfs("/dev/shm", &st) == 0 &&
	    (uint64_t)st.f_bavail * st.f_frsize > 4 * STORE_RESET)
		return "/dev/shm";
	return getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
}

static void
database_open(void)
{
	const char	*base = database_parent();

	peer.following = peer.closing = 0;

	snprintf(dir, sizeof(dir), "%.40s/bb-fuzz.XXXXXX", base);
	if (mkdtemp(dir) == NULL)
		abort();
	config_defaults(&conf);
	snprintf(conf.data_dir, sizeof(conf.data_dir), "%s", dir);
	/* One key for every database: made once, it costs no sync after. */
	if (keydir[0] == '\0') {
		snprintf(keydir, sizeof(keydir), "%.40s/bb-fuzz-key.XXXXXX",
		    base);
		if (mkdtemp(keydir) == NULL)
			abort();
	}
	snprintf(conf.signing_key, sizeof(conf.signing_key),
	    "%s/checkpoint.key", keydir);
	conf.map_size = MAP_SIZE;
	if (store_open(&store, dir, conf.map_size, 0) != BB_OK ||
	    dispatch_init(evbase, store, &conf, &stand_ins) == -1)
		abort();
	expiry_init(evbase);
	event_base_loop(evbase, EVLOOP_NONBLOCK);
	baseline();
}

static void
at_exit(void)
{
	if (store)
		database_close();
	if (keydir[0])
		nftw(keydir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	PbRequest	*req;
	uint64_t	 mapsize, used;
	size_t		 pos = 0;
	uint32_t	 len;
	int		 rc;

	if (store == NULL) {
		date_init();
		log_init(1, 0);
		if (sodium_init() == -1)
			abort();
		peer.actor.uid = 0;
		snprintf(peer.actor.name, sizeof(peer.actor.name), "fuzz");
		peer.actor.role = ROLE_ADMIN;
		if ((evbase = event_base_new()) == NULL)
			abort();
		if (getenv("FUZZ_RESET_EVERY"))
			reset_every = strtoul(getenv("FUZZ_RESET_EVERY"),
			    NULL, 10);
		database_open();
		atexit(at_exit);
	}
	nexpect = nanswered = 0;
	while (nexpect < MAX_FRAMES) {
		rc = frame_next(data + pos, size - pos, &len);
		if (rc == FRAME_PARTIAL)
			break;
		if (rc == FRAME_TOO_BIG) {
			/* The server answers once and closes. */
			expect_results[nexpect++] = 0;
			dispatch_refusal(&peer, BB_BAD_REQUEST, "too big",
			    LANG_EN);
			break;
		}
		pos += FRAME_HEADER;
		req = dispatch_decode(data + pos, len);
		pos += len;
		if (req != NULL && answered_later(req))
			continue;	/* decoded into the arena: goes with it */
		if (req == NULL) {
			expect_results[nexpect++] = 0;
			dispatch_refusal(&peer, BB_BAD_REQUEST, "not a Request",
			    LANG_EN);
		} else {
			expect_results[nexpect++] = req->n_ops;
			dispatch_request(&peer, req);
		}
	}
	/* As budgetd's loop: timers, then the turn. */
	event_base_loop(evbase, EVLOOP_NONBLOCK);
	if (dispatch_pending())
		dispatch_run();
	if (nanswered != nexpect || peer.refs != 0)
		abort();
	store_usage(store, &mapsize, &used);
	if (used > STORE_RESET || (reset_every && ++inputs % reset_every == 0)) {
		database_close();
		database_open();
	}
	return 0;
}
