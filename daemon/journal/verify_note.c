/* The checks of a signed checkpoint that every verifier shares. */

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "checkpoint.h"
#include "lang.h"
#include "merkle.h"
#include "verify_note.h"

/* A verifier key (NAME+KEYID+BASE64), or the first line of a file of one. */
int
verify_key_read(struct signer *key, const char *arg)
{
	char	 text[1024];
	FILE	*f;

	if ((f = fopen(arg, "r")) != NULL) {
		if (fgets(text, sizeof(text), f) == NULL)
			text[0] = '\0';
		fclose(f);
	} else {
		snprintf(text, sizeof(text), "%s", arg);
	}
	return checkpoint_verifier_parse(key, text);
}

/*
 * The note (nlen bytes, not a string) must state the key's origin, size
 * and root, and the key must sign it. Returns 0, or 1 with the problem
 * in why.
 */
int
verify_note(const struct signer *key, enum lang lang, const char *note,
    size_t nlen, uint64_t size, const uint8_t *root, char *why, size_t len)
{
	char	 body[CHECKPOINT_MAX], root64[64];
	int	 n;

	sodium_bin2base64(root64, sizeof(root64), root, MERKLE_HASH,
	    sodium_base64_VARIANT_ORIGINAL);
	n = snprintf(body, sizeof(body), "%s\n%llu\n%s\n\n", key->name,
	    (unsigned long long)size, root64);
	if (n < 0 || (size_t)n >= sizeof(body) || nlen < (size_t)n ||
	    memcmp(note, body, (size_t)n) != 0) {
		snprintf(why, len, lang_text(lang, N_("checkpoint of %llu "
		    "entries: its note does not state origin %s, size %llu and "
		    "its root")),
		    (unsigned long long)size, key->name,
		    (unsigned long long)size);
		return 1;
	}
	if (checkpoint_verify(key, note, nlen) != 0) {
		snprintf(why, len, lang_text(lang, N_("checkpoint of %llu "
		    "entries: no valid signature by %s")),
		    (unsigned long long)size, key->name);
		return 1;
	}
	return 0;
}
