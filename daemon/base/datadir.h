/*
 * The data directory: private when budgetd makes it, and held by one
 * budgetd at a time for its whole life.
 */
#ifndef BB_DATADIR_H
#define BB_DATADIR_H

int	 datadir_ready(const char *);
int	 datadir_lock(const char *);
void	 datadir_lock_pid(int);

#endif
