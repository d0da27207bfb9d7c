/* One UTF-8 decoder for every text check of both programs. */
#ifndef BB_UTF8_H
#define BB_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_BAD	((uint32_t)-1)

uint32_t	 utf8_decode(const unsigned char *, size_t, size_t *);

#endif
