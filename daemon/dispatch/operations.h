/*
 * The operations the daemon answers: for each, its name, whether it
 * writes, the roles that may ask for it (SPEC §5), and its handler (or
 * that it is answered later, off the loop); and the words of a refusal
 * a handler did not word itself.
 */
#ifndef BB_OPERATIONS_H
#define BB_OPERATIONS_H

#include "lang.h"
#include "ops.h"

#define ROLE(r)		(1U << (r))	/* a role's bit in roles */

struct operation {
	Borgerbudget__V1__Op__KindCase	 kind;
	const char			*name;
	int				 write;
	unsigned int			 roles;
	op_handler			 handler;
	/* Answered later, off the loop, once the turn has checked the
	 * role (such an op has no handler): a request of this one op, its
	 * answer the hook dispatch_later registered. */
	int				 later;
};

const struct operation	*operation_of(const PbOp *);
const char		*operation_refusal(enum lang, int);

#endif
