/* An archive package (budgetctl archive): cmd-archive.c, archive-entries.c
 * and archive-files.c */
#ifndef BB_ARCHIVE_H
#define BB_ARCHIVE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "command.h"
#include "sha256.h"

#define ARCHIVE_README	"L\xc3\x86SMIG.txt"
#define ARCHIVE_BATCH	1000	/* proofs a request */

/* entries.jsonl: written through f, hashed as it goes. */
struct archive_stream {
	FILE		*f;
	int		 fd;
	uint64_t	 size;
	char		*buf;
	struct sha256	 md;
};

/* A package being written (cmd-archive.c, archive-entries.c). */
struct archive {
	struct ctx	*ctx;
	const char	*dest;
	const char	*citizen;
	const char	*until_text;
	int32_t		 until;		/* DATE_NONE: no end date */
	char		 part[PATH_MAX];
	char		 docs[PATH_MAX + 16];
	char		*note;		/* the checkpoint, exactly as signed */
	char		*key;		/* its verifier key */
	uint64_t	 size;		/* of the checkpoint's tree: S */
	uint8_t		 root[32];
	uint64_t	*seqs;		/* a citizen's, in order */
	size_t		 nseqs;
	struct archive_stream out;	/* entries.jsonl */
	FILE		*entries;	/* out.f */
	FILE		*sums;
	struct {
		uint64_t	 seq;
		uint8_t		 sha256[32];
	}		 docs_due[ARCHIVE_BATCH];	/* of the batch before */
	size_t		 ndue;
	uint64_t	 count;		/* entries written */
	uint64_t	 through;	/* the last of them */
	uint64_t	 documents;
	uint64_t	 bytes;
	int		 progress;
	int		 ended;		/* --until: the rest are later */
};

extern volatile sig_atomic_t	 archive_stopped;

int	 archive_fail(struct archive *, const char *);
int	 archive_refuse(struct archive *, int, const char *);
int	 archive_result(struct archive *, const PbResponse *, size_t);
int	 archive_after(const struct archive *, const PbEntry *);
int	 archive_entries(struct archive *);

/* What the README says the package holds. */
struct archive_about {
	const char	*citizen;	/* "": the whole journal */
	const char	*until;		/* "": no end date */
	const char	*written;	/* when, UTC */
	uint64_t	 entries;
	uint64_t	 through;
	uint64_t	 size;		/* of the checkpoint's tree */
};

int	 archive_stream_open(struct archive_stream *, const char *);
int	 archive_stream_close(struct archive_stream *, uint8_t *);
void	 archive_remove(const char *);
int	 archive_sync_path(const char *);
int	 archive_file_sha256(const char *, uint8_t *, uint64_t *);
int	 archive_sum_line(FILE *, const uint8_t *, const char *);
int	 archive_put(const char *, const char *, const void *, size_t, FILE *);
int	 archive_readme(const char *, const struct archive_about *, FILE *);

#endif
