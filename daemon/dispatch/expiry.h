/*
 * Expiry of reservations: an open reservation expires when its course's
 * end + grace days have passed (at midnight, Copenhagen time). A timer
 * wakes the loop at that moment; the next turn appends the releases as the
 * daemon's own entries. At start the timer fires at once, so what expired
 * while the daemon was down is released before anything else is served.
 */
#ifndef BB_EXPIRY_H
#define BB_EXPIRY_H

struct event_base;
struct turn;

#define EXPIRY_BATCH	1000	/* releases per turn: turns stay short */

void	 expiry_init(struct event_base *);
void	 expiry_free(void);
int	 expiry_due(void);
int	 expiry_run(struct turn *);
void	 expiry_plan(struct turn *);

#endif
