/*
 * import: JSON Lines of operations, with the export's field names, sent in
 * batches of N operations per request (or the whole file as one atomic
 * request). One result is printed per line, in line order.
 *
 * Every operation carries an id, so a file submitted twice applies nothing
 * twice: the line's "id" when it has one, else an id derived from the line
 * itself (SHA-256 of the line's bytes and of how many identical lines came
 * before it in the file, so two identical purchases stay two).
 *
 * Requests are sent ahead: the next batch is read and parsed while the
 * daemon commits the ones before it.
 */

#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "args.h"
#include "lang.h"
#include "codes.h"
#include "commands.h"
#include "conn.h"
#include "date.h"
#include "frame.h"
#include "output.h"
#include "sha256.h"
#include "table.h"

#define IMPORT_BATCH		1000
#define IMPORT_BATCH_MAX	100000
#define UTF8_BOM		"\xef\xbb\xbf"
/*
 * Requests in flight, and their operations: few enough that the answers
 * due (some tens of bytes an operation) stay far below what budgetd holds
 * for a client before it stops reading its requests (8 MiB), so a request
 * written while answers wait can never block for good. A batch larger
 * than this goes alone.
 */
#define IMPORT_AHEAD		4
#define IMPORT_AHEAD_OPS	8000
#define ARENA_BLOCK		(256U * 1024)

/* One line of the file, and the operation it became. */
struct item {
	size_t		 lineno;
	char		*error;		/* a bad line: why; not sent */
	PbOp		 op;
	union {
		Borgerbudget__V1__Grant		 grant;
		Borgerbudget__V1__Spend		 spend;
		Borgerbudget__V1__Reserve	 reserve;
		Borgerbudget__V1__Capture	 capture;
		Borgerbudget__V1__Release	 release;
		Borgerbudget__V1__Refund	 refund;
		Borgerbudget__V1__Reverse	 reverse;
	}		 m;
	uint8_t		 id[16];
	uint8_t		 receipt[32];
	json_t		*doc;		/* the line parsed, while parsing */
	char		*free_text;	/* where the next string kept goes */
	char		 text[];	/* the strings the op points to: no
					   more bytes than the line */
};

/*
 * What a batch's items and the answer to it are carved from, given back
 * whole once the batch is printed: a malloc and a free for each line and
 * each result cost more than parsing the line. Blocks are kept for the
 * next batch.
 */
struct block {
	struct block	*next;
	size_t		 size;
	size_t		 used;
	max_align_t	 mem[];
};

struct arena {
	struct block	*head;
	struct block	*cur;
};

/* Lines sent, or to be sent, as one request. */
struct batch {
	struct arena	 arena;
	struct item	**items;	/* each in place: ops point into it */
	size_t		 nitems;
	size_t		 cap;
	PbOp		**ops;		/* the good items' ops */
	size_t		 nops;
	int		 sent;		/* an answer is due */
};

struct import {
	struct ctx	*ctx;
	struct table	 seen;		/* line's SHA-256 -> uint32_t: how
					   many copies came before */
	struct batch	 filling;
	struct batch	 flight[IMPORT_AHEAD];	/* a ring, oldest first */
	size_t		 first, nflight;
	size_t		 ops_in_flight;
	size_t		 applied, existed, refused;
	off_t		 size;		/* of the file, for the progress */
	int		 progress;
};

/* The export's fields: an exported line imports as it is. A document is
 * named by receipt_sha256 and must be one the ledger keeps already
 * (import sends no files); a note gets a fresh salt. */
static const char *const known_fields[] = {
	"seq", "id", "recorded_at", "value_date", "op", "debit", "credit",
	"amount", "citizen", "course", "pool", "category", "voucher", "vat",
	"note", "reverses", "actor", "leaf_hash", "receipt_sha256",
	"receipt_size", "receipt_type", "note_salt", "erased", "reservation",
	"citizen_prev", NULL,
};

