/* entry.c: ledger entries, courses and pools as JSON */
#ifndef BB_ENTRY_H
#define BB_ENTRY_H

#include <stdint.h>
#include <stdio.h>

#include "wire.h"

PbEntry		*entry_decode(const ProtobufCBinaryData *);	/* until the next */
PbEntry		*entry_decode_text(const ProtobufCBinaryData *, const char *,
		    const ProtobufCBinaryData *, int);
int		 entry_is_erased(const PbEntry *);
const char	*entry_op_name(int);
const char	*entry_op_text(int);
int		 entry_op_last(void);
const char	*entry_note_text(const PbEntry *);
void		 entry_json(FILE *, const ProtobufCBinaryData *, const PbEntry *,
		    const int64_t *);
void		 entry_json_fields(FILE *, const ProtobufCBinaryData *,
		    const PbEntry *);
void		 course_json(FILE *, const PbCourseInfo *);
void		 course_json_fields(FILE *, const PbCourseInfo *);
void		 pool_json(FILE *, const PbPoolInfo *);

#endif
