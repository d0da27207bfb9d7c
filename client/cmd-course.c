/* course open, course show, course close */

#include <string.h>

#include "args.h"
#include "commands.h"
#include "conn.h"
#include "entry.h"
#include "lang.h"
#include "output.h"

static void
course_text(const PbCourseInfo *c)
{
	/* The status and the close's reason are the daemon's codes, put
	 * in words here. */
	static const char *const words[] __attribute__((unused)) = {
		N_("open"), N_("closed"), N_("ended"), N_("moved"),
		N_("withdrawn"),
	};

	/* TRANSLATORS: the labels of course show are padded to one
	 * width. */
	printf(_("citizen        %s, course %u (%s)\n"), c->citizen,
	    c->course, _(c->status));
	printf(_("pool           %s\n"), c->pool);
	printf(_("period         %s to %s, %u days' grace\n"), c->start,
	    c->end, c->grace_days);
	if (*c->closed_on)
		printf(_("closed         %s (%s)\n"), c->closed_on,
		    _(c->close_reason));
	printf(_("cap            %17s\n"), kr(c->cap));
	printf(_("granted        %17s\n"), kr(c->granted));
	printf(_("reserved       %17s\n"), kr(c->reserved));
	printf(_("spent          %17s\n"), kr(c->spent));
	if (c->refunded)
		printf(_("refunded       %17s\n"), kr(c->refunded));
	if (c->returned)
		printf(_("back in pool   %17s\n"), kr(c->returned));
	printf(_("available      %17s\n"), kr(c->available));
}

static int
course_open(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__CourseOpen	 m = BORGERBUDGET__V1__COURSE_OPEN__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	int				 rc;

	if (!arg(a, "--pool") || !arg(a, "--start"))
		return usage_error(ctx, "--pool and --start are required");
	if ((rc = arg_date(ctx, "--start", arg(a, "--start"))) ||
	    (rc = arg_amount(ctx, "--grant", arg(a, "--grant"), &m.grant)))
		return rc;
	m.citizen = a->pos[0];
	m.pool = (char *)arg(a, "--pool");
	m.start = (char *)arg(a, "--start");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_COURSE_OPEN;
	op.course_open = &m;
	return ctl_write(ctx, &op, N_("course opened"));
}

static int
course_show_print(struct ctx *ctx, const PbResult *r)
{
	if (r->course_info == NULL)
		return EXIT_UNREACHABLE;
	if (ctx->json) {
		course_json(stdout, r->course_info);
		printf("\n");
	} else {
		course_text(r->course_info);
	}
	return EXIT_DONE;
}

static int
course_show(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__CourseShow	 m = BORGERBUDGET__V1__COURSE_SHOW__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	uint64_t			 n = 0;
	int				 rc;

	if (arg(a, "--course") &&
	    (rc = arg_u64(ctx, "--course", arg(a, "--course"), &n)))
		return rc;
	if (n > UINT32_MAX)
		return usage_error(ctx, "--course: no such number");
	m.citizen = a->pos[0];
	m.course = (uint32_t)n;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_COURSE_SHOW;
	op.course_show = &m;
	return ctl_show(ctx, &op, course_show_print);
}

static int
course_close(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__CourseClose	 m = BORGERBUDGET__V1__COURSE_CLOSE__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	const char			*reason = arg(a, "--reason");
	int				 rc;

	if (reason == NULL || (strcmp(reason, "ended") != 0 &&
	    strcmp(reason, "moved") != 0 && strcmp(reason, "withdrawn") != 0))
		return usage_error(ctx, "--reason is ended, moved or withdrawn");
	if ((rc = arg_date(ctx, "--date", arg(a, "--date"))))
		return rc;
	m.citizen = a->pos[0];
	m.reason = (char *)reason;
	m.date = arg_or_empty(a, "--date");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_COURSE_CLOSE;
	op.course_close = &m;
	return ctl_write(ctx, &op, N_("course closed"));
}

static const char *const open_opts[] = { "--pool", "--start", "--grant",
    NULL };
static const char *const show_opts[] = { "--course", NULL };
static const char *const close_opts[] = { "--reason", "--date", NULL };

const struct command cmd_course_open = { "course open",
    "CITIZEN --pool POOL --start DATE [--grant AMOUNT]", 1, 1, open_opts,
    course_open, NULL };
const struct command cmd_course_show = { "course show",
    "CITIZEN [--course N]", 1, 1, show_opts, course_show, NULL };
const struct command cmd_course_close = { "course close",
    "CITIZEN --reason ended|moved|withdrawn [--date DATE]", 1, 1, close_opts,
    course_close, NULL };
