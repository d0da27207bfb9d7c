/*
 * Replaying the journal: every entry checked against the rules of
 * ledger.c (the same functions the daemon used to decide), the pool and
 * course balances rebuilt from nothing, the per-citizen chain followed.
 */
#ifndef BB_REPLAY_H
#define BB_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "ledger.h"
#include "wire.h"

struct replay;

struct replay	*replay_new(void);
void		 replay_free(struct replay *);
int		 replay_entry(struct replay *, const PbEntry *,
		    const PbEntry *, char *, size_t);
const struct pool *replay_pool(struct replay *, const char *);
const struct course *replay_course(struct replay *, const char *, uint32_t);
size_t		 replay_npools(struct replay *);
size_t		 replay_ncourses(struct replay *);
uint64_t	 replay_citizen_last(struct replay *, const char *);
size_t		 replay_ncitizens(struct replay *);
size_t		 replay_open_reservations(struct replay *);

/* The replayed state of the other tables, for the verifier to compare
 * with the kept ones row by row: lookups, and walks in no order (at
 * starts at 0; each returns 0 while there is a row). */
struct reservation;
uint64_t	 replay_reversed_by(struct replay *, uint64_t);
size_t		 replay_nreversals(struct replay *);
int		 replay_reversal_next(struct replay *, size_t *, uint64_t *,
		    uint64_t *);
int		 replay_reservation(struct replay *, uint64_t,
		    struct reservation *);
int		 replay_reservation_next(struct replay *, size_t *,
		    struct reservation *);
int		 replay_category_spent(struct replay *, const char *,
		    uint32_t, const char *, int64_t *);
size_t		 replay_ncategories(struct replay *);
int		 replay_category_next(struct replay *, size_t *, char *,
		    uint32_t *, char *, int64_t *);

#endif
