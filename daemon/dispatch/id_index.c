/*
 * The ids in memory (id_index.h): open addressing over 16-byte slots, a
 * SipHash of the id under a key drawn at start (so ids a client chooses
 * cannot be made to collide) and the seq, half full at most. A million
 * operations take 32 MiB; the id itself is read from its row. Each add
 * and find touches one slot in no order, so the slots are sized at start
 * for the journal (no regrowth while it is read) and live in huge pages
 * where the kernel gives them: at start, a TLB miss per id was half of
 * the daemon's time.
 */

#include <sys/mman.h>

#include <string.h>

#include <sodium.h>

#include "id_index.h"

struct slot {
	uint64_t	 hash;		/* 0: empty */
	uint64_t	 seq;
};

static struct {
	struct slot	*slots;
	size_t		 cap;		/* a power of two */
	size_t		 len;
	uint8_t		 key[crypto_shorthash_KEYBYTES];
} ix;

static uint64_t
id_hash(const uint8_t id[16])
{
	uint8_t		 out[crypto_shorthash_BYTES];
	uint64_t	 h;

	crypto_shorthash(out, id, 16, ix.key);
	memcpy(&h, out, sizeof(h));
	return h ? h : 1;
}

/* cap zeroed slots, or NULL. */
static struct slot *
slots_new(size_t cap)
{
	void	*p;

	p = mmap(NULL, cap * sizeof(struct slot), PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	(void)madvise(p, cap * sizeof(struct slot), MADV_HUGEPAGE);
	return p;
}

static void
slots_free(struct slot *slots, size_t cap)
{
	if (slots != NULL)
		munmap(slots, cap * sizeof(*slots));
}

/* Room for expect ids before the first regrowth. */
int
id_index_init(size_t expect)
{
	for (ix.cap = 1024; ix.cap / 2 < expect; ix.cap *= 2)
		;
	ix.len = 0;
	if ((ix.slots = slots_new(ix.cap)) == NULL)
		return -1;
	randombytes_buf(ix.key, sizeof(ix.key));
	return 0;
}

static void
put(struct slot *slots, size_t cap, uint64_t hash, uint64_t seq)
{
	size_t	 i;

	for (i = hash & (cap - 1); slots[i].hash != 0; i = (i + 1) & (cap - 1))
		;
	slots[i].hash = hash;
	slots[i].seq = seq;
}

int
id_index_add(const uint8_t id[16], uint64_t seq)
{
	struct slot	*slots;
	size_t		 i, cap;

	if (2 * (ix.len + 1) > ix.cap) {
		cap = ix.cap * 2;
		if ((slots = slots_new(cap)) == NULL)
			return -1;
		for (i = 0; i < ix.cap; i++)
			if (ix.slots[i].hash != 0)
				put(slots, cap, ix.slots[i].hash,
				    ix.slots[i].seq);
		slots_free(ix.slots, ix.cap);
		ix.slots = slots;
		ix.cap = cap;
	}
	put(ix.slots, ix.cap, id_hash(id), seq);
	ix.len++;
	return 0;
}

/*
 * The candidates of the id, in turn, to is_it (which reads the row):
 * returns what is_it returned first other than 0 (the seq is not the
 * id's), or 0 when none was it.
 */
int
id_index_find(const uint8_t id[16], int (*is_it)(void *, uint64_t),
    void *arg)
{
	uint64_t	 hash;
	size_t		 i;
	int		 rc;

	if (ix.slots == NULL)
		return 0;
	hash = id_hash(id);
	for (i = hash & (ix.cap - 1); ix.slots[i].hash != 0;
	    i = (i + 1) & (ix.cap - 1))
		if (ix.slots[i].hash == hash &&
		    (rc = is_it(arg, ix.slots[i].seq)) != 0)
			return rc;
	return 0;
}

size_t
id_index_len(void)
{
	return ix.len;
}

void
id_index_free(void)
{
	slots_free(ix.slots, ix.cap);
	ix.slots = NULL;
	ix.cap = ix.len = 0;
}
