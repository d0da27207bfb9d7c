/*
 * The export's formats, written one entry at a time so an export of any
 * length streams: jsonl (SPEC §5's fields), csv (RFC 4180, amounts in øre
 * and in kroner), ledger (a plain-text journal that hledger and ledger-cli
 * read) and erp (journal lines on the municipal chart of accounts).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "entry.h"
#include "formats.h"
#include "money.h"
#include "output.h"

static const char *const format_names[] = {
	[FMT_JSONL] = "jsonl", [FMT_CSV] = "csv", [FMT_LEDGER] = "ledger",
	[FMT_ERP] = "erp",
};

int
format_parse(const char *s)
{
	for (int i = 0; i < FMT_COUNT; i++)
		if (strcmp(s, format_names[i]) == 0)
			return i;
	return -1;
}

/* Kroner, Danish style, without " kr.": "1.234,50". */
static const char *
kroner(int64_t ore, char *buf, size_t len)
{
	money_format(ore, buf, len);
	buf[strlen(buf) - 4] = '\0';
	return buf;
}

static void
csv_header(void)
{
	printf("seq,id,recorded_at,value_date,op,debit,credit,amount_ore,"
	    "amount_kr,citizen,course,pool,category,voucher,vat_ore,vat_kr,"
	    "note,reverses,reservation,actor_uid,actor_name,actor_role\n");
}

