/*
 * statement: a citizen's entries in value-date order, each with what is
 * left of the drawing right after it (not yet spent: the available budget
 * and the money held for reservations), between an opening balance (all
 * before the period) and a closing balance. The balance runs over the
 * citizen's courses without jumping: a course closes at zero, as its
 * remainder returns to the pool, and the next opens at zero.
 *
 * The daemon answers in pages, newest entry first (Statement.page). The
 * next page is asked for before this one is laid out, so the daemon reads
 * it while budgetctl formats: a statement of ten thousand lines costs
 * about the longer of the two, not their sum. Each page is laid out in
 * memory as it comes, every line in two pieces around its balance; the
 * lines are put in value-date order at the end, when the balances are
 * added up and the lines written out.
 */

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "bigbuf.h"
#include "commands.h"
#include "conn.h"
#include "date.h"
#include "draw.h"
#include "draw-statement.h"
#include "entry.h"
#include "labels.h"
#include "lang.h"
#include "money.h"
#include "output.h"
#include "sha256.h"

#define STATEMENT_PAGE	1000
#define OP_WIDTH	15	/* "tilbagebetaling" */
#define CATEGORY_WIDTH	22	/* "Computer og elektronik" */

enum format { TEXT, JSON, CSV, PDF };

/* A line laid out: [at, mid) before its balance, [mid, end) after. */
struct line {
	int64_t		 change;	/* on what is not yet spent */
	int64_t		 hold;		/* on what is reserved */
	int64_t		 balance, held;	/* after it, in value-date order */
	uint64_t	 seq;
	int32_t		 vd;		/* value date */
	uint32_t	 course;
	int		 shown;		/* its value date is in the range */
	size_t		 at, mid, end;
	struct draw_row	*row;		/* PDF: the line's fields */
};

struct page {
	struct line	*lines;
	size_t		 n;
};

/*
 * Where the lines are laid out: a stdio stream into memory. glibc's
 * open_memstream writes short strings a byte at a time (a third of
 * budgetctl's time went there); a cookie stream has the buffered fast
 * path of a file.
 */
struct sink {
	struct bigbuf	 mem;
	size_t		 len;
};

struct statement {
	enum format	 format;
	const char	*from, *to;	/* NULL: no bound */
	int32_t		 vfrom, vto;
	PbResponse	*first;		/* kept: the courses are printed last */
	const PbStatementInfo *info;
	struct page	*pages;
	size_t		 npages;
	struct sink	 sink;
	FILE		*out;		/* into sink */
	char		 budget[192];	/* the accounts of budget_course */
	char		 reserved[192];
	uint32_t	 budget_course;
	struct line	**order;	/* every line, in value-date order */
	size_t		 nlines;
	int64_t		 opening, closing, held;
	uint64_t	 older;		/* every line to come is older */
	struct labels	 labels;	/* of the categories of the pages */
	struct pool	*page;		/* a page's response, reset after it */
	struct pool	*kept;		/* the first response, the lines */
};

/* The laid-out lines (5 MB for 10,000 of them) in a bigbuf: they were
 * half of such a statement's time in page faults. */
static ssize_t
sink_write(void *cookie, const char *p, size_t n)
{
	struct sink	*k = cookie;

	if (bigbuf_reserve(&k->mem, k->len + n) == -1)
		return -1;
	memcpy(k->mem.buf + k->len, p, n);
	k->len += n;
	return (ssize_t)n;
}

/* Only to tell where the stream is (ftell): it is never moved. */
static int
sink_seek(void *cookie, off64_t *off, int whence)
{
	struct sink	*k = cookie;

	if ((whence == SEEK_CUR || whence == SEEK_END) && *off == 0)
		*off = (off64_t)k->len;
	return *off == (off64_t)k->len ? 0 : -1;
}

