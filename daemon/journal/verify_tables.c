/*
 * The tables the rules keep beside the journal, compared with the ones
 * the replay of the journal rebuilt through the same rules: row by row,
 * byte for byte. A missing row, an extra row and a changed value are
 * named by table and key, in words a reader can look up.
 */

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "lang.h"
#include "ledger.h"
#include "state.h"
#include "store.h"
#include "verify.h"

/* Bytes of a key as text; what is not printable shows as '?'. */
static void
printable(char *out, size_t outlen, const uint8_t *p, size_t n)
{
	size_t	 i;

	if (outlen == 0)
		return;
	for (i = 0; i < n && i + 1 < outlen; i++)
		out[i] = isprint(p[i]) ? (char)p[i] : '?';
	out[i] = '\0';
}

/* citizen NUL be32 number at p, n bytes: its length, 0 if it is not. */
static size_t
course_words(enum lang l, const uint8_t *p, size_t n, char *out, size_t len)
{
	const uint8_t	*nul = memchr(p, '\0', n);
	char		 citizen[NAME_MAX_LEN + 1];
	size_t		 c;

	if (nul == NULL || (c = (size_t)(nul - p)) > NAME_MAX_LEN ||
	    n < c + 5)
		return 0;
	printable(citizen, sizeof(citizen), p, c);
	snprintf(out, len, lang_text(l, N_("course %u of %s")),
	    be32_get(p + c + 1), citizen);
	return c + 5;
}

/* A row's key in words: "course 1 of H-A, category health". */
static void
key_words(enum lang l, enum store_table t, const struct store_val *k,
    char *out, size_t len)
{
	const uint8_t	*p = k->data;
	char		 text[2 * NAME_MAX_LEN + 2], course[NAME_MAX_LEN + 32];
	size_t		 n;

	switch (t) {
	case ST_POOLS:
	case ST_CITIZENS:
	case ST_ARCHIVED:
	case ST_ERASED:
		printable(text, sizeof(text), p, k->len);
		snprintf(out, len, lang_text(l, t == ST_POOLS ? N_("pool %s") :
		    N_("citizen %s")), text);
		return;
	case ST_DOCUMENT_USES:
		if (k->len != 32 + 8)
			break;
		snprintf(out, len, lang_text(l, N_("the document "
		    "%02x%02x%02x%02x... of entry %llu")), p[0], p[1], p[2],
		    p[3], (unsigned long long)be64_get(p + 32));
		return;
	case ST_REVERSALS:
		if (k->len != 8)
			break;
		snprintf(out, len, lang_text(l, N_("seq %llu")),
		    (unsigned long long)be64_get(p));
		return;
	case ST_COURSES:
		if (course_words(l, p, k->len, out, len) != k->len)
			break;
		return;
	case ST_CATEGORY_SPENT:
		if ((n = course_words(l, p, k->len, course,
		    sizeof(course))) == 0)
			break;
		printable(text, sizeof(text), p + n, k->len - n);
		snprintf(out, len, lang_text(l, N_("%s, category %s")), course,
		    text);
		return;
	case ST_RESERVATIONS:
		if (k->len < 4 + 8 || course_words(l, p + 4, k->len - 12,
		    course, sizeof(course)) != k->len - 12)
			break;
		snprintf(out, len, lang_text(l, N_("reservation %llu of %s")),
		    (unsigned long long)be64_get(p + k->len - 8), course);
		return;
	default:
		break;
	}
	snprintf(out, len, lang_text(l, N_("a %zu-byte key")), k->len);
}

/* The field of a pool or course record that differs, or NULL. */
#define DIFF(a, b, f)	do {					\
	if ((a)->f != (b)->f) {					\
		snprintf(out, len, lang_text(l,			\
		    N_("%s kept %lld, journal %lld")), #f,	\
		    (long long)(a)->f, (long long)(b)->f);	\
		return 1;					\
	}							\
} while (0)

static int
pool_diff(enum lang l, const struct pool *a, const struct pool *b, char *out,
    size_t len)
{
	if (memcmp(a->slug, b->slug, sizeof(a->slug)) != 0)
		return snprintf(out, len, "%s",
		    lang_text(l, N_("slug differs"))) > 0;
	if (memcmp(a->name, b->name, sizeof(a->name)) != 0)
		return snprintf(out, len, "%s",
		    lang_text(l, N_("name differs"))) > 0;
	DIFF(a, b, cap);
	DIFF(a, b, months);
	DIFF(a, b, grace);
	DIFF(a, b, from);
	DIFF(a, b, to);
	DIFF(a, b, funded);
	DIFF(a, b, granted);
	DIFF(a, b, returned);
	DIFF(a, b, courses_open);
	DIFF(a, b, courses_closed);
	return 0;
}

