/* Entries, courses and pools as JSON objects with SPEC §5's field names. */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "budgetctl.h"

static const char *const op_names[] = {
	[BORGERBUDGET__V1__ENTRY_OP__POOL_CREATE] = "pool_create",
	[BORGERBUDGET__V1__ENTRY_OP__POOL_FUND] = "pool_fund",
	[BORGERBUDGET__V1__ENTRY_OP__COURSE_OPEN] = "course_open",
	[BORGERBUDGET__V1__ENTRY_OP__GRANT] = "grant",
	[BORGERBUDGET__V1__ENTRY_OP__SPEND] = "spend",
	[BORGERBUDGET__V1__ENTRY_OP__REVERSE] = "reverse",
	[BORGERBUDGET__V1__ENTRY_OP__COURSE_CLOSE] = "course_close",
	[BORGERBUDGET__V1__ENTRY_OP__RESERVE] = "reserve",
	[BORGERBUDGET__V1__ENTRY_OP__CAPTURE] = "capture",
	[BORGERBUDGET__V1__ENTRY_OP__RELEASE] = "release",
	[BORGERBUDGET__V1__ENTRY_OP__REFUND] = "refund",
};

PbEntry *
entry_decode(const ProtobufCBinaryData *leaf)
{
	PbEntry	*e = borgerbudget__v1__entry__unpack(NULL, leaf->len,
	    leaf->data);

	if (e == NULL)
		fprintf(stderr, "budgetctl: an entry does not decode\n");
	return e;
}

const char *
entry_op_name(int op)
{
	if (op <= 0 || (size_t)op >= sizeof(op_names) / sizeof(op_names[0]))
		return "unknown";
	return op_names[op];
}

static void
recorded_at(FILE *f, int64_t us)
{
	time_t		 t = (time_t)(us / 1000000);
	struct tm	 tm;
	char		 buf[32];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(f, "\"%s.%06lldZ\"", buf, (long long)(us % 1000000));
}

/*
 * One entry; leaf is the entry's bytes exactly as the daemon stores them,
 * so leaf_hash = SHA-256(0x00 || leaf) is the RFC 6962 leaf hash.
 */
void
entry_json(FILE *f, const ProtobufCBinaryData *leaf, const PbEntry *e,
    const int64_t *balance)
{
	entry_json_fields(f, leaf, e);
	if (balance)
		fprintf(f, ",\"balance\":%lld", (long long)*balance);
	fputc('}', f);
}

/* The entry's object without its closing brace, for callers that add. */
void
entry_json_fields(FILE *f, const ProtobufCBinaryData *leaf, const PbEntry *e)
{
	crypto_hash_sha256_state	 st;
	uint8_t				 prefix = 0, hash[32];
	char				 uuid[37] = "";

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &prefix, 1);
	crypto_hash_sha256_update(&st, leaf->data, leaf->len);
	crypto_hash_sha256_final(&st, hash);
	if (e->id.len == 16)
		uuid_format(e->id.data, uuid);

	fprintf(f, "{\"seq\":%llu,\"id\":\"%s\",\"recorded_at\":",
	    (unsigned long long)e->seq, uuid);
	recorded_at(f, e->recorded_at);
	fprintf(f, ",\"value_date\":");
	json_str(f, e->value_date);
	fprintf(f, ",\"op\":\"%s\",\"debit\":", entry_op_name((int)e->op));
	json_str(f, e->debit);
	fprintf(f, ",\"credit\":");
	json_str(f, e->credit);
	fprintf(f, ",\"amount\":%lld,\"citizen\":", (long long)e->amount);
	json_str(f, e->citizen);
	fprintf(f, ",\"course\":%u,\"pool\":", e->course);
	json_str(f, e->pool);
	fprintf(f, ",\"category\":");
	json_str(f, e->category);
	fprintf(f, ",\"voucher\":");
	json_str(f, e->voucher);
	fprintf(f, ",\"vat\":%lld,\"note\":", (long long)e->vat);
	json_str(f, e->note);
	fprintf(f, ",\"reverses\":%llu,\"actor\":",
	    (unsigned long long)e->reverses);
	if (e->actor) {
		fprintf(f, "{\"uid\":%u,\"name\":", e->actor->uid);
		json_str(f, e->actor->name);
		fprintf(f, ",\"role\":");
		json_str(f, e->actor->role);
		fprintf(f, "}");
	} else {
		fprintf(f, "null");
	}
	fprintf(f, ",\"leaf_hash\":");
	json_hex(f, hash, sizeof(hash));
	if (e->receipt_sha256.len) {
		fprintf(f, ",\"receipt\":");
		json_hex(f, e->receipt_sha256.data, e->receipt_sha256.len);
	}
	if (e->reservation)
		fprintf(f, ",\"reservation\":%llu",
		    (unsigned long long)e->reservation);
	fprintf(f, ",\"citizen_prev\":%llu",
	    (unsigned long long)e->citizen_prev);
}

/* What the entry did to the available budget of its course. */
int64_t
entry_budget_effect(const PbEntry *e)
{
	char	 acct[128];

	if (e->course == 0)
		return 0;
	snprintf(acct, sizeof(acct), "budget:%s:%u", e->citizen, e->course);
	if (strcmp(e->debit, acct) == 0)
		return e->amount;
	if (strcmp(e->credit, acct) == 0)
		return -e->amount;
	return 0;
}

void
course_json(FILE *f, const PbCourseInfo *c)
{
	fprintf(f, "{\"citizen\":");
	json_str(f, c->citizen);
	fprintf(f, ",\"course\":%u,\"pool\":", c->course);
	json_str(f, c->pool);
	fprintf(f, ",\"status\":");
	json_str(f, c->status);
	fprintf(f, ",\"start\":");
	json_str(f, c->start);
	fprintf(f, ",\"end\":");
	json_str(f, c->end);
	fprintf(f, ",\"cap\":%lld,\"granted\":%lld,\"reserved\":%lld,"
	    "\"spent\":%lld,\"available\":%lld,\"refunded\":%lld,"
	    "\"returned\":%lld,\"grace\":%u,\"close_reason\":",
	    (long long)c->cap, (long long)c->granted, (long long)c->reserved,
	    (long long)c->spent, (long long)c->available,
	    (long long)c->refunded, (long long)c->returned, c->grace_days);
	json_str(f, c->close_reason);
	fprintf(f, ",\"closed_on\":");
	json_str(f, c->closed_on);
	fprintf(f, "}");
}

void
pool_json(FILE *f, const PbPoolInfo *p)
{
	const PbPoolRules	*r = p->rules;

	fprintf(f, "{\"pool\":");
	json_str(f, p->pool);
	fprintf(f, ",\"name\":");
	json_str(f, r ? r->name : "");
	fprintf(f, ",\"cap\":%lld,\"months\":%u,\"from\":",
	    (long long)(r ? r->cap : 0), r ? r->months : 0);
	json_str(f, r ? r->valid_from : "");
	fprintf(f, ",\"to\":");
	json_str(f, r ? r->valid_to : "");
	fprintf(f, ",\"grace\":%u,\"funded\":%lld,\"granted\":%lld,"
	    "\"returned\":%lld,\"balance\":%lld,\"courses_open\":%u,"
	    "\"courses_closed\":%u}", r ? r->grace_days : 0,
	    (long long)p->funded, (long long)p->granted,
	    (long long)p->returned, (long long)p->balance, p->courses_open,
	    p->courses_closed);
}