static int
sink_open(struct statement *st)
{
	cookie_io_functions_t	 io = { .write = sink_write,
				    .seek = sink_seek };

	if ((st->out = fopencookie(&st->sink, "w", io)) == NULL)
		return -1;
	return setvbuf(st->out, NULL, _IOFBF, 1 << 16);
}

/*
 * Pages are unpacked into blocks that are reused from page to page (a
 * malloc and a free for each of a page's thousand lines were a tenth of
 * budgetctl's time): a page is done with once it is laid out, and its
 * pool is emptied for the next (pool_reset). What is kept to the end,
 * the first page and the lines laid out, is in a pool of its own, never
 * reset. Blocks are bigbufs: fresh memory of malloc was, at a page fault
 * a 4 KiB page, most of the faults of a statement.
 */
struct block {
	struct block	*next;
	struct bigbuf	 map;		/* this block, header and all */
	size_t		 cap, used;
	max_align_t	 mem[];
};

struct pool {
	ProtobufCAllocator	 alloc;
	struct block		*blocks;
};

static void *
pool_alloc(void *arg, size_t n)
{
	struct pool	*pool = arg;
	struct block	*b = pool->blocks;
	struct bigbuf	 map = { NULL, 0 };

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (b == NULL || n > b->cap - b->used) {
		if (bigbuf_reserve(&map, sizeof(*b) + n) == -1)
			return NULL;
		b = (struct block *)(void *)map.buf;
		b->next = pool->blocks;
		b->map = map;
		b->cap = map.cap - sizeof(*b);
		b->used = 0;
		pool->blocks = b;
	}
	b->used += n;
	return (char *)b->mem + b->used - n;
}

/* n zeroed objects of size bytes from the pool, or NULL. */
static void *
pool_calloc(struct pool *pool, size_t n, size_t size)
{
	void	*p;

	if (n == 0)
		n = 1;
	if (size > SIZE_MAX / n || (p = pool_alloc(pool, n * size)) == NULL)
		return NULL;
	return memset(p, 0, n * size);
}

static void
pool_free(void *arg, void *p)
{
	(void)arg;
	(void)p;
}

static void
pool_init(struct pool *pool)
{
	pool->alloc.alloc = pool_alloc;
	pool->alloc.free = pool_free;
	pool->alloc.allocator_data = pool;
	pool->blocks = NULL;
}

/* A block's mapping holds the block itself: unmapped from a copy. */
static void
block_free(struct block *b)
{
	struct bigbuf	 map = b->map;

	bigbuf_free(&map);
}

/* Empty for the next page; the newest block is kept for it. */
static void
pool_reset(struct pool *pool)
{
	struct block	*b, *next;

	if ((b = pool->blocks) == NULL)
		return;
	for (next = b->next; next != NULL; next = b->next) {
		b->next = next->next;
		block_free(next);
	}
	b->used = 0;
}

static void
pool_destroy(struct pool *pool)
{
	pool_reset(pool);
	if (pool->blocks != NULL)
		block_free(pool->blocks);
	pool->blocks = NULL;
}

/*
 * What the entry did to the money not yet spent on its course (the
 * budget and reserved accounts together) and to the reserved part: a
 * reservation holds money without spending it, a capture spends what it
 * cost, a release lets go of what was held.
 */
static void
effect(struct statement *st, const PbEntry *e, struct line *l)
{
	l->change = l->hold = 0;
	if (e->course == 0)
		return;
	if (e->course != st->budget_course) {
		snprintf(st->budget, sizeof(st->budget), "budget:%s:%u",
		    e->citizen, e->course);
		snprintf(st->reserved, sizeof(st->reserved),
		    "reserved:%s:%u", e->citizen, e->course);
		st->budget_course = e->course;
	}
	if (strcmp(e->debit, st->reserved) == 0)
		l->hold = e->amount;
	else if (strcmp(e->credit, st->reserved) == 0)
		l->hold = -e->amount;
	if (l->hold > 0 || strcmp(e->debit, st->budget) == 0)
		l->change += e->amount;
	if (l->hold < 0 || strcmp(e->credit, st->budget) == 0)
		l->change -= e->amount;
}

