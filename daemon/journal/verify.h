#ifndef BB_VERIFY_H
#define BB_VERIFY_H

#include <stddef.h>

#include "lang.h"
#include "store.h"

struct signer;

int	 verify_main(int, char *[]);
int	 verify_unchecked_table(void);
int	 verify_table(struct store_txn *, struct store_txn *, enum store_table,
	    enum lang, char *, size_t);
int	 verify_online(struct store *, const struct signer *, enum lang,
	    char *, size_t);

#endif
