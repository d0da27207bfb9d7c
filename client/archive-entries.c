/*
 * The entries of an archive package (budgetctl archive): proofs a batch
 * per request, each entry's line of entries.jsonl written as its proof
 * comes, and the voucher documents the entries name, each once.
 */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "archive.h"
#include "codes.h"
#include "conn.h"
#include "date.h"
#include "entry.h"
#include "lang.h"
#include "output.h"

/* Set by a signal (cmd-archive.c): the partial package goes. */
volatile sig_atomic_t	 archive_stopped;

/* An error of ours after requests were sent: said once, exit 3. */
int
archive_fail(struct archive *ar, const char *what)
{
	return ctl_unreachable(ar->ctx, "archive: %s: %s", what,
	    strerror(errno));
}

/* A refusal that is not the daemon's: as ctl_refused prints one. */
int
archive_refuse(struct archive *ar, int code, const char *msg)
{
	PbResult	 r = BORGERBUDGET__V1__RESULT__INIT;

	r.code = code;
	r.message = (char *)msg;
	return ctl_refused(ar->ctx, &r);
}

/* Result k of a response, or the refusal of it or of the whole request
 * printed (exit 1). The caller frees the response. */
int
archive_result(struct archive *ar, const PbResponse *resp, size_t k)
{
	PbResult	 whole = BORGERBUDGET__V1__RESULT__INIT;

	if ((int)resp->code != BB_OK) {
		whole.code = resp->code;
		whole.message = resp->message;
		return ctl_refused(ar->ctx, &whole);
	}
	if ((int)resp->results[k]->code != BB_OK)
		return ctl_refused(ar->ctx, resp->results[k]);
	return EXIT_DONE;
}

/* Was an entry recorded after --until (in Copenhagen)? */
int
archive_after(const struct archive *ar, const PbEntry *e)
{
	return ar->until != DATE_NONE && date_of_time(e->recorded_at) >
	    ar->until;
}

/*
 * The entry's voucher document into documents/HEX, once however many
 * entries name it, a chunk at a time, checked against its hash.
 */
static int
archive_document(struct archive *ar, uint64_t seq, const uint8_t *want)
{
	Borgerbudget__V1__Receipt	 m = BORGERBUDGET__V1__RECEIPT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbOp				*ops = &op;
	crypto_hash_sha256_state	 st;
	PbResponse			*resp;
	PbResult			*r;
	char				 name[80], path[PATH_MAX + 100];
	uint8_t				 sum[32];
	uint64_t			 size = 0;
	FILE				*f;
	int				 rc = EXIT_DONE;

	snprintf(name, sizeof(name), "documents/");
	sodium_bin2hex(name + 10, sizeof(name) - 10, want, 32);
	snprintf(path, sizeof(path), "%s/%s", ar->part, name);
	if (access(path, F_OK) == 0)
		return EXIT_DONE;
	if ((f = fopen(path, "wx")) == NULL)
		return archive_fail(ar, name);
	m.seq = seq;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_RECEIPT;
	op.receipt = &m;
	crypto_hash_sha256_init(&st);
	do {
		if ((rc = ctl_call(ar->ctx, &ops, 1, &resp)) != EXIT_DONE)
			break;
		if ((int)resp->code == BB_OK && m.offset == 0 &&
		    (int)resp->results[0]->code == BB_NOT_FOUND) {
			/* Erased after its retention: the entry says so. */
			borgerbudget__v1__response__free_unpacked(resp, NULL);
			fclose(f);
			unlink(path);
			return EXIT_DONE;
		}
		if ((rc = ctl_first(ar->ctx, resp, NULL, &r)) != EXIT_DONE)
			break;
		if (r->receipt == NULL || r->receipt->offset != m.offset ||
		    (m.offset > 0 && r->receipt->size != size) ||
		    (r->receipt->data.len == 0 && m.offset <
		    r->receipt->size)) {
			rc = ctl_unreachable(ar->ctx, "budgetd answered "
			    "garbage");
		} else {
			size = r->receipt->size;
			crypto_hash_sha256_update(&st, r->receipt->data.data,
			    r->receipt->data.len);
			if (fwrite(r->receipt->data.data, 1,
			    r->receipt->data.len, f) != r->receipt->data.len)
				rc = archive_fail(ar, name);
			m.offset += r->receipt->data.len;
		}
		borgerbudget__v1__response__free_unpacked(resp, NULL);
	} while (rc == EXIT_DONE && m.offset < size);
	crypto_hash_sha256_final(&st, sum);
	if (rc == EXIT_DONE && memcmp(sum, want, 32) != 0)
		rc = ctl_unreachable(ar->ctx, "the document of entry %llu "
		    "does not match its SHA-256", (unsigned long long)seq);
	if (rc == EXIT_DONE && (fflush(f) == EOF || fsync(fileno(f)) == -1))
		rc = archive_fail(ar, name);
	if (fclose(f) == EOF && rc == EXIT_DONE)
		rc = archive_fail(ar, name);
	if (rc == EXIT_DONE && archive_sum_line(ar->sums, sum, name) == -1)
		rc = archive_fail(ar, "SHA256SUMS");
	if (rc == EXIT_DONE) {
		ar->documents++;
		ar->bytes += size;
	}
	return rc;
}

