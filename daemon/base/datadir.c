#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "log.h"

#define LOCK_FILE	"budgetd.lock"

/*
 * Created when missing, 0700 since it holds personal data; its parent is
 * not created. One the operator made is used as it is (an operator may
 * give a group access to it on purpose), and every file budgetd makes in
 * it is 0600 anyway. Only a directory every user may enter is worth a
 * warning.
 */
int
datadir_ready(const char *dir)
{
	struct stat	 st;

	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		log_warn("mkdir %s", dir);
		return -1;
	}
	if (stat(dir, &st) == -1) {
		log_warn("%s", dir);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		log_warnx("%s is not a directory: give -D or data_dir the "
		    "ledger's directory", dir);
		return -1;
	}
	if (st.st_mode & S_IRWXO)
		log_warnx("%s is open to every user (mode %04o): the ledger's "
		    "files in it are 0600, but chmod o-rwx %s hides even "
		    "their names", dir, (unsigned)(st.st_mode & 07777), dir);
	return 0;
}

/* Who holds it, for the operator: the pid the holder wrote, or 0. */
static long
lock_holder(int fd)
{
	char	 buf[32], *end;
	ssize_t	 n;
	long	 pid;

	if ((n = pread(fd, buf, sizeof(buf) - 1, 0)) <= 0)
		return 0;
	buf[n] = '\0';
	pid = strtol(buf, &end, 10);
	return end != buf && (*end == '\n' || *end == '\0') && pid > 0 ?
	    pid : 0;
}

/*
 * An exclusive flock on DIR/budgetd.lock for the daemon's life. LMDB
 * lets any number of processes open the database, and a second daemon
 * would serve a ledger the first goes on writing. The lock belongs to the
 * open file: the child that detaches keeps it after the parent exits, and
 * it goes with the last process holding it, also after kill -9. The file
 * stays at exit, since removing it would race a daemon starting. Returns
 * the descriptor, or -1.
 */
int
datadir_lock(const char *dir)
{
	char	 path[PATH_MAX];
	long	 pid;
	int	 fd, n;

	n = snprintf(path, sizeof(path), "%s/%s", dir, LOCK_FILE);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		log_warnx("%s: path too long", dir);
		return -1;
	}
	if ((fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0600)) == -1) {
		log_warn("%s", path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
		datadir_lock_pid(fd);
		return fd;
	}
	if (errno != EWOULDBLOCK)
		log_warn("flock %s", path);
	else if ((pid = lock_holder(fd)) > 0)
		log_warnx("%s is in use by budgetd pid %ld: stop it first, or "
		    "give this budgetd another data directory", dir, pid);
	else
		log_warnx("%s is in use by another budgetd: stop it first, or "
		    "give this budgetd another data directory", dir);
	close(fd);
	return -1;
}

/*
 * Our pid in the lock file, again after budgetd detached: the process
 * that serves is the one to name. Written before the old text is cut
 * off, so a reader never finds the file empty.
 */
void
datadir_lock_pid(int fd)
{
	char	 buf[32];
	int	 n;

	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (pwrite(fd, buf, (size_t)n, 0) != n || ftruncate(fd, n) == -1)
		log_warn("%s: writing the pid to %s", __func__, LOCK_FILE);
}
