/* verify_archive.c: budgetd verify-archive, an archive package checked offline */
#ifndef BB_VERIFY_ARCHIVE_H
#define BB_VERIFY_ARCHIVE_H

int	 verify_archive_main(int, char *[]);

#endif