/* Its value date, in the days date_parse counts; garbage sorts first. */
static int32_t
value_day(const PbEntry *e)
{
	int32_t	 vd;

	return date_parse(e->value_date, &vd) == -1 ? INT32_MIN : vd;
}

/* Kroner without the " kr." suffix, Danish style. */
static void
csv_kr(FILE *f, int64_t ore)
{
	char	 b[MONEY_BUFSZ];

	money_format(ore, b, sizeof(b));
	b[strlen(b) - 4] = '\0';
	csv_field(f, b);
}

/* The line up to its balance; what follows the balance is line_end's. */
static void
line_start(FILE *f, enum format format, const ProtobufCBinaryData *leaf,
    const PbEntry *e, const char *label, int64_t eff)
{
	switch (format) {
	case JSON:
		entry_json_fields(f, leaf, e);
		fprintf(f, ",\"change\":%lld,\"balance\":", (long long)eff);
		break;
	case CSV:
		fprintf(f, "%llu,%s,%u,%s,", (unsigned long long)e->seq,
		    e->value_date, e->course, entry_op_name((int)e->op));
		csv_text(f, e->category);
		putc_unlocked(',', f);
		csv_text(f, e->voucher);
		fprintf(f, ",%lld,", (long long)eff);
		csv_kr(f, eff);
		putc_unlocked(',', f);
		break;
	case TEXT:
	case PDF:
		fprintf(f, "  %-10s %6llu  ", e->value_date,
		    (unsigned long long)e->seq);
		text_pad(f, entry_op_text((int)e->op), OP_WIDTH);
		putc(' ', f);
		text_pad(f, label, CATEGORY_WIDTH);
		fprintf(f, " %-14s %17s ", e->voucher, kr(eff));
		break;
	}
}

static void
line_end(FILE *f, enum format format, const PbEntry *e)
{
	switch (format) {
	case JSON:
		putc_unlocked('}', f);
		break;
	case CSV:
		putc_unlocked(',', f);
		csv_text(f, e->note);
		putc_unlocked('\n', f);
		break;
	case TEXT:
	case PDF:
		/* Which lines have their voucher in the ledger (receipt SEQ
		 * fetches it), and which lost their words to retention. */
		if (entry_is_erased(e))
			fprintf(f, "  %s\n", _("(text and voucher erased)"));
		else
			fprintf(f, "  %s%s\n", e->receipt_sha256.len ?
			    _("[voucher] ") : "", entry_note_text(e));
		break;
	}
}

static void
balance_print(FILE *f, enum format format, const struct line *l)
{
	switch (format) {
	case JSON:
		fprintf(f, "%lld,\"held\":%lld", (long long)l->balance,
		    (long long)l->held);
		break;
	case CSV:
		fprintf(f, "%lld,", (long long)l->balance);
		csv_kr(f, l->balance);
		break;
	case TEXT:
	case PDF:
		fprintf(f, "%17s %17s", kr(l->balance), kr(l->held));
		break;
	}
}

/*
 * The line's fields for the PDF, which lays them out itself. The PDF is
 * a document in Danish whatever the language asked for (draw.c).
 */
static struct draw_row *
row_new(const PbEntry *e, const char *label, const struct line *l)
{
	struct draw_row	*r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	snprintf(r->date, sizeof(r->date), "%s", e->value_date);
	r->op = entry_op_name((int)e->op);
	r->course = e->course;
	r->change = l->change;
	if ((r->category = strdup(label)) == NULL ||
	    (r->voucher = strdup(e->voucher)) == NULL ||
	    (r->note = strdup(entry_is_erased(e) ?
	    "(tekst og bilag slettet)" : e->note)) == NULL) {
		free(r->category);
		free(r->voucher);
		free(r);
		return NULL;
	}
	return r;
}

