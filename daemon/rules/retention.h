/*
 * Retention (SPEC §4): what an archive record and an erasure may say,
 * decided from the tables the rules keep, for rules_apply and for the
 * handlers that word a refusal. A citizen's personal text and voucher
 * documents may go once every course of theirs is closed, retention_years
 * after the end of the calendar year of the last close, and once an
 * archive package holds every entry of theirs.
 */
#ifndef BB_RETENTION_H
#define BB_RETENTION_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"
#include "wire.h"

struct store_txn;

#define ARCHIVED_ALL	"*"	/* the archived key of a whole journal */

/* A refusal's why is worded in the given language. */
int	 retention_archive(struct store_txn *, const PbEntry *, char *, size_t,
	    enum lang);
int	 retention_erase(struct store_txn *, const PbEntry *, int32_t, char *,
	    size_t, enum lang);
int	 retention_erased(struct store_txn *, const char *, uint64_t *,
	    uint64_t *);
int	 retention_end(struct store_txn *, const char *, unsigned int,
	    int32_t *, char *, size_t, enum lang);
int	 retention_archived(struct store_txn *, const char *, uint64_t *);

#endif
