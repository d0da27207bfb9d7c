#include <stdio.h>
#include <string.h>

#include "codes.h"
#include "date.h"
#include "lang.h"
#include "names.h"
#include "records.h"
#include "retention.h"
#include "state.h"
#include "store.h"

/*
 * The day after which citizen's personal data may go: the end of the
 * calendar year of their last course's close, plus years. Refused while
 * a course is open (RETENTION_NOT_REACHED, why says which).
 */
int
retention_end(struct store_txn *state, const char *citizen,
    unsigned int years, int32_t *end, char *why, size_t n, enum lang l)
{
	struct course	 c;
	int32_t		 closed = INT32_MIN;
	uint32_t	 i;
	int		 y, m, d, rc;

	/* Course numbers run 1, 2, ...: read by key, as the verifier's
	 * memory store has no cursors. */
	for (i = 1;; i++) {
		if ((rc = state_course_get(state, citizen, i, &c)) ==
		    BB_NOT_FOUND && i > 1)
			break;
		if (rc == BB_NOT_FOUND) {
			snprintf(why, n, lang_text(l,
			    N_("citizen %s has no course")), citizen);
			return rc;
		}
		if (rc != BB_OK)
			return rc;
		if (c.status != COURSE_CLOSED) {
			snprintf(why, n, lang_text(l, N_("course %u of %s is "
			    "open: personal data is kept while a course "
			    "runs")), c.number, citizen);
			return BB_RETENTION_NOT_REACHED;
		}
		if (c.closed_on > closed)
			closed = c.closed_on;
	}
	date_to_civil(closed, &y, &m, &d);
	*end = date_from_civil(y + (int)years, 12, 31);
	return BB_OK;
}

/* The last seq an archive holds of citizen (0: none). */
int
retention_archived(struct store_txn *state, const char *citizen,
    uint64_t *through)
{
	struct store_val	 v;
	uint64_t		 all = 0, own = 0;
	int			 rc;

	rc = store_get(state, ST_ARCHIVED, ARCHIVED_ALL,
	    strlen(ARCHIVED_ALL), &v);
	if (rc == BB_OK && v.len == 8)
		all = be64_get(v.data);
	else if (rc != BB_NOT_FOUND)
		return rc == BB_OK ? BB_INTERNAL : rc;
	if (*citizen) {
		rc = store_get(state, ST_ARCHIVED, citizen, strlen(citizen),
		    &v);
		if (rc == BB_OK && v.len == 8)
			own = be64_get(v.data);
		else if (rc != BB_NOT_FOUND)
			return rc == BB_OK ? BB_INTERNAL : rc;
	}
	*through = all > own ? all : own;
	return BB_OK;
}

/* The citizen's last erasure and the last seq it covered (0: none). */
int
retention_erased(struct store_txn *state, const char *citizen, uint64_t *seq,
    uint64_t *through)
{
	struct store_val	 v;
	int			 rc;

	*seq = *through = 0;
	rc = store_get(state, ST_ERASED, citizen, strlen(citizen), &v);
	if (rc == BB_NOT_FOUND)
		return BB_OK;
	if (rc != BB_OK || v.len != 16)
		return rc == BB_OK ? BB_INTERNAL : rc;
	*seq = be64_get(v.data);
	*through = be64_get((const uint8_t *)v.data + 8);
	return BB_OK;
}

/* An archive record: the entries up to through, of one citizen or all. */
int
retention_archive(struct store_txn *state, const PbEntry *e, char *why,
    size_t n, enum lang l)
{
	struct store_val	 v;
	const char		*key = *e->archived ? e->archived :
				    ARCHIVED_ALL;
	uint8_t			 through[8];
	int			 rc;

	if (*e->citizen || *e->pool || *e->debit || *e->credit ||
	    e->amount || e->package_sha256.len != 32 || e->through == 0 ||
	    e->through >= e->seq) {
		snprintf(why, n, "%s", lang_text(l, N_("an archive record "
		    "without its package's hash, or of entries not before "
		    "it")));
		return BB_INTERNAL;
	}
	if (*e->archived) {
		rc = store_get(state, ST_CITIZENS, e->archived,
		    strlen(e->archived), &v);
		if (rc == BB_NOT_FOUND) {
			snprintf(why, n, lang_text(l, N_("citizen %.64s has "
			    "no entries to archive")), e->archived);
			return BB_NOT_FOUND;
		}
		if (rc != BB_OK)
			return rc;
	}
	rc = store_get(state, ST_ARCHIVED, key, strlen(key), &v);
	if (rc == BB_OK && v.len == 8 && be64_get(v.data) >= e->through)
		return BB_OK;	/* an older package: nothing more held */
	if (rc != BB_OK && rc != BB_NOT_FOUND)
		return rc;
	be64_put(through, e->through);
	return store_put(state, ST_ARCHIVED, key, strlen(key), through,
	    sizeof(through), 0);
}

/*
 * An erasure of the citizen's entries up to through (their last before
 * it): once, after the retention period (checked first), and only of
 * entries an archive holds.
 */
int
retention_erase(struct store_txn *state, const PbEntry *e, int32_t today,
    char *why, size_t n, enum lang l)
{
	uint64_t	 seq, erased, archived;
	int32_t		 end;
	uint8_t		 row[16];
	char		 date[DATE_BUFSZ];
	int		 rc;

	if (!*e->citizen || *e->pool || *e->debit || *e->credit ||
	    e->amount || e->course || e->through != e->citizen_prev ||
	    e->through == 0 || e->retention_years == 0 ||
	    e->note_commitment.len != 32) {
		snprintf(why, n, "%s", lang_text(l, N_("an erasure without "
		    "its citizen's last entry, its retention period or its "
		    "reason")));
		return BB_INTERNAL;
	}
	if ((rc = retention_erased(state, e->citizen, &seq, &erased)) !=
	    BB_OK)
		return rc;
	if (seq != 0 && seq == e->citizen_prev) {
		snprintf(why, n, lang_text(l, N_("the personal data of %s was "
		    "erased by entry %llu, and nothing was added since")),
		    e->citizen, (unsigned long long)seq);
		return BB_BAD_REQUEST;
	}
	if ((rc = retention_end(state, e->citizen, e->retention_years, &end,
	    why, n, l)) != BB_OK)
		return rc;
	if (today <= end) {
		date_format(end, date);
		snprintf(why, n, lang_text(l, N_("the personal data of %s is "
		    "kept until %s (%u years after the year of the last "
		    "close)")), e->citizen, date, e->retention_years);
		return BB_RETENTION_NOT_REACHED;
	}
	if ((rc = retention_archived(state, e->citizen, &archived)) != BB_OK)
		return rc;
	if (archived < e->through) {
		snprintf(why, n, lang_text(l, N_("entries of %s up to %llu "
		    "are in no archive (archives hold up to entry %llu): "
		    "budgetctl archive first")), e->citizen,
		    (unsigned long long)e->through,
		    (unsigned long long)archived);
		return BB_NOT_ARCHIVED;
	}
	be64_put(row, e->seq);
	be64_put(row + 8, e->through);
	return store_put(state, ST_ERASED, e->citizen, strlen(e->citizen), row,
	    sizeof(row), 0);
}
