/*
 * statement: a citizen's entries, oldest first, each with the available
 * budget of its course after it.
 *
 * The daemon answers in pages, newest entry first (Statement.page). The
 * next page is asked for before this one is laid out, so the daemon reads
 * it while budgetctl formats: a statement of ten thousand lines costs
 * about the longer of the two, not their sum. Each page is laid out in
 * memory as it comes, every line in two pieces around its balance; the
 * balances, which run from the oldest entry, are added up at the end,
 * when the pages are written out oldest first.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "conn.h"
#include "entry.h"
#include "money.h"
#include "output.h"
#include "sha256.h"

#define STATEMENT_PAGE	1000

enum format { TEXT, JSON, CSV };

/* A line laid out: [at, mid) before its balance, [mid, end) after. */
struct line {
	int64_t		 effect;	/* on its course's available budget */
	uint32_t	 course;
	int		 shown;		/* its value date is in the range */
	size_t		 at, mid, end;
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
	char		*buf;
	size_t		 len, cap;
};

struct statement {
	enum format	 format;
	const char	*from, *to;	/* NULL: no bound */
	PbResponse	*first;		/* kept: the courses are printed last */
	const PbStatementInfo *info;
	struct page	*pages;
	size_t		 npages;
	struct sink	 sink;
	FILE		*out;		/* into sink */
	char		 budget[192];	/* the account of budget_course */
	uint32_t	 budget_course;
	uint64_t	 older;		/* every line to come is older */
};

