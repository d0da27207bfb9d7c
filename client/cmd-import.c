/*
 * import: JSON Lines of operations, with the export's field names, sent in
 * batches of N operations per request (or the whole file as one atomic
 * request). One result is printed per line, in line order.
 *
 * Every operation carries an id, so a file submitted twice applies nothing
 * twice: the line's "id" when it has one, else an id derived from the line
 * itself (SHA-256 of the line's bytes and of how many identical lines came
 * before it in the file, so two identical purchases stay two).
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "args.h"
#include "codes.h"
#include "commands.h"
#include "conn.h"
#include "date.h"
#include "frame.h"
#include "output.h"
#include "table.h"

#define IMPORT_BATCH		1000
#define IMPORT_BATCH_MAX	100000
#define UTF8_BOM		"\xef\xbb\xbf"

/* One line of the file, and the operation it became. */
struct item {
	size_t		 lineno;
	char		*error;		/* a bad line: why; not sent */
	json_t		*doc;		/* owns the strings the op points to */
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
};

struct import {
	struct ctx	*ctx;
	struct table	 seen;		/* line's SHA-256 -> uint32_t: how
					   many copies came before */
	struct item	**items;	/* each in place: ops point into it */
	size_t		 nitems;
	size_t		 cap;
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
	crypto_hash_sha256_state	 st;
	uint8_t				 hash[32], n[4];
	uint32_t			 before;

	crypto_hash_sha256(hash, (const uint8_t *)line, len);
	before = seen_add(&im->seen, hash);
	n[0] = (uint8_t)(before >> 24);
	n[1] = (uint8_t)(before >> 16);
	n[2] = (uint8_t)(before >> 8);
	n[3] = (uint8_t)before;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const uint8_t *)"borgerbudget import "
	    "v1", 19);
	crypto_hash_sha256_update(&st, hash, sizeof(hash));
	crypto_hash_sha256_update(&st, n, sizeof(n));
	crypto_hash_sha256_final(&st, hash);
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

/* A string field: "" when absent and optional. */
static int
text(struct item *it, const char *key, int required, char **out)
{
	json_t	*v = json_object_get(it->doc, key);

	*out = "";
	if (v == NULL || json_is_null(v))
		return required ? bad(it, "\"%s\" is required", key) : 0;
	if (!json_is_string(v))
		return bad(it, "\"%s\" must be a string", key);
	*out = (char *)json_string_value(v);
	if (strlen(*out) != json_string_length(v))
		return bad(it, "\"%s\" holds a NUL byte", key);
	return 0;
}

