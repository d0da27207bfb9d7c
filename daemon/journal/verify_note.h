/*
 * What budgetd verify and verify-archive both check of a signed
 * checkpoint: the verifier key given, and that a note states the key's
 * origin, a tree size and its root, signed by the key.
 */
#ifndef BB_VERIFY_NOTE_H
#define BB_VERIFY_NOTE_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"

struct signer;

int	 verify_key_read(struct signer *, const char *);
int	 verify_note(const struct signer *, enum lang, const char *, size_t,
	    uint64_t, const uint8_t *, uint64_t *, char *, size_t);

#define NOTE_NO_PREVIOUS	UINT64_MAX

#endif
