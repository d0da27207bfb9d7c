#include "answer.h"
#include "dispatch.h"
#include "server.h"

/* A response of one result, sent now (dispatch_send). */
void
answer_one(struct client *c, const PbResult *res)
{
	PbResponse	 resp = BORGERBUDGET__V1__RESPONSE__INIT;
	PbResult	*r = (PbResult *)res;

	resp.results = &r;
	resp.n_results = 1;
	dispatch_send(c, &resp, client_lang(c));
}