/* An integer field (øre, a seq); 0 when absent and optional. */
static int
integer(struct item *it, const char *key, int required, int64_t *out)
{
	json_t	*v = json_object_get(it->doc, key);

	*out = 0;
	if (v == NULL || json_is_null(v))
		return required ? bad(it, "\"%s\" is required", key) : 0;
	if (!json_is_integer(v))
		return bad(it, "\"%s\" must be an integer (amounts in øre)",
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
		return bad(it, "\"%s\" must be a seq (1, 2, ...)", key);
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
		return bad(it, "\"value_date\" is not a date (YYYY-MM-DD)");
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
		return bad(it, "\"receipt_sha256\" must be 64 hex digits "
		    "(SHA-256)");
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

/* One line into an operation, or into the reason it is bad. */
static void
parse_line(struct import *im, struct item *it, const char *line, size_t len)
{
	json_error_t	 err;
	const char	*key, *op, *id;
	json_t		*v;
	size_t		 i;

	borgerbudget__v1__op__init(&it->op);
	it->doc = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
	if (it->doc == NULL) {
		bad(it, "not JSON: %s", err.text);
		return;
	}
	if (!json_is_object(it->doc)) {
		bad(it, "not a JSON object");
		return;
	}
	json_object_foreach(it->doc, key, v)
		if (!known(key)) {
			bad(it, "unknown field \"%s\"", key);
			return;
		}
	if ((v = json_object_get(it->doc, "op")) == NULL ||
	    (op = json_string_value(v)) == NULL) {
		bad(it, "\"op\" is required: grant, spend, reserve, capture, "
		    "release, refund or reverse");
		return;
	}
	for (i = 0; i < sizeof(importable) / sizeof(importable[0]); i++)
		if (strcmp(op, importable[i].name) == 0)
			break;
	if (i == sizeof(importable) / sizeof(importable[0])) {
		bad(it, "op \"%s\" cannot be imported: grant, spend, reserve, "
		    "capture, release, refund or reverse", op);
		return;
	}
	if (importable[i].parse(it) == -1)
		return;
	if ((v = json_object_get(it->doc, "id")) != NULL) {
		if ((id = json_string_value(v)) == NULL ||
		    uuid_parse(id, it->id) == -1) {
			bad(it, "\"id\" must be a UUID");
			return;
		}
	} else {
		derive_id(im, line, len, it->id);
	}
	it->op.id.data = it->id;
	it->op.id.len = sizeof(it->id);
}

static void
print_result(struct import *im, const struct item *it, const PbResult *r)
{
	char	 uuid[37];
	int	 json = im->ctx->json;

	uuid_format(it->id, uuid);
	if (it->error) {
		im->refused++;
		if (json) {
			printf("{\"line\":%zu,\"status\":\"error\",\"code\":"
			    "\"BAD_REQUEST\",\"message\":", it->lineno);
			json_str(stdout, it->error);
			printf("}\n");
		} else {
			printf("line %zu: BAD_REQUEST: %s\n", it->lineno,
			    it->error);
		}
	} else if (r == NULL || r->not_applied) {
		im->refused++;
		if (json)
			printf("{\"line\":%zu,\"status\":\"not_applied\"}\n",
			    it->lineno);
		else
			printf("line %zu: not applied\n", it->lineno);
	} else if ((int)r->code != BB_OK) {
		im->refused++;
		if (json) {
			printf("{\"line\":%zu,\"status\":\"error\",\"code\":"
			    "\"%s\",\"message\":", it->lineno,
			    code_name((int)r->code));
			json_str(stdout, r->message);
			printf("}\n");
		} else {
			printf("line %zu: %s: %s\n", it->lineno,
			    code_name((int)r->code), r->message);
		}
	} else {
		if (r->exists)
			im->existed++;
		else
			im->applied++;
		if (json)
			printf("{\"line\":%zu,\"status\":\"%s\",\"seq\":%llu,"
			    "\"id\":\"%s\"}\n", it->lineno,
			    r->exists ? "exists" : "ok",
			    (unsigned long long)r->seq, uuid);
		else
			printf("line %zu: %s, seq %llu\n", it->lineno,
			    r->exists ? "exists" : "ok",
			    (unsigned long long)r->seq);
	}
}

static void
items_free(struct import *im)
{
	for (size_t i = 0; i < im->nitems; i++) {
		free(im->items[i]->error);
		if (im->items[i]->doc)
			json_decref(im->items[i]->doc);
		free(im->items[i]);
	}
	im->nitems = 0;
}

/*
 * Sends the good items of the batch as one request and prints every
 * item's result in line order. With bad lines in an atomic batch nothing
 * is sent: the others are "not applied".
 */
static int
send_batch(struct import *im)
{
	PbResponse	*resp = NULL;
	PbResult	 whole = BORGERBUDGET__V1__RESULT__INIT;
	PbRequest	 req = BORGERBUDGET__V1__REQUEST__INIT;
	PbOp		**ops;
	size_t		 i, n = 0, k = 0;
	int		 rc = EXIT_DONE, nbad = 0;

	if ((ops = calloc(im->nitems ? im->nitems : 1, sizeof(*ops))) == NULL) {
		perror("budgetctl");
		return EXIT_UNREACHABLE;
	}
	for (i = 0; i < im->nitems; i++) {
		if (im->items[i]->error)
			nbad++;
		else
			ops[n++] = &im->items[i]->op;
	}
	if (n > 0 && !(im->ctx->atomic && nbad)) {
		req.ops = ops;
		req.n_ops = n;
		if (borgerbudget__v1__request__get_packed_size(&req) >
		    FRAME_MAX) {
			free(ops);
			return usage_error(im->ctx, "%zu operations make a "
			    "request over the 16 MiB frame limit: use a "
			    "smaller --batch%s", n, im->ctx->atomic ?
			    ", or split the file" : "");
		}
		if ((rc = ctl_call(im->ctx, ops, n, &resp)) != EXIT_DONE) {
			free(ops);
			return rc;
		}
		if ((int)resp->code != BB_OK) {
			whole.code = resp->code;
			whole.message = resp->message;
		}
	}
	for (i = 0; i < im->nitems; i++) {
		const PbResult	*r = NULL;

		if (!im->items[i]->error && resp)
			r = (int)resp->code != BB_OK ? &whole :
			    resp->results[k++];
		print_result(im, im->items[i], r);
	}
	if (resp)
		borgerbudget__v1__response__free_unpacked(resp, NULL);
	free(ops);
	items_free(im);
	return EXIT_DONE;
}

static void
show_progress(struct import *im, FILE *f, size_t lines)
{
	off_t	 at;

	if (!im->progress)
		return;
	fflush(stdout);
	if (im->size > 0 && (at = ftello(f)) >= 0)
		fprintf(stderr, "\rimport: %zu lines, %d%%", lines,
		    (int)(100 * at / im->size));
	else
		fprintf(stderr, "\rimport: %zu lines", lines);
}

static struct item *
item_new(struct import *im)
{
	if (im->nitems == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 1024;
		if ((im->items = realloc(im->items, im->cap *
		    sizeof(*im->items))) == NULL) {
			perror("budgetctl");
			exit(EXIT_UNREACHABLE);
		}
	}
	if ((im->items[im->nitems] = calloc(1, sizeof(struct item))) == NULL) {
		perror("budgetctl");
		exit(EXIT_UNREACHABLE);
	}
	return im->items[im->nitems++];
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
		struct item *it = item_new(&im);

		it->lineno = lineno;
		parse_line(&im, it, start, len);
		if (!ctx->atomic && im.nitems >= batch) {
			if ((rc = send_batch(&im)) != EXIT_DONE)
				break;
			show_progress(&im, f, lineno);
		}
	}
	if (rc == EXIT_DONE && ferror(f)) {
		fprintf(stderr, "budgetctl: %s: %s\n", path, strerror(errno));
		rc = EXIT_UNREACHABLE;
	}
	if (rc == EXIT_DONE && im.nitems > 0)
		rc = send_batch(&im);
	show_progress(&im, f, lineno);
	if (im.progress)
		fprintf(stderr, "\n");
	items_free(&im);
	free(im.items);
	table_free(&im.seen);
	free(line);
	if (f != stdin)
		fclose(f);
	if (rc != EXIT_DONE)
		return rc;
	fflush(stdout);
	fprintf(stderr, "import: %zu applied, %zu applied before, %zu "
	    "refused\n", im.applied, im.existed, im.refused);
	return im.refused ? EXIT_REFUSED : EXIT_DONE;
}

static const char *const import_opts[] = { "--batch", NULL };
static const char *const import_flags[] = { "--atomic", NULL };

const struct command cmd_import = { "import", "FILE [--atomic] [--batch N]",
    1, 1, import_opts, import, import_flags };