/* One line of entries.jsonl: the export's fields, the leaf, its proof. */
static int
archive_entry(struct archive *ar, const Borgerbudget__V1__ProofInfo *p)
{
	PbEntry		*e;
	char		*leaf64;
	uint8_t		 receipt[32];
	size_t		 n;
	int		 has_receipt;

	if (p->tree_size != ar->size || p->root.len != 32 ||
	    memcmp(p->root.data, ar->root, 32) != 0)
		return ctl_unreachable(ar->ctx, "the proof of entry %llu is "
		    "not against the checkpoint", (unsigned long long)p->seq);
	if ((e = entry_decode_text(&p->leaf, p->note, &p->note_salt,
	    p->erased)) == NULL)
		return EXIT_UNREACHABLE;
	if (ar->citizen == NULL && archive_after(ar, e)) {
		ar->ended = 1;
		return EXIT_DONE;
	}
	/* An erased entry's document is gone with its text. */
	if ((has_receipt = e->receipt_sha256.len == 32 && !p->erased))
		memcpy(receipt, e->receipt_sha256.data, 32);
	entry_json_fields(ar->entries, &p->leaf, e);
	n = sodium_base64_encoded_len(p->leaf.len,
	    sodium_base64_VARIANT_ORIGINAL);
	if ((leaf64 = malloc(n)) == NULL)
		return archive_fail(ar, _("out of memory"));
	sodium_bin2base64(leaf64, n, p->leaf.data, p->leaf.len,
	    sodium_base64_VARIANT_ORIGINAL);
	fprintf(ar->entries, ",\"leaf\":\"%s\",\"inclusion\":[", leaf64);
	free(leaf64);
	for (size_t i = 0; i < p->n_inclusion; i++) {
		if (i)
			putc(',', ar->entries);
		json_hex(ar->entries, p->inclusion[i].data,
		    p->inclusion[i].len);
	}
	fprintf(ar->entries, "],\"tree_size\":%llu}\n",
	    (unsigned long long)p->tree_size);
	if (ferror(ar->entries))
		return archive_fail(ar, "entries.jsonl");
	ar->count++;
	ar->through = p->seq;
	/* Fetched once no request is ahead on the connection. */
	if (has_receipt) {
		ar->docs_due[ar->ndue].seq = p->seq;
		memcpy(ar->docs_due[ar->ndue++].sha256, receipt, 32);
	}
	return EXIT_DONE;
}

/* The seq of the ith entry of the package (from 0), 0 past the end. */
static uint64_t
archive_seq(const struct archive *ar, uint64_t i)
{
	if (ar->citizen)
		return i < ar->nseqs ? ar->seqs[i] : 0;
	return i < ar->size ? i + 1 : 0;
}

