/*
 * The voucher documents the ledger keeps: the documents table maps a
 * document's SHA-256 to its bytes, so an invoice attached twice is kept
 * once. What a document is comes from its bytes, never from a name.
 */
#ifndef BB_DOCUMENTS_H
#define BB_DOCUMENTS_H

#include <stddef.h>
#include <stdint.h>

struct store_txn;
struct store_val;

/* The bytes a media type is told by: at most this many. */
#define DOCUMENT_MAGIC	8

const char *document_type(const uint8_t *, size_t);
const char *document_type_name(const char *);
int	 document_get(struct store_txn *, const uint8_t *, struct store_val *);

#endif