static void
row_free(struct draw_row *r)
{
	if (r == NULL)
		return;
	free(r->category);
	free(r->voucher);
	free(r->note);
	free(r);
}

static int
tell(FILE *f, size_t *at)
{
	long	 o;

	if ((o = ftell(f)) < 0)
		return -1;
	*at = (size_t)o;
	return 0;
}

/* A page as it came: its lines laid out in memory, newest first. */
static int
page_add(struct statement *st, const PbStatementInfo *si)
{
	FILE		*f = st->out;
	struct page	*p;
	struct line	*l;
	PbEntry		*e;
	size_t		 i;

	p = reallocarray(st->pages, st->npages + 1, sizeof(*st->pages));
	if (p == NULL)
		return -1;
	st->pages = p;
	p = &st->pages[st->npages++];
	p->n = 0;
	if ((p->lines = pool_calloc(st->kept, si->n_lines,
	    sizeof(*p->lines))) == NULL ||
	    labels_take(&st->labels, si->categories, si->n_categories) == -1)
		return -1;
	for (i = 0; i < si->n_lines; i++) {
		if ((e = entry_decode_text(&si->lines[i]->entry,
		    si->lines[i]->note, &si->lines[i]->note_salt,
		    si->lines[i]->erased)) == NULL)
			return -1;
		/* Newest first, or this is not the statement asked for (a
		 * budgetd older than budgetctl answers a page with all of
		 * it, oldest first). */
		if (e->seq >= st->older) {
			fprintf(stderr, _("budgetctl: budgetd sent entry %llu "
			    "out of order: is it older than budgetctl?\n"),
			    (unsigned long long)e->seq);
			return -1;
		}
		st->older = e->seq;
		l = &p->lines[p->n++];
		effect(st, e, l);
		l->course = e->course;
		l->seq = e->seq;
		l->vd = value_day(e);
		if (!(l->shown = l->vd >= st->vfrom && l->vd <= st->vto))
			continue;
		if (st->format == PDF) {
			if ((l->row = row_new(e, labels_of(&st->labels,
			    e->category), l)) == NULL)
				return -1;
			continue;
		}
		if (tell(f, &l->at) == -1)
			return -1;
		line_start(f, st->format, &si->lines[i]->entry, e,
		    labels_of(&st->labels, e->category), l->change);
		if (tell(f, &l->mid) == -1)
			return -1;
		line_end(f, st->format, e);
		if (tell(f, &l->end) == -1)
			return -1;
	}
	return ferror(f) ? -1 : 0;
}

static void
course_head(const PbStatementInfo *si, uint32_t course)
{
	const PbCourseInfo	*c;
	size_t			 i;

	for (i = 0; i < si->n_courses; i++) {
		c = si->courses[i];
		if (c->course == course)
			printf(_("\nCourse %u, pool %s, %s to %s (%s)\n"),
			    course, c->pool, c->start, c->end, _(c->status));
	}
	/* TRANSLATORS: column headings of the text statement. */
	printf("  %-10s %6s  %-15s %-22s %-14s %17s %17s %17s  %s\n",
	    _("date"), _("seq"), _("entry"), _("category"), _("voucher"),
	    _("amount"), _("balance"), _("reserved"), _("note"));
}

