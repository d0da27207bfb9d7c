/* Logging: stderr in the foreground, syslog otherwise. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "lang.h"
#include "log.h"

static int	 to_stderr = 1;
static int	 verbose;

void
log_init(int foreground, int debug)
{
	to_stderr = foreground;
	verbose = debug;
	if (!foreground)
		openlog("budgetd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	tzset();
}

static void
vlog(int pri, const char *fmt, va_list ap, const char *err)
{
	char		 msg[2048], ts[32];
	struct tm	 tm;
	time_t		 now;

	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	if (!to_stderr) {
		if (err)
			syslog(pri, "%s: %s", msg, err);
		else
			syslog(pri, "%s", msg);
		return;
	}
	now = time(NULL);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", localtime_r(&now, &tm));
	if (err)
		fprintf(stderr, "%s budgetd: %s: %s\n", ts, msg, err);
	else
		fprintf(stderr, "%s budgetd: %s\n", ts, msg);
}

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	vlog(LOG_ERR, fmt, ap, strerror(saved));
	va_end(ap);
	errno = saved;
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_ERR, fmt, ap, NULL);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, fmt, ap, NULL);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list	 ap;

	if (!verbose)
		return;
	va_start(ap, fmt);
	vlog(LOG_DEBUG, fmt, ap, NULL);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	vlog(LOG_CRIT, fmt, ap, strerror(saved));
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, fmt, ap, NULL);
	va_end(ap);
	exit(1);
}
