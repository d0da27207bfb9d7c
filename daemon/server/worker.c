#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <event2/event.h>

#include "log.h"
#include "server.h"
#include "worker.h"

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;

	w->work(w->arg);
	if (write(w->pipe[1], "", 1) != 1)
		log_warn("%s: %s: cannot wake the loop", __func__, w->name);
	return NULL;
}

static void
worker_done(evutil_socket_t fd, short what, void *arg)
{
	struct worker	*w = arg;
	char		 c;

	(void)what;
	if (read(fd, &c, 1) != 1)
		return;
	pthread_join(w->thread, NULL);
	w->running = 0;
	w->finish(w->client, w->arg);
	client_resume(w->client);
	client_release(w->client);
	w->client = NULL;
}

int
worker_init(struct worker *w, const char *name, struct event_base *base)
{
	w->name = name;
	w->pipe[0] = w->pipe[1] = -1;
	if (pipe2(w->pipe, O_CLOEXEC) == -1) {
		log_warn("%s: %s: pipe", __func__, name);
		return -1;
	}
	w->done = event_new(base, w->pipe[0], EV_READ | EV_PERSIST,
	    worker_done, w);
	if (w->done == NULL || event_add(w->done, NULL) != 0) {
		log_warnx("%s: %s: cannot watch the pipe", __func__, name);
		return -1;
	}
	return 0;
}

/* Starts work(arg) on the thread for client c, finish(c, arg) on the
 * loop after it; -1 when a job is running already or no thread can be
 * made, and c is then as it was. */
int
worker_start(struct worker *w, struct client *c, void (*work)(void *),
    void (*finish)(struct client *, void *), void *arg)
{
	if (w->running)
		return -1;
	w->work = work;
	w->finish = finish;
	w->arg = arg;
	w->client = c;
	client_hold(c);
	client_pause(c);
	if ((errno = pthread_create(&w->thread, NULL, worker_main, w)) != 0) {
		log_warn("%s: %s: pthread_create", __func__, w->name);
		client_resume(c);
		client_release(c);
		w->client = NULL;
		return -1;
	}
	w->running = 1;
	return 0;
}

/* At exit: a job in progress finishes before the store closes; its
 * answer is not sent, the connections are going. */
void
worker_free(struct worker *w)
{
	if (w->running) {
		log_info("waiting for the %s to finish", w->name);
		pthread_join(w->thread, NULL);
		w->running = 0;
	}
	if (w->client)
		client_release(w->client);
	w->client = NULL;
	if (w->done)
		event_free(w->done);
	w->done = NULL;
	if (w->pipe[0] != -1) {
		close(w->pipe[0]);
		close(w->pipe[1]);
	}
	w->pipe[0] = w->pipe[1] = -1;
}