static void
csv_entry(const PbEntry *e)
{
	char	 id[37], a[MONEY_BUFSZ], v[MONEY_BUFSZ], at[32];
	time_t	 t = (time_t)(e->recorded_at / 1000000);
	struct tm tm;

	uuid_format(e->id.len == 16 ? e->id.data : (const uint8_t *)
	    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", id);
	gmtime_r(&t, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%S", &tm);
	/* The microseconds, as the JSON export has them. */
	printf("%llu,%s,%s.%06lldZ,%s,%s,", (unsigned long long)e->seq, id, at,
	    (long long)(e->recorded_at % 1000000), e->value_date,
	    entry_op_name((int)e->op));
	csv_text(stdout, e->debit);
	putchar(',');
	csv_text(stdout, e->credit);
	printf(",%lld,", (long long)e->amount);
	csv_field(stdout, kroner(e->amount, a, sizeof(a)));
	putchar(',');
	csv_text(stdout, e->citizen);
	printf(",%u,", e->course);
	csv_text(stdout, e->pool);
	putchar(',');
	csv_text(stdout, e->category);
	putchar(',');
	csv_text(stdout, e->voucher);
	printf(",%lld,", (long long)e->vat);
	csv_field(stdout, kroner(e->vat, v, sizeof(v)));
	putchar(',');
	csv_text(stdout, e->note);
	printf(",%llu,%llu,%u,", (unsigned long long)e->reverses,
	    (unsigned long long)e->reservation, e->actor ? e->actor->uid : 0);
	csv_text(stdout, e->actor ? e->actor->name : "");
	putchar(',');
	csv_text(stdout, e->actor ? e->actor->role : "");
	putchar('\n');
}

/* "DKK -1234.56": the commodity both hledger and ledger-cli read. */
static const char *
dkk(int64_t ore, char *buf, size_t len)
{
	uint64_t	 u = ore < 0 ? -(uint64_t)ore : (uint64_t)ore;

	snprintf(buf, len, "DKK %s%llu.%02llu", ore < 0 ? "-" : "",
	    (unsigned long long)(u / 100), (unsigned long long)(u % 100));
	return buf;
}

/* Free text on one comment line: no line breaks, nothing unprintable. */
static void
comment_text(const char *s)
{
	for (; *s; s++)
		putchar((unsigned char)*s < 0x20 ? ' ' : *s);
}

static void
ledger_posting(struct export_out *o, const char *acct, int64_t amount)
{
	char	 a[48], b[48];

	printf("    %-40s %16s", acct, dkk(amount, a, sizeof(a)));
	/* Balance assertions need the journal from its start. */
	if (o->whole) {
		int64_t	*bal = tally_at(&o->balances, acct);

		*bal += amount;
		printf(" = %s", dkk(*bal, b, sizeof(b)));
	}
	putchar('\n');
}

/*
 * One transaction per entry. Its date is the day it was recorded (so
 * dates run in seq order and the balance assertions hold in both tools),
 * its auxiliary date the value date; the seq is the transaction's code.
 */
static void
ledger_entry(struct export_out *o, const PbEntry *e)
{
	char		 day[16], id[37];
	time_t		 t = (time_t)(e->recorded_at / 1000000);
	struct tm	 tm;

	localtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	uuid_format(e->id.len == 16 ? e->id.data : (const uint8_t *)
	    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", id);
	if (e->amount == 0) {
		/* Opening a pool or a course moves no money. */
		printf("; %s (%llu) %s %s\n\n", day,
		    (unsigned long long)e->seq, entry_op_name((int)e->op),
		    *e->citizen ? e->citizen : e->pool);
		return;
	}
	printf("%s=%s * (%llu) %s %s", day, e->value_date,
	    (unsigned long long)e->seq, entry_op_name((int)e->op),
	    *e->citizen ? e->citizen : e->pool);
	if (*e->voucher)
		printf(" %s", e->voucher);
	printf("\n    ; id: %s", id);
	if (*e->note) {
		printf(", note: ");
		comment_text(e->note);
	}
	putchar('\n');
	ledger_posting(o, e->debit, e->amount);
	ledger_posting(o, e->credit, -e->amount);
	putchar('\n');
}

/* The chart number of a ledger account: expense.CATEGORY before expense. */
static const char *
chart_number(struct export_out *o, const char *acct)
{
	char		 kind[64];
	const char	*colon = strchr(acct, ':');
	size_t		 n = colon ? (size_t)(colon - acct) : strlen(acct);

	if (n >= sizeof(kind))
		return "";
	memcpy(kind, acct, n);
	kind[n] = '\0';
	if (strcmp(kind, "expense") == 0 && colon) {
		for (size_t i = 0; i < o->nchart; i++)
			if (strncmp(o->chart[i]->account, "expense.", 8) == 0 &&
			    strcmp(o->chart[i]->account + 8, colon + 1) == 0)
				return o->chart[i]->number;
	}
	for (size_t i = 0; i < o->nchart; i++)
		if (strcmp(o->chart[i]->account, kind) == 0)
			return o->chart[i]->number;
	return "";
}

/* Every quoted ERP field is text: the voucher, the account, the citizen. */
static void
erp_field(const char *s)
{
	cell_put(stdout, s, ';', 1);
}

static void
erp_line(struct export_out *o, const PbEntry *e, const char *acct,
    int64_t amount)
{
	char	 k[MONEY_BUFSZ], voucher[32], posted[DATE_BUFSZ];

	/* Booked on the day it was recorded, in Copenhagen: a funding
	 * recorded today with last year's value date goes into this year's
	 * books, not into a year the finance department has closed. */
	printf("%s;%s;", date_format(date_of_time((int64_t)e->recorded_at),
	    posted), e->value_date);
	if (*e->voucher) {
		erp_field(e->voucher);
	} else {
		snprintf(voucher, sizeof(voucher), "BB-%llu",
		    (unsigned long long)e->seq);
		erp_field(voucher);
	}
	printf(";%llu;%s;", (unsigned long long)e->seq, chart_number(o, acct));
	erp_field(acct);
	/* Kroner with a decimal comma and no thousands mark. */
	money_format(amount, k, sizeof(k));
	k[strlen(k) - 4] = '\0';
	for (char *p = k, *q = k; ; p++) {
		if (*p != '.')
			*q++ = *p;
		if (*p == '\0')
			break;
	}
	printf(";%s;%s;", k, entry_op_name((int)e->op));
	erp_field(e->citizen);
	putchar('\n');
}

/*
 * Two lines per entry that moves money: the debit account with the
 * amount, the credit account with its negative. They carry the posting
 * date (the day the entry was recorded) and the value date, the seq, the
 * voucher (or BB-seq when the entry has none) and the citizen reference,
 * which is the case's pseudonym: the daemon refuses CPR numbers in it.
 */
static void
erp_entry(struct export_out *o, const PbEntry *e)
{
	if (e->amount == 0)
		return;
	erp_line(o, e, e->debit, e->amount);
	erp_line(o, e, e->credit, -e->amount);
}

void
export_begin(struct export_out *o)
{
	if (o->format == FMT_CSV)
		csv_header();
	else if (o->format == FMT_ERP)
		printf("posting_date;value_date;voucher;seq;account_number;"
		    "ledger_account;amount;operation;citizen_ref\n");
	else if (o->format == FMT_LEDGER)
		printf("; borgerbudget journal: one transaction per entry, "
		    "date = recorded,\n; auxiliary date = value date, code = "
		    "seq%s\n\n", o->whole ? "; balances asserted" : "");
}

void
export_entry(struct export_out *o, const ProtobufCBinaryData *raw,
    const PbEntry *e)
{
	switch (o->format) {
	case FMT_JSONL:
		entry_json(stdout, raw, e, NULL);
		putchar('\n');
		break;
	case FMT_CSV:
		csv_entry(e);
		break;
	case FMT_LEDGER:
		ledger_entry(o, e);
		break;
	case FMT_ERP:
		erp_entry(o, e);
		break;
	}
}

void
export_end(struct export_out *o)
{
	tally_free(&o->balances);
}
