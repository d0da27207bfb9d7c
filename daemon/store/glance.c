/*
 * A statement needs a few fields of each of its entries; decoding each
 * entry whole for them was a third of a 10,000-line statement's time in
 * the daemon. This reads the protobuf wire format (varints, fixed and
 * length-delimited fields) of an Entry and keeps only those fields; the
 * rest is skipped unread. A later occurrence of a field wins, as in any
 * protobuf decoder.
 *
 * Every input protobuf-c decodes as an Entry, glance reads too, with the
 * same values (tests/fuzz/fuzz_glance.c holds it to that). It is laxer
 * the other way: it accepts, where protobuf-c refuses, a key or length
 * prefix longer than five bytes (a varint of up to ten), a one-byte key
 * of field 0, a field of Entry with a wire type not its own (skipped, as
 * an unknown field), and a nested message (actor, pool_rules) that does
 * not decode. Stored entries are written by protobuf-c: none has these.
 */

#include <stddef.h>
#include <string.h>

#include <protobuf-c/protobuf-c.h>

#include "borgerbudget.pb-c.h"
#include "glance.h"

/*
 * Field numbers and types of Entry (proto/borgerbudget.proto), copied by
 * hand: protoc-c emits no constant for them, so glance_selfcheck() holds
 * this table to the generated descriptor. The type matters, not only the
 * wire type: an sint64 amount would be zigzag-encoded.
 */
enum {
	F_VALUE_DATE = 4,
	F_OP = 5,
	F_DEBIT = 6,
	F_CREDIT = 7,
	F_AMOUNT = 8,
	F_CITIZEN = 9,
	F_COURSE = 10,
	F_CATEGORY = 12,
	F_CITIZEN_PREV = 19
};

static const struct {
	const char	*name;
	uint32_t	 number;
	ProtobufCType	 type;
} fields[] = {
	{ "value_date",		F_VALUE_DATE,	PROTOBUF_C_TYPE_STRING },
	{ "op",			F_OP,		PROTOBUF_C_TYPE_ENUM },
	{ "debit",		F_DEBIT,	PROTOBUF_C_TYPE_STRING },
	{ "credit",		F_CREDIT,	PROTOBUF_C_TYPE_STRING },
	{ "amount",		F_AMOUNT,	PROTOBUF_C_TYPE_INT64 },
	{ "citizen",		F_CITIZEN,	PROTOBUF_C_TYPE_STRING },
	{ "course",		F_COURSE,	PROTOBUF_C_TYPE_UINT32 },
	{ "category",		F_CATEGORY,	PROTOBUF_C_TYPE_STRING },
	{ "citizen_prev",	F_CITIZEN_PREV,	PROTOBUF_C_TYPE_UINT64 },
};

/* What the compiler can check: the generated struct holds each field in
 * the type glance reports it in. */
#define SAME_TYPE(m, t)	_Generic(((Borgerbudget__V1__Entry *)0)->m, \
	t: 1, default: 0)
_Static_assert(SAME_TYPE(amount, int64_t), "Entry.amount is not int64");
_Static_assert(SAME_TYPE(course, uint32_t), "Entry.course is not uint32");
_Static_assert(SAME_TYPE(citizen_prev, uint64_t),
    "Entry.citizen_prev is not uint64");
_Static_assert(SAME_TYPE(op, Borgerbudget__V1__EntryOp),
    "Entry.op is not an EntryOp");
_Static_assert(SAME_TYPE(value_date, char *) && SAME_TYPE(debit, char *) &&
    SAME_TYPE(credit, char *) && SAME_TYPE(citizen, char *) &&
    SAME_TYPE(category, char *),
    "an Entry string field is not a string");
_Static_assert(sizeof(Borgerbudget__V1__EntryOp) <= sizeof(uint32_t),
    "EntryOp does not fit glance's op");

static int
varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	unsigned int	 shift;

	*v = 0;
	for (shift = 0; shift < 64 && *p < end; shift += 7) {
		*v |= (uint64_t)(**p & 0x7f) << shift;
		if ((*(*p)++ & 0x80) == 0)
			return 0;
	}
	return -1;
}

/* 0, or -1 when the bytes are not a well-formed message. */
int
glance_entry(const uint8_t *p, size_t len, struct glance *g)
{
	const uint8_t	*end = p + len;
	uint64_t	 key, v;
	struct glance_str *s;

	memset(g, 0, sizeof(*g));
	while (p < end) {
		if (varint(&p, end, &key) == -1)
			return -1;
		switch (key & 7) {
		case PROTOBUF_C_WIRE_TYPE_VARINT:
			if (varint(&p, end, &v) == -1)
				return -1;
			if (key >> 3 == F_AMOUNT)
				g->amount = (int64_t)v;
			else if (key >> 3 == F_OP)
				g->op = (uint32_t)v;
			else if (key >> 3 == F_COURSE)
				g->course = (uint32_t)v;
			else if (key >> 3 == F_CITIZEN_PREV)
				g->citizen_prev = v;
			break;
		case PROTOBUF_C_WIRE_TYPE_64BIT:
			if ((size_t)(end - p) < 8)
				return -1;
			p += 8;
			break;
		case PROTOBUF_C_WIRE_TYPE_32BIT:
			if ((size_t)(end - p) < 4)
				return -1;
			p += 4;
			break;
		case PROTOBUF_C_WIRE_TYPE_LENGTH_PREFIXED:
			if (varint(&p, end, &v) == -1 ||
			    v > (uint64_t)(end - p))
				return -1;
			s = key >> 3 == F_VALUE_DATE ? &g->value_date :
			    key >> 3 == F_DEBIT ? &g->debit :
			    key >> 3 == F_CREDIT ? &g->credit :
			    key >> 3 == F_CITIZEN ? &g->citizen :
			    key >> 3 == F_CATEGORY ? &g->category : NULL;
			if (s) {
				s->p = (const char *)p;
				s->len = (size_t)v;
			}
			p += v;
			break;
		default:
			/* Groups (3, 4), which proto3 has not, and 6, 7. */
			return -1;
		}
	}
	return 0;
}

int
glance_is(const struct glance_str *s, const char *want, size_t len)
{
	return s->len == len && memcmp(s->p, want, len) == 0;
}

/* 0 when every field glance reads has, in the generated descriptor of
 * Entry, the number and type copied above and is not repeated; else -1. */
int
glance_selfcheck(void)
{
	const ProtobufCFieldDescriptor *f;
	size_t		 i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		f = protobuf_c_message_descriptor_get_field_by_name(
		    &borgerbudget__v1__entry__descriptor, fields[i].name);
		if (f == NULL || f->id != fields[i].number ||
		    f->type != fields[i].type ||
		    f->label == PROTOBUF_C_LABEL_REPEATED)
			return -1;
	}
	return 0;
}
