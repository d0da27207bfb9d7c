/* Error codes shared by daemon and client; the numbers are the wire values
 * of borgerbudget.v1.Code (codes.c asserts it) and the names are public
 * interface (SPEC §5). */
#ifndef BB_CODES_H
#define BB_CODES_H

enum bb_code {
	BB_OK = 0,
	BB_BAD_REQUEST,
	BB_PERMISSION_DENIED,
	BB_NOT_FOUND,
	BB_ALREADY_EXISTS,
	BB_ID_CONFLICT,
	BB_CAP_EXCEEDED,
	BB_INSUFFICIENT_FUNDS,
	BB_POOL_INSUFFICIENT,
	BB_OUTSIDE_WINDOW,
	BB_COURSE_CLOSED,
	BB_UNKNOWN_CATEGORY,
	BB_ALREADY_REVERSED,
	BB_RESERVATION_CLOSED,
	BB_CPR_NOT_ALLOWED,
	BB_STORAGE_FULL,
	BB_INTERNAL,
	BB_RETENTION_NOT_REACHED,
	BB_NOT_ARCHIVED,
	BB_NCODES
};

const char	*code_name(int);

#endif
