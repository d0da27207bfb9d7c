/*
 * Framing of SPEC §5: a 4-byte big-endian length, then that many bytes of
 * a serialized Request or Response. The length is checked against the
 * limit before anything is allocated for the body.
 */
#ifndef BB_FRAME_H
#define BB_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define FRAME_HEADER	4
#define FRAME_MAX	(16U * 1024 * 1024)

#define FRAME_PARTIAL	0	/* frame_next: wait for more bytes */
#define FRAME_COMPLETE	1	/* frame_next: a whole frame is buffered */
#define FRAME_TOO_BIG	(-1)	/* frame_next: the length is over the limit */

void	 frame_header_encode(uint8_t *, uint32_t);
int	 frame_header_decode(const uint8_t *, uint32_t *);
int	 frame_next(const uint8_t *, size_t, uint32_t *);

/* Blocking helpers for clients. */
int	 frame_write(int, const uint8_t *, size_t);
int	 frame_read_length(int, uint32_t *);
int	 frame_read_body(int, void *, size_t);

#endif
