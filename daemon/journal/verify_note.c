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
 * The size of the checkpoint signed before, from the note's extension
 * line at rest (after origin, size and root): NOTE_NO_PREVIOUS when the
 * body ends there (a note of a budgetd before the chain), -1 when
 * anything else follows.
 */
static int
note_previous(const char *rest, size_t len, uint64_t *previous)
{
	const size_t	 plen = sizeof(CHECKPOINT_PREVIOUS) - 1;
	uint64_t	 v = 0;
	size_t		 i;

	*previous = NOTE_NO_PREVIOUS;
	if (len >= 1 && rest[0] == '\n')
		return 0;
	if (len < plen || memcmp(rest, CHECKPOINT_PREVIOUS, plen) != 0)
		return -1;
	for (i = plen; i < len && rest[i] >= '0' && rest[i] <= '9'; i++) {
		if (v > (UINT64_MAX - 9) / 10 || (i > plen && v == 0))
			return -1;	/* too long, or a leading zero */
		v = v * 10 + (uint64_t)(rest[i] - '0');
	}
	if (i == plen || len - i < 2 || memcmp(rest + i, "\n\n", 2) != 0)
		return -1;
	*previous = v;
	return 0;
}

/*
 * The note (nlen bytes, not a string) must state the key's origin, size
 * and root, and the key must sign it; previous, if not NULL, gets the
 * size of the checkpoint it names as signed before it (NOTE_NO_PREVIOUS:
 * none named). Returns 0, or 1 with the problem in why.
 */
int
verify_note(const struct signer *key, enum lang lang, const char *note,
    size_t nlen, uint64_t size, const uint8_t *root, uint64_t *previous,
    char *why, size_t len)
{
	char		 body[CHECKPOINT_MAX], root64[64];
	uint64_t	 prev;
	int		 n;

	sodium_bin2base64(root64, sizeof(root64), root, MERKLE_HASH,
	    sodium_base64_VARIANT_ORIGINAL);
	n = snprintf(body, sizeof(body), "%s\n%llu\n%s\n", key->name,
	    (unsigned long long)size, root64);
	if (n < 0 || (size_t)n >= sizeof(body) || nlen < (size_t)n ||
	    memcmp(note, body, (size_t)n) != 0 ||
	    note_previous(note + n, nlen - (size_t)n, &prev) != 0) {
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
	if (previous)
		*previous = prev;
	return 0;
}
