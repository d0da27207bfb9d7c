/*
 * The two systemd protocols budgetd speaks, written out instead of linking
 * libsystemd: readiness and watchdog notifications are one datagram to
 * $NOTIFY_SOCKET, socket activation is fd 3 named by $LISTEN_FDS and
 * $LISTEN_PID. Both are stable, documented interfaces (sd_notify(3),
 * sd_listen_fds(3)); a library for forty lines would be a dependency more.
 */
#ifndef BB_SD_H
#define BB_SD_H

#include <stdint.h>

#define SD_LISTEN_FDS_START	3

void	 sd_notify_state(const char *);
int	 sd_listen_fd(void);
uint64_t sd_watchdog_usec(void);

#endif
