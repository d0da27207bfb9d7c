/* cmd-receipt.c: a voucher document sent ahead of the write naming it */
#ifndef BB_RECEIPT_H
#define BB_RECEIPT_H

#include <stdint.h>

#include "command.h"

struct args;

int	 receipt_upload(struct ctx *, const char *, uint8_t *);
int	 receipt_option(struct ctx *, struct args *, uint8_t *,
	    ProtobufCBinaryData *);

#endif
