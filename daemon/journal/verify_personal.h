/*
 * The verifier's check of what the leaves commit to but do not hold: the
 * texts table (each text and salt against its leaf's commitment) and the
 * documents table (each voucher against the SHA-256, size and media type
 * its leaves name). Entries come in journal order from the rules' pass;
 * neither table may hold a row no entry names, nor miss one.
 */
#ifndef BB_VERIFY_PERSONAL_H
#define BB_VERIFY_PERSONAL_H

#include <stddef.h>

#include "lang.h"
#include "wire.h"

struct personal;
struct store_txn;

struct personal *personal_new(struct store_txn *, enum lang);
void	 personal_free(struct personal *);
int	 personal_entry(struct personal *, const PbEntry *, char *, size_t);
int	 personal_texts_end(struct personal *, char *, size_t);
int	 personal_documents(struct personal *, struct store_txn *, char *,
	    size_t);

#endif
