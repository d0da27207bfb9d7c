/*
 * course list, reservation list. The daemon answers a list in pages, each
 * naming where the next one starts; every page is asked for and printed
 * as it comes, so a municipality's 100,000 courses never need one frame.
 */

#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "conn.h"
#include "entry.h"
#include "lang.h"
#include "output.h"

static void
cell(const char *s, int width)
{
	text_pad(stdout, s, width);
}

static void
cell_right(const char *s, int width)
{
	for (width -= text_columns(s); width > 0; width--)
		putchar(' ');
	fputs(s, stdout);
}

/*
 * Where the next page starts, kept past the response it came in: *start
 * then points at *buf. 0 when there is no next page.
 */
static int
page_next(ProtobufCBinaryData *start, const ProtobufCBinaryData *next,
    uint8_t **buf)
{
	free(*buf);
	*buf = NULL;
	start->data = NULL;
	start->len = 0;
	if (next->len == 0)
		return 0;
	if ((*buf = malloc(next->len)) == NULL) {
		perror("budgetctl");
		return -1;
	}
	memcpy(*buf, next->data, next->len);
	start->data = *buf;
	start->len = next->len;
	return 1;
}

/* What a list printed so far: its pages, its rows, their sum. */
struct rows {
	size_t		 pages;
	size_t		 n;
	int64_t		 sum;
};

/*
 * Every page of a list, each asked for and printed as it comes: page
 * prints one, the header before the first, and gives where the next
 * starts, or NULL when the answer holds no list. *start is the
 * request's own field.
 */
static int
list_pages(struct ctx *ctx, PbOp *op, ProtobufCBinaryData *start,
    const ProtobufCBinaryData *(*page)(struct ctx *, const PbResult *,
    struct rows *), struct rows *rows)
{
	const ProtobufCBinaryData	*next;
	PbResponse			*resp;
	PbResult			*r;
	uint8_t				*buf = NULL;
	int				 rc, more = 0;

	do {
		if ((rc = ctl_one(ctx, op, &resp, &r)) != EXIT_DONE)
			break;
		if ((next = page(ctx, r, rows)) == NULL) {
			fprintf(stderr, _("budgetctl: budgetd answered "
			    "garbage\n"));
			rc = EXIT_UNREACHABLE;
			borgerbudget__v1__response__free_unpacked(resp, NULL);
			break;
		}
		rows->pages++;
		more = page_next(start, next, &buf);
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		if (more == -1)
			rc = EXIT_UNREACHABLE;
	} while (more == 1);
	free(buf);
	return rc;
}

static void
course_header(void)
{
	/* TRANSLATORS: column headings of course list. */
	cell(_("citizen"), 20);
	cell_right(_("course"), 7);
	printf("  ");
	cell(_("pool"), 16);
	cell(_("status"), 8);
	cell(_("start"), 12);
	cell(_("end"), 12);
	cell(_("deadline"), 10);
	cell_right(_("granted"), 18);
	cell_right(_("available"), 18);
	printf("\n");
}

static void
course_row(const Borgerbudget__V1__CourseListLine *l)
{
	const PbCourseInfo	*c = l->course;
	char			 n[16];

	cell(c->citizen, 20);
	snprintf(n, sizeof(n), "%u", c->course);
	cell_right(n, 7);
	printf("  ");
	cell(c->pool, 16);
	cell(strcmp(c->status, "open") == 0 ? _("open") :
	    strcmp(c->status, "closed") == 0 ? _("closed") : c->status, 8);
	cell(c->start, 12);
	cell(c->end, 12);
	cell(l->deadline, 10);
	cell_right(kr(c->granted), 18);
	cell_right(kr(c->available), 18);
	printf("%s%s\n", l->overdue ? "  " : "", l->overdue ?
	    _("deadline overdue") : "");
}

static const ProtobufCBinaryData *
course_page(struct ctx *ctx, const PbResult *r, struct rows *rows)
{
	const Borgerbudget__V1__CourseListInfo *cl;
	size_t				 i;

	if ((cl = r->course_list) == NULL)
		return NULL;
	if (rows->pages == 0 && ctx->json)
		printf("[");
	else if (rows->pages == 0)
		course_header();
	for (i = 0; i < cl->n_courses; i++) {
		if (cl->courses[i]->course == NULL)
			continue;
		if (ctx->json) {
			printf(rows->n ? "," : "");
			course_json_fields(stdout, cl->courses[i]->course);
			printf(",\"overdue\":%s}", cl->courses[i]->overdue ?
			    "true" : "false");
		} else
			course_row(cl->courses[i]);
		rows->n++;
	}
	return &cl->next;
}