/* The documents the entries written last named. */
static int
archive_documents(struct archive *ar)
{
	size_t	 i;
	int	 rc = EXIT_DONE;

	for (i = 0; i < ar->ndue && rc == EXIT_DONE; i++)
		rc = archive_document(ar, ar->docs_due[i].seq,
		    ar->docs_due[i].sha256);
	ar->ndue = 0;
	return rc;
}

/* The next batch of proofs from the ith entry of the package: n ops. */
static size_t
archive_batch(struct archive *ar, uint64_t i, Borgerbudget__V1__Proof *m,
    PbOp *op, PbOp **ops)
{
	size_t	 n;

	for (n = 0; n < ARCHIVE_BATCH && archive_seq(ar, i + n); n++) {
		borgerbudget__v1__proof__init(&m[n]);
		borgerbudget__v1__op__init(&op[n]);
		m[n].seq = archive_seq(ar, i + n);
		m[n].size = ar->size;
		op[n].kind_case = BORGERBUDGET__V1__OP__KIND_PROOF;
		op[n].proof = &m[n];
		ops[n] = &op[n];
	}
	return n;
}

/*
 * Proofs a batch per request, each entry written as it comes. The next
 * batch is asked for before this one is written, so the daemon reads
 * while the client writes; the documents of a batch are fetched once
 * its successor's answer is in and nothing is ahead on the connection.
 */
int
archive_entries(struct archive *ar)
{
	Borgerbudget__V1__Proof	 m[ARCHIVE_BATCH];
	PbOp			 op[ARCHIVE_BATCH];
	PbOp			*ops[ARCHIVE_BATCH];
	PbResponse		*resp;
	uint64_t		 i = 0, total;
	size_t			 n, next, k;
	int			 rc;

	total = ar->citizen ? ar->nseqs : ar->size;
	n = archive_batch(ar, 0, m, op, ops);
	if ((rc = ctl_send(ar->ctx, ops, n)) != EXIT_DONE)
		return rc;
	for (;;) {
		if ((rc = ctl_answer(ar->ctx, NULL, n, &resp)) != EXIT_DONE)
			return rc;
		if ((rc = archive_documents(ar)) != EXIT_DONE) {
			borgerbudget__v1__response__free_unpacked(resp, NULL);
			return rc;
		}
		i += n;
		next = ar->ended ? 0 : archive_batch(ar, i, m, op, ops);
		if (next && (rc = ctl_send(ar->ctx, ops, next)) != EXIT_DONE) {
			borgerbudget__v1__response__free_unpacked(resp, NULL);
			return rc;
		}
		for (k = 0; k < n && rc == EXIT_DONE && !ar->ended; k++) {
			if ((rc = archive_result(ar, resp, k)) != EXIT_DONE)
				break;
			if (resp->results[k]->proof == NULL)
				rc = ctl_unreachable(ar->ctx, "budgetd "
				    "answered garbage");
			else
				rc = archive_entry(ar, resp->results[k]->proof);
		}
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		if (rc != EXIT_DONE)
			return rc;
		if (ar->progress) {
			/* Back to the line's start: written over. */
			putc('\r', stderr);
			fprintf(stderr, _("archived %llu of %llu entries"),
			    (unsigned long long)ar->count,
			    (unsigned long long)total);
		}
		if (archive_stopped) {
			fprintf(stderr, _("\nbudgetctl: archive: stopped by "
			    "signal %d; %s removed\n"), (int)archive_stopped,
			    ar->part);
			return 128 + archive_stopped;
		}
		if (next == 0)
			break;
		n = next;
	}
	if (ar->progress)
		fprintf(stderr, "\n");
	if ((rc = archive_documents(ar)) != EXIT_DONE)
		return rc;
	if (ar->count == 0)
		return archive_refuse(ar, BB_NOT_FOUND, _("no entries were "
		    "recorded on or before --until"));
	return EXIT_DONE;
}
