/*
 * The labels of categories ("Transport og kørekort" for transport), as
 * the daemon sends them with the answers whose entries name categories:
 * statements and reports print them where people read, and the slug for
 * a category the daemon's configuration gives no label.
 */

#include <stdlib.h>
#include <string.h>

#include "labels.h"

/* Keeps the labels of an answer; one already kept stays as it was.
 * 0, or -1 when memory runs out. */
int
labels_take(struct labels *ls, PbCategoryLabel *const *v, size_t n)
{
	struct label	*l;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (*v[i]->category == '\0' || *v[i]->label == '\0' ||
		    labels_of(ls, v[i]->category) != v[i]->category)
			continue;
		l = reallocarray(ls->v, ls->n + 1, sizeof(*ls->v));
		if (l == NULL)
			return -1;
		ls->v = l;
		l = &ls->v[ls->n];
		if ((l->category = strdup(v[i]->category)) == NULL ||
		    (l->label = strdup(v[i]->label)) == NULL) {
			free(l->category);
			return -1;
		}
		ls->n++;
	}
	return 0;
}

/* The category's label, else the slug itself. */
const char *
labels_of(const struct labels *ls, const char *category)
{
	for (size_t i = 0; i < ls->n; i++)
		if (strcmp(ls->v[i].category, category) == 0)
			return ls->v[i].label;
	return category;
}

void
labels_free(struct labels *ls)
{
	for (size_t i = 0; i < ls->n; i++) {
		free(ls->v[i].category);
		free(ls->v[i].label);
	}
	free(ls->v);
	ls->v = NULL;
	ls->n = 0;
}
