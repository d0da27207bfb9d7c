/* budgetctl: the thin client. One table entry per command. */
#ifndef BB_BUDGETCTL_H
#define BB_BUDGETCTL_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "table.h"
#include "wire.h"

#define EXIT_DONE	0
#define EXIT_REFUSED	1
#define EXIT_USAGE	2
#define EXIT_UNREACHABLE 3

#define ARGS_MAXPOS	4
#define ARGS_MAXOPT	16

struct args {
	int		 npos;
	char		*pos[ARGS_MAXPOS];
	int		 nopt;
	struct {
		const char	*name;
		char		*value;
	}		 opt[ARGS_MAXOPT];
};

struct ctx {
	const char	*socket;
	int		 json;
	uint8_t		 id[16];
	int		 id_given;
	int		 atomic;	/* requests: all or nothing */
	const struct command *cmd;
};

struct command {
	const char	*name;		/* "pool create" */
	const char	*usage;		/* what follows the name */
	int		 minpos;
	int		 maxpos;
	const char *const *options;	/* options taking a value */
	int		(*run)(struct ctx *, struct args *);
	const char *const *flags;	/* options without a value */
};

extern const struct command cmd_pool_create, cmd_pool_fund, cmd_pool_show,
    cmd_pool_list, cmd_course_open, cmd_course_show, cmd_course_close,
    cmd_grant, cmd_spend, cmd_reserve, cmd_capture, cmd_release, cmd_refund,
    cmd_reverse, cmd_import, cmd_report, cmd_backup, cmd_statement, cmd_export,
    cmd_status, cmd_checkpoint, cmd_proof, cmd_consistency, cmd_audit,
    cmd_verify, cmd_bench, cmd_course_list, cmd_reservation_list;

/* tally.c: sums by name */
struct tally {
	struct table	 sums;		/* name -> int64_t */
};
int64_t		*tally_at(struct tally *, const char *);
const char	**tally_keys(struct tally *);
void		 tally_free(struct tally *);

/* formats.c: the export's formats, an entry at a time */
enum { FMT_JSONL, FMT_CSV, FMT_LEDGER, FMT_ERP, FMT_COUNT };
struct export_out {
	int		 format;
	int		 whole;		/* from seq 1: ledger asserts balances */
	struct tally	 balances;
	PbChartLine	**chart;	/* erp: the daemon's [accounts] */
	size_t		 nchart;
};
int		 format_parse(const char *);
void		 export_begin(struct export_out *);
void		 export_entry(struct export_out *, const ProtobufCBinaryData *,
		    const PbEntry *);
void		 export_end(struct export_out *);

/* budgetctl.c */
int		 usage_error(struct ctx *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
const char	*arg(struct args *, const char *);
char		*arg_or_empty(struct args *, const char *);
int		 arg_amount(struct ctx *, const char *, const char *, int64_t *);
int		 arg_date(struct ctx *, const char *, const char *);
int		 arg_u64(struct ctx *, const char *, const char *, uint64_t *);

/* conn.c */
int		 ctl_send(struct ctx *, PbOp **, size_t);
int		 ctl_call(struct ctx *, PbOp **, size_t, PbResponse **);
int		 ctl_first(struct ctx *, PbResponse *, ProtobufCAllocator *,
		    PbResult **);
int		 ctl_one(struct ctx *, PbOp *, PbResponse **, PbResult **);
int		 ctl_write(struct ctx *, PbOp *, const char *);
int		 ctl_refused(struct ctx *, const PbResult *);
int		 ctl_next(struct ctx *, ProtobufCAllocator *, PbResponse **);
void		 ctl_reconnect(struct ctx *);
PbEntry		*entry_decode(const ProtobufCBinaryData *);	/* until the next */

/*
 * Output built in memory and handed to its stream in large pieces: a JSON
 * entry is dozens of short strings, and a stdio call for each was a third
 * of budgetctl's instructions in a statement. out_flush hands it over.
 */
struct out {
	FILE	*f;
	size_t	 n;
	char	 buf[8192];
};

void		 out_flush(struct out *);

/* Not an initializer: that would zero the buffer, every time. */
static inline void
out_init(struct out *o, FILE *f)
{
	o->f = f;
	o->n = 0;
}

static inline void
out_put(struct out *o, const void *p, size_t n)
{
	if (n > sizeof(o->buf) - o->n) {
		out_flush(o);
		if (n > sizeof(o->buf)) {
			fwrite_unlocked(p, 1, n, o->f);
			return;
		}
	}
	memcpy(o->buf + o->n, p, n);
	o->n += n;
}

#define out_lit(o, s)	out_put((o), (s), sizeof(s) - 1)

/* output.c */
void		 out_str(struct out *, const char *);
void		 out_hex(struct out *, const uint8_t *, size_t);
void		 out_uint(struct out *, uint64_t);
void		 out_int(struct out *, int64_t);
void		 json_str(FILE *, const char *);
void		 json_hex(FILE *, const uint8_t *, size_t);
void		 json_uint(FILE *, uint64_t);
void		 json_int(FILE *, int64_t);
void		 uuid_format(const uint8_t *, char *);
int		 uuid_parse(const char *, uint8_t *);
const char	*kr(int64_t);
void		 cell_put(FILE *, const char *, char, int);
void		 csv_field(FILE *, const char *);
void		 csv_text(FILE *, const char *);

/* entry.c */
const char	*entry_op_name(int);
void		 entry_json(FILE *, const ProtobufCBinaryData *, const PbEntry *,
		    const int64_t *);
void		 entry_json_fields(FILE *, const ProtobufCBinaryData *,
		    const PbEntry *);
void		 course_json(FILE *, const PbCourseInfo *);
void		 course_json_fields(FILE *, const PbCourseInfo *);
void		 pool_json(FILE *, const PbPoolInfo *);
void		 course_text(const PbCourseInfo *);

#endif