static int
course_list(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__CourseList	 m = BORGERBUDGET__V1__COURSE_LIST__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	struct rows			 rows = { 0, 0, 0 };
	const char			*status = arg(a, "--status");
	int				 rc;

	if (status && strcmp(status, "open") != 0 &&
	    strcmp(status, "overdue") != 0 && strcmp(status, "closed") != 0)
		return usage_error(ctx, "--status is open, overdue or closed");
	m.pool = arg_or_empty(a, "--pool");
	m.status = arg_or_empty(a, "--status");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_COURSE_LIST;
	op.course_list = &m;
	if ((rc = list_pages(ctx, &op, &m.start, course_page, &rows)) !=
	    EXIT_DONE)
		return rc;
	if (ctx->json)
		printf("]\n");
	else
		printf(_("%zu courses\n"), rows.n);
	return EXIT_DONE;
}

static void
reservation_header(void)
{
	/* TRANSLATORS: column headings of reservation list. */
	cell_right(_("seq"), 8);
	printf("  ");
	cell(_("citizen"), 20);
	cell_right(_("course"), 7);
	printf("  ");
	cell(_("pool"), 16);
	cell(_("category"), 14);
	cell_right(_("amount"), 18);
	printf("  ");
	cell(_("date"), 12);
	cell(_("deadline"), 12);
	printf("%s\n", _("note"));
}

static void
reservation_row(const Borgerbudget__V1__ReservationInfo *ri)
{
	char	 n[24];

	snprintf(n, sizeof(n), "%llu", (unsigned long long)ri->seq);
	cell_right(n, 8);
	printf("  ");
	cell(ri->citizen, 20);
	snprintf(n, sizeof(n), "%u", ri->course);
	cell_right(n, 7);
	printf("  ");
	cell(ri->pool, 16);
	cell(ri->category, 14);
	cell_right(kr(ri->amount), 18);
	printf("  ");
	cell(ri->value_date, 12);
	cell(ri->deadline, 12);
	printf("%s\n", ri->note);
}

static void
reservation_json(const Borgerbudget__V1__ReservationInfo *ri)
{
	printf("{\"seq\":%llu,\"citizen\":", (unsigned long long)ri->seq);
	json_str(stdout, ri->citizen);
	printf(",\"course\":%u,\"pool\":", ri->course);
	json_str(stdout, ri->pool);
	printf(",\"category\":");
	json_str(stdout, ri->category);
	printf(",\"amount\":%lld,\"deadline\":", (long long)ri->amount);
	json_str(stdout, ri->deadline);
	printf(",\"value_date\":");
	json_str(stdout, ri->value_date);
	printf(",\"note\":");
	json_str(stdout, ri->note);
	printf("}");
}

static const ProtobufCBinaryData *
reservation_page(struct ctx *ctx, const PbResult *r, struct rows *rows)
{
	const Borgerbudget__V1__ReservationListInfo *rl;
	size_t				 i;

	if ((rl = r->reservation_list) == NULL)
		return NULL;
	if (rows->pages == 0 && ctx->json)
		printf("[");
	else if (rows->pages == 0)
		reservation_header();
	for (i = 0; i < rl->n_reservations; i++, rows->n++) {
		if (ctx->json) {
			printf(rows->n ? "," : "");
			reservation_json(rl->reservations[i]);
		} else
			reservation_row(rl->reservations[i]);
		rows->sum += rl->reservations[i]->amount;
	}
	return &rl->next;
}

static int
reservation_list(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__ReservationList m =
	    BORGERBUDGET__V1__RESERVATION_LIST__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	struct rows			 rows = { 0, 0, 0 };
	int				 rc;

	m.citizen = arg_or_empty(a, "--citizen");
	m.pool = arg_or_empty(a, "--pool");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_RESERVATION_LIST;
	op.reservation_list = &m;
	if ((rc = list_pages(ctx, &op, &m.start, reservation_page, &rows)) !=
	    EXIT_DONE)
		return rc;
	if (ctx->json)
		printf("]\n");
	else if (rows.n == 1)
		printf(_("1 open reservation, %s\n"), kr(rows.sum));
	else
		printf(_("%zu open reservations, %s in all\n"), rows.n,
		    kr(rows.sum));
	return EXIT_DONE;
}

static const char *const course_list_opts[] = { "--pool", "--status", NULL };
static const char *const reservation_list_opts[] = { "--citizen", "--pool",
    NULL };

const struct command cmd_course_list = { "course list",
    "[--pool POOL] [--status open|overdue|closed]", 0, 0, course_list_opts,
    course_list, NULL };
const struct command cmd_reservation_list = { "reservation list",
    "[--citizen CITIZEN] [--pool POOL]", 0, 0, reservation_list_opts,
    reservation_list, NULL };
