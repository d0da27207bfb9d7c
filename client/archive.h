/* archive-files.c: the files of an archive package (budgetctl archive) */
#ifndef BB_ARCHIVE_H
#define BB_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ARCHIVE_README	"L\xc3\x86SMIG.txt"

/* What the README says the package holds. */
struct archive_about {
	const char	*citizen;	/* "": the whole journal */
	const char	*until;		/* "": no end date */
	const char	*written;	/* when, UTC */
	uint64_t	 entries;
	uint64_t	 through;
	uint64_t	 size;		/* of the checkpoint's tree */
};

/* entries.jsonl: written through f, hashed as it goes. */
struct archive_stream {
	FILE		*f;
	int		 fd;
	uint64_t	 size;
	char		*buf;
	struct evp_md_ctx_st *md;
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
