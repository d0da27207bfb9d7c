/* labels.c: categories by the labels people read */
#ifndef BB_LABELS_H
#define BB_LABELS_H

#include <stddef.h>
#include <stdio.h>

#include "wire.h"

struct label {
	char	*category, *label;
};

struct labels {
	struct label	*v;
	size_t		 n;
};

int		 labels_take(struct labels *, PbCategoryLabel *const *, size_t);
const char	*labels_of(const struct labels *, const char *);
void		 labels_free(struct labels *);

#endif
