#include <stdlib.h>

#include "answer.h"
#include "log.h"
#include "server.h"

/*
 * A response of one result, sent now. Without memory for it the client
 * cannot get its answer in order any more: it is closed, the daemon
 * goes on.
 */
void
answer_one(struct client *c, const PbResult *res)
{
	PbResponse	 resp = BORGERBUDGET__V1__RESPONSE__INIT;
	PbResult	*r = (PbResult *)res;
	uint8_t		*buf;
	size_t		 len;

	resp.results = &r;
	resp.n_results = 1;
	len = borgerbudget__v1__response__get_packed_size(&resp);
	if ((buf = malloc(len)) == NULL) {
		log_warn("%s: closing the client", __func__);
		client_close_after(c);
		return;
	}
	borgerbudget__v1__response__pack(&resp, buf);
	client_send(c, buf, len);
	free(buf);
}
