/*
 * budgetd's configuration file: the input is the file, read by the real
 * config_load (libinih) from a memory file, then asked what the daemon
 * asks of it: the role of a few peers and a few categories. A comment
 * never changes anything: the file with its comment lines blanked must
 * give the same configuration.
 */

#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"

static int	 fd = -1;
static char	 path[64];

static int
load(struct config *conf, const uint8_t *data, size_t size)
{
	if (ftruncate(fd, 0) == -1 || pwrite(fd, data, size, 0) !=
	    (ssize_t)size)
		abort();
	config_defaults(conf);
	return config_load(conf, path);
}

/* The same file with every comment line (# or ; after blanks) emptied. */
static uint8_t *
uncommented(const uint8_t *data, size_t size)
{
	uint8_t	*out;
	size_t	 i, j;

	if ((out = malloc(size ? size : 1)) == NULL)
		abort();
	for (i = j = 0; i < size; ) {
		size_t	 start = i, k = i;

		while (k < size && (data[k] == ' ' || data[k] == '\t'))
			k++;
		while (i < size && data[i] != '\n')
			i++;
		if (k < i && (data[k] == '#' || data[k] == ';')) {
			/* keep the line count: only the newline stays */
		} else {
			memcpy(out + j, data + start, i - start);
			j += i - start;
		}
		if (i < size)
			out[j++] = data[i++];
	}
	memset(out + j, '\n', size - j);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config	 conf, bare;
	const char		*cats[] = { "education", "other", "x", "" };
	const uid_t		 peers[] = { 0, 1000, 4000000000U };
	uint8_t			*plain;
	size_t			 i;
	int			 role;

	if (fd == -1) {
		log_init(1, 0);
		if ((fd = memfd_create("budgetd.conf", 0)) == -1)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (load(&conf, data, size) == -1)
		return 0;
	plain = uncommented(data, size);
	if (load(&bare, plain, size) == -1 ||
	    memcmp(&conf, &bare, sizeof(conf)) != 0)
		abort();
	free(plain);
	if (conf.ncategories < 1 || conf.ncategories > CONFIG_CATEGORIES_MAX)
		abort();
	for (i = 0; i < (size_t)conf.ncategories; i++)
		if (config_category(&conf, conf.categories[i].slug) !=
		    &conf.categories[i])
			abort();
	for (i = 0; i < sizeof(cats) / sizeof(cats[0]); i++)
		(void)config_category(&conf, cats[i]);
	/* root, the first user, a uid nobody has. */
	for (i = 0; i < sizeof(peers) / sizeof(peers[0]); i++) {
		role = config_role(&conf, peers[i], peers[i]);
		if (role < ROLE_NONE || role >= ROLE_COUNT)
			abort();
	}
	return 0;
}