static int
course_diff(enum lang l, const struct course *a, const struct course *b,
    char *out, size_t len)
{
	if (memcmp(a->citizen, b->citizen, sizeof(a->citizen)) != 0)
		return snprintf(out, len, "%s",
		    lang_text(l, N_("citizen differs"))) > 0;
	if (memcmp(a->pool, b->pool, sizeof(a->pool)) != 0)
		return snprintf(out, len, "%s",
		    lang_text(l, N_("pool differs"))) > 0;
	DIFF(a, b, number);
	DIFF(a, b, status);
	DIFF(a, b, start);
	DIFF(a, b, end);
	DIFF(a, b, grace);
	DIFF(a, b, close_reason);
	DIFF(a, b, closed_on);
	DIFF(a, b, cap);
	DIFF(a, b, granted);
	DIFF(a, b, spent);
	DIFF(a, b, reserved);
	DIFF(a, b, refunded);
	DIFF(a, b, returned);
	return 0;
}

#undef DIFF

/* How the kept value a differs from the journal's b, in words. */
static void
diff_words(enum lang l, enum store_table t, const struct store_val *a,
    const struct store_val *b, char *out, size_t len)
{
	struct pool	 pa, pb;
	struct course	 ca, cb;

	if (a->len != b->len) {
		snprintf(out, len, lang_text(l, N_("kept %zu bytes, journal "
		    "%zu")), a->len, b->len);
		return;
	}
	switch (t) {
	case ST_POOLS:
		if (a->len != sizeof(pa))
			break;
		memcpy(&pa, a->data, sizeof(pa));
		memcpy(&pb, b->data, sizeof(pb));
		if (pool_diff(l, &pa, &pb, out, len))
			return;
		break;
	case ST_COURSES:
		if (a->len != sizeof(ca))
			break;
		memcpy(&ca, a->data, sizeof(ca));
		memcpy(&cb, b->data, sizeof(cb));
		if (course_diff(l, &ca, &cb, out, len))
			return;
		break;
	case ST_CITIZENS:
	case ST_REVERSALS:
	case ST_CATEGORY_SPENT:
	case ST_RESERVATIONS:
		/* A be64 first: the last seq, the reversal, the amount. */
		if (a->len < 8)
			break;
		snprintf(out, len, lang_text(l, t == ST_CITIZENS ?
		    N_("last entry kept %lld, journal %lld") :
		    t == ST_REVERSALS ?
		    N_("reversing entry kept %lld, journal %lld") :
		    t == ST_RESERVATIONS ?
		    N_("amount kept %lld, journal %lld") :
		    N_("kept %lld, journal %lld")),
		    (long long)be64_get(a->data), (long long)be64_get(b->data));
		if (be64_get(a->data) != be64_get(b->data) ||
		    t != ST_RESERVATIONS)
			return;
		snprintf(out, len, "%s", lang_text(l, N_("another category")));
		return;
	default:
		break;
	}
	snprintf(out, len, "%s", lang_text(l, N_("the bytes differ")));
}

/*
 * Table t as kept against the replay's: 0 when they hold the same rows,
 * byte for byte; else -1 with the first difference in why.
 */
int
verify_table(struct store_txn *kept, struct store_txn *replay,
    enum store_table t, enum lang l, char *why, size_t len)
{
	struct store_cursor	*cur;
	struct store_val	 k, v, want;
	const char		*name = store_table_name(t);
	char			 key[256], diff[160];
	uint64_t		 n = 0, m;
	size_t			 at = 0;
	int			 rc;

	if (store_cursor_open(kept, t, &cur) != BB_OK)
		goto unreadable;
	for (rc = store_cursor_next(cur, &k, &v); rc == BB_OK;
	    rc = store_cursor_next(cur, &k, &v), n++) {
		if ((rc = store_get(replay, t, k.data, k.len, &want)) ==
		    BB_NOT_FOUND) {
			key_words(l, t, &k, key, sizeof(key));
			store_cursor_close(cur);
			snprintf(why, len, lang_text(l, N_("%s: %s: an extra "
			    "row, which the journal does not make")), name,
			    key);
			return -1;
		}
		if (rc != BB_OK)
			break;
		if (v.len != want.len || memcmp(v.data, want.data, v.len) != 0) {
			key_words(l, t, &k, key, sizeof(key));
			diff_words(l, t, &v, &want, diff, sizeof(diff));
			store_cursor_close(cur);
			snprintf(why, len, "%s: %s: %s", name, key, diff);
			return -1;
		}
	}
	store_cursor_close(cur);
	if (rc != BB_NOT_FOUND || store_count(replay, t, &m) != BB_OK)
		goto unreadable;
	if (n == m)
		return 0;
	/* Every kept row is the replay's: one of the replay's is missing. */
	while (store_memory_next(replay, t, &at, &k, &want) == BB_OK)
		if (store_get(kept, t, k.data, k.len, &v) == BB_NOT_FOUND) {
			key_words(l, t, &k, key, sizeof(key));
			snprintf(why, len, lang_text(l, N_("%s: %s: no row, "
			    "which the journal makes")), name, key);
			return -1;
		}
	snprintf(why, len, lang_text(l, N_("%s: %llu rows kept, %llu in the "
	    "journal")), name, (unsigned long long)n, (unsigned long long)m);
	return -1;
unreadable:
	snprintf(why, len, lang_text(l, N_("the %s table cannot be read")),
	    name);
	return -1;
}
