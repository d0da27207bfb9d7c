#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answer.h"
#include "backup.h"
#include "checkpoint.h"
#include "codes.h"
#include "lang.h"
#include "log.h"
#include "server.h"
#include "store.h"
#include "worker.h"

static struct {
	struct store		*store;
	const struct signer	*signer;
	struct worker		 worker;
	char			 dest[PATH_MAX];
	int			 code;
	char			 message[2 * PATH_MAX + 256];
	enum lang		 lang;		/* of the request */
} b;

static void
respond(struct client *c, int code, const char *message, const char *dest)
{
	PbResult	 res = BORGERBUDGET__V1__RESULT__INIT;

	res.code = (Borgerbudget__V1__Code)code;
	res.message = (char *)message;
	res.backup = (char *)dest;
	answer_one(c, &res);
}

/* A new directory, or an empty one. */
static int
dest_ready(const char *dest, char *why, size_t len)
{
	struct dirent	*de;
	DIR		*d;

	if (mkdir(dest, 0700) == 0)
		return 0;
	if (errno != EEXIST) {
		snprintf(why, len, "%s: %s", dest, strerror(errno));
		return -1;
	}
	if ((d = opendir(dest)) == NULL) {
		snprintf(why, len, "%s: %s", dest, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			closedir(d);
			snprintf(why, len, lang_text(b.lang, N_("%s is not "
			    "empty: a backup never overwrites")), dest);
			return -1;
		}
	closedir(d);
	return 0;
}

/*
 * A file of the backup: 0600 from its first byte, whatever the umask and
 * the mode of a directory the caller made. O_EXCL: never overwrite.
 */
static int
private_create(const char *path)
{
	return open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
}

/*
 * DEST/data.mdb, on disk before the answer says so. A copy that failed
 * half-way is removed: nothing in DEST may pass for a backup.
 */
static int
copy_database(void)
{
	char	 path[PATH_MAX + 32];
	int	 fd, code;

	snprintf(path, sizeof(path), "%s/data.mdb", b.dest);
	if ((fd = private_create(path)) == -1) {
		snprintf(b.message, sizeof(b.message), "%s: %s", path,
		    strerror(errno));
		return BB_INTERNAL;
	}
	if ((code = store_backup(b.store, fd, path)) != BB_OK)
		snprintf(b.message, sizeof(b.message), lang_text(b.lang,
		    N_("copying the database to %s failed: see the daemon's "
		    "log")), b.dest);
	else if (fsync(fd) == -1) {
		snprintf(b.message, sizeof(b.message), lang_text(b.lang,
		    N_("syncing %s: %s")), path, strerror(errno));
		code = BB_INTERNAL;
	}
	close(fd);
	if (code != BB_OK)
		unlink(path);
	return code;
}

/* DEST/checkpoint.pub: the key the copy verifies with. */
static int
copy_key(void)
{
	char	 path[PATH_MAX + 32], key[512];
	FILE	*f;
	int	 fd;

	checkpoint_verifier_key(b.signer, key, sizeof(key));
	snprintf(path, sizeof(path), "%s/checkpoint.pub", b.dest);
	if ((fd = private_create(path)) == -1) {
		snprintf(b.message, sizeof(b.message), "%s: %s", path,
		    strerror(errno));
		return BB_INTERNAL;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		snprintf(b.message, sizeof(b.message), "%s: %s", path,
		    strerror(errno));
		close(fd);
		return BB_INTERNAL;
	}
	fprintf(f, "%s\n", key);
	if (fflush(f) == EOF || fsync(fileno(f)) == -1) {
		snprintf(b.message, sizeof(b.message), "%s: %s", path,
		    strerror(errno));
		fclose(f);
		return BB_INTERNAL;
	}
	fclose(f);
	return BB_OK;
}

/* The directory's entries on disk too. */
static int
sync_dir(const char *path)
{
	int	 fd, rc;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* On the worker's thread. */
static void
work(void *arg)
{
	(void)arg;
	if (dest_ready(b.dest, b.message, sizeof(b.message)) == -1) {
		b.code = BB_BAD_REQUEST;
		goto done;
	}
	if ((b.code = copy_database()) != BB_OK ||
	    (b.code = copy_key()) != BB_OK)
		goto done;
	if (sync_dir(b.dest) == -1) {
		snprintf(b.message, sizeof(b.message), lang_text(b.lang,
		    N_("syncing %s: %s")), b.dest, strerror(errno));
		b.code = BB_INTERNAL;
		goto done;
	}
	snprintf(b.message, sizeof(b.message), "%s", lang_text(b.lang,
	    N_("data.mdb and checkpoint.pub written")));
done:
	return;
}

static void
finish(struct client *c, void *arg)
{
	(void)arg;
	if (b.code == BB_OK)
		log_info("backup written to %s", b.dest);
	else
		log_warnx("backup to %s failed: %s", b.dest, b.message);
	respond(c, b.code, b.message, b.code == BB_OK ? b.dest : "");
}

int
backup_init(struct event_base *base, struct store *store,
    const struct signer *signer)
{
	b.store = store;
	b.signer = signer;
	return worker_init(&b.worker, "backup", base);
}

/* Called with a request that is one Backup op, its role checked. */
void
backup_start(struct client *c, const PbOp *op)
{
	const char	*dest = op->backup->dest;
	enum lang	 l = client_lang(c);

	if (b.worker.running) {
		respond(c, BB_BAD_REQUEST, lang_text(l,
		    N_("a backup is running already")), "");
		return;
	}
	if (dest[0] != '/' || strlen(dest) >= sizeof(b.dest) - 32) {
		respond(c, BB_BAD_REQUEST, lang_text(l, N_("the backup "
		    "directory must be an absolute path")), "");
		return;
	}
	/* The thread words its answer in the language of this request. */
	b.lang = l;
	snprintf(b.dest, sizeof(b.dest), "%s", dest);
	if (worker_start(&b.worker, c, work, finish, NULL) == -1) {
		respond(c, BB_INTERNAL, lang_text(l,
		    N_("cannot start the backup")), "");
		return;
	}
	log_info("backup to %s started", b.dest);
}

/* At exit: a copy in progress finishes before the store closes. */
void
backup_free(void)
{
	worker_free(&b.worker);
}
