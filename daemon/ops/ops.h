/* One handler per operation; dispatch/operations.c holds the table that
 * names them. */
#ifndef BB_OPS_H
#define BB_OPS_H

#include "turn.h"

/* A handler applies one operation and fills its result. */
typedef int (*op_handler)(struct turn *, const PbOp *, PbResult *);

/* The words of a refusal (turn.c). */
int	 turn_refuse(struct turn *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
int	 turn_value_date(struct turn *, const char *, int32_t *);
int	 turn_text(struct turn *, const char *, const char *, int);
int	 rule_free(int);

struct course;
struct glance_str;
struct pool;
struct reservation;

int	 op_pool_create(struct turn *, const PbOp *, PbResult *);
int	 op_pool_fund(struct turn *, const PbOp *, PbResult *);
int	 op_pool_show(struct turn *, const PbOp *, PbResult *);
int	 op_pool_list(struct turn *, const PbOp *, PbResult *);
int	 op_course_open(struct turn *, const PbOp *, PbResult *);
int	 op_course_show(struct turn *, const PbOp *, PbResult *);
int	 op_course_close(struct turn *, const PbOp *, PbResult *);
int	 op_course_list(struct turn *, const PbOp *, PbResult *);
int	 op_reservation_list(struct turn *, const PbOp *, PbResult *);
int	 op_grant(struct turn *, const PbOp *, PbResult *);
int	 op_spend(struct turn *, const PbOp *, PbResult *);
int	 op_reverse(struct turn *, const PbOp *, PbResult *);
int	 op_reserve(struct turn *, const PbOp *, PbResult *);
int	 op_capture(struct turn *, const PbOp *, PbResult *);
int	 op_release(struct turn *, const PbOp *, PbResult *);
int	 op_refund(struct turn *, const PbOp *, PbResult *);
int	 op_statement(struct turn *, const PbOp *, PbResult *);
int	 op_export(struct turn *, const PbOp *, PbResult *);
int	 op_checkpoint(struct turn *, const PbOp *, PbResult *);
int	 op_proof(struct turn *, const PbOp *, PbResult *);
int	 op_consistency(struct turn *, const PbOp *, PbResult *);
int	 op_audit(struct turn *, const PbOp *, PbResult *);
int	 op_status(struct turn *, const PbOp *, PbResult *);
int	 op_chart(struct turn *, const PbOp *, PbResult *);
int	 op_receipt(struct turn *, const PbOp *, PbResult *);
int	 op_upload(struct turn *, const PbOp *, PbResult *);
int	 op_archive_record(struct turn *, const PbOp *, PbResult *);
int	 op_erase(struct turn *, const PbOp *, PbResult *);

PbPoolInfo	*pool_info(struct turn *, const struct pool *);
PbCourseInfo	*course_info(struct turn *, const struct course *);
int		 citizen_valid(struct turn *, const char *);
int		 pool_valid(struct turn *, const char *);
int		 course_for_write(struct turn *, const char *, struct course *,
		    struct pool *);
char		*turn_date(struct turn *, int32_t);
int		 turn_amount(struct turn *, int64_t);
int		 turn_window(struct turn *, const struct course *, int32_t,
		    int);
int		 purchase_texts(struct turn *, const char *, const char *,
		    const char *, const char *);
int		 course_close_group(struct turn *, const struct course *,
		    const struct pool *, int, int32_t, int32_t *);
int		 reservation_release(struct turn *, const struct course *,
		    const struct reservation *, int64_t, const char *);
int		 receipt_named(struct turn *, ProtobufCBinaryData, PbEntry *);
int		 entry_append(struct turn *, PbEntry *, const char *);
int		 entry_text(struct turn *, uint64_t, char **,
		    ProtobufCBinaryData *);
int		 citizen_erased(struct turn *, const char *, uint64_t *);
int		 leaf_citizen(const uint8_t *, size_t, char *, size_t);
void		 category_named(const struct turn *, uint64_t *,
		    const struct glance_str *);
PbCategoryLabel	**category_labels(struct turn *, uint64_t, size_t *);

#endif
