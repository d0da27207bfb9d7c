#ifndef BB_VERIFY_H
#define BB_VERIFY_H

int	 verify_main(int, char *[]);

#endif
