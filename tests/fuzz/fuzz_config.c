/*
 * budgetd's configuration file: the input is the file, read by the real
 * config_load (libinih) from a memory file, then asked what the daemon
 * asks of it: the role of a few peers and a few categories.
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

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config	 conf;
	const char		*cats[] = { "education", "other", "x", "" };
	const uid_t		 peers[] = { 0, 1000, 4000000000U };
	size_t			 i;
	int			 role;

	if (fd == -1) {
		log_init(1, 0);
		if ((fd = memfd_create("budgetd.conf", 0)) == -1)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) == -1 || pwrite(fd, data, size, 0) !=
	    (ssize_t)size)
		abort();
	config_defaults(&conf);
	if (config_load(&conf, path) == -1)
		return 0;
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
