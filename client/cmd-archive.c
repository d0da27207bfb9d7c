/*
 * archive DEST [--citizen CITIZEN] [--until DATE]: a self-contained
 * package of entries with their texts, salts, voucher documents and an
 * inclusion proof each against one signed checkpoint, written into
 * DEST.part and renamed to DEST once it is whole and synced; then its
 * record (ArchiveRecord) in the journal. The entries stream through a
 * batch of proofs at a time (archive-entries.c): the package is never
 * held in memory.
 */

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "archive.h"
#include "args.h"
#include "codes.h"
#include "commands.h"
#include "conn.h"
#include "date.h"
#include "entry.h"
#include "lang.h"
#include "output.h"

#define STATEMENT_PAGE	1000

/* Interrupted (SIGINT, SIGTERM, SIGHUP): the partial package goes. */
static void
archive_stop(int sig)
{
	archive_stopped = sig;
}

/*
 * DEST must be new, or an empty directory; DEST.part is made here, so a
 * DEST nobody may write is a usage error before anything is sent.
 */
static int
archive_dest(struct archive *ar)
{
	struct stat	 st;
	struct dirent	*d;
	DIR		*dir;
	int		 full = 0, saved;

	if (stat(ar->dest, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return usage_error(ar->ctx, "%s: exists and is not a "
			    "directory", ar->dest);
		if ((dir = opendir(ar->dest)) == NULL)
			return usage_error(ar->ctx, "%s: %s", ar->dest,
			    strerror(errno));
		while (!full && (d = readdir(dir)) != NULL)
			full = strcmp(d->d_name, ".") != 0 &&
			    strcmp(d->d_name, "..") != 0;
		closedir(dir);
		if (full)
			return usage_error(ar->ctx, "%s: exists and is not "
			    "empty: an archive goes into a new directory",
			    ar->dest);
	} else if (errno != ENOENT) {
		return usage_error(ar->ctx, "%s: %s", ar->dest,
		    strerror(errno));
	}
	if (snprintf(ar->part, sizeof(ar->part), "%s.part", ar->dest) >=
	    (int)sizeof(ar->part))
		return usage_error(ar->ctx, "%s: the path is too long",
		    ar->dest);
	if (mkdir(ar->part, 0755) == -1) {
		if (errno == EEXIST)
			return usage_error(ar->ctx, "%s exists: an archive "
			    "that did not finish? remove it", ar->part);
		return usage_error(ar->ctx, "%s: cannot write there: %s",
		    ar->dest, strerror(errno));
	}
	snprintf(ar->docs, sizeof(ar->docs), "%s/documents", ar->part);
	if (mkdir(ar->docs, 0755) == -1) {
		saved = errno;
		archive_remove(ar->part);
		return usage_error(ar->ctx, "%s: %s", ar->docs,
		    strerror(saved));
	}
	return 0;
}

/*
 * Only admin may record an archive, and the package is worth writing
 * only if its record will be taken: an archive record without an id is
 * refused before anything is appended, with PERMISSION_DENIED for a
 * role that may not archive (roles are checked first), BAD_REQUEST for
 * one that may.
 */
static int
archive_may(struct archive *ar)
{
	Borgerbudget__V1__ArchiveRecord	 m =
	    BORGERBUDGET__V1__ARCHIVE_RECORD__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbOp				*ops = &op;
	PbResponse			*resp;
	int				 rc;

	op.kind_case = BORGERBUDGET__V1__OP__KIND_ARCHIVE_RECORD;
	op.archive_record = &m;
	if ((rc = ctl_call(ar->ctx, &ops, 1, &resp)) != EXIT_DONE)
		return rc;
	if ((int)resp->code != BB_OK ||
	    (int)resp->results[0]->code == BB_PERMISSION_DENIED)
		rc = archive_result(ar, resp, 0);
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return rc;
}

/* The latest checkpoint (its size is S, its root what every proof
 * reaches) and the key that verifies it, in one request. */
static int
archive_checkpoint(struct archive *ar)
{
	Borgerbudget__V1__Checkpoint	 m[2] = {
	    BORGERBUDGET__V1__CHECKPOINT__INIT,
	    BORGERBUDGET__V1__CHECKPOINT__INIT };
	PbOp				 op[2] = { BORGERBUDGET__V1__OP__INIT,
					    BORGERBUDGET__V1__OP__INIT };
	PbOp				*ops[2] = { &op[0], &op[1] };
	PbResponse			*resp;
	const char			*p, *nl;
	char				 b64[64];
	size_t				 n;
	int				 rc, i;

	m[1].verifier_key = 1;
	for (i = 0; i < 2; i++) {
		op[i].kind_case = BORGERBUDGET__V1__OP__KIND_CHECKPOINT;
		op[i].checkpoint = &m[i];
	}
	if ((rc = ctl_call(ar->ctx, ops, 2, &resp)) != EXIT_DONE)
		return rc;
	for (i = 0; i < 2 && rc == EXIT_DONE; i++)
		rc = archive_result(ar, resp, (size_t)i);
	if (rc != EXIT_DONE) {
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		return rc;
	}
	ar->note = strdup(resp->results[0]->checkpoint);
	ar->key = strdup(resp->results[1]->verifier_key);
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	if (ar->note == NULL || ar->key == NULL)
		return archive_fail(ar, _("checkpoint"));
	/* origin, size, base64 root: C2SP tlog-checkpoint */
	if ((p = strchr(ar->note, '\n')) == NULL)
		goto garbage;
	ar->size = strtoull(p + 1, NULL, 10);
	if ((p = strchr(p + 1, '\n')) == NULL ||
	    (nl = strchr(p + 1, '\n')) == NULL ||
	    (size_t)(nl - p - 1) >= sizeof(b64))
		goto garbage;
	memcpy(b64, p + 1, (size_t)(nl - p - 1));
	b64[nl - p - 1] = '\0';
	if (sodium_base642bin(ar->root, sizeof(ar->root), b64, strlen(b64),
	    NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 || n != 32)
		goto garbage;
	if (ar->size == 0)
		return archive_refuse(ar, BB_NOT_FOUND, _("the journal is "
		    "empty: nothing to archive"));
	return EXIT_DONE;
garbage:
	return ctl_unreachable(ar->ctx, "budgetd sent a checkpoint that is "
	    "not a C2SP note");
}

/*
 * A citizen's entries up to S, from the statement's pages (newest
 * first): seqs only, a few bytes each. Every entry up to S must be
 * archived: their record covers a citizen's entries up to their last.
 */
static int
archive_citizen(struct archive *ar)
{
	Borgerbudget__V1__Statement	 m = BORGERBUDGET__V1__STATEMENT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	PbEntry				*e;
	size_t				 cap = 0, i;
	uint64_t			*grown, seq;
	int				 rc, later = 0;

	m.citizen = (char *)ar->citizen;
	m.page = STATEMENT_PAGE;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_STATEMENT;
	op.statement = &m;
	do {
		if ((rc = ctl_one(ar->ctx, &op, &resp, &r)) != EXIT_DONE)
			return rc;
		if (r->statement == NULL) {
			borgerbudget__v1__response__free_unpacked(resp, NULL);
			return ctl_unreachable(ar->ctx, "budgetd answered "
			    "garbage");
		}
		for (i = 0; i < r->statement->n_lines; i++) {
			if ((e = entry_decode(&r->statement->lines[i]->entry))
			    == NULL) {
				borgerbudget__v1__response__free_unpacked(resp,
				    NULL);
				return EXIT_UNREACHABLE;
			}
			if (e->seq > ar->size)
				continue;
			if (archive_after(ar, e)) {
				later = 1;
				continue;
			}
			if (ar->nseqs == cap) {
				cap = cap ? cap * 2 : 256;
				if ((grown = realloc(ar->seqs, cap *
				    sizeof(*grown))) == NULL) {
					borgerbudget__v1__response__free_unpacked(
					    resp, NULL);
					return archive_fail(ar,
					    _("out of memory"));
				}
				ar->seqs = grown;
			}
			ar->seqs[ar->nseqs++] = e->seq;
		}
		m.start_seq = r->statement->next_seq;
		borgerbudget__v1__response__free_unpacked(resp, NULL);
	} while (m.start_seq != 0);
	if (later)
		return archive_refuse(ar, BB_BAD_REQUEST, _("--until: the "
		    "citizen has entries recorded after it, and an archive of "
		    "a citizen holds all their entries"));
	if (ar->nseqs == 0)
		return archive_refuse(ar, BB_NOT_FOUND, _("the citizen has no "
		    "entries in the latest checkpoint's tree"));
	for (i = 0; i < ar->nseqs / 2; i++) {
		seq = ar->seqs[i];
		ar->seqs[i] = ar->seqs[ar->nseqs - 1 - i];
		ar->seqs[ar->nseqs - 1 - i] = seq;
	}
	return EXIT_DONE;
}

/* The rest of the files, SHA256SUMS last, every one synced, then the
 * directory's final name. package_sha256: the SHA-256 of SHA256SUMS. */
static int
archive_finish(struct archive *ar, uint8_t *package_sha256)
{
	struct archive_about	 about;
	char			 path[PATH_MAX + 32], written[32], *dir;
	uint8_t			 sum[32];
	uint64_t		 size;
	time_t			 now = time(NULL);
	struct tm		 tm;

	ar->entries = NULL;
	if (archive_stream_close(&ar->out, sum) == -1 ||
	    archive_sum_line(ar->sums, sum, "entries.jsonl") == -1)
		return archive_fail(ar, "entries.jsonl");
	ar->bytes += ar->out.size;
	gmtime_r(&now, &tm);
	strftime(written, sizeof(written), "%Y-%m-%dT%H:%M:%SZ", &tm);
	memset(&about, 0, sizeof(about));
	about.citizen = ar->citizen ? ar->citizen : "";
	about.until = ar->until_text ? ar->until_text : "";
	about.written = written;
	about.entries = ar->count;
	about.through = ar->through;
	about.size = ar->size;
	snprintf(path, sizeof(path), "%s\n", ar->key);
	if (archive_put(ar->part, "checkpoint.txt", ar->note,
	    strlen(ar->note), ar->sums) == -1 ||
	    archive_put(ar->part, "verifier-key.txt", path, strlen(path),
	    ar->sums) == -1 ||
	    archive_readme(ar->part, &about, ar->sums) == -1)
		return archive_fail(ar, _("writing the package"));
	if (fflush(ar->sums) == EOF || fsync(fileno(ar->sums)) == -1 ||
	    fclose(ar->sums) == EOF) {
		ar->sums = NULL;
		return archive_fail(ar, "SHA256SUMS");
	}
	ar->sums = NULL;
	snprintf(path, sizeof(path), "%s/SHA256SUMS", ar->part);
	if (archive_file_sha256(path, package_sha256, &size) == -1)
		return archive_fail(ar, "SHA256SUMS");
	if (archive_sync_path(ar->docs) == -1 ||
	    archive_sync_path(ar->part) == -1)
		return archive_fail(ar, _("syncing the package"));
	if (rename(ar->part, ar->dest) == -1)
		return archive_fail(ar, ar->dest);
	snprintf(path, sizeof(path), "%s", ar->dest);
	dir = dirname(path);
	if (archive_sync_path(dir) == -1)
		return archive_fail(ar, dir);
	return EXIT_DONE;
}

/* The package's record in the journal, and what was done. */
static int
archive_record(struct archive *ar, const uint8_t *package_sha256)
{
	Borgerbudget__V1__ArchiveRecord	 m =
	    BORGERBUDGET__V1__ARCHIVE_RECORD__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	char				 uuid[37], hex[65];
	int				 rc;

	m.citizen = (char *)(ar->citizen ? ar->citizen : "");
	m.through = ar->through;
	m.package_sha256.data = (uint8_t *)package_sha256;
	m.package_sha256.len = 32;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_ARCHIVE_RECORD;
	op.archive_record = &m;
	op.id.data = ar->ctx->id;
	op.id.len = sizeof(ar->ctx->id);
	if ((rc = ctl_one(ar->ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	uuid_format(ar->ctx->id, uuid);
	sodium_bin2hex(hex, sizeof(hex), package_sha256, 32);
	if (ar->ctx->json) {
		printf("{\"status\":\"%s\",\"seq\":%llu,\"id\":\"%s\","
		    "\"entries\":%llu,\"through\":%llu,\"documents\":%llu,"
		    "\"tree_size\":%llu,\"package_sha256\":\"%s\",\"dest\":",
		    r->exists ? "exists" : "ok", (unsigned long long)r->seq,
		    uuid, (unsigned long long)ar->count,
		    (unsigned long long)ar->through,
		    (unsigned long long)ar->documents,
		    (unsigned long long)ar->size, hex);
		json_str(stdout, ar->dest);
		printf("}\n");
	} else if (ar->citizen) {
		printf(_("ok: archived %s's %llu entries (through no. %llu) "
		    "and %llu documents in %s, archive entry no. %llu\n"
		    "SHA256SUMS: %s\n"), ar->citizen,
		    (unsigned long long)ar->count,
		    (unsigned long long)ar->through,
		    (unsigned long long)ar->documents, ar->dest,
		    (unsigned long long)r->seq, hex);
	} else {
		printf(_("ok: archived %llu entries (1..%llu) and %llu "
		    "documents in %s, archive entry no. %llu\n"
		    "SHA256SUMS: %s\n"),
		    (unsigned long long)ar->count,
		    (unsigned long long)ar->through,
		    (unsigned long long)ar->documents, ar->dest,
		    (unsigned long long)r->seq, hex);
	}
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return EXIT_DONE;
}

static int
archive(struct ctx *ctx, struct args *a)
{
	struct archive	 ar;
	char		 path[PATH_MAX + 32];
	struct sigaction sa;
	uint8_t		 package_sha256[32];
	size_t		 n;
	int		 rc;

	memset(&ar, 0, sizeof(ar));
	ar.ctx = ctx;
	/* "pkg/" is pkg: its partial twin is pkg.part, not pkg/.part. */
	n = strlen(a->pos[0]);
	while (n > 1 && a->pos[0][n - 1] == '/')
		a->pos[0][--n] = '\0';
	ar.dest = a->pos[0];
	if (n == 0)
		return usage_error(ctx, "DEST: empty");
	ar.citizen = arg(a, "--citizen");
	ar.until_text = arg(a, "--until");
	ar.until = DATE_NONE;
	if (ar.citizen && !*ar.citizen)
		return usage_error(ctx, "--citizen: empty");
	if (ar.until_text) {
		if ((rc = arg_date(ctx, "--until", ar.until_text)) != 0)
			return rc;
		date_parse(ar.until_text, &ar.until);
	}
	if ((rc = archive_dest(&ar)) != 0)
		return rc;
	/* Between batches, not in a handler: removing a tree is no work
	 * for a signal handler. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = archive_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	ar.progress = isatty(STDERR_FILENO);
	snprintf(path, sizeof(path), "%s/entries.jsonl", ar.part);
	if (archive_stream_open(&ar.out, path) == -1) {
		rc = archive_fail(&ar, path);
		goto out;
	}
	ar.entries = ar.out.f;
	snprintf(path, sizeof(path), "%s/SHA256SUMS", ar.part);
	if ((ar.sums = fopen(path, "wx")) == NULL) {
		rc = archive_fail(&ar, path);
		goto out;
	}
	if ((rc = archive_may(&ar)) != EXIT_DONE ||
	    (rc = archive_checkpoint(&ar)) != EXIT_DONE ||
	    (ar.citizen && (rc = archive_citizen(&ar)) != EXIT_DONE) ||
	    (rc = archive_entries(&ar)) != EXIT_DONE ||
	    (rc = archive_finish(&ar, package_sha256)) != EXIT_DONE)
		goto out;
	/* The package is whole under its name: a refused record leaves
	 * no package that the journal does not know of. */
	if ((rc = archive_record(&ar, package_sha256)) == EXIT_REFUSED)
		archive_remove(ar.dest);
	else if (rc != EXIT_DONE)
		fprintf(stderr, _("budgetctl: %s is whole, but whether the "
		    "journal recorded it is not known: run the archive "
		    "again, or check the export for an archive entry\n"),
		    ar.dest);
out:
	if (ar.entries)
		archive_stream_close(&ar.out, package_sha256);
	if (ar.sums)
		fclose(ar.sums);
	if (rc != EXIT_DONE)
		archive_remove(ar.part);
	free(ar.note);
	free(ar.key);
	free(ar.seqs);
	return rc;
}

static const char *const archive_opts[] = { "--citizen", "--until", NULL };

const struct command cmd_archive = { "archive",
    "DEST [--citizen CITIZEN] [--until DATE]", 1, 1, archive_opts, archive,
    NULL };
