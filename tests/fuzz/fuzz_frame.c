/*
 * The daemon's frame decoder: the bytes a client writes on the socket, cut
 * into frames by frame_next and unpacked as Requests, the way client_read
 * does. The same stream is also fed in the chunks the input's first bytes
 * choose, as the kernel may deliver it, and must give the same frames.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "wire.h"

#define MAX_FRAMES	256

struct cut {
	size_t		 off[MAX_FRAMES];	/* of each body */
	uint32_t	 len[MAX_FRAMES];
	int		 n;
	int		 too_big;
};

/*
 * Whatever unpacks packs again in exactly the size get_packed_size gave,
 * which the daemon relies on for its content hash and its responses; and
 * what it packs, if it unpacks, packs to the same bytes. (protobuf-c 1.4
 * takes field number 0 in a two-byte tag but not in a one-byte one, so a
 * repacked unknown field may not unpack: not ours to fix.)
 */
static void
request_check(const uint8_t *body, size_t len)
{
	PbRequest	*req, *again;
	uint8_t		*buf, *buf2;
	size_t		 n, n2;

	if ((req = borgerbudget__v1__request__unpack(NULL, len, body)) == NULL)
		return;
	n = borgerbudget__v1__request__get_packed_size(req);
	if ((buf = malloc(n ? n : 1)) == NULL)
		abort();
	if (borgerbudget__v1__request__pack(req, buf) != n)
		abort();
	if ((again = borgerbudget__v1__request__unpack(NULL, n, buf)) == NULL)
		goto done;
	n2 = borgerbudget__v1__request__get_packed_size(again);
	if ((buf2 = malloc(n2 ? n2 : 1)) == NULL)
		abort();
	if (n2 != n || borgerbudget__v1__request__pack(again, buf2) != n ||
	    memcmp(buf, buf2, n) != 0)
		abort();
	free(buf2);
	borgerbudget__v1__request__free_unpacked(again, NULL);
done:
	free(buf);
	borgerbudget__v1__request__free_unpacked(req, NULL);
}

/* The loop of client_read over bytes [0, avail) buffered at once. */
static size_t
cut_frames(const uint8_t *data, size_t avail, size_t base, struct cut *cut)
{
	size_t		 pos = 0;
	uint32_t	 len;
	int		 rc;

	while (cut->n < MAX_FRAMES && !cut->too_big) {
		rc = frame_next(data + pos, avail - pos, &len);
		if (rc == FRAME_TOO_BIG) {
			cut->too_big = 1;
			break;
		}
		if (rc == FRAME_PARTIAL)
			break;
		if ((size_t)len > avail - pos - FRAME_HEADER)
			abort();
		cut->off[cut->n] = base + pos + FRAME_HEADER;
		cut->len[cut->n++] = len;
		pos += FRAME_HEADER + len;
	}
	return pos;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cut	 whole, parts;
	const uint8_t	*stream;
	size_t		 n, chunk, start, have, used;
	uint8_t		 step;
	int		 i;

	if (size < 1)
		return 0;
	step = data[0];
	stream = data + 1;
	n = size - 1;

	memset(&whole, 0, sizeof(whole));
	cut_frames(stream, n, 0, &whole);
	for (i = 0; i < whole.n; i++)
		request_check(stream + whole.off[i], whole.len[i]);

	/* The same bytes arriving a few at a time: what is consumed is what
	 * a reader drains, and the rest waits for the next chunk. */
	memset(&parts, 0, sizeof(parts));
	chunk = (size_t)(step % 13) + 1;
	start = 0;
	have = 0;
	while (have < n && !parts.too_big && parts.n < MAX_FRAMES) {
		have = have + chunk > n ? n : have + chunk;
		used = cut_frames(stream + start, have - start, start, &parts);
		start += used;
	}
	if (parts.n != whole.n || parts.too_big != whole.too_big)
		abort();
	for (i = 0; i < whole.n; i++)
		if (parts.off[i] != whole.off[i] || parts.len[i] != whole.len[i])
			abort();
	return 0;
}
