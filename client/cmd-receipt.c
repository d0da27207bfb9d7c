/*
 * Voucher documents: --receipt FILE uploads the invoice in chunks before
 * the write that names it (on the same connection: the daemon stages it
 * there), and receipt SEQ fetches an entry's document back, checked
 * against the SHA-256 its leaf names.
 */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "args.h"
#include "commands.h"
#include "conn.h"
#include "lang.h"
#include "receipt.h"

/* Well inside the frame limit, and few round trips for a scanned page. */
#define UPLOAD_CHUNK	(1024U * 1024)

/* Up to len bytes at off; fewer only at the end of the file. */
static int
pread_full(int fd, uint8_t *buf, size_t len, uint64_t off, size_t *got)
{
	ssize_t	 n;

	for (*got = 0; *got < len; *got += (size_t)n) {
		if ((n = pread(fd, buf + *got, len - *got, (off_t)(off +
		    *got))) == -1) {
			if (errno == EINTR) {
				n = 0;
				continue;
			}
			return -1;
		}
		if (n == 0)
			break;
	}
	return 0;
}

/* The file's SHA-256 and size, read once before anything is sent. */
static int
file_hash(struct ctx *ctx, const char *path, int fd, uint8_t *buf,
    uint8_t *sha256, uint64_t *size)
{
	crypto_hash_sha256_state	 st;
	size_t				 n;

	crypto_hash_sha256_init(&st);
	for (*size = 0;; *size += n) {
		if (pread_full(fd, buf, UPLOAD_CHUNK, *size, &n) == -1)
			return usage_error(ctx, "--receipt: %s: %s", path,
			    strerror(errno));
		if (n == 0)
			break;
		crypto_hash_sha256_update(&st, buf, n);
	}
	crypto_hash_sha256_final(&st, sha256);
	return 0;
}

/*
 * Sends the document at path to the daemon, a chunk per request, and
 * gives its SHA-256 for the write that names it. A document the ledger
 * keeps already (the same invoice again, or a retried write) is not sent
 * twice: the daemon says so at the first chunk.
 */
int
receipt_upload(struct ctx *ctx, const char *path, uint8_t *sha256)
{
	Borgerbudget__V1__Upload	 m = BORGERBUDGET__V1__UPLOAD__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	struct stat			 st;
	uint8_t				*buf;
	uint64_t			 size;
	size_t				 n;
	int				 fd, rc, done = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return usage_error(ctx, "--receipt: %s: %s", path,
		    strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return usage_error(ctx, "--receipt: %s: not a file", path);
	}
	if ((buf = malloc(UPLOAD_CHUNK)) == NULL) {
		close(fd);
		return usage_error(ctx, "out of memory");
	}
	if ((rc = file_hash(ctx, path, fd, buf, sha256, &size)) != 0)
		goto out;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_UPLOAD;
	op.upload = &m;
	m.sha256.data = sha256;
	m.sha256.len = 32;
	m.size = size;
	/* An empty file is sent too: the daemon's refusal says why. */
	for (m.offset = 0;; m.offset += n) {
		if (pread_full(fd, buf, UPLOAD_CHUNK, m.offset, &n) == -1) {
			rc = usage_error(ctx, "--receipt: %s: %s", path,
			    strerror(errno));
			break;
		}
		/* A file that changes while it is sent is not the one
		 * hashed: what grew is not sent, what shrank stops here
		 * (and the daemon's hash check would refuse it). */
		if (n > size - m.offset)
			n = (size_t)(size - m.offset);
		if (n < size - m.offset && n < UPLOAD_CHUNK) {
			rc = usage_error(ctx, "--receipt: %s: the file "
			    "changed while it was sent", path);
			break;
		}
		m.data.data = buf;
		m.data.len = n;
		if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
			break;
		done = r->exists || m.offset + n >= size;
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		if (done)
			break;
		/* The daemon stages the rest with the first chunk's hash. */
		m.sha256.len = 0;
		m.size = 0;
	}
out:
	free(buf);
	close(fd);
	return rc;
}

/* --receipt FILE, if given: sent, and named in the write (hash: 32
 * bytes that live as long as the write). Called once every other
 * argument was found right, so a usage error sends nothing. */
