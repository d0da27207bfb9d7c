/* One result answered outside a turn: the end of a backup or a verify. */
#ifndef BB_ANSWER_H
#define BB_ANSWER_H

#include "wire.h"

struct client;

void	 answer_one(struct client *, const PbResult *);

#endif
