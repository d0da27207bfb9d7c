/*
 * glance.c, the hand reader of stored entries, against protobuf-c: what
 * borgerbudget__v1__entry__unpack decodes, glance_entry reads too, with
 * the same value in every field it reports (a string up to a NUL in it,
 * where protobuf-c's ends). What glance reads and protobuf-c refuses must
 * be one of the cases glance.c names: a key or a length prefix longer
 * than five bytes, a one-byte key of field 0, a field of Entry with a
 * wire type not its own, or a nested message that does not decode.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "glance.h"
#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A varint of at most ten bytes, as both readers take it; its length. */
static size_t
varint(const uint8_t *p, const uint8_t *end, uint64_t *v)
{
	size_t		 n;

	*v = 0;
	for (n = 0; n < 10 && p + n < end; n++) {
		*v |= (uint64_t)(p[n] & 0x7f) << (7 * n);
		if ((p[n] & 0x80) == 0)
			return n + 1;
	}
	return 0;
}

static unsigned int
wire_type(ProtobufCType type)
{
	switch (type) {
	case PROTOBUF_C_TYPE_SFIXED32:
	case PROTOBUF_C_TYPE_FIXED32:
	case PROTOBUF_C_TYPE_FLOAT:
		return PROTOBUF_C_WIRE_TYPE_32BIT;
	case PROTOBUF_C_TYPE_SFIXED64:
	case PROTOBUF_C_TYPE_FIXED64:
	case PROTOBUF_C_TYPE_DOUBLE:
		return PROTOBUF_C_WIRE_TYPE_64BIT;
	case PROTOBUF_C_TYPE_STRING:
	case PROTOBUF_C_TYPE_BYTES:
	case PROTOBUF_C_TYPE_MESSAGE:
		return PROTOBUF_C_WIRE_TYPE_LENGTH_PREFIXED;
	default:
		return PROTOBUF_C_WIRE_TYPE_VARINT;
	}
}

/* 1 when input glance read has one of the named reasons to be refused. */
static int
explained(const uint8_t *p, size_t size)
{
	const uint8_t	*end = p + size;
	const ProtobufCFieldDescriptor *f;
	ProtobufCMessage *m;
	uint64_t	 key, v;
	size_t		 n, len;

	while (p < end) {
		if ((n = varint(p, end, &key)) == 0)
			abort();	/* glance read it */
		if (n > 5 || (n == 1 && key >> 3 == 0))
			return 1;
		p += n;
		f = protobuf_c_message_descriptor_get_field(
		    &borgerbudget__v1__entry__descriptor, (unsigned)(key >> 3));
		if (f != NULL && (key & 7) != wire_type(f->type))
			return 1;
		switch (key & 7) {
		case PROTOBUF_C_WIRE_TYPE_VARINT:
			if ((n = varint(p, end, &v)) == 0)
				abort();
			p += n;
			break;
		case PROTOBUF_C_WIRE_TYPE_64BIT:
			p += 8;
			break;
		case PROTOBUF_C_WIRE_TYPE_32BIT:
			p += 4;
			break;
		case PROTOBUF_C_WIRE_TYPE_LENGTH_PREFIXED:
			if ((n = varint(p, end, &v)) == 0)
				abort();
			if (n > 5)
				return 1;
			p += n;
			len = (size_t)v;
			if (f != NULL && f->type == PROTOBUF_C_TYPE_MESSAGE) {
				m = protobuf_c_message_unpack(f->descriptor,
				    NULL, len, p);
				if (m == NULL)
					return 1;
				protobuf_c_message_free_unpacked(m, NULL);
			}
			p += len;
			break;
		default:
			abort();
		}
	}
	return 0;
}

/* protobuf-c's string ends at a NUL inside the field; glance's does not. */
static int
same_str(const struct glance_str *s, const char *str)
{
	const char	*nul;
	size_t		 n = s->len;

	if (n == 0)	/* s->p is NULL for a field not there */
		return str[0] == '\0';
	if ((nul = memchr(s->p, '\0', n)) != NULL)
		n = (size_t)(nul - s->p);
	return strlen(str) == n && memcmp(str, s->p, n) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 checked;
	struct glance	 g;
	PbEntry		*e;
	int		 rc;

	if (!checked) {
		if (glance_selfcheck() == -1)
			abort();
		checked = 1;
	}
	rc = glance_entry(data, size, &g);
	if ((e = borgerbudget__v1__entry__unpack(NULL, size, data)) == NULL) {
		if (rc == 0 && !explained(data, size))
			abort();
		return 0;
	}
	if (rc != 0 ||
	    g.op != (uint32_t)e->op ||
	    g.course != e->course ||
	    g.amount != e->amount ||
	    g.citizen_prev != e->citizen_prev ||
	    !same_str(&g.value_date, e->value_date) ||
	    !same_str(&g.debit, e->debit) ||
	    !same_str(&g.credit, e->credit) ||
	    !same_str(&g.citizen, e->citizen) ||
	    !same_str(&g.category, e->category))
		abort();
	borgerbudget__v1__entry__free_unpacked(e, NULL);
	return 0;
}
