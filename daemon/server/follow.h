/*
 * export --follow: a client's export that became a subscription. After
 * each commit the daemon pushes the new entries to every follower, as
 * Responses holding a page each. A follower is never waited for: one that
 * has more than FOLLOW_BEHIND_MAX bytes it has not taken is told where to
 * resume and closed, so a slow follower costs writers nothing.
 */
#ifndef BB_FOLLOW_H
#define BB_FOLLOW_H

#include <stdint.h>

struct store;

#define FOLLOW_BEHIND_MAX	(4U * 1024 * 1024)
#define FOLLOW_PAGE		1000

void	 follow_push(struct store *, uint64_t);

#endif
