#include <stddef.h>

#include "codes.h"
#include "config.h"
#include "lang.h"
#include "operations.h"
#include "ops.h"

#define R_ALL		(ROLE(ROLE_ADMIN) | ROLE(ROLE_CASEWORKER) | \
			    ROLE(ROLE_ACCOUNTING) | ROLE(ROLE_AUDITOR))
#define R_CASE		(ROLE(ROLE_ADMIN) | ROLE(ROLE_CASEWORKER))
#define R_MONEY		(ROLE(ROLE_ADMIN) | ROLE(ROLE_ACCOUNTING))

static const struct operation operations[] = {
#define K(x)	BORGERBUDGET__V1__OP__KIND_##x
	{ K(POOL_CREATE), "pool create", 1, ROLE(ROLE_ADMIN),
	    op_pool_create, 0 },
	{ K(POOL_FUND), "pool fund", 1, R_MONEY, op_pool_fund, 0 },
	{ K(POOL_SHOW), "pool show", 0, R_ALL, op_pool_show, 0 },
	{ K(POOL_LIST), "pool list", 0, R_ALL, op_pool_list, 0 },
	{ K(COURSE_OPEN), "course open", 1, R_CASE, op_course_open, 0 },
	{ K(COURSE_SHOW), "course show", 0, R_ALL, op_course_show, 0 },
	{ K(COURSE_CLOSE), "course close", 1, R_CASE, op_course_close, 0 },
	{ K(COURSE_LIST), "course list", 0, R_ALL, op_course_list, 0 },
	{ K(RESERVATION_LIST), "reservation list", 0, R_ALL,
	    op_reservation_list, 0 },
	{ K(GRANT), "grant", 1, R_CASE, op_grant, 0 },
	{ K(SPEND), "spend", 1, R_CASE, op_spend, 0 },
	/* Accounting reverses funding: op_reverse decides by the original. */
	{ K(REVERSE), "reverse", 1, R_CASE | ROLE(ROLE_ACCOUNTING),
	    op_reverse, 0 },
	{ K(RESERVE), "reserve", 1, R_CASE, op_reserve, 0 },
	{ K(CAPTURE), "capture", 1, R_CASE, op_capture, 0 },
	{ K(RELEASE), "release", 1, R_CASE, op_release, 0 },
	{ K(REFUND), "refund", 1, R_CASE, op_refund, 0 },
	{ K(STATEMENT), "statement", 0, R_ALL, op_statement, 0 },
	{ K(EXPORT), "export", 0, R_ALL, op_export, 0 },
	{ K(STATUS), "status", 0, R_ALL, op_status, 0 },
	{ K(CHART), "chart", 0, R_ALL, op_chart, 0 },
	/* Who may attach a voucher: who funds, spends, captures, refunds. */
	{ K(UPLOAD), "upload", 0, R_CASE | ROLE(ROLE_ACCOUNTING), op_upload,
	    0 },
	{ K(RECEIPT), "receipt", 0, R_ALL, op_receipt, 0 },
	/* Retention: what may leave, and the record that it was kept. */
	{ K(ARCHIVE_RECORD), "archive", 1, ROLE(ROLE_ADMIN),
	    op_archive_record, 0 },
	{ K(ERASE), "erase", 1, ROLE(ROLE_ADMIN), op_erase, 0 },
	{ K(BACKUP), "backup", 0, ROLE(ROLE_ADMIN), NULL, 1 },
	{ K(CHECKPOINT), "checkpoint", 0, R_ALL, op_checkpoint, 0 },
	{ K(PROOF), "proof", 0, R_ALL, op_proof, 0 },
	{ K(CONSISTENCY), "consistency", 0, R_ALL, op_consistency, 0 },
	{ K(AUDIT), "audit", 0, R_ALL, op_audit, 0 },
	/* A replay of the whole journal: heavy, so for those who audit. */
	{ K(VERIFY), "verify", 0, ROLE(ROLE_ADMIN) | ROLE(ROLE_AUDITOR),
	    NULL, 1 },
#undef K
};

const struct operation *
operation_of(const PbOp *op)
{
	for (size_t i = 0; i < sizeof(operations) / sizeof(operations[0]); i++)
		if (operations[i].kind == op->kind_case)
			return &operations[i];
	return NULL;
}

static const char *const refusals[BB_NCODES] = {
	[BB_BAD_REQUEST] = N_("the request is malformed"),
	[BB_PERMISSION_DENIED] = N_("your role does not allow this"),
	[BB_NOT_FOUND] = N_("not found"),
	[BB_ALREADY_EXISTS] = N_("it exists already"),
	[BB_ID_CONFLICT] = N_("this id was used for a different operation"),
	[BB_CAP_EXCEEDED] = N_("the course cap would be exceeded"),
	[BB_INSUFFICIENT_FUNDS] = N_("the citizen's available budget is too "
	    "small"),
	[BB_POOL_INSUFFICIENT] = N_("the pool's balance is too small"),
	[BB_OUTSIDE_WINDOW] = N_("the date lies outside the course window or "
	    "the window has passed"),
	[BB_COURSE_CLOSED] = N_("the course is closed"),
	[BB_UNKNOWN_CATEGORY] = N_("no such category"),
	[BB_ALREADY_REVERSED] = N_("the entry was reversed already"),
	[BB_RESERVATION_CLOSED] = N_("the reservation is settled or released"),
	[BB_CPR_NOT_ALLOWED] = N_("a CPR number must not be stored"),
	[BB_STORAGE_FULL] = N_("the database is full; nothing was written"),
	[BB_INTERNAL] = N_("internal error; nothing was written"),
	[BB_RETENTION_NOT_REACHED] = N_("the retention period has not passed"),
	[BB_NOT_ARCHIVED] = N_("an entry is in no archive yet"),
};

/* The words of a refusal code, for a refusal no handler worded, in the
 * request's language. */
const char *
operation_refusal(enum lang l, int code)
{
	if (code < 0 || code >= BB_NCODES || refusals[code] == NULL)
		return lang_text(l, N_("refused"));
	return lang_text(l, refusals[code]);
}
