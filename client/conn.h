/* conn.c: requests to budgetd and their answers */
#ifndef BB_CONN_H
#define BB_CONN_H

#include "command.h"

int		 ctl_send(struct ctx *, PbOp **, size_t);
int		 ctl_unreachable(struct ctx *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
int		 ctl_answer(struct ctx *, ProtobufCAllocator *, size_t,
		    PbResponse **);
int		 ctl_call(struct ctx *, PbOp **, size_t, PbResponse **);
int		 ctl_first(struct ctx *, PbResponse *, ProtobufCAllocator *,
		    PbResult **);
int		 ctl_one(struct ctx *, PbOp *, PbResponse **, PbResult **);
int		 ctl_show(struct ctx *, PbOp *, int (*)(struct ctx *,
		    const PbResult *));
int		 ctl_write(struct ctx *, PbOp *, const char *);
int		 ctl_refused(struct ctx *, const PbResult *);
int		 ctl_next(struct ctx *, ProtobufCAllocator *, PbResponse **);
void		 ctl_reconnect(struct ctx *);

#endif