int
receipt_option(struct ctx *ctx, struct args *a, uint8_t *hash,
    ProtobufCBinaryData *field)
{
	int	 rc;

	if (arg(a, "--receipt") == NULL)
		return EXIT_DONE;
	if ((rc = receipt_upload(ctx, arg(a, "--receipt"), hash)) !=
	    EXIT_DONE)
		return rc;
	field->data = hash;
	field->len = 32;
	return EXIT_DONE;
}

/* The received bytes into FILE: a name of its own until they are all
 * there and match, then renamed; a failure leaves no half a document. */
static int
receipt(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Receipt	 m = BORGERBUDGET__V1__RECEIPT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	crypto_hash_sha256_state	 st;
	PbResponse			*resp;
	PbResult			*r;
	const char			*path = arg(a, "-o");
	char				 tmp[4096];
	uint8_t				 sum[32], want[32];
	uint64_t			 size = 0;
	FILE				*out = stdout;
	int				 rc;

	if ((rc = arg_u64(ctx, "SEQ", a->pos[0], &m.seq)))
		return rc;
	/* A PDF or a picture is no text for a terminal. */
	if (path == NULL && isatty(STDOUT_FILENO))
		return usage_error(ctx, "standard output is a terminal: give "
		    "-o FILE, or send it to a file or a program");
	if (path) {
		if (snprintf(tmp, sizeof(tmp), "%s.part", path) >=
		    (int)sizeof(tmp))
			return usage_error(ctx, "-o: the path is too long");
		if ((out = fopen(tmp, "wbx")) == NULL)
			return usage_error(ctx, "-o: %s: %s", tmp,
			    strerror(errno));
	}
	op.kind_case = BORGERBUDGET__V1__OP__KIND_RECEIPT;
	op.receipt = &m;
	crypto_hash_sha256_init(&st);
	do {
		if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
			break;
		if (r->receipt == NULL || r->receipt->offset != m.offset ||
		    r->receipt->sha256.len != 32 || (m.offset > 0 &&
		    r->receipt->size != size) || (r->receipt->data.len == 0 &&
		    m.offset < r->receipt->size)) {
			fprintf(stderr,
			    _("budgetctl: budgetd answered garbage\n"));
			rc = EXIT_UNREACHABLE;
		} else {
			size = r->receipt->size;
			memcpy(want, r->receipt->sha256.data, 32);
			crypto_hash_sha256_update(&st, r->receipt->data.data,
			    r->receipt->data.len);
			if (fwrite(r->receipt->data.data, 1,
			    r->receipt->data.len, out) != r->receipt->data.len) {
				fprintf(stderr, "budgetctl: %s: %s\n",
				    path ? tmp : _("standard output"),
				    strerror(errno));
				rc = EXIT_USAGE;
			}
			m.offset += r->receipt->data.len;
		}
		borgerbudget__v1__response__free_unpacked(resp, NULL);
	} while (rc == EXIT_DONE && m.offset < size);
	crypto_hash_sha256_final(&st, sum);
	if (rc == EXIT_DONE && memcmp(sum, want, 32) != 0) {
		fprintf(stderr, _("budgetctl: the document received does not "
		    "match the SHA-256 of entry %llu\n"),
		    (unsigned long long)m.seq);
		rc = EXIT_UNREACHABLE;
	}
	if (fflush(out) == EOF && rc == EXIT_DONE) {
		fprintf(stderr, "budgetctl: %s: %s\n", path ? tmp :
		    _("standard output"), strerror(errno));
		rc = EXIT_USAGE;
	}
	if (path) {
		fclose(out);
		if (rc == EXIT_DONE && rename(tmp, path) == -1) {
			fprintf(stderr, "budgetctl: %s: %s\n", path,
			    strerror(errno));
			rc = EXIT_USAGE;
		}
		if (rc != EXIT_DONE)
			unlink(tmp);
		else if (!ctx->json)
			fprintf(stderr, _("budgetctl: %s: %llu bytes\n"), path,
			    (unsigned long long)size);
	}
	return rc;
}

static const char *const receipt_opts[] = { "-o", NULL };

const struct command cmd_receipt = { "receipt", "SEQ [-o FILE]", 1, 1,
    receipt_opts, receipt, NULL };
