/*
 * SHA-256 (FIPS 180-4): sha256.h. The compression of a 64-byte block is
 * the CPU's own where it has the SHA extensions (x86-64: sha256rnds2
 * does two rounds, sha256msg1 and sha256msg2 extend the message
 * schedule), found once with cpuid; everything else, and every hash on
 * another CPU, is libsodium's. Both are compared with each other and
 * with the standard's examples in tests/unit/test_sha256.c.
 */

#include <pthread.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SHA_NI	1
#include <cpuid.h>
#include <immintrin.h>
#endif

#include "sha256.h"

static const uint32_t	 initial[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
};

static pthread_once_t	 probed = PTHREAD_ONCE_INIT;
static int		 has_ni;	/* the CPU has them */
static int		 use_ni;	/* and they are used */

#ifdef SHA_NI
static const uint32_t	 K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

static void
probe(void)
{
	unsigned int	 a, b, c, d;

	/* SHA (leaf 7, EBX bit 29), SSSE3 and SSE4.1 (leaf 1, ECX bits 9
	 * and 19) for the shuffles and blends around it. */
	if (__get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 9)) &&
	    (c & (1u << 19)) && __get_cpuid_count(7, 0, &a, &b, &c, &d) &&
	    (b & (1u << 29)))
		has_ni = use_ni = 1;
}

/*
 * n blocks into h. The registers hold the state as the instructions
 * want it, ABEF and CDGH; each sha256rnds2 does two rounds and leaves
 * the new ABEF where CDGH was, so the two swap roles every call. The
 * message words of rounds 16 to 63 are made four at a time from the
 * four groups before them, kept in a ring of four.
 */
__attribute__((target("sha,sse4.1,ssse3")))
static void
blocks(uint32_t h[8], const uint8_t *p, size_t n)
{
	const __m128i	 be = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
			    0x0405060700010203ULL);
	__m128i		 abef, cdgh, abef0, cdgh0, t, w, m[4];
	int		 i;

	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xb1);
	cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]),
	    0x1b);
	abef = _mm_alignr_epi8(t, cdgh, 8);
	cdgh = _mm_blend_epi16(cdgh, t, 0xf0);
	for (; n > 0; n--, p += 64) {
		abef0 = abef;
		cdgh0 = cdgh;
		/* Unrolled, the ring lives in registers. */
#pragma GCC unroll 16
		for (i = 0; i < 16; i++) {
			if (i < 4) {
				m[i] = _mm_shuffle_epi8(_mm_loadu_si128(
				    (const __m128i *)(p + 16 * i)), be);
			} else {
				w = _mm_sha256msg1_epu32(m[i & 3],
				    m[(i + 1) & 3]);
				w = _mm_add_epi32(w, _mm_alignr_epi8(
				    m[(i + 3) & 3], m[(i + 2) & 3], 4));
				m[i & 3] = _mm_sha256msg2_epu32(w,
				    m[(i + 3) & 3]);
			}
			w = _mm_add_epi32(m[i & 3],
			    _mm_loadu_si128((const __m128i *)&K[4 * i]));
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, w);
			abef = _mm_sha256rnds2_epu32(abef, cdgh,
			    _mm_shuffle_epi32(w, 0x0e));
		}
		abef = _mm_add_epi32(abef, abef0);
		cdgh = _mm_add_epi32(cdgh, cdgh0);
	}
	t = _mm_shuffle_epi32(abef, 0x1b);
	cdgh = _mm_shuffle_epi32(cdgh, 0xb1);
	_mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(t, cdgh, 0xf0));
	_mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(cdgh, t, 8));
}
#else
static void
probe(void)
{
}

static void
blocks(uint32_t h[8], const uint8_t *p, size_t n)
{
	(void)h;
	(void)p;
	(void)n;
}
#endif

static int
extensions(void)
{
	(void)pthread_once(&probed, probe);
	return use_ni;
}

int
sha256_extensions(int on)
{
	int	 was = extensions();

	use_ni = on && has_ni;
	return was;
}

void
sha256_init(struct sha256 *s)
{
	if (!(s->ni = extensions())) {
		crypto_hash_sha256_init(&s->portable);
		return;
	}
	memcpy(s->h, initial, sizeof(s->h));
	s->bytes = 0;
	s->fill = 0;
}

void
sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const uint8_t	*p = data;
	size_t		 take;

	if (len == 0)
		return;
	if (!s->ni) {
		crypto_hash_sha256_update(&s->portable, p, len);
		return;
	}
	s->bytes += len;
	if (s->fill > 0) {
		take = len < 64 - s->fill ? len : 64 - s->fill;
		memcpy(s->block + s->fill, p, take);
		s->fill += take;
		p += take;
		len -= take;
		if (s->fill < 64)
			return;
		blocks(s->h, s->block, 1);
		s->fill = 0;
	}
	if (len >= 64) {
		blocks(s->h, p, len / 64);
		p += len & ~(size_t)63;
		len &= 63;
	}
	memcpy(s->block, p, len);
	s->fill = len;
}

void
sha256_final(struct sha256 *s, uint8_t *out)
{
	uint64_t	 bits = s->bytes * 8;
	int		 i;

	if (!s->ni) {
		crypto_hash_sha256_final(&s->portable, out);
		return;
	}
	s->block[s->fill++] = 0x80;
	if (s->fill > 56) {
		memset(s->block + s->fill, 0, 64 - s->fill);
		blocks(s->h, s->block, 1);
		s->fill = 0;
	}
	memset(s->block + s->fill, 0, 56 - s->fill);
	for (i = 0; i < 8; i++)
		s->block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
	blocks(s->h, s->block, 1);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (uint8_t)(s->h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(s->h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(s->h[i] >> 8);
		out[4 * i + 3] = (uint8_t)s->h[i];
	}
}

void
sha256_two(const void *a, size_t alen, const void *b, size_t blen,
    uint8_t *out)
{
	struct sha256	 s;

	sha256_init(&s);
	sha256_update(&s, a, alen);
	sha256_update(&s, b, blen);
	sha256_final(&s, out);
}
