#include <stdio.h>

#include "answer.h"
#include "codes.h"
#include "dispatch.h"
#include "lang.h"
#include "log.h"
#include "verify.h"
#include "verify_job.h"
#include "worker.h"

static struct {
	struct store		*store;
	const struct signer	*signer;
	struct worker		 worker;
	enum lang		 lang;		/* the asking client's */
	int			 bad;
	char			 message[600];
} vj;

/* On the worker's thread. */
static void
work(void *arg)
{
	(void)arg;
	vj.bad = verify_online(vj.store, vj.signer, vj.lang, vj.message,
	    sizeof(vj.message));
}

static void
finish(struct client *c, void *arg)
{
	PbResult	 res = BORGERBUDGET__V1__RESULT__INIT;
	char		 why[sizeof(vj.message) + 32];

	(void)arg;
	if (vj.bad) {
		log_warnx("verify: %s", vj.message);
		snprintf(why, sizeof(why), lang_text(vj.lang,
		    N_("verification failed: %s")), vj.message);
		res.code = BORGERBUDGET__V1__CODE__INTERNAL;
		res.message = why;
	} else
		res.verified = vj.message;
	answer_one(c, &res);
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
	enum lang	 lang = dispatch_later_lang();

	(void)op;
	res.code = BORGERBUDGET__V1__CODE__BAD_REQUEST;
	if (vj.worker.running) {
		res.message = (char *)lang_text(lang, N_("a verification is "
		    "running already; ask again when it is done"));
		answer_one(c, &res);
		return;
	}
	vj.lang = lang;
	if (worker_start(&vj.worker, c, work, finish, NULL) == -1) {
		res.code = BORGERBUDGET__V1__CODE__INTERNAL;
		res.message = (char *)lang_text(lang,
		    N_("cannot start the verification"));
		answer_one(c, &res);
	}
}

/* At exit: a replay in progress finishes before the store closes. */
void
verify_job_free(void)
{
	worker_free(&vj.worker);
}
