#include <stdio.h>
#include <stdlib.h>

#include "codes.h"
#include "dispatch.h"
#include "follow.h"
#include "journal.h"
#include "lang.h"
#include "log.h"
#include "server.h"
#include "store.h"
#include "wire.h"

struct push {
	struct store_txn	*txn;
	uint64_t		 last;
	ProtobufCBinaryData	 entries[FOLLOW_PAGE];
	PbEntryText		 texts[FOLLOW_PAGE];
	PbEntryText		*text_ptrs[FOLLOW_PAGE];
};

static void
behind(struct client *c, uint64_t cursor)
{
	PbResponse	 resp = BORGERBUDGET__V1__RESPONSE__INIT;
	char		 why[160];

	snprintf(why, sizeof(why), lang_text(client_lang(c),
	    N_("this follower fell too far behind: resume with export "
	    "--since %llu")), (unsigned long long)cursor);
	log_info("closing a follower at seq %llu: %zu bytes not taken",
	    (unsigned long long)cursor, client_unsent(c));
	resp.code = BORGERBUDGET__V1__CODE__BAD_REQUEST;
	resp.message = why;
	dispatch_send(c, &resp, client_lang(c));
	client_close_after(c);
}

static void
push_one(struct client *c, void *arg)
{
	struct push	*p = arg;
	uint64_t	*cursor = client_cursor(c);
	PbResponse	 resp = BORGERBUDGET__V1__RESPONSE__INIT;
	PbResult	 res = BORGERBUDGET__V1__RESULT__INIT, *results = &res;
	PbEntryPage	 page = BORGERBUDGET__V1__ENTRY_PAGE__INIT;
	const uint8_t	*leaf;
	size_t		 len;

	resp.results = &results;
	resp.n_results = 1;
	res.page = &page;
	page.entries = p->entries;
	page.last_seq = p->last;
	while (*cursor < p->last) {
		if (client_unsent(c) > FOLLOW_BEHIND_MAX) {
			behind(c, *cursor);
			return;
		}
		for (page.n_entries = 0; page.n_entries < FOLLOW_PAGE &&
		    *cursor + page.n_entries < p->last; page.n_entries++) {
			if (entry_leaf(p->txn, *cursor + page.n_entries + 1,
			    &leaf, &len) != BB_OK) {
				log_warnx("%s: entry %llu is missing", __func__,
				    (unsigned long long)(*cursor +
				    page.n_entries + 1));
				client_close_after(c);
				return;
			}
			p->entries[page.n_entries].data = (uint8_t *)leaf;
			p->entries[page.n_entries].len = len;
		}
		page.texts = p->text_ptrs;
		if (journal_texts(p->txn, *cursor + 1, *cursor +
		    page.n_entries, p->texts, p->text_ptrs, FOLLOW_PAGE,
		    &page.n_texts) != BB_OK) {
			log_warnx("%s: the texts after entry %llu cannot be "
			    "read", __func__, (unsigned long long)*cursor);
			client_close_after(c);
			return;
		}
		dispatch_send(c, &resp, client_lang(c));
		*cursor += page.n_entries;
	}
}

/* Every follower gets the entries up to last, in its own read txn. */
void
follow_push(struct store *store, uint64_t last)
{
	static struct push	 p;

	if (store_begin(store, 0, &p.txn) != BB_OK) {
		log_warnx("%s: no read transaction", __func__);
		return;
	}
	p.last = last;
	server_each_follower(push_one, &p);
	store_abort(p.txn);
}
