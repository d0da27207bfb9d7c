/* Entries, courses and pools as JSON objects with SPEC §5's field names. */

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entry.h"
#include "lang.h"
#include "output.h"
#include "sha256.h"

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
	[BORGERBUDGET__V1__ENTRY_OP__ARCHIVE] = "archive",
	[BORGERBUDGET__V1__ENTRY_OP__ERASE] = "erase",
};

/*
 * The operations as people read them in text output; JSON, CSV and the
 * exports keep SPEC's names above.
 */
static const char *const op_texts[] = {
	[BORGERBUDGET__V1__ENTRY_OP__POOL_CREATE] = N_("pool_create"),
	[BORGERBUDGET__V1__ENTRY_OP__POOL_FUND] = N_("pool_fund"),
	[BORGERBUDGET__V1__ENTRY_OP__COURSE_OPEN] = N_("course_open"),
	[BORGERBUDGET__V1__ENTRY_OP__GRANT] = N_("grant"),
	[BORGERBUDGET__V1__ENTRY_OP__SPEND] = N_("spend"),
	[BORGERBUDGET__V1__ENTRY_OP__REVERSE] = N_("reverse"),
	[BORGERBUDGET__V1__ENTRY_OP__COURSE_CLOSE] = N_("course_close"),
	[BORGERBUDGET__V1__ENTRY_OP__RESERVE] = N_("reserve"),
	[BORGERBUDGET__V1__ENTRY_OP__CAPTURE] = N_("capture"),
	[BORGERBUDGET__V1__ENTRY_OP__RELEASE] = N_("release"),
	[BORGERBUDGET__V1__ENTRY_OP__REFUND] = N_("refund"),
	[BORGERBUDGET__V1__ENTRY_OP__ARCHIVE] = N_("archive"),
	[BORGERBUDGET__V1__ENTRY_OP__ERASE] = N_("erase"),
};

/*
 * The notes the daemon writes itself into a leaf (why a reservation was
 * released, why a course closed): fixed English words in the ledger,
 * shown to people in their language. A person's note is shown as written.
 */
static const char *const system_notes[] = {
	N_("released"), N_("expired"), N_("course closed"),
	N_("rest after capture"), N_("ended"), N_("moved"), N_("withdrawn"),
	NULL
};

/*
 * Entries are decoded one after another into one reused buffer: a
 * statement decodes ten thousand, and a malloc per field was a tenth of
 * budgetctl's time. An entry is valid until the next entry_decode.
 */
static struct {
	ProtobufCAllocator	 alloc;
	PbEntry			*entry;
	size_t			 used;
	int			 spilled;	/* a part is in malloc's memory */
	max_align_t		 mem[16384 / sizeof(max_align_t)];
	ProtobufCBinaryData	 salt;	/* of the entry's personal text */
	int			 erased;	/* ... erased after retention */
} dec;

static void *
decoder_alloc(void *arg, size_t n)
{
	void	*p;

	(void)arg;
	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (n > sizeof(dec.mem) - dec.used) {
		dec.spilled = 1;	/* larger than any entry we keep */
		return malloc(n);
	}
	p = (char *)dec.mem + dec.used;
	dec.used += n;
	return p;
}

static void
decoder_free(void *arg, void *p)
{
	(void)arg;
	if ((char *)p < (char *)dec.mem ||
	    (char *)p >= (char *)dec.mem + sizeof(dec.mem))
		free(p);
}

PbEntry *
entry_decode(const ProtobufCBinaryData *leaf)
{
	dec.alloc.alloc = decoder_alloc;
	dec.alloc.free = decoder_free;
	/* Emptying the buffer frees the entry, unless a part spilled. */
	if (dec.entry != NULL && dec.spilled)
		borgerbudget__v1__entry__free_unpacked(dec.entry, &dec.alloc);
	dec.used = 0;
	dec.spilled = 0;
	dec.entry = borgerbudget__v1__entry__unpack(&dec.alloc, leaf->len,
	    leaf->data);
	if (dec.entry == NULL)
		fprintf(stderr, _("budgetctl: an entry does not decode\n"));
	dec.salt.len = 0;
	dec.erased = 0;
	return dec.entry;
}

