/*
 * bench: closed-loop spends from N connections, B operations a request,
 * for S seconds, to size a machine. It sets up its own pool and citizens
 * on the daemon it is pointed at, with budget enough that no rule
 * refuses; only on an empty ledger, unless told --force. Latency is
 * measured per request, from the first byte sent to the last byte of the
 * response; only operations the daemon acknowledged as applied are
 * counted.
 *
 * With --receipt-size, every spend carries a voucher document of that
 * many bytes of its own (a different SHA-256 each, or the daemon would
 * keep one): uploaded in chunks on the spend's connection, then named by
 * the spend. Its latency runs from the first chunk's first byte to the
 * spend's answer.
 */

#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "args.h"
#include "lang.h"
#include "codes.h"
#include "commands.h"
#include "conn.h"
#include "date.h"
#include "frame.h"

#define BENCH_CAP	5000000		/* øre: a course's whole cap */
#define BENCH_SPEND	1		/* øre a spend */
#define BENCH_CITIZENS	16
#define BENCH_CHUNK	(1024U * 1024)	/* as budgetctl --receipt sends */
#define BENCH_DOC_MIN	64
#define BENCH_DOC_MAX	(1 << 30)
/* What makes a document its own: the last bytes, so the SHA-256 of all
 * before them is taken once and each document costs the client only
 * this much hashing (the daemon still hashes every byte). */
#define BENCH_DOC_TAIL	16

/*
 * bench_send writes fresh ids over a request packed once, at offsets
 * worked out from protobuf's encoding instead of packing again: each Op
 * of Request.ops is a one-byte tag and its length, and opens with Op.id,
 * a one-byte tag and a one-byte length before the id. The generated code
 * is held to that at compile time where its header says it, and by
 * bench_layout, before the daemon is touched, where only its
 * descriptors do (the field numbers).
 */
#define BENCH_OPS_FIELD	1		/* Request.ops */
#define BENCH_ID_FIELD	1		/* Op.id */
#define BENCH_ID_LEN	16
#define BENCH_TAG(f)	((f) << 3 | PROTOBUF_C_WIRE_TYPE_LENGTH_PREFIXED)

_Static_assert(BENCH_TAG(BENCH_OPS_FIELD) < 0x80 &&
    BENCH_TAG(BENCH_ID_FIELD) < 0x80, "bench: a tag is one byte");
_Static_assert(BENCH_ID_LEN < 0x80, "bench: an id's length is one byte");
/* The oneof's cases are its field numbers: the id is packed first. */
_Static_assert(BENCH_ID_FIELD < BORGERBUDGET__V1__OP__KIND_SPEND,
    "bench: Op.id comes before Op.spend");
_Static_assert(_Generic(((PbOp *)0)->id, ProtobufCBinaryData: 1,
    default: 0), "bench: Op.id is bytes");
_Static_assert(_Generic(((PbRequest *)0)->ops, PbOp **: 1, default: 0),
    "bench: Request.ops is a repeated Op");

struct bench {
	int			 nconn;
	int			 batch;
	int			 seconds;
	char			 pool[32];
	char			 citizens[BENCH_CITIZENS][48];
	uint8_t			 id_prefix[8];
	uint64_t		 next_id;
	uint64_t		 ops;		/* acknowledged as applied */
	uint64_t		 refused;
	size_t			 doc_size;	/* 0: spends without one */
	size_t			 doc_chunks;
	uint8_t			*doc;
	crypto_hash_sha256_state doc_head;	/* all but the tail */
	uint64_t		 next_doc;
	uint32_t		*lat;		/* µs, one per request */
	size_t			 nlat, caplat;
};

struct bench_conn {
	int			 fd;
	uint8_t			*req;		/* a frame, ids patched in */
	size_t			 reqlen, sent;
	size_t			*id_at;		/* offsets of the ids */
	size_t			 reqcap;
	size_t			 step;		/* the chunk under way; the
						   spend after the last */
	uint8_t			 tail[BENCH_DOC_TAIL];
	uint8_t			 sha256[32];
	uint8_t			*in;
	size_t			 inlen, got, incap;
	int64_t			 started;	/* µs, when the request went */
	int			 busy;
};

