/*
 * Work that must not stop the loop (a backup, a replay of the whole
 * journal) runs on a thread of its own, one job per worker at a time;
 * its end is handed back to the loop, where the answer is sent. The
 * thread touches nothing of the loop's: it reads the store through a
 * read transaction of its own and writes only its job's own memory.
 */
#ifndef BB_WORKER_H
#define BB_WORKER_H

#include <pthread.h>

struct event;
struct event_base;

struct worker {
	const char	*name;		/* for the log: "backup" */
	struct event	*done;
	int		 pipe[2];	/* the thread's "finished" */
	pthread_t	 thread;
	int		 running;
	void		(*work)(void *);	/* on the thread */
	void		(*finish)(void *);	/* then on the loop */
	void		*arg;
};

int	 worker_init(struct worker *, const char *, struct event_base *);
int	 worker_start(struct worker *, void (*)(void *), void (*)(void *),
	    void *);
void	 worker_free(struct worker *);

#endif
