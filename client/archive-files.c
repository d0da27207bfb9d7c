/*
 * The files of an archive package (budgetctl archive): a directory made
 * under a name of its own, files hashed for SHA256SUMS, synced before
 * the directory takes its final name, and removed whole on failure.
 */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "archive.h"
#include "sha256.h"

#define STREAM_BUF	(1024 * 1024)

/* A file written through stdio, hashed on its way to the disk: the
 * entries run to hundreds of megabytes, not to be read back. */
static ssize_t
stream_write(void *cookie, const char *buf, size_t len)
{
	struct archive_stream	*s = cookie;
	ssize_t			 n;
	size_t			 done;

	for (done = 0; done < len; done += (size_t)n) {
		if ((n = write(s->fd, buf + done, len - done)) == -1) {
			if (errno == EINTR) {
				n = 0;
				continue;
			}
			return done ? (ssize_t)done : -1;
		}
		sha256_update(&s->md, buf + done, (size_t)n);
		s->size += (uint64_t)n;
	}
	return (ssize_t)len;
}

int
archive_stream_open(struct archive_stream *s, const char *path)
{
	cookie_io_functions_t	 io = { NULL, stream_write, NULL, NULL };

	memset(s, 0, sizeof(*s));
	sha256_init(&s->md);
	if ((s->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0644)) == -1)
		goto fail;
	/* glibc takes a size only with a buffer: it would write 8 KiB a
	 * call, and a write call per 8 KiB was a third of the time. */
	if ((s->buf = malloc(STREAM_BUF)) == NULL ||
	    (s->f = fopencookie(s, "w", io)) == NULL) {
		close(s->fd);
		goto fail;
	}
	setvbuf(s->f, s->buf, _IOFBF, STREAM_BUF);
	return 0;
fail:
	free(s->buf);
	s->buf = NULL;
	s->f = NULL;
	return -1;
}

