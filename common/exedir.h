/* exedir.c: the directory of the running program */
#ifndef BB_EXEDIR_H
#define BB_EXEDIR_H

#include <stddef.h>

int	 exe_dir(char *, size_t);

#endif