static int
bench_connect(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		fprintf(stderr, _("budgetctl: socket path too long: %s\n"),
		    path);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		fprintf(stderr,
		    _("budgetctl: cannot reach budgetd at %s: %s\n"), path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	return fd;
}

static void
bench_id(struct bench *b, uint8_t *id)
{
	uint64_t	 n = b->next_id++;

	memcpy(id, b->id_prefix, 8);
	for (int i = 15; i >= 8; i--, n >>= 8)
		id[i] = (uint8_t)n;
}

/* One setup call; every operation must succeed. */
static int
bench_setup_call(struct ctx *ctx, PbOp **ops, size_t n)
{
	PbResponse	*resp;
	size_t		 i;
	int		 rc;

	if ((rc = ctl_call(ctx, ops, n, &resp)) != EXIT_DONE)
		return rc;
	for (i = 0; (int)resp->code == BB_OK && i < resp->n_results; i++)
		if ((int)resp->results[i]->code != BB_OK)
			break;
	if ((int)resp->code != BB_OK || i < resp->n_results) {
		fprintf(stderr, _("budgetctl: bench setup refused: %s: %s\n"),
		    code_name((int)(resp->code ? resp->code :
		    resp->results[i]->code)), resp->code ? resp->message :
		    resp->results[i]->message);
		rc = EXIT_REFUSED;
	}
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return rc;
}

/*
 * A ledger keeps every entry for good, so a bench pointed at a real one
 * by mistake would leave its pool, citizens and spends there forever. It
 * writes only into an empty ledger, unless told --force.
 */
static int
bench_ledger_empty(struct ctx *ctx)
{
	Borgerbudget__V1__Status	 m = BORGERBUDGET__V1__STATUS__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	unsigned long long		 entries;
	unsigned int			 pools, citizens;
	int				 rc;

	op.kind_case = BORGERBUDGET__V1__OP__KIND_STATUS;
	op.status = &m;
	if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	if (r->status == NULL) {
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		return EXIT_UNREACHABLE;
	}
	entries = r->status->entries;
	pools = r->status->pools;
	citizens = r->status->citizens;
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	if (entries == 0)
		return EXIT_DONE;
	return usage_error(ctx, "bench writes a pool, %d citizens and their "
	    "spends, and a ledger keeps every entry for good: the ledger at %s "
	    "is not empty (entries %llu, pools %u, citizens %u). Run bench on "
	    "an empty ledger, or give --force to write into this one",
	    BENCH_CITIZENS, ctx->socket, entries, pools, citizens);
}

/* A pool and citizens of its own, so no rule ever refuses a spend. */
static int
bench_setup(struct ctx *ctx, struct bench *b)
{
	Borgerbudget__V1__PoolCreate	 pc = BORGERBUDGET__V1__POOL_CREATE__INIT;
	PbPoolRules			 rules = BORGERBUDGET__V1__POOL_RULES__INIT;
	Borgerbudget__V1__PoolFund	 pf = BORGERBUDGET__V1__POOL_FUND__INIT;
	Borgerbudget__V1__CourseOpen	 co[BENCH_CITIZENS];
	PbOp				 op[2 + BENCH_CITIZENS], *ops[2 +
					    BENCH_CITIZENS];
	uint8_t				 ids[2 + BENCH_CITIZENS][16];
	char				 from[DATE_BUFSZ], to[DATE_BUFSZ];
	char				 start[DATE_BUFSZ], tag[9];
	int32_t				 today = date_today();
	int				 i, rc;

	randombytes_buf(b->id_prefix, sizeof(b->id_prefix));
	sodium_bin2hex(tag, sizeof(tag), b->id_prefix, 4);
	snprintf(b->pool, sizeof(b->pool), "bench-%s", tag);
	for (i = 0; i < BENCH_CITIZENS; i++)
		snprintf(b->citizens[i], sizeof(b->citizens[i]),
		    "bench.%s.c%d", tag, i);
	for (i = 0; i < 2 + BENCH_CITIZENS; i++) {
		borgerbudget__v1__op__init(&op[i]);
		bench_id(b, ids[i]);
		op[i].id.data = ids[i];
		op[i].id.len = 16;
		ops[i] = &op[i];
	}
	rules.name = "budgetctl bench";
	rules.cap = BENCH_CAP;
	rules.months = 12;
	rules.valid_from = (char *)date_format(today - 30, from);
	rules.valid_to = (char *)date_format(today + 400, to);
	rules.grace_days = 30;
	pc.pool = b->pool;
	pc.rules = &rules;
	op[0].kind_case = BORGERBUDGET__V1__OP__KIND_POOL_CREATE;
	op[0].pool_create = &pc;
	pf.pool = b->pool;
	pf.amount = (int64_t)BENCH_CAP * BENCH_CITIZENS;
	op[1].kind_case = BORGERBUDGET__V1__OP__KIND_POOL_FUND;
	op[1].pool_fund = &pf;
	if ((rc = bench_setup_call(ctx, ops, 2)) != EXIT_DONE)
		return rc;
	date_format(today - 1, start);
	for (i = 0; i < BENCH_CITIZENS; i++) {
		borgerbudget__v1__course_open__init(&co[i]);
		co[i].citizen = b->citizens[i];
		co[i].pool = b->pool;
		co[i].start = start;
		co[i].grant = BENCH_CAP;
		op[2 + i].kind_case = BORGERBUDGET__V1__OP__KIND_COURSE_OPEN;
		op[2 + i].course_open = &co[i];
	}
	return bench_setup_call(ctx, ops + 2, BENCH_CITIZENS);
}

/* The field numbers the offsets are worked out from, and their order. */
static int
bench_layout(void)
{
	const ProtobufCMessageDescriptor	*rd, *od;
	const ProtobufCFieldDescriptor		*ops, *id;

	rd = &borgerbudget__v1__request__descriptor;
	od = &borgerbudget__v1__op__descriptor;
	ops = protobuf_c_message_descriptor_get_field_by_name(rd, "ops");
	id = protobuf_c_message_descriptor_get_field_by_name(od, "id");
	if (ops == NULL || ops != &rd->fields[0] ||
	    ops->id != BENCH_OPS_FIELD ||
	    ops->label != PROTOBUF_C_LABEL_REPEATED ||
	    ops->type != PROTOBUF_C_TYPE_MESSAGE || id == NULL ||
	    id != &od->fields[0] || id->id != BENCH_ID_FIELD ||
	    id->type != PROTOBUF_C_TYPE_BYTES) {
		fprintf(stderr, _("budgetctl: bench: the protobuf code is not "
		    "the one bench was built for (Request.ops field %d, "
		    "Op.id field %d, each first); not running\n"),
		    BENCH_OPS_FIELD, BENCH_ID_FIELD);
		return -1;
	}
	return 0;
}

static size_t
varint_len(size_t n)
{
	size_t	 len = 1;

	while (n >= 0x80) {
		n >>= 7;
		len++;
	}
	return len;
}

/*
 * The connection's request is packed once; each request then gets fresh
 * ids written over the old ones, so the client's own cost stays small
 * beside the daemon's. Where the ids stand is said above BENCH_TAG.
 */
static int
bench_conn_init(struct bench *b, struct bench_conn *c, int k)
{
	PbRequest			 req = BORGERBUDGET__V1__REQUEST__INIT;
	Borgerbudget__V1__Spend		*sp;
	PbOp				*op, **ops;
	uint8_t				*ids;
	size_t				 len, at;
	int				 i, rc = -1;

	sp = calloc((size_t)b->batch, sizeof(*sp));
	op = calloc((size_t)b->batch, sizeof(*op));
	ops = calloc((size_t)b->batch, sizeof(*ops));
	ids = calloc((size_t)b->batch, BENCH_ID_LEN);
	c->id_at = calloc((size_t)b->batch, sizeof(*c->id_at));
	if (!sp || !op || !ops || !ids || !c->id_at)
		goto done;
	for (i = 0; i < b->batch; i++) {
		borgerbudget__v1__spend__init(&sp[i]);
		sp[i].citizen = b->citizens[(k + i) % BENCH_CITIZENS];
		sp[i].amount = BENCH_SPEND;
		sp[i].category = "other";
		sp[i].voucher = "bench";
		borgerbudget__v1__op__init(&op[i]);
		bench_id(b, ids + BENCH_ID_LEN * i);
		op[i].id.data = ids + BENCH_ID_LEN * i;
		op[i].id.len = BENCH_ID_LEN;
		op[i].kind_case = BORGERBUDGET__V1__OP__KIND_SPEND;
		op[i].spend = &sp[i];
		ops[i] = &op[i];
	}
	req.ops = ops;
	req.n_ops = (size_t)b->batch;
	req.language = (char *)lang_code(lang_ui);
	len = borgerbudget__v1__request__get_packed_size(&req);
	if (len > FRAME_MAX) {
		fprintf(stderr, _("budgetctl: bench: a request of %d spends "
		    "exceeds the frame limit\n"), b->batch);
		goto done;
	}
	if ((c->req = malloc(FRAME_HEADER + len)) == NULL)
		goto done;
	frame_header_encode(c->req, (uint32_t)len);
	borgerbudget__v1__request__pack(&req, c->req + FRAME_HEADER);
	c->reqlen = FRAME_HEADER + len;
	at = FRAME_HEADER;
	for (i = 0; i < b->batch; i++) {
		len = borgerbudget__v1__op__get_packed_size(&op[i]);
		c->id_at[i] = at + 1 + varint_len(len) + 2;
		if (c->req[at] != BENCH_TAG(BENCH_OPS_FIELD) ||
		    c->req[c->id_at[i] - 2] != BENCH_TAG(BENCH_ID_FIELD) ||
		    c->req[c->id_at[i] - 1] != BENCH_ID_LEN ||
		    memcmp(c->req + c->id_at[i], ids + BENCH_ID_LEN * i,
		    BENCH_ID_LEN) != 0) {
			fprintf(stderr, _("budgetctl: bench: a request is not "
			    "encoded as bench patches it; not running\n"));
			goto done;
		}
		at += 1 + varint_len(len) + len;
	}
	rc = 0;
done:
	if (rc == -1 && errno == ENOMEM)
		perror("budgetctl");
	free(sp);
	free(op);
	free(ops);
	free(ids);
	return rc;
}

/* The request of the step c is at, packed into c->req: a chunk of its
 * document, or the spend naming it. */
static int
bench_doc_pack(struct bench *b, struct bench_conn *c)
{
	Borgerbudget__V1__Upload	 up = BORGERBUDGET__V1__UPLOAD__INIT;
	Borgerbudget__V1__Spend		 sp = BORGERBUDGET__V1__SPEND__INIT;
	PbRequest			 req = BORGERBUDGET__V1__REQUEST__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT, *ops[1];
	uint8_t				 id[BENCH_ID_LEN], *p;
	size_t				 len, off;

	if (c->step < b->doc_chunks) {
		off = c->step * BENCH_CHUNK;
		/* Connections share the bytes; each its own tail, put in
		 * place just before the chunk holding it is packed. */
		memcpy(b->doc + b->doc_size - BENCH_DOC_TAIL, c->tail,
		    BENCH_DOC_TAIL);
		if (off == 0) {
			up.sha256.data = c->sha256;
			up.sha256.len = sizeof(c->sha256);
			up.size = b->doc_size;
		}
		up.offset = off;
		up.data.data = b->doc + off;
		up.data.len = b->doc_size - off < BENCH_CHUNK ?
		    b->doc_size - off : BENCH_CHUNK;
		op.kind_case = BORGERBUDGET__V1__OP__KIND_UPLOAD;
		op.upload = &up;
	} else {
		sp.citizen = b->citizens[b->next_doc % BENCH_CITIZENS];
		sp.amount = BENCH_SPEND;
		sp.category = "other";
		sp.voucher = "bench";
		sp.receipt_sha256.data = c->sha256;
		sp.receipt_sha256.len = sizeof(c->sha256);
		bench_id(b, id);
		op.id.data = id;
		op.id.len = BENCH_ID_LEN;
		op.kind_case = BORGERBUDGET__V1__OP__KIND_SPEND;
		op.spend = &sp;
	}
	ops[0] = &op;
	req.ops = ops;
	req.n_ops = 1;
	req.language = (char *)lang_code(lang_ui);
	len = borgerbudget__v1__request__get_packed_size(&req);
	if (FRAME_HEADER + len > c->reqcap) {
		if ((p = realloc(c->req, FRAME_HEADER + len)) == NULL) {
			perror("budgetctl");
			return -1;
		}
		c->req = p;
		c->reqcap = FRAME_HEADER + len;
	}
	frame_header_encode(c->req, (uint32_t)len);
	borgerbudget__v1__request__pack(&req, c->req + FRAME_HEADER);
	c->reqlen = FRAME_HEADER + len;
	return 0;
}

/* A new document: its own tail, and so its own SHA-256. */
static void
bench_doc_next(struct bench *b, struct bench_conn *c)
{
	crypto_hash_sha256_state	 st = b->doc_head;
	uint64_t			 n = b->next_doc++;

	memcpy(c->tail, b->id_prefix, 8);
	for (int i = 15; i >= 8; i--, n >>= 8)
		c->tail[i] = (uint8_t)n;
	crypto_hash_sha256_update(&st, c->tail, sizeof(c->tail));
	crypto_hash_sha256_final(&st, c->sha256);
	c->step = 0;
}

/* The next request of the operation under way on c. */
static int
bench_request(struct bench *b, struct bench_conn *c)
{
	if (b->doc_size && bench_doc_pack(b, c) == -1)
		return -1;
	c->sent = 0;
	c->got = 0;
	c->inlen = 0;
	c->busy = 1;
	return 0;
}

static int
bench_send(struct bench *b, struct bench_conn *c, int64_t now)
{
	if (b->doc_size)
		bench_doc_next(b, c);
	else
		for (int i = 0; i < b->batch; i++)
			bench_id(b, c->req + c->id_at[i]);
	c->started = now;
	return bench_request(b, c);
}

/* Sends what the socket takes; -1 when the daemon is gone. */
static int
bench_write(struct bench_conn *c)
{
	ssize_t	 n;

	while (c->sent < c->reqlen) {
		n = send(c->fd, c->req + c->sent, c->reqlen - c->sent,
		    MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		c->sent += (size_t)n;
	}
	return 0;
}

static int
bench_record(struct bench *b, int64_t us)
{
	uint32_t	*p;

	if (b->nlat == b->caplat) {
		b->caplat = b->caplat ? 2 * b->caplat : 65536;
		if ((p = realloc(b->lat, b->caplat * sizeof(*p))) == NULL)
			return -1;
		b->lat = p;
	}
	b->lat[b->nlat++] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
	return 0;
}

/* The response is in: count what was applied. */
static int
bench_answer(struct bench *b, struct bench_conn *c, int64_t now)
{
	PbResponse	*resp;
	size_t		 i;

	resp = borgerbudget__v1__response__unpack(NULL, c->inlen,
	    c->in + FRAME_HEADER);
	if (resp == NULL || ((int)resp->code == BB_OK &&
	    resp->n_results != (size_t)b->batch)) {
		fprintf(stderr, _("budgetctl: budgetd answered garbage\n"));
		if (resp)
			borgerbudget__v1__response__free_unpacked(resp, NULL);
		return -1;
	}
	if ((int)resp->code != BB_OK) {
		if (b->refused == 0)
			fprintf(stderr, _("budgetctl: bench: request refused: "
			    "%s: %s\n"), code_name((int)resp->code),
			    resp->message);
		b->refused += (uint64_t)b->batch;
	}
	for (i = 0; i < resp->n_results; i++) {
		if ((int)resp->results[i]->code == BB_OK &&
		    !resp->results[i]->exists) {
			b->ops++;
			continue;
		}
		if (b->refused == 0)
			fprintf(stderr, _("budgetctl: bench: spend refused: "
			    "%s: %s\n"), code_name((int)resp->results[i]->code),
			    resp->results[i]->message);
		b->refused++;
	}
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	c->busy = 0;
	return bench_record(b, now - c->started);
}

/*
 * A chunk's answer: 0 taken, the next step may go; 1 refused, and the
 * connection stops, as every next document would be refused alike (one
 * over max_document, say); -1 garbage. A document the daemon keeps
 * already means the documents are not distinct: the bench is wrong.
 */
static int
bench_uploaded(struct bench *b, struct bench_conn *c)
{
	PbResponse	*resp;
	PbResult	*r;
	uint64_t	 want;
	int		 rc = 0;

	want = (c->step + 1) * (uint64_t)BENCH_CHUNK;
	if (want > b->doc_size)
		want = b->doc_size;
	resp = borgerbudget__v1__response__unpack(NULL, c->inlen,
	    c->in + FRAME_HEADER);
	if (resp == NULL || ((int)resp->code == BB_OK &&
	    resp->n_results != 1)) {
		fprintf(stderr, _("budgetctl: budgetd answered garbage\n"));
		rc = -1;
	} else if ((int)resp->code != BB_OK ||
	    (int)(r = resp->results[0])->code != BB_OK) {
		if (b->refused == 0)
			fprintf(stderr, _("budgetctl: bench: upload refused: "
			    "%s: %s\n"), code_name((int)(resp->code ?
			    resp->code : resp->results[0]->code)), resp->code ?
			    resp->message : resp->results[0]->message);
		rc = 1;
	} else if (r->exists || r->received != want) {
		if (b->refused == 0)
			fputs(r->exists ? _("budgetctl: bench: budgetd "
			    "keeps a document already, so they are not "
			    "distinct\n") : _("budgetctl: bench: budgetd "
			    "staged a number of bytes other than those "
			    "sent\n"), stderr);
		rc = 1;
	}
	if (resp)
		borgerbudget__v1__response__free_unpacked(resp, NULL);
	if (rc == 1) {
		b->refused++;
		c->busy = 0;
	}
	return rc;
}

/* Reads what has come: 1 a whole response, 0 not yet, -1 the daemon is
 * gone or broke the framing. */
static int
bench_read(struct bench_conn *c)
{
	uint32_t	 len;
	size_t		 want;
	ssize_t		 n;
	uint8_t		*p;

	for (;;) {
		want = FRAME_HEADER + c->inlen;
		if (c->got == want && c->inlen > 0)
			return 1;
		if (want > c->incap) {
			if ((p = realloc(c->in, want)) == NULL)
				return -1;
			c->in = p;
			c->incap = want;
		}
		n = recv(c->fd, c->in + c->got, want - c->got, MSG_DONTWAIT);
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		c->got += (size_t)n;
		if (c->got == FRAME_HEADER && c->inlen == 0) {
			if (frame_header_decode(c->in, &len) == -1 || len == 0)
				return -1;
			c->inlen = len;
		}
	}
}

static int
lat_cmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The nearest-rank percentile of the sorted latencies. */
static uint32_t
percentile(const struct bench *b, int p)
{
	size_t	 rank;

	if (b->nlat == 0)
		return 0;
	rank = (b->nlat * (size_t)p + 99) / 100;
	return b->lat[rank ? rank - 1 : 0];
}

/*
 * Every connection keeps one request in flight until the time is up;
 * the requests still out then are awaited and counted, and the time
 * measured runs until the last of them is back.
 */
static int
bench_loop(struct bench *b, struct bench_conn *conns, int64_t *elapsed)
{
	struct bench_conn	*c;
	struct pollfd		*pfd;
	int64_t			 start, end, now;
	int			 i, busy, up, rc = -1;

	if ((pfd = calloc((size_t)b->nconn, sizeof(*pfd))) == NULL)
		return -1;
	start = time_now_us();
	end = start + (int64_t)b->seconds * 1000000;
	for (i = 0; i < b->nconn; i++) {
		if (bench_send(b, &conns[i], time_now_us()) == -1)
			goto done;
		if (bench_write(&conns[i]) == -1)
			goto gone;
	}
	for (;;) {
		busy = 0;
		for (i = 0; i < b->nconn; i++) {
			c = &conns[i];
			pfd[i].fd = c->busy ? c->fd : -1;
			pfd[i].events = POLLIN;
			if (c->busy && c->sent < c->reqlen)
				pfd[i].events |= POLLOUT;
			busy += c->busy;
		}
		if (busy == 0)
			break;
		if (poll(pfd, (nfds_t)b->nconn, -1) == -1) {
			if (errno == EINTR)
				continue;
			perror("budgetctl: poll");
			goto done;
		}
		for (i = 0; i < b->nconn; i++) {
			c = &conns[i];
			if (pfd[i].revents == 0)
				continue;
			if ((pfd[i].revents & POLLOUT) && bench_write(c) == -1)
				goto gone;
			if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if ((rc = bench_read(c)) == -1)
				goto gone;
			rc = -1;
			if (c->got < FRAME_HEADER + c->inlen || c->inlen == 0)
				continue;
			now = time_now_us();
			/* A document's next chunk, or the spend naming it. */
			if (b->doc_size && c->step < b->doc_chunks) {
				if ((up = bench_uploaded(b, c)) == -1)
					goto done;
				if (up == 1)
					continue;
				c->step++;
				if (bench_request(b, c) == -1)
					goto done;
				if (bench_write(c) == -1)
					goto gone;
				continue;
			}
			if (bench_answer(b, c, now) == -1)
				goto done;
			/* Closed loop: the next request when one returns. */
			if (now < end) {
				if (bench_send(b, c, now) == -1)
					goto done;
				if (bench_write(c) == -1)
					goto gone;
			}
		}
	}
	*elapsed = time_now_us() - start;
	qsort(b->lat, b->nlat, sizeof(*b->lat), lat_cmp);
	rc = 0;
	goto done;
gone:
	fprintf(stderr, _("budgetctl: budgetd hung up during the bench\n"));
done:
	free(pfd);
	return rc;
}

/* An option's value within bounds; absent leaves the default. */
static int
bench_int(struct ctx *ctx, struct args *a, const char *name, int lo, int hi,
    int *out)
{
	const char	*v = arg(a, name);
	uint64_t	 n;
	int		 rc;

	if (v == NULL)
		return 0;
	if ((rc = arg_u64(ctx, name, v, &n)) != 0)
		return rc;
	if (n < (uint64_t)lo || n > (uint64_t)hi)
		return usage_error(ctx, "%s: between %d and %d", name, lo, hi);
	*out = (int)n;
	return 0;
}

/*
 * A PDF by its first bytes, which is all the daemon asks of one; the
 * rest random, so nothing on the way could make it smaller. The SHA-256
 * of all but the tail is taken here, once.
 */
static int
bench_doc_init(struct bench *b)
{
	static const char	 head[] = "%PDF-1.4\n%budgetctl bench\n";

	if ((b->doc = malloc(b->doc_size)) == NULL) {
		perror("budgetctl");
		return -1;
	}
	randombytes_buf(b->doc, b->doc_size);
	memcpy(b->doc, head, sizeof(head) - 1);
	b->doc_chunks = (b->doc_size + BENCH_CHUNK - 1) / BENCH_CHUNK;
	crypto_hash_sha256_init(&b->doc_head);
	crypto_hash_sha256_update(&b->doc_head, b->doc, b->doc_size -
	    BENCH_DOC_TAIL);
	return 0;
}

static int
bench(struct ctx *ctx, struct args *a)
{
	struct bench		 b;
	struct bench_conn	*conns = NULL;
	int64_t			 elapsed = 0;
	double			 secs;
	int			 i, doc = 0, rc;

	memset(&b, 0, sizeof(b));
	b.nconn = 1;
	b.batch = 1;
	b.seconds = 10;
	if ((rc = bench_int(ctx, a, "--connections", 1, 1000, &b.nconn)) ||
	    (rc = bench_int(ctx, a, "--batch", 1, 100000, &b.batch)) ||
	    (rc = bench_int(ctx, a, "--seconds", 1, 86400, &b.seconds)) ||
	    (rc = bench_int(ctx, a, "--receipt-size", BENCH_DOC_MIN,
	    BENCH_DOC_MAX, &doc)))
		return rc;
	/* A connection stages one document at a time. */
	if (doc && b.batch != 1)
		return usage_error(ctx, "--receipt-size: a spend with a "
		    "document is a request of its own: --batch 1");
	b.doc_size = (size_t)doc;
	if (bench_layout() == -1)
		return EXIT_UNREACHABLE;
	if (arg(a, "--force") == NULL &&
	    (rc = bench_ledger_empty(ctx)) != EXIT_DONE)
		return rc;
	if ((rc = bench_setup(ctx, &b)) != EXIT_DONE)
		return rc;
	rc = EXIT_UNREACHABLE;
	if (b.doc_size && bench_doc_init(&b) == -1)
		goto done;
	if ((conns = calloc((size_t)b.nconn, sizeof(*conns))) == NULL) {
		perror("budgetctl");
		return rc;
	}
	for (i = 0; i < b.nconn; i++)
		conns[i].fd = -1;
	for (i = 0; i < b.nconn; i++)
		if ((conns[i].fd = bench_connect(ctx->socket)) == -1 ||
		    (!b.doc_size && bench_conn_init(&b, &conns[i], i) == -1))
			goto done;
	if (bench_loop(&b, conns, &elapsed) == -1)
		goto done;
	secs = (double)elapsed / 1e6;
	if (b.doc_size && ctx->json)
		printf("{\"connections\":%d,\"batch\":%d,\"ops\":%llu,"
		    "\"seconds\":%.3f,\"ops_per_sec\":%.0f,\"p50_us\":%u,"
		    "\"p99_us\":%u,\"requests\":%zu,\"refused\":%llu,"
		    "\"receipt_size\":%zu,\"mb_per_sec\":%.1f}\n",
		    b.nconn, b.batch, (unsigned long long)b.ops, secs,
		    (double)b.ops / secs, percentile(&b, 50),
		    percentile(&b, 99), b.nlat,
		    (unsigned long long)b.refused, b.doc_size,
		    (double)b.ops * (double)b.doc_size / secs / 1e6);
	else if (b.doc_size)
		printf(_("connections %d, batch %d, receipt_size %zu, ops "
		    "%llu, seconds %.3f, ops_per_sec %.0f, mb_per_sec %.1f, "
		    "p50_us %u, p99_us %u\n"), b.nconn, b.batch, b.doc_size,
		    (unsigned long long)b.ops, secs, (double)b.ops / secs,
		    (double)b.ops * (double)b.doc_size / secs / 1e6,
		    percentile(&b, 50), percentile(&b, 99));
	else if (ctx->json)
		printf("{\"connections\":%d,\"batch\":%d,\"ops\":%llu,"
		    "\"seconds\":%.3f,\"ops_per_sec\":%.0f,\"p50_us\":%u,"
		    "\"p99_us\":%u,\"requests\":%zu,\"refused\":%llu}\n",
		    b.nconn, b.batch, (unsigned long long)b.ops, secs,
		    (double)b.ops / secs, percentile(&b, 50),
		    percentile(&b, 99), b.nlat,
		    (unsigned long long)b.refused);
	else
		printf(_("connections %d, batch %d, ops %llu, seconds "
		    "%.3f, ops_per_sec %.0f, p50_us %u, p99_us %u\n"), b.nconn,
		    b.batch, (unsigned long long)b.ops, secs,
		    (double)b.ops / secs, percentile(&b, 50),
		    percentile(&b, 99));
	rc = b.refused ? EXIT_REFUSED : EXIT_DONE;
done:
	for (i = 0; i < b.nconn; i++) {
		if (conns[i].fd != -1)
			close(conns[i].fd);
		free(conns[i].req);
		free(conns[i].id_at);
		free(conns[i].in);
	}
	free(conns);
	free(b.lat);
	free(b.doc);
	return rc;
}

static const char *const bench_opts[] = { "--connections", "--batch",
    "--seconds", "--receipt-size", NULL };
static const char *const bench_flags[] = { "--force", NULL };

const struct command cmd_bench = { "bench",
    "[--connections N] [--batch B] [--seconds S] [--receipt-size BYTES] "
    "[--force]", 0, 0,
    bench_opts, bench, bench_flags };