static int
line_cmp(const void *a, const void *b)
{
	const struct line	*x = *(struct line *const *)a;
	const struct line	*y = *(struct line *const *)b;

	if (x->vd != y->vd)
		return x->vd < y->vd ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Every line in value-date order (entries of one day in the order they
 * were recorded), the balances run over them: the opening balance is
 * what stood before the first day asked for, the closing balance what
 * stands after the last.
 */
static int
statement_order(struct statement *st)
{
	struct line	*l;
	int64_t		 balance = 0, held = 0;
	size_t		 i, k, n = 0;

	for (k = 0; k < st->npages; k++)
		n += st->pages[k].n;
	if ((st->order = pool_calloc(st->kept, n, sizeof(*st->order))) ==
	    NULL)
		return -1;
	for (k = 0; k < st->npages; k++)
		for (i = 0; i < st->pages[k].n; i++)
			st->order[st->nlines++] = &st->pages[k].lines[i];
	qsort(st->order, st->nlines, sizeof(*st->order), line_cmp);
	st->opening = st->closing = 0;
	for (i = 0; i < st->nlines; i++) {
		l = st->order[i];
		balance += l->change;
		held += l->hold;
		l->balance = balance;
		l->held = held;
		if (l->vd < st->vfrom)
			st->opening = balance;
		if (l->vd <= st->vto) {
			st->closing = balance;
			st->held = held;
		}
		if (l->row != NULL) {
			l->row->balance = balance;
			l->row->held = held;
		}
	}
	return 0;
}

/* Every line shown, in value-date order, between the two balances. */
static void
statement_print(const struct statement *st)
{
	const PbStatementInfo	*si = st->info;
	const struct line	*l;
	uint32_t		 headed = 0;
	size_t			 i, c;
	int			 first = 1;

	if (st->format == JSON) {
		printf("{\"citizen\":");
		json_str(stdout, si->citizen);
		printf(",\"from\":");
		json_str(stdout, st->from ? st->from : "");
		printf(",\"to\":");
		json_str(stdout, st->to ? st->to : "");
		printf(",\"opening_balance\":%lld,\"closing_balance\":%lld,"
		    "\"held\":%lld,\"courses\":[", (long long)st->opening,
		    (long long)st->closing, (long long)st->held);
		for (c = 0; c < si->n_courses; c++) {
			printf(c ? "," : "");
			course_json(stdout, si->courses[c]);
		}
		printf("],\"lines\":[");
	} else if (st->format == CSV) {
		printf("seq,value_date,course,op,category,voucher,amount_ore,"
		    "amount_kr,balance_ore,balance_kr,note\n");
	} else {
		printf(_("Statement for %s\n"), si->citizen);
		if (st->from)
			printf(_("Opening balance %s: %s\n"), st->from,
			    kr(st->opening));
		else
			printf(_("Opening balance: %s\n"), kr(st->opening));
	}
	for (i = 0; i < st->nlines; i++) {
		l = st->order[i];
		if (!l->shown)
			continue;
		if (st->format == JSON && !first)
			putc_unlocked(',', stdout);
		if (st->format == TEXT && l->course != headed)
			course_head(si, headed = l->course);
		fwrite_unlocked(st->sink.mem.buf + l->at, 1, l->mid - l->at,
		    stdout);
		balance_print(stdout, st->format, l);
		fwrite_unlocked(st->sink.mem.buf + l->mid, 1, l->end - l->mid,
		    stdout);
		first = 0;
	}
	if (st->format == JSON)
		printf("]}\n");
	else if (st->format == TEXT && st->to)
		printf(_("\nClosing balance %s: %s, of which %s reserved\n"),
		    st->to, kr(st->closing), kr(st->held));
	else if (st->format == TEXT)
		printf(_("\nClosing balance: %s, of which %s reserved\n"),
		    kr(st->closing), kr(st->held));
}

/* The latest signed note, for the PDF's line on how to check it. */
static char *
checkpoint_note(struct ctx *ctx)
{
	Borgerbudget__V1__Checkpoint	 m = BORGERBUDGET__V1__CHECKPOINT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	char				*note = NULL;
	int				 json = ctx->json, rc;

	op.kind_case = BORGERBUDGET__V1__OP__KIND_CHECKPOINT;
	op.checkpoint = &m;
	/* A refusal goes to stderr, never into the PDF on stdout; the
	 * statement is printed without the root. */
	ctx->json = 0;
	rc = ctl_one(ctx, &op, &resp, &r);
	ctx->json = json;
	if (rc != EXIT_DONE)
		return NULL;
	if (r->checkpoint && *r->checkpoint)
		note = strdup(r->checkpoint);
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return note;
}

static int
statement_pdf(struct ctx *ctx, struct statement *st, struct args *a,
    FILE *out)
{
	const PbStatementInfo	*si = st->info;
	const PbCourseInfo	*ci;
	struct draw_statement	 ds;
	size_t			 i;
	int			 rc;

	memset(&ds, 0, sizeof(ds));
	ds.municipality = draw_municipality(a);
	ds.citizen = si->citizen;
	ds.made = draw_today();
	ds.opening = st->opening;
	ds.closing = st->closing;
	ds.held = st->held;
	if ((ds.courses = calloc(si->n_courses + 1, sizeof(*ds.courses))) ==
	    NULL || (ds.rows = calloc(st->nlines + 1, sizeof(*ds.rows))) ==
	    NULL) {
		free(ds.courses);
		fprintf(stderr, _("budgetctl: out of memory\n"));
		return EXIT_UNREACHABLE;
	}
	for (i = 0; i < si->n_courses; i++) {
		ci = si->courses[i];
		ds.courses[ds.ncourses++] = (struct draw_course){ ci->course,
		    ci->pool, ci->status, ci->start, ci->end, ci->granted,
		    ci->spent, ci->reserved, ci->available };
	}
	for (i = 0; i < st->nlines; i++)
		if (st->order[i]->shown)
			ds.rows[ds.nrows++] = st->order[i]->row;
	/* The period: as asked, else from the first course to today. */
	ds.from = st->from ? st->from : si->n_courses ? si->courses[0]->start :
	    ds.made;
	ds.to = st->to ? st->to : ds.made;
	ds.checkpoint = checkpoint_note(ctx);
	rc = draw_statement_pdf(out, &ds) == -1 ? EXIT_UNREACHABLE : EXIT_DONE;
	free((char *)ds.checkpoint);
	free(ds.rows);
	free(ds.courses);
	return rc;
}

static void
statement_free(struct statement *st)
{
	size_t	 k, i;

	for (k = 0; k < st->npages; k++)
		for (i = 0; i < st->pages[k].n; i++)
			row_free(st->pages[k].lines[i].row);
	free(st->pages);
	if (st->out)
		fclose(st->out);
	bigbuf_free(&st->sink.mem);
	labels_free(&st->labels);
	pool_destroy(st->page);
	pool_destroy(st->kept);
}

/* Asks for the page that starts at seq (0: the citizen's last entry). */
static int
page_ask(struct ctx *ctx, const char *citizen, uint64_t seq)
{
	Borgerbudget__V1__Statement	 m = BORGERBUDGET__V1__STATEMENT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT, *ops = &op;

	m.citizen = (char *)citizen;
	m.page = STATEMENT_PAGE;
	m.start_seq = seq;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_STATEMENT;
	op.statement = &m;
	return ctl_send(ctx, &ops, 1);
}

/* A page has come: the next is asked for, then this one is laid out. */
static int
page_take(struct ctx *ctx, struct statement *st, const char *citizen,
    const PbStatementInfo *si, uint64_t *next)
{
	int	 rc;

	/* Every page but the last has lines, and the next starts older
	 * than they: the walk ends, whatever the daemon answers. */
	if (si == NULL || (st->first == NULL && si->n_courses == 0) ||
	    (si->next_seq != 0 && si->n_lines == 0))
		goto garbage;
	*next = si->next_seq;
	if (*next != 0 && (rc = page_ask(ctx, citizen, *next)) != EXIT_DONE)
		return rc;
	errno = 0;
	if (page_add(st, si) == -1) {
		if (errno == ENOMEM)
			fprintf(stderr, _("budgetctl: out of memory\n"));
		return EXIT_UNREACHABLE;
	}
	if (*next != 0 && *next >= st->older)
		goto garbage;
	return EXIT_DONE;
garbage:
	fprintf(stderr, _("budgetctl: budgetd answered garbage\n"));
	return EXIT_UNREACHABLE;
}

static int
statement(struct ctx *ctx, struct args *a)
{
	struct statement	 st;
	struct pool		 page, kept;
	const char		*format = arg(a, "--format");
	ProtobufCAllocator	*alloc;
	PbResponse		*resp;
	PbResult		*r;
	FILE			*out = stdout;
	uint64_t		 next = 0;
	int32_t			 day;
	int			 rc;

	memset(&st, 0, sizeof(st));
	st.older = UINT64_MAX;
	pool_init(&page);
	pool_init(&kept);
	st.page = &page;
	st.kept = &kept;
	if (format == NULL)
		format = ctx->json ? "json" : "text";
	if (strcmp(format, "text") == 0)
		st.format = TEXT;
	else if (strcmp(format, "json") == 0)
		st.format = JSON;
	else if (strcmp(format, "csv") == 0)
		st.format = CSV;
	else if (strcmp(format, "pdf") == 0)
		st.format = PDF;
	else
		return usage_error(ctx, "--format is text, json, csv or pdf");
	if ((rc = arg_date(ctx, "--from", arg(a, "--from"))) ||
	    (rc = arg_date(ctx, "--to", arg(a, "--to"))))
		return rc;
	st.from = arg(a, "--from");
	st.to = arg(a, "--to");
	st.vfrom = st.from && date_parse(st.from, &day) == 0 ? day : INT32_MIN;
	st.vto = st.to && date_parse(st.to, &day) == 0 ? day : INT32_MAX;
	if (st.format != PDF && draw_wants_file(a))
		return usage_error(ctx, "-o is for --format pdf");
	if ((rc = draw_output(ctx, a, st.format == PDF, &out)) != 0)
		return rc;
	if (sink_open(&st) == -1) {
		perror("budgetctl");
		rc = EXIT_UNREACHABLE;
		goto done;
	}

	if ((rc = page_ask(ctx, a->pos[0], 0)) != EXIT_DONE)
		goto done;
	/* OpenSSL takes milliseconds to set up its SHA-256 (each line's
	 * leaf_hash): it does so while the daemon reads the first page. */
	sha256_two(NULL, 0, "", 0, (uint8_t [SHA256_LEN]){ 0 });
	do {
		alloc = st.first ? &page.alloc : &kept.alloc;
		if ((rc = ctl_next(ctx, alloc, &resp)) != EXIT_DONE ||
		    (rc = ctl_first(ctx, resp, alloc, &r)) != EXIT_DONE)
			break;
		rc = page_take(ctx, &st, a->pos[0], r->statement, &next);
		if (st.first == NULL && rc == EXIT_DONE) {
			st.first = resp;
			st.info = r->statement;
		}
		pool_reset(&page);
	} while (rc == EXIT_DONE && next != 0);
	if (rc == EXIT_DONE && fflush(st.out) != 0) {
		fprintf(stderr, _("budgetctl: out of memory\n"));
		rc = EXIT_UNREACHABLE;
	}
	if (rc == EXIT_DONE && statement_order(&st) == -1) {
		fprintf(stderr, _("budgetctl: out of memory\n"));
		rc = EXIT_UNREACHABLE;
	}
	if (rc == EXIT_DONE && st.format == PDF)
		rc = statement_pdf(ctx, &st, a, out);
	else if (rc == EXIT_DONE)
		statement_print(&st);
done:
	statement_free(&st);
	if (out != stdout && draw_close(out, _("the statement")) == -1 &&
	    rc == EXIT_DONE)
		rc = EXIT_UNREACHABLE;
	return rc;
}

static const char *const statement_opts[] = { "--from", "--to", "--format",
    "-o", "--output", "--municipality", NULL };
const struct command cmd_statement = { "statement",
    "CITIZEN [--from DATE] [--to DATE] [--format text|json|csv|pdf] "
    "[-o FILE] [--municipality NAME]", 1, 1,
    statement_opts, statement, NULL };
