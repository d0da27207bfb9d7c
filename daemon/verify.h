#ifndef BB_VERIFY_H
#define BB_VERIFY_H

#include <stddef.h>

struct signer;
struct store;

int	 verify_main(int, char *[]);
int	 verify_unchecked_table(void);
int	 verify_online(struct store *, const struct signer *, char *, size_t);

#endif
