#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "sd.h"

/* "READY=1", "STOPPING=1", "WATCHDOG=1": nothing when not under systemd. */
void
sd_notify_state(const char *state)
{
	struct sockaddr_un	 sun;
	const char		*path = getenv("NOTIFY_SOCKET");
	socklen_t		 len;
	size_t			 n;
	int			 fd;

	if (path == NULL || *path == '\0')
		return;
	n = strlen(path);
	if ((*path != '/' && *path != '@') || n >= sizeof(sun.sun_path)) {
		log_warnx("NOTIFY_SOCKET is not a socket path: %s", path);
		return;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, n);
	if (*path == '@')
		sun.sun_path[0] = '\0';	/* an abstract address */
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("%s: socket", __func__);
		return;
	}
	if (sendto(fd, state, strlen(state), MSG_NOSIGNAL,
	    (struct sockaddr *)&sun, len) == -1)
		log_warn("%s: %s", __func__, path);
	close(fd);
}

/*
 * The listening socket systemd passed, or -1 to bind our own. Only when
 * LISTEN_PID is us (the variables are inherited by children otherwise),
 * and only one socket: budgetd listens on one.
 */
int
sd_listen_fd(void)
{
	const char	*pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	struct stat	 st;
	char		*end;
	long		 n;
	int		 fd = SD_LISTEN_FDS_START, type;
	socklen_t	 len = sizeof(type);

	if (pid == NULL || fds == NULL)
		return -1;
	n = strtol(pid, &end, 10);
	if (*end != '\0' || n != (long)getpid())
		return -1;
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	n = strtol(fds, &end, 10);
	if (*end != '\0' || n != 1) {
		log_warnx("LISTEN_FDS=%s: budgetd takes exactly one socket",
		    fds);
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISSOCK(st.st_mode) ||
	    getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == -1 ||
	    type != SOCK_STREAM) {
		log_warnx("fd %d from systemd is not a stream socket", fd);
		return -1;
	}
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1) {
		log_warn("fd %d from systemd", fd);
		return -1;
	}
	return fd;
}

/* WATCHDOG_USEC when it is meant for us, else 0. */
uint64_t
sd_watchdog_usec(void)
{
	const char		*pid = getenv("WATCHDOG_PID");
	const char		*usec = getenv("WATCHDOG_USEC");
	char			*end;
	unsigned long long	 v;

	if (usec == NULL)
		return 0;
	if (pid && strtol(pid, &end, 10) != (long)getpid())
		return 0;
	v = strtoull(usec, &end, 10);
	return *end == '\0' ? v : 0;
}