/* Written out, synced and closed; its SHA-256 in sum. */
int
archive_stream_close(struct archive_stream *s, uint8_t *sum)
{
	int		 rc = 0;

	if (s->f == NULL)
		return -1;
	if (fclose(s->f) == EOF)
		rc = -1;
	s->f = NULL;
	if (rc == 0 && fsync(s->fd) == -1)
		rc = -1;
	if (close(s->fd) == -1)
		rc = -1;
	if (rc == 0)
		sha256_final(&s->md, sum);
	free(s->buf);
	s->buf = NULL;
	return rc;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* A partial package goes whole: no half an archive is left behind. */
void
archive_remove(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int
archive_sync_path(const char *path)
{
	int	 fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* The SHA-256 of a file, read back in large pieces. */
int
archive_file_sha256(const char *path, uint8_t *sum, uint64_t *size)
{
	struct sha256	 st;
	uint8_t		*buf;
	ssize_t		 n;
	int		 fd, rc = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if ((buf = malloc(1 << 20)) == NULL) {
		close(fd);
		return -1;
	}
	sha256_init(&st);
	*size = 0;
	while ((n = read(fd, buf, 1 << 20)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		sha256_update(&st, buf, (size_t)n);
		*size += (uint64_t)n;
	}
	sha256_final(&st, sum);
	free(buf);
	close(fd);
	return rc;
}

/* A line of SHA256SUMS, in sha256sum's text format: "HEX  NAME". */
int
archive_sum_line(FILE *sums, const uint8_t *sum, const char *name)
{
	char	 hex[65];

	sodium_bin2hex(hex, sizeof(hex), sum, 32);
	return fprintf(sums, "%s  %s\n", hex, name) < 0 ? -1 : 0;
}

/* A small file of the package, written, synced and listed in sums. */
int
archive_put(const char *dir, const char *name, const void *data,
    size_t len, FILE *sums)
{
	char	 path[4096];
	uint8_t	 sum[32];
	FILE	*f;
	int	 rc;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path))
		return -1;
	if ((f = fopen(path, "wx")) == NULL)
		return -1;
	rc = fwrite(data, 1, len, f) == len ? 0 : -1;
	if (fflush(f) == EOF || fsync(fileno(f)) == -1)
		rc = -1;
	if (fclose(f) == EOF)
		rc = -1;
	if (rc == 0) {
		crypto_hash_sha256(sum, data, len);
		rc = archive_sum_line(sums, sum, name);
	}
	return rc;
}

/*
 * The README for an archivist, in Danish: what the package holds and
 * how to check it with tools that are not ours. A document of the
 * package, not a screen: Danish whatever the language of budgetctl.
 */
int
archive_readme(const char *dir, const struct archive_about *a, FILE *sums)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f;
	int	 rc;

	if ((f = open_memstream(&text, &len)) == NULL)
		return -1;
	fprintf(f,
	    "ARKIVPAKKE FRA BORGERBUDGET\n"
	    "===========================\n\n"
	    "Denne mappe er en selvstændig arkivkopi af posteringer fra "
	    "borgerbudget,\net kommunalt regnskab over borgeres budgetter "
	    "(en dobbelt bogføring,\nhvor hver postering er et blad i et "
	    "Merkle-træ efter RFC 6962).\n\n");
	if (*a->citizen)
		fprintf(f, "Indhold:    borger %s: borgerens %llu "
		    "posteringer til og med nr. %llu\n",
		    a->citizen, (unsigned long long)a->entries,
		    (unsigned long long)a->through);
	else
		fprintf(f, "Indhold:    hele journalen: posteringerne 1 til "
		    "%llu (%llu posteringer)\n", (unsigned long long)a->through,
		    (unsigned long long)a->entries);
	if (*a->until)
		fprintf(f, "Periode:    posteringer registreret til og med "
		    "%s (dansk tid)\n", a->until);
	fprintf(f, "Bevist mod: det underskrevne kontrolpunkt for et træ "
	    "på %llu posteringer\nSkrevet:    %s\n\n",
	    (unsigned long long)a->size, a->written);
	fprintf(f,
	    "FILERNE\n\n"
	    "  entries.jsonl     én postering pr. linje (JSON): felterne fra\n"
	    "                    budgetctl export, plus leaf (postens bytes,\n"
	    "                    base64), inclusion (inklusionsbevis, hex) og\n"
	    "                    tree_size (træets størrelse)\n"
	    "  documents/        bilagene (PDF, JPEG, PNG), hver med sin\n"
	    "                    SHA-256 som navn\n"
	    "  checkpoint.txt    kontrolpunktet: træets størrelse og rod,\n"
	    "                    underskrevet med Ed25519 (C2SP signed note,\n"
	    "                    tlog-checkpoint)\n"
	    "  verifier-key.txt  den offentlige nøgle, NAVN+NØGLE-ID+BASE64\n"
	    "  SHA256SUMS        SHA-256 af hver anden fil\n"
	    "  LÆSMIG.txt        denne fil\n\n"
	    "Kommunens journal har en ARCHIVE-postering, der nævner "
	    "SHA-256 af filen\nSHA256SUMS: den binder pakken til "
	    "regnskabet. Dens værdi her:\n\n    sha256sum SHA256SUMS\n\n");
	fprintf(f,
	    "SÅDAN EFTERPRØVES PAKKEN\n\n"
	    "1. Filerne er hele:\n\n"
	    "       sha256sum -c SHA256SUMS\n\n"
	    "   Hver linje skal sige OK, og mappen må ikke rumme andre "
	    "filer.\n\n"
	    "2. Kontrolpunktet er underskrevet: checkpoint.txt er en signed "
	    "note i\n   C2SP-formatet (https://c2sp.org/signed-note og\n"
	    "   https://c2sp.org/tlog-checkpoint): linjerne før den tomme "
	    "linje er\n   teksten (oprindelse, træets størrelse, roden i "
	    "base64); linjen\n   \"— NAVN SIGNATUR\" bærer 4 bytes "
	    "nøgle-id og en Ed25519-signatur\n   over teksten. Nøglen bør "
	    "komme fra kommunen selv, ikke kun fra\n   verifier-key.txt: en "
	    "nøgle fra pakken beviser kun, at pakken er\n   hel, ikke hvor "
	    "den kommer fra.\n\n"
	    "3. Hver postering er med i træet: bladets hash er\n"
	    "   SHA-256(0x00 || leaf), og inclusion er revisionsstien efter\n"
	    "   RFC 6962 (RFC 9162 afsnit 2.1.3.2) for blad nr. seq-1 i et "
	    "træ på\n   tree_size blade; den skal give roden i "
	    "checkpoint.txt. Ethvert\n   program, der efterprøver RFC "
	    "6962-beviser, kan bruges.\n\n"
	    "4. Noterne passer til bladet: bladet rummer kun "
	    "note_commitment =\n   SHA-256(salt || note), hvor salt er de "
	    "16 bytes i note_salt (hex)\n   og note er notens UTF-8-bytes. "
	    "Med standardværktøjer:\n\n"
	    "       (printf '%%s' SALT_HEX | xxd -r -p; printf '%%s' "
	    "\"NOTE\") | sha256sum\n\n"
	    "   skal give den commitment, som bladet indeholder: felt 25 i "
	    "postens\n   protobuf-besked (Entry), fx vist med\n\n"
	    "       printf '%%s' LEAF_BASE64 | base64 -d | protoc "
	    "--decode_raw\n\n"
	    "5. Bilagene passer: documents/HEX har SHA-256 lig HEX (trin 1) "
	    "og er\n   den fil, som posteringens receipt_sha256 og "
	    "receipt_size nævner.\n\n"
	    "Alt dette gør også ét program, offline:\n\n"
	    "       budgetd verify-archive MAPPE --key NØGLE\n\n"
	    "Posteringer, hvis tekst og bilag er slettet efter "
	    "opbevaringsfristen,\nhar \"erased\": true og tom note og "
	    "note_salt; en ERASE-postering i\npakken (op \"erase\") "
	    "dækker dem.\n");
	if (fclose(f) == EOF) {
		free(text);
		return -1;
	}
	rc = archive_put(dir, ARCHIVE_README, text, len, sums);
	free(text);
	return rc;
}
