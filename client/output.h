/* output.c: JSON, CSV, UUIDs and Danish kroner for budgetctl's output */
#ifndef BB_OUTPUT_H
#define BB_OUTPUT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * Output built in memory and handed to its stream in large pieces: a JSON
 * entry is dozens of short strings, and a stdio call for each was a third
 * of budgetctl's instructions in a statement. out_flush hands it over.
 */
struct out {
	FILE	*f;
	size_t	 n;
	char	 buf[8192];
};

void		 out_flush(struct out *);

/* Not an initializer: that would zero the buffer, every time. */
static inline void
out_init(struct out *o, FILE *f)
{
	o->f = f;
	o->n = 0;
}

static inline void
out_put(struct out *o, const void *p, size_t n)
{
	if (n > sizeof(o->buf) - o->n) {
		out_flush(o);
		if (n > sizeof(o->buf)) {
			fwrite_unlocked(p, 1, n, o->f);
			return;
		}
	}
	memcpy(o->buf + o->n, p, n);
	o->n += n;
}

#define out_lit(o, s)	out_put((o), (s), sizeof(s) - 1)

void		 out_str(struct out *, const char *);
void		 out_hex(struct out *, const uint8_t *, size_t);
void		 out_uint(struct out *, uint64_t);
void		 out_int(struct out *, int64_t);
void		 json_str(FILE *, const char *);
void		 json_hex(FILE *, const uint8_t *, size_t);
void		 hex_text(FILE *, const uint8_t *, size_t);
void		 json_int(FILE *, int64_t);
void		 uuid_format(const uint8_t *, char *);
int		 uuid_parse(const char *, uint8_t *);
const char	*kr(int64_t);
void		 cell_put(FILE *, const char *, char, int);
void		 csv_field(FILE *, const char *);
void		 csv_text(FILE *, const char *);
int		 text_columns(const char *);
void		 text_pad(FILE *, const char *, int);

#endif
