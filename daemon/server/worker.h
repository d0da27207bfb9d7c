/*
 * Work that must not stop the loop (a backup, a replay of the whole
 * journal) runs on a thread of its own, one job per worker at a time, for
 * a client; its end is handed back to the loop, where the answer is sent.
 * The client is not read from meanwhile, so its answers stay in request
 * order. The thread touches nothing of the loop's: it reads the store
 * through a read transaction of its own and writes only its job's memory.
 */
#ifndef BB_WORKER_H
#define BB_WORKER_H

#include <pthread.h>

struct client;
struct event;
struct event_base;

struct worker {
	const char	*name;		/* for the log: "backup" */
	struct event	*done;
	int		 pipe[2];	/* the thread's "finished" */
	pthread_t	 thread;
	int		 running;
	struct client	*client;		/* held and paused */
	void		(*work)(void *);	/* on the thread */
	void		(*finish)(struct client *, void *); /* on the loop */
	void		*arg;
};

int	 worker_init(struct worker *, const char *, struct event_base *);
int	 worker_start(struct worker *, struct client *, void (*)(void *),
	    void (*)(struct client *, void *), void *);
void	 worker_free(struct worker *);

#endif
