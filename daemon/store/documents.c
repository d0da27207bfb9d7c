#include <string.h>

#include "codes.h"
#include "documents.h"
#include "store.h"

/*
 * The three types SPEC §4 accepts, by their magic bytes: PDF ("%PDF-",
 * ISO 32000-1 §7.5.2), PNG (its 8-byte signature, RFC 2083 §3.1), JPEG
 * (SOI followed by a marker, FF D8 FF). Anything else is no voucher.
 */
static const struct {
	const char	*type;
	const char	*magic;
	size_t		 len;
} types[] = {
	{ "application/pdf", "%PDF-", 5 },
	{ "image/png", "\x89PNG\r\n\x1a\n", 8 },
	{ "image/jpeg", "\xff\xd8\xff", 3 },
};

/* The media type of a document from its first bytes, or NULL. */
const char *
document_type(const uint8_t *head, size_t len)
{
	size_t	 i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (len >= types[i].len &&
		    memcmp(head, types[i].magic, types[i].len) == 0)
			return types[i].type;
	return NULL;
}

/* The media type's name as document_type gives it, or NULL: not one a
 * voucher may have. */
const char *
document_type_name(const char *type)
{
	size_t	 i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(type, types[i].type) == 0)
			return types[i].type;
	return NULL;
}

int
document_get(struct store_txn *txn, const uint8_t *sha256,
    struct store_val *v)
{
	return store_get(txn, ST_DOCUMENTS, sha256, 32, v);
}