static ssize_t
sink_write(void *cookie, const char *p, size_t n)
{
	struct sink	*k = cookie;
	size_t		 cap;
	char		*b;

	if (n > k->cap - k->len) {
		for (cap = k->cap ? k->cap : 1 << 20; cap - k->len < n;)
			cap *= 2;
		if ((b = realloc(k->buf, cap)) == NULL)
			return -1;
		k->buf = b;
		k->cap = cap;
	}
	memcpy(k->buf + k->len, p, n);
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
 * Pages after the first are unpacked into blocks that are reused from
 * page to page: a malloc and a free for each of a page's thousand lines
 * were a tenth of budgetctl's time. A page is done with once it is laid
 * out, and the blocks are emptied for the next (pool_reset).
 */
struct block {
	struct block	*next;
	size_t		 cap, used;
	max_align_t	 mem[];
};

static struct {
	ProtobufCAllocator	 alloc;
	struct block		*blocks;
} pool;

static void *
pool_alloc(void *arg, size_t n)
{
	struct block	*b = pool.blocks;
	size_t		 cap;

	(void)arg;
	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (b == NULL || n > b->cap - b->used) {
		cap = n > (1U << 20) ? n : 1U << 20;
		if ((b = malloc(sizeof(*b) + cap)) == NULL)
			return NULL;
		b->next = pool.blocks;
		b->cap = cap;
		b->used = 0;
		pool.blocks = b;
	}
	b->used += n;
	return (char *)b->mem + b->used - n;
}

static void
pool_free(void *arg, void *p)
{
	(void)arg;
	(void)p;
}

/* Empty for the next page; the newest block is kept for it. */
static void
pool_reset(void)
{
	struct block	*b, *next;

	if ((b = pool.blocks) == NULL)
		return;
	for (next = b->next; next != NULL; next = b->next) {
		b->next = next->next;
		free(next);
	}
	b->used = 0;
}

static void
pool_destroy(void)
{
	pool_reset();
	free(pool.blocks);
	pool.blocks = NULL;
}

/* What the entry did to the available budget of its course. */
static int64_t
effect(struct statement *st, const PbEntry *e)
{
	if (e->course == 0)
		return 0;
	if (e->course != st->budget_course) {
		snprintf(st->budget, sizeof(st->budget), "budget:%s:%u",
		    e->citizen, e->course);
		st->budget_course = e->course;
	}
	if (strcmp(e->debit, st->budget) == 0)
		return e->amount;
	if (strcmp(e->credit, st->budget) == 0)
		return -e->amount;
	return 0;
}

static int
shown(const struct statement *st, const PbEntry *e)
{
	return (st->from == NULL || strcmp(e->value_date, st->from) >= 0) &&
	    (st->to == NULL || strcmp(e->value_date, st->to) <= 0);
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
    const PbEntry *e, int64_t eff)
{
	switch (format) {
	case JSON:
		entry_json_fields(f, leaf, e);
		fputs_unlocked(",\"balance\":", f);
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
		fprintf(f, "  %-10s %6llu  %-12s %-12s %-14s %17s ",
		    e->value_date, (unsigned long long)e->seq,
		    entry_op_name((int)e->op), e->category, e->voucher,
		    kr(eff));
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
		fprintf(f, "  %s\n", e->note);
		break;
	}
}

static void
balance_print(FILE *f, enum format format, int64_t balance)
{
	switch (format) {
	case JSON:
		json_int(f, balance);
		break;
	case CSV:
		fprintf(f, "%lld,", (long long)balance);
		csv_kr(f, balance);
		break;
	case TEXT:
		fprintf(f, "%17s", kr(balance));
		break;
	}
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
	if ((p->lines = calloc(si->n_lines ? si->n_lines : 1,
	    sizeof(*p->lines))) == NULL)
		return -1;
	for (i = 0; i < si->n_lines; i++) {
		if ((e = entry_decode_text(&si->lines[i]->entry,
		    si->lines[i]->note, &si->lines[i]->note_salt)) == NULL)
			return -1;
		/* Newest first, or this is not the statement asked for (a
		 * budgetd older than budgetctl answers a page with all of
		 * it, oldest first). */
		if (e->seq >= st->older) {
			fprintf(stderr, "budgetctl: budgetd sent entry %llu "
			    "out of order: is it older than budgetctl?\n",
			    (unsigned long long)e->seq);
			return -1;
		}
		st->older = e->seq;
		l = &p->lines[p->n++];
		l->effect = effect(st, e);
		l->course = e->course;
		if (!(l->shown = shown(st, e)))
			continue;
		if (tell(f, &l->at) == -1)
			return -1;
		line_start(f, st->format, &si->lines[i]->entry, e, l->effect);
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
			printf("\nForløb %u, pulje %s, %s til %s (%s)\n", course,
			    c->pool, c->start, c->end, c->status);
	}
	printf("  %-10s %6s  %-12s %-12s %-14s %17s %17s  %s\n", "dato",
	    "seq", "postering", "kategori", "bilag", "beløb", "saldo", "note");
}

/* Every page, oldest first, with the balances added up on the way. */
static void
statement_print(const struct statement *st)
{
	const PbStatementInfo	*si = st->info;
	const struct page	*p;
	const struct line	*l;
	int64_t			 balance = 0;
	uint32_t		 course = 0, headed = 0;
	size_t			 i, k, c;
	int			 first = 1;

	if (st->format == JSON) {
		printf("{\"citizen\":");
		json_str(stdout, si->citizen);
		printf(",\"courses\":[");
		for (c = 0; c < si->n_courses; c++) {
			printf(c ? "," : "");
			course_json(stdout, si->courses[c]);
		}
		printf("],\"lines\":[");
	} else if (st->format == CSV) {
		printf("seq,value_date,course,op,category,voucher,amount_ore,"
		    "amount_kr,balance_ore,balance_kr,note\n");
	} else {
		printf("Kontoudtog for %s\n", si->citizen);
	}
	for (k = st->npages; k-- > 0;) {
		p = &st->pages[k];
		for (i = p->n; i-- > 0;) {
			l = &p->lines[i];
			/* The running balance restarts with each course. */
			if (l->course != course) {
				course = l->course;
				balance = 0;
			}
			balance += l->effect;
			if (!l->shown)
				continue;
			if (st->format == JSON && !first)
				putc_unlocked(',', stdout);
			if (st->format == TEXT && l->course != headed)
				course_head(si, headed = l->course);
			fwrite_unlocked(st->sink.buf + l->at, 1,
			    l->mid - l->at, stdout);
			balance_print(stdout, st->format, balance);
			fwrite_unlocked(st->sink.buf + l->mid, 1,
			    l->end - l->mid, stdout);
			first = 0;
		}
	}
	if (st->format == JSON)
		printf("]}\n");
}

static void
statement_free(struct statement *st)
{
	size_t	 k;

	for (k = 0; k < st->npages; k++)
		free(st->pages[k].lines);
	free(st->pages);
	if (st->out)
		fclose(st->out);
	free(st->sink.buf);
	if (st->first)
		borgerbudget__v1__response__free_unpacked(st->first, NULL);
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
			fprintf(stderr, "budgetctl: out of memory\n");
		return EXIT_UNREACHABLE;
	}
	if (*next != 0 && *next >= st->older)
		goto garbage;
	return EXIT_DONE;
garbage:
	fprintf(stderr, "budgetctl: budgetd answered garbage\n");
	return EXIT_UNREACHABLE;
}