/*
 * An entry with the personal text the daemon sent beside it (the leaf
 * holds only its commitment): its note is the text, the salt is kept
 * with it for the JSON (note_salt). Text sent for an entry that commits
 * to none is not shown: the leaf decides what belongs to it.
 */
PbEntry *
entry_decode_text(const ProtobufCBinaryData *leaf, const char *note,
    const ProtobufCBinaryData *salt, int erased)
{
	PbEntry	*e;

	if ((e = entry_decode(leaf)) == NULL)
		return NULL;
	if (e->note_commitment.len != 0 && note != NULL && !erased) {
		e->note = (char *)note;
		if (salt)
			dec.salt = *salt;
	}
	/* Erased is said of what had something to erase. */
	dec.erased = erased && (e->note_commitment.len != 0 ||
	    e->receipt_sha256.len != 0);
	return e;
}

/* Were the entry's personal text and document erased (SPEC §4)? */
int
entry_is_erased(const PbEntry *e)
{
	return e == dec.entry && dec.erased;
}

const char *
entry_op_name(int op)
{
	if (op <= 0 || (size_t)op >= sizeof(op_names) / sizeof(op_names[0]))
		return "unknown";
	return op_names[op];
}

/* The highest operation with a name: they run from 1 to it. */
int
entry_op_last(void)
{
	return (int)(sizeof(op_names) / sizeof(op_names[0])) - 1;
}

/* The operation's name for people, in the process's language. */
const char *
entry_op_text(int op)
{
	if (op <= 0 || (size_t)op >= sizeof(op_texts) / sizeof(op_texts[0]) ||
	    op_texts[op] == NULL)
		return _("unknown");
	return _(op_texts[op]);
}

/*
 * The entry's note for people: a note the daemon wrote (on a release or a
 * close) in the process's language, any other as it stands.
 */
const char *
entry_note_text(const PbEntry *e)
{
	if (e->op != BORGERBUDGET__V1__ENTRY_OP__RELEASE &&
	    e->op != BORGERBUDGET__V1__ENTRY_OP__COURSE_CLOSE)
		return e->note;
	for (size_t i = 0; system_notes[i] != NULL; i++)
		if (strcmp(e->note, system_notes[i]) == 0)
			return _(system_notes[i]);
	return e->note;
}

static char *
digits(char *p, unsigned v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + n;
}

/* "2026-11-23T09:15:02.123456Z": UTC to the microsecond. */
static void
recorded_at(struct out *o, int64_t us)
{
	const int64_t	 day = 86400000000LL;
	int64_t		 days = us / day, rest = us % day;
	int		 y, m, d;
	unsigned	 sec;
	char		 buf[32], *p = buf;

	if (rest < 0) {
		rest += day;
		days--;
	}
	date_to_civil((int32_t)days, &y, &m, &d);
	sec = (unsigned)(rest / 1000000);
	*p++ = '"';
	if (y < 0 || y > 9999)
		p += snprintf(p, 12, "%d", y);
	else
		p = digits(p, (unsigned)y, 4);
	*p++ = '-';
	p = digits(p, (unsigned)m, 2);
	*p++ = '-';
	p = digits(p, (unsigned)d, 2);
	*p++ = 'T';
	p = digits(p, sec / 3600, 2);
	*p++ = ':';
	p = digits(p, sec / 60 % 60, 2);
	*p++ = ':';
	p = digits(p, sec % 60, 2);
	*p++ = '.';
	p = digits(p, (unsigned)(rest % 1000000), 6);
	*p++ = 'Z';
	*p++ = '"';
	out_put(o, buf, (size_t)(p - buf));
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
	if (balance) {
		fputs_unlocked(",\"balance\":", f);
		json_int(f, *balance);
	}
	putc_unlocked('}', f);
}