static void *
arena_alloc(void *arg, size_t n)
{
	struct arena	*a = arg;
	struct block	*b;
	size_t		 size;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	while (a->cur && a->cur->size - a->cur->used < n && a->cur->next &&
	    a->cur->next->size >= n) {
		a->cur = a->cur->next;
		a->cur->used = 0;
	}
	if (a->cur == NULL || a->cur->size - a->cur->used < n) {
		size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		if ((b = malloc(offsetof(struct block, mem) + size)) == NULL) {
			perror("budgetctl");
			exit(EXIT_UNREACHABLE);
		}
		b->size = size;
		b->used = 0;
		if (a->cur) {
			b->next = a->cur->next;
			a->cur->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
		a->cur = b;
	}
	b = a->cur;
	b->used += n;
	return (char *)b->mem + b->used - n;
}

/* Nothing is freed alone: arena_reset gives back everything at once. */
static void
arena_free(void *arg, void *p)
{
	(void)arg;
	(void)p;
}

static void
arena_reset(struct arena *a)
{
	if ((a->cur = a->head) != NULL)
		a->cur->used = 0;
}

static void
arena_release(struct arena *a)
{
	struct block	*b;

	while ((b = a->head) != NULL) {
		a->head = b->next;
		free(b);
	}
	a->cur = NULL;
}

/* How many identical lines came before this one: the derived id's counter. */
static uint32_t
seen_add(struct table *seen, const uint8_t hash[32])
{
	uint32_t	*count;

	if ((count = table_add(seen, hash, 32, NULL)) == NULL) {
		perror("budgetctl");
		exit(EXIT_UNREACHABLE);
	}
	return (*count)++;
}

static void
derive_id(struct import *im, const char *line, size_t len, uint8_t id[16])
{
	uint8_t		 hash[SHA256_LEN], counted[SHA256_LEN + 4];
	uint32_t	 before;

	sha256_two(NULL, 0, line, len, hash);
	before = seen_add(&im->seen, hash);
	memcpy(counted, hash, sizeof(hash));
	counted[32] = (uint8_t)(before >> 24);
	counted[33] = (uint8_t)(before >> 16);
	counted[34] = (uint8_t)(before >> 8);
	counted[35] = (uint8_t)before;
	/* The first 19 bytes of the tag: what ids were derived with. */
	sha256_two("borgerbudget import", 19, counted, sizeof(counted), hash);
	memcpy(id, hash, 16);
}

static int __attribute__((format(printf, 2, 3)))
bad(struct item *it, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	if (vasprintf(&it->error, fmt, ap) == -1)
		it->error = NULL;
	va_end(ap);
	if (it->error == NULL) {
		perror("budgetctl");
		exit(EXIT_UNREACHABLE);
	}
	return -1;
}

/*
 * A string field: "" when absent and optional. It is copied into the
 * item, so the parsed line can go at once: a line's strings take no more
 * bytes there than their quoted form took in the line.
 */
static int
text(struct item *it, const char *key, int required, char **out)
{
	json_t	*v = json_object_get(it->doc, key);
	size_t	 len;

	*out = "";
	if (v == NULL || json_is_null(v))
		return required ? bad(it, _("\"%s\" is required"), key) : 0;
	if (!json_is_string(v))
		return bad(it, _("\"%s\" must be a string"), key);
	len = json_string_length(v);
	if (strlen(json_string_value(v)) != len)
		return bad(it, _("\"%s\" holds a NUL byte"), key);
	*out = memcpy(it->free_text, json_string_value(v), len + 1);
	it->free_text += len + 1;
	return 0;
}

/* An integer field (øre, a seq); 0 when absent and optional. */
static int
integer(struct item *it, const char *key, int required, int64_t *out)
{
	json_t	*v = json_object_get(it->doc, key);

	*out = 0;
	if (v == NULL || json_is_null(v))
		return required ? bad(it, _("\"%s\" is required"), key) : 0;
	if (!json_is_integer(v))
		return bad(it, _("\"%s\" must be an integer (amounts in øre)"),
		    key);
	*out = json_integer_value(v);
	return 0;
}

static int
seq(struct item *it, const char *key, uint64_t *out)
{
	int64_t	 v;

	if (integer(it, key, 1, &v) == -1)
		return -1;
	if (v <= 0)
		return bad(it, _("\"%s\" must be a seq (1, 2, ...)"), key);
	*out = (uint64_t)v;
	return 0;
}

static int
date(struct item *it, char **out)
{
	int32_t	 d;

	if (text(it, "value_date", 0, out) == -1)
		return -1;
	if (**out && date_parse(*out, &d) == -1)
		return bad(it, _("\"value_date\" is not a date (YYYY-MM-DD)"));
	return 0;
}

static int
receipt(struct item *it, ProtobufCBinaryData *out)
{
	char	*hex;
	size_t	 n;

	if (text(it, "receipt_sha256", 0, &hex) == -1)
		return -1;
	if (*hex == '\0')
		return 0;
	if (sodium_hex2bin(it->receipt, sizeof(it->receipt), hex, strlen(hex),
	    NULL, &n, NULL) != 0 || n != sizeof(it->receipt))
		return bad(it, _("\"receipt_sha256\" must be 64 hex digits "
		    "(SHA-256)"));
	out->data = it->receipt;
	out->len = n;
	return 0;
}

static int
as_grant(struct item *it)
{
	Borgerbudget__V1__Grant	*m = &it->m.grant;

	borgerbudget__v1__grant__init(m);
	it->op.kind_case = BORGERBUDGET__V1__OP__KIND_GRANT;
	it->op.grant = m;
	return text(it, "citizen", 1, &m->citizen) == -1 ||
	    integer(it, "amount", 1, &m->amount) == -1 ||
	    date(it, &m->value_date) == -1 ||
	    text(it, "note", 0, &m->note) == -1 ? -1 : 0;
}

static int
as_spend(struct item *it)
{
	Borgerbudget__V1__Spend	*m = &it->m.spend;

	borgerbudget__v1__spend__init(m);
	it->op.kind_case = BORGERBUDGET__V1__OP__KIND_SPEND;
	it->op.spend = m;
	return text(it, "citizen", 1, &m->citizen) == -1 ||
	    integer(it, "amount", 1, &m->amount) == -1 ||
	    text(it, "category", 1, &m->category) == -1 ||
	    text(it, "voucher", 1, &m->voucher) == -1 ||
	    date(it, &m->value_date) == -1 ||
	    integer(it, "vat", 0, &m->vat) == -1 ||
	    receipt(it, &m->receipt_sha256) == -1 ||
	    text(it, "note", 0, &m->note) == -1 ? -1 : 0;
}

static int
as_reserve(struct item *it)
{
	Borgerbudget__V1__Reserve	*m = &it->m.reserve;

	borgerbudget__v1__reserve__init(m);
	it->op.kind_case = BORGERBUDGET__V1__OP__KIND_RESERVE;
	it->op.reserve = m;
	return text(it, "citizen", 1, &m->citizen) == -1 ||
	    integer(it, "amount", 1, &m->amount) == -1 ||
	    text(it, "category", 1, &m->category) == -1 ||
	    text(it, "note", 0, &m->note) == -1 ? -1 : 0;
}

static int
as_capture(struct item *it)
{
	Borgerbudget__V1__Capture	*m = &it->m.capture;

	borgerbudget__v1__capture__init(m);
	it->op.kind_case = BORGERBUDGET__V1__OP__KIND_CAPTURE;
	it->op.capture = m;
	if (json_object_get(it->doc, "amount") != NULL &&
	    !json_is_null(json_object_get(it->doc, "amount")))
		m->given_case = BORGERBUDGET__V1__CAPTURE__GIVEN_AMOUNT;
	return seq(it, "reservation", &m->seq) == -1 ||
	    integer(it, "amount", 0, &m->amount) == -1 ||
	    text(it, "voucher", 1, &m->voucher) == -1 ||
	    date(it, &m->value_date) == -1 ? -1 : 0;
}

static int
as_release(struct item *it)
{
	Borgerbudget__V1__Release	*m = &it->m.release;

	borgerbudget__v1__release__init(m);
	it->op.kind_case = BORGERBUDGET__V1__OP__KIND_RELEASE;
	it->op.release = m;
	return seq(it, "reservation", &m->seq);
}

static int
as_refund(struct item *it)
{
	Borgerbudget__V1__Refund	*m = &it->m.refund;

	borgerbudget__v1__refund__init(m);
	it->op.kind_case = BORGERBUDGET__V1__OP__KIND_REFUND;
	it->op.refund = m;
	return text(it, "citizen", 1, &m->citizen) == -1 ||
	    integer(it, "amount", 1, &m->amount) == -1 ||
	    text(it, "category", 1, &m->category) == -1 ||
	    text(it, "voucher", 1, &m->voucher) == -1 ||
	    date(it, &m->value_date) == -1 ||
	    text(it, "note", 0, &m->note) == -1 ? -1 : 0;
}

/* A reversal's reason is its note, as the export shows it. */
static int
as_reverse(struct item *it)
{
	Borgerbudget__V1__Reverse	*m = &it->m.reverse;

	borgerbudget__v1__reverse__init(m);
	it->op.kind_case = BORGERBUDGET__V1__OP__KIND_REVERSE;
	it->op.reverse = m;
	return seq(it, "reverses", &m->seq) == -1 ||
	    text(it, "note", 1, &m->reason) == -1 ? -1 : 0;
}

static const struct {
	const char	*name;
	int		(*parse)(struct item *);
} importable[] = {
	{ "grant", as_grant }, { "spend", as_spend },
	{ "reserve", as_reserve }, { "capture", as_capture },
	{ "release", as_release }, { "refund", as_refund },
	{ "reverse", as_reverse },
};

static int
known(const char *key)
{
	for (const char *const *f = known_fields; *f; f++)
		if (strcmp(*f, key) == 0)
			return 1;
	return 0;
}

/* The parsed line into an operation, or into the reason it is bad. */
static int
parse_doc(struct import *im, struct item *it, const char *line, size_t len)
{
	const char	*key, *op, *id;
	json_t		*v;
	size_t		 i;

	if (!json_is_object(it->doc))
		return bad(it, _("not a JSON object"));
	json_object_foreach(it->doc, key, v)
		if (!known(key))
			return bad(it, _("unknown field \"%s\""), key);
	if ((v = json_object_get(it->doc, "op")) == NULL ||
	    (op = json_string_value(v)) == NULL)
		return bad(it, _("\"op\" is required: grant, spend, reserve, "
		    "capture, release, refund or reverse"));
	for (i = 0; i < sizeof(importable) / sizeof(importable[0]); i++)
		if (strcmp(op, importable[i].name) == 0)
			break;
	if (i == sizeof(importable) / sizeof(importable[0]))
		return bad(it, _("op \"%s\" cannot be imported: grant, spend, "
		    "reserve, capture, release, refund or reverse"), op);
	if (importable[i].parse(it) == -1)
		return -1;
	if ((v = json_object_get(it->doc, "id")) != NULL) {
		if ((id = json_string_value(v)) == NULL ||
		    uuid_parse(id, it->id) == -1)
			return bad(it, _("\"id\" must be a UUID"));
	} else {
		derive_id(im, line, len, it->id);
	}
	it->op.id.data = it->id;
	it->op.id.len = sizeof(it->id);
	return 0;
}

/* One line into an operation, or into the reason it is bad. */
static void
parse_line(struct import *im, struct item *it, const char *line, size_t len)
{
	json_error_t	 err;

	borgerbudget__v1__op__init(&it->op);
	it->free_text = it->text;
	if ((it->doc = json_loadb(line, len, JSON_REJECT_DUPLICATES,
	    &err)) == NULL) {
		bad(it, _("not JSON: %s"), err.text);
		return;
	}
	parse_doc(im, it, line, len);
	json_decref(it->doc);
	it->doc = NULL;
}

static void
print_result(struct import *im, const struct item *it, const PbResult *r)
{
	char	 uuid[37];
	int	 json = im->ctx->json;

	if (it->error) {
		im->refused++;
		if (json) {
			printf("{\"line\":%zu,\"status\":\"error\",\"code\":"
			    "\"BAD_REQUEST\",\"message\":", it->lineno);
			json_str(stdout, it->error);
			printf("}\n");
		} else {
			printf(_("line %zu: BAD_REQUEST: %s\n"), it->lineno,
			    it->error);
		}
	} else if (r == NULL || r->not_applied) {
		im->refused++;
		if (json)
			printf("{\"line\":%zu,\"status\":\"not_applied\"}\n",
			    it->lineno);
		else
			printf(_("line %zu: not applied\n"), it->lineno);
	} else if ((int)r->code != BB_OK) {
		im->refused++;
		if (json) {
			printf("{\"line\":%zu,\"status\":\"error\",\"code\":"
			    "\"%s\",\"message\":", it->lineno,
			    code_name((int)r->code));
			json_str(stdout, r->message);
			printf("}\n");
		} else {
			printf(_("line %zu: %s: %s\n"), it->lineno,
			    code_name((int)r->code), r->message);
		}
	} else {
		if (r->exists)
			im->existed++;
		else
			im->applied++;
		if (json) {
			uuid_format(it->id, uuid);
			printf("{\"line\":%zu,\"status\":\"%s\",\"seq\":%llu,"
			    "\"id\":\"%s\"}\n", it->lineno,
			    r->exists ? "exists" : "ok",
			    (unsigned long long)r->seq, uuid);
		} else
			printf(r->exists ? _("line %zu: exists, seq %llu\n") :
			    _("line %zu: ok, seq %llu\n"), it->lineno,
			    (unsigned long long)r->seq);
	}
}

static void
batch_clear(struct batch *b)
{
	for (size_t i = 0; i < b->nitems; i++)
		free(b->items[i]->error);
	arena_reset(&b->arena);
	b->nitems = 0;
	b->nops = 0;
	b->sent = 0;
}

static void
batch_free(struct batch *b)
{
	batch_clear(b);
	arena_release(&b->arena);
	free(b->items);
	free(b->ops);
}

/*
 * Reads the answer to the oldest batch in flight, if one was sent, and
 * prints every item's result in line order.
 */
static int
batch_answer(struct import *im)
{
	struct batch	*b = &im->flight[im->first];
	ProtobufCAllocator alloc = { arena_alloc, arena_free, &b->arena };
	PbResponse	*resp = NULL;
	PbResult	 whole = BORGERBUDGET__V1__RESULT__INIT;
	size_t		 i, k = 0;
	int		 rc;

	if (b->sent) {
		if ((rc = ctl_answer(im->ctx, &alloc, b->nops, &resp)) !=
		    EXIT_DONE)
			return rc;
		im->ops_in_flight -= b->nops;
		if ((int)resp->code != BB_OK) {
			whole.code = resp->code;
			whole.message = resp->message;
		}
	}
	for (i = 0; i < b->nitems; i++) {
		const PbResult	*r = NULL;

		if (!b->items[i]->error && resp)
			r = (int)resp->code != BB_OK ? &whole :
			    resp->results[k++];
		print_result(im, b->items[i], r);
	}
	batch_clear(b);
	im->first = (im->first + 1) % IMPORT_AHEAD;
	im->nflight--;
	return EXIT_DONE;
}

/* Every batch in flight answered and printed. */
static int
answer_all(struct import *im)
{
	int	 rc;

	while (im->nflight > 0)
		if ((rc = batch_answer(im)) != EXIT_DONE)
			return rc;
	return EXIT_DONE;
}

/*
 * Sends the good items of the batch being filled as one request, without
 * waiting for its answer, and puts it in flight; with bad lines in an
 * atomic batch nothing is sent: the others are "not applied". Older
 * batches are answered first while too many are in flight.
 */
static int
batch_send(struct import *im)
{
	struct batch	*b = &im->filling, spare;
	PbRequest	 req = BORGERBUDGET__V1__REQUEST__INIT;
	size_t		 i, nbad = 0;
	int		 rc;

	if ((b->ops = reallocarray(b->ops, b->cap ? b->cap : 1,
	    sizeof(*b->ops))) == NULL) {
		perror("budgetctl");
		return EXIT_UNREACHABLE;
	}
	for (i = 0; i < b->nitems; i++) {
		if (b->items[i]->error)
			nbad++;
		else
			b->ops[b->nops++] = &b->items[i]->op;
	}
	if (b->nops > 0 && !(im->ctx->atomic && nbad)) {
		while (im->nflight == IMPORT_AHEAD || (im->ops_in_flight > 0 &&
		    im->ops_in_flight + b->nops > IMPORT_AHEAD_OPS))
			if ((rc = batch_answer(im)) != EXIT_DONE)
				return rc;
		req.ops = b->ops;
		req.n_ops = b->nops;
		req.language = (char *)lang_code(lang_ui);
		if (borgerbudget__v1__request__get_packed_size(&req) >
		    FRAME_MAX) {
			if ((rc = answer_all(im)) != EXIT_DONE)
				return rc;
			if (im->ctx->atomic)
				return usage_error(im->ctx, "%zu operations "
				    "make a request over the 16 MiB frame "
				    "limit: use a smaller --batch, or split "
				    "the file", b->nops);
			return usage_error(im->ctx, "%zu operations make a "
			    "request over the 16 MiB frame limit: use a "
			    "smaller --batch", b->nops);
		}
		if ((rc = ctl_send(im->ctx, b->ops, b->nops)) != EXIT_DONE)
			return rc;
		b->sent = 1;
		im->ops_in_flight += b->nops;
	} else {
		while (im->nflight == IMPORT_AHEAD)
			if ((rc = batch_answer(im)) != EXIT_DONE)
				return rc;
	}
	/* The batch goes in flight; the slot it takes, emptied, is filled
	 * next (its arrays kept). */
	spare = im->flight[(im->first + im->nflight) % IMPORT_AHEAD];
	im->flight[(im->first + im->nflight) % IMPORT_AHEAD] = *b;
	*b = spare;
	im->nflight++;
	return EXIT_DONE;
}

static void
show_progress(struct import *im, FILE *f, size_t lines)
{
	off_t	 at;

	if (!im->progress)
		return;
	fflush(stdout);
	/* Back to the line's start: the count is written over. */
	putc('\r', stderr);
	if (im->size > 0 && (at = ftello(f)) >= 0)
		fprintf(stderr, _("import: %zu lines, %d%%"), lines,
		    (int)(100 * at / im->size));
	else
		fprintf(stderr, _("import: %zu lines"), lines);
}

/* A new item at the end of the batch being filled, for a line of len. */
static struct item *
item_new(struct import *im, size_t len)
{
	struct batch	*b = &im->filling;

	if (b->nitems == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 1024;
		if ((b->items = reallocarray(b->items, b->cap,
		    sizeof(*b->items))) == NULL) {
			perror("budgetctl");
			exit(EXIT_UNREACHABLE);
		}
	}
	if (b->nitems == 0)
		arena_reset(&b->arena);
	b->items[b->nitems] = arena_alloc(&b->arena, sizeof(struct item) +
	    len + 1);
	memset(b->items[b->nitems], 0, sizeof(struct item));
	return b->items[b->nitems++];
}

static int
import(struct ctx *ctx, struct args *a)
{
	struct import	 im;
	struct stat	 st;
	const char	*path = a->pos[0];
	char		*line = NULL, *start, *end;
	size_t		 cap = 0, lineno = 0, len;
	uint64_t	 batch = IMPORT_BATCH;
	ssize_t		 n;
	FILE		*f;
	int		 rc = EXIT_DONE;

	if (arg(a, "--batch") && ((rc = arg_u64(ctx, "--batch",
	    arg(a, "--batch"), &batch)) || batch == 0 ||
	    batch > IMPORT_BATCH_MAX))
		return rc ? rc : usage_error(ctx, "--batch: 1 to %d "
		    "operations per request", IMPORT_BATCH_MAX);
	ctx->atomic = arg(a, "--atomic") != NULL;
	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "r")) == NULL)
		return usage_error(ctx, "%s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) == -1)
		memset(&st, 0, sizeof(st));	/* no size: no percentage */
	/* A directory opens, and fails only at the first read. */
	if (S_ISDIR(st.st_mode)) {
		if (f != stdin)
			fclose(f);
		return usage_error(ctx, "%s: %s", path, strerror(EISDIR));
	}

	memset(&im, 0, sizeof(im));
	im.ctx = ctx;
	table_init(&im.seen, sizeof(uint32_t));
	im.progress = isatty(STDERR_FILENO);
	if (S_ISREG(st.st_mode))
		im.size = st.st_size;
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		start = line;
		len = (size_t)n;
		/* Excel and Notepad begin a UTF-8 file with a byte-order
		 * mark: it is not part of the first line. */
		if (lineno == 1 && len >= 3 && memcmp(line, UTF8_BOM, 3) == 0) {
			start += 3;
			len -= 3;
		}
		/* Line ends and trailing blanks are not part of the line. */
		while (len > 0 && strchr(" \t\r\n", start[len - 1]))
			len--;
		for (end = start; end < start + len && strchr(" \t", *end);
		    end++)
			;
		if (end == start + len)
			continue;
		struct item *it = item_new(&im, len);

		it->lineno = lineno;
		parse_line(&im, it, start, len);
		if (!ctx->atomic && im.filling.nitems >= batch) {
			if ((rc = batch_send(&im)) != EXIT_DONE)
				break;
			show_progress(&im, f, lineno);
		}
	}
	if (rc == EXIT_DONE && ferror(f)) {
		fprintf(stderr, "budgetctl: %s: %s\n", path, strerror(errno));
		rc = EXIT_UNREACHABLE;
	}
	if (rc == EXIT_DONE && im.filling.nitems > 0)
		rc = batch_send(&im);
	if (rc == EXIT_DONE)
		rc = answer_all(&im);
	show_progress(&im, f, lineno);
	if (im.progress)
		fprintf(stderr, "\n");
	batch_free(&im.filling);
	for (size_t i = 0; i < IMPORT_AHEAD; i++)
		batch_free(&im.flight[i]);
	table_free(&im.seen);
	free(line);
	if (f != stdin)
		fclose(f);
	if (rc != EXIT_DONE)
		return rc;
	fflush(stdout);
	fprintf(stderr, _("import: %zu applied, %zu applied before, %zu "
	    "refused\n"), im.applied, im.existed, im.refused);
	return im.refused ? EXIT_REFUSED : EXIT_DONE;
}

static const char *const import_opts[] = { "--batch", NULL };
static const char *const import_flags[] = { "--atomic", NULL };

const struct command cmd_import = { "import", "FILE [--atomic] [--batch N]",
    1, 1, import_opts, import, import_flags };