static int
statement(struct ctx *ctx, struct args *a)
{
	struct statement	 st;
	const char		*format = arg(a, "--format");
	ProtobufCAllocator	*alloc;
	PbResponse		*resp;
	PbResult		*r;
	uint64_t		 next = 0;
	int			 rc;

	memset(&st, 0, sizeof(st));
	st.older = UINT64_MAX;
	pool.alloc.alloc = pool_alloc;
	pool.alloc.free = pool_free;
	if (format == NULL)
		format = ctx->json ? "json" : "text";
	if (strcmp(format, "text") == 0)
		st.format = TEXT;
	else if (strcmp(format, "json") == 0)
		st.format = JSON;
	else if (strcmp(format, "csv") == 0)
		st.format = CSV;
	else
		return usage_error(ctx, "--format is text, json or csv");
	if ((rc = arg_date(ctx, "--from", arg(a, "--from"))) ||
	    (rc = arg_date(ctx, "--to", arg(a, "--to"))))
		return rc;
	st.from = arg(a, "--from");
	st.to = arg(a, "--to");
	if (sink_open(&st) == -1) {
		perror("budgetctl");
		return EXIT_UNREACHABLE;
	}

	if ((rc = page_ask(ctx, a->pos[0], 0)) != EXIT_DONE)
		return rc;
	/* OpenSSL takes milliseconds to set up its SHA-256 (each line's
	 * leaf_hash): it does so while the daemon reads the first page. */
	sha256_two(NULL, 0, "", 0, (uint8_t [SHA256_LEN]){ 0 });
	do {
		alloc = st.first ? &pool.alloc : NULL;
		if ((rc = ctl_next(ctx, alloc, &resp)) != EXIT_DONE ||
		    (rc = ctl_first(ctx, resp, alloc, &r)) != EXIT_DONE)
			break;
		rc = page_take(ctx, &st, a->pos[0], r->statement, &next);
		if (st.first == NULL && rc == EXIT_DONE) {
			st.first = resp;
			st.info = r->statement;
		} else if (alloc == NULL) {
			borgerbudget__v1__response__free_unpacked(resp, NULL);
		}
		pool_reset();
	} while (rc == EXIT_DONE && next != 0);
	if (rc == EXIT_DONE && fflush(st.out) != 0) {
		fprintf(stderr, "budgetctl: out of memory\n");
		rc = EXIT_UNREACHABLE;
	}
	if (rc == EXIT_DONE)
		statement_print(&st);
	statement_free(&st);
	pool_destroy();
	return rc;
}

static const char *const statement_opts[] = { "--from", "--to", "--format",
    NULL };
const struct command cmd_statement = { "statement",
    "CITIZEN [--from DATE] [--to DATE] [--format text|json|csv]", 1, 1,
    statement_opts, statement, NULL };
