#include <string.h>
#include <unistd.h>

#include "exedir.h"

/*
 * Where the running program lies: what it finds beside itself (the
 * Danish catalogue, the drawing module) when it runs from its build tree
 * rather than installed. -1 when /proc cannot say.
 */
int
exe_dir(char *buf, size_t len)
{
	ssize_t	 n;
	char	*slash;

	if (len < 2 || (n = readlink("/proc/self/exe", buf, len - 1)) <= 0 ||
	    (size_t)n >= len - 1)
		return -1;
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) == NULL)
		return -1;
	*slash = '\0';
	return 0;
}
