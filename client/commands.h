/* The command table's entries, one cmd-*.c file each group. */
#ifndef BB_COMMANDS_H
#define BB_COMMANDS_H

#include "command.h"

extern const struct command cmd_pool_create, cmd_pool_fund, cmd_pool_show,
    cmd_pool_list, cmd_course_open, cmd_course_show, cmd_course_close,
    cmd_grant, cmd_spend, cmd_reserve, cmd_capture, cmd_release, cmd_refund,
    cmd_reverse, cmd_import, cmd_report, cmd_backup, cmd_statement, cmd_export,
    cmd_status, cmd_checkpoint, cmd_proof, cmd_consistency, cmd_audit,
    cmd_verify, cmd_bench, cmd_course_list, cmd_reservation_list, cmd_receipt,
    cmd_erase, cmd_archive;

#endif