/* The entry's object without its closing brace, for callers that add. */
void
entry_json_fields(FILE *f, const ProtobufCBinaryData *leaf, const PbEntry *e)
{
	static const uint8_t	 leaf_prefix = 0x00;
	struct out		 o;
	uint8_t			 hash[SHA256_LEN];
	char			 uuid[37] = "";

	out_init(&o, f);
	sha256_two(&leaf_prefix, 1, leaf->data, leaf->len, hash);
	if (e->id.len == 16)
		uuid_format(e->id.data, uuid);

	out_lit(&o, "{\"seq\":");
	out_uint(&o, e->seq);
	out_lit(&o, ",\"id\":\"");
	out_put(&o, uuid, strlen(uuid));
	out_lit(&o, "\",\"recorded_at\":");
	recorded_at(&o, e->recorded_at);
	out_lit(&o, ",\"value_date\":");
	out_str(&o, e->value_date);
	out_lit(&o, ",\"op\":\"");
	out_put(&o, entry_op_name((int)e->op), strlen(entry_op_name((int)e->op)));
	out_lit(&o, "\",\"debit\":");
	out_str(&o, e->debit);
	out_lit(&o, ",\"credit\":");
	out_str(&o, e->credit);
	out_lit(&o, ",\"amount\":");
	out_int(&o, e->amount);
	out_lit(&o, ",\"citizen\":");
	out_str(&o, e->citizen);
	out_lit(&o, ",\"course\":");
	out_uint(&o, e->course);
	out_lit(&o, ",\"pool\":");
	out_str(&o, e->pool);
	out_lit(&o, ",\"category\":");
	out_str(&o, e->category);
	out_lit(&o, ",\"voucher\":");
	out_str(&o, e->voucher);
	out_lit(&o, ",\"vat\":");
	out_int(&o, e->vat);
	out_lit(&o, ",\"note\":");
	out_str(&o, e->note);

	out_lit(&o, ",\"reverses\":");
	out_uint(&o, e->reverses);
	out_lit(&o, ",\"actor\":");
	if (e->actor) {
		out_lit(&o, "{\"uid\":");
		out_uint(&o, e->actor->uid);
		out_lit(&o, ",\"name\":");
		out_str(&o, e->actor->name);
		out_lit(&o, ",\"role\":");
		out_str(&o, e->actor->role);
		out_lit(&o, "}");
	} else {
		out_lit(&o, "null");
	}
	out_lit(&o, ",\"leaf_hash\":");
	out_hex(&o, hash, sizeof(hash));
	out_lit(&o, ",\"note_salt\":");
	if (e == dec.entry && dec.salt.len)
		out_hex(&o, dec.salt.data, dec.salt.len);
	else
		out_lit(&o, "\"\"");
	if (entry_is_erased(e))
		out_lit(&o, ",\"erased\":true");
	else
		out_lit(&o, ",\"erased\":false");
	out_lit(&o, ",\"receipt_sha256\":");
	if (e->receipt_sha256.len) {
		out_hex(&o, e->receipt_sha256.data, e->receipt_sha256.len);
		out_lit(&o, ",\"receipt_size\":");
		out_uint(&o, e->receipt_size);
		out_lit(&o, ",\"receipt_type\":");
		out_str(&o, e->receipt_type);
	} else {
		out_lit(&o, "\"\"");
	}
	if (e->reservation) {
		out_lit(&o, ",\"reservation\":");
		out_uint(&o, e->reservation);
	}
	out_lit(&o, ",\"citizen_prev\":");
	out_uint(&o, e->citizen_prev);
	if (e->op == BORGERBUDGET__V1__ENTRY_OP__ARCHIVE) {
		out_lit(&o, ",\"archived\":");
		out_str(&o, e->archived);
		out_lit(&o, ",\"through\":");
		out_uint(&o, e->through);
		out_lit(&o, ",\"package_sha256\":");
		out_hex(&o, e->package_sha256.data, e->package_sha256.len);
	}
	out_flush(&o);
}

/* The fields of course show, the object left open for more. */
void
course_json_fields(FILE *f, const PbCourseInfo *c)
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
}

void
course_json(FILE *f, const PbCourseInfo *c)
{
	course_json_fields(f, c);
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
