#include <stdio.h>

#include "answer.h"
#include "codes.h"
#include "log.h"
#include "server.h"
#include "verify.h"
#include "verify_job.h"
#include "worker.h"

static struct {
	struct store		*store;
	const struct signer	*signer;
	struct worker		 worker;
	struct client		*client;
	int			 bad;
	char			 message[600];
} vj;

/* On the worker's thread. */
static void
work(void *arg)
{
	(void)arg;
	vj.bad = verify_online(vj.store, vj.signer, vj.message,
	    sizeof(vj.message));
}

static void
finish(void *arg)
{
	PbResult	 res = BORGERBUDGET__V1__RESULT__INIT;
	char		 why[sizeof(vj.message) + 32];

	(void)arg;
	if (vj.bad) {
		log_warnx("verify: %s", vj.message);
		snprintf(why, sizeof(why), "verification failed: %s",
		    vj.message);
		res.code = BORGERBUDGET__V1__CODE__INTERNAL;
		res.message = why;
	} else
		res.verified = vj.message;
	answer_one(vj.client, &res);
	client_resume(vj.client);
	client_release(vj.client);
	vj.client = NULL;
}

int
verify_job_init(struct event_base *base, struct store *store,
    const struct signer *signer)
{
	vj.store = store;
	vj.signer = signer;
	return worker_init(&vj.worker, "verification", base);
}

/* Called with a request that is one Verify op, its role checked. */
void
verify_job_start(struct client *c, const PbOp *op)
{
	PbResult	 res = BORGERBUDGET__V1__RESULT__INIT;

	(void)op;
	res.code = BORGERBUDGET__V1__CODE__BAD_REQUEST;
	if (vj.worker.running) {
		res.message = "a verification is running already; ask again "
		    "when it is done";
		answer_one(c, &res);
		return;
	}
	vj.client = c;
	client_hold(c);
	client_pause(c);
	if (worker_start(&vj.worker, work, finish, NULL) == -1) {
		vj.client = NULL;
		res.code = BORGERBUDGET__V1__CODE__INTERNAL;
		res.message = "cannot start the verification";
		answer_one(c, &res);
		client_resume(c);
		client_release(c);
	}
}

/* At exit: a replay in progress finishes before the store closes. */
void
verify_job_free(void)
{
	worker_free(&vj.worker);
	if (vj.client)
		client_release(vj.client);
	vj.client = NULL;
}
