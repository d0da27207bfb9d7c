#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "codes.h"
#include "date.h"
#include "lang.h"
#include "ledger.h"
#include "money.h"
#include "names.h"
#include "ops.h"

/* Refuses the operation with a code and the reason a person can act on. */
int
turn_refuse(struct turn *t, int code, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), lang_text(t->lang, fmt), ap);
	va_end(ap);
	t->message = arena_strdup(t->arena, buf);
	return code;
}

/* A value date from a request: empty means today. */
int
turn_value_date(struct turn *t, const char *s, int32_t *date)
{
	if (s == NULL || *s == '\0') {
		*date = t->today;
		return BB_OK;
	}
	if (date_parse(s, date) == -1)
		return turn_refuse(t, BB_BAD_REQUEST,
		    "not a date (YYYY-MM-DD): %.32s", s);
	return BB_OK;
}

/*
 * What text_explain says of a text, as whole sentences that name the
 * field: each language says it its own way. Its words are matched as
 * names.c writes them.
 */
static const struct {
	const char	*explained;
	const char	*sentence;
} text_refusals[] = {
	{ "is required", N_("%s is required") },
	{ "is not valid UTF-8", N_("%s is not valid UTF-8") },
	{ "holds a CPR number, which the ledger never stores",
	    N_("%s holds a CPR number, which the ledger never stores") },
};
static const struct {
	const char	*kind;
	const char	*sentence;
} text_chars[] = {
	{ "a control character", N_("%s holds U+%04X, a control character") },
	{ "a line or paragraph separator",
	    N_("%s holds U+%04X, a line or paragraph separator") },
	{ "an invisible bidirectional control",
	    N_("%s holds U+%04X, an invisible bidirectional control") },
	{ "an invisible format character",
	    N_("%s holds U+%04X, an invisible format character") },
};

/* A text field from a request (TEXT_* flags), refused with what is wrong
 * in it: "the note holds U+202E, an invisible bidirectional control".
 * field is marked N_ ("the note"): its words are the request's. */
int
turn_text(struct turn *t, const char *field, const char *s, int flags)
{
	const char	*name = lang_text(t->lang, field), *kind;
	char		 why[96];
	unsigned int	 c, len;
	size_t		 i;
	int		 rc;

	if ((rc = text_explain(s, flags, why, sizeof(why))) == BB_OK)
		return BB_OK;
	for (i = 0; i < sizeof(text_refusals) / sizeof(text_refusals[0]); i++)
		if (strcmp(why, text_refusals[i].explained) == 0)
			return turn_refuse(t, rc, text_refusals[i].sentence,
			    name);
	if (sscanf(why, "is longer than %u bytes", &len) == 1)
		return turn_refuse(t, rc, "%s is longer than %u bytes", name,
		    len);
	if (sscanf(why, "holds U+%X, ", &c) == 1 &&
	    (kind = strstr(why, ", ")) != NULL)
		for (i = 0; i < sizeof(text_chars) / sizeof(text_chars[0]);
		    i++)
			if (strcmp(kind + 2, text_chars[i].kind) == 0)
				return turn_refuse(t, rc,
				    text_chars[i].sentence, name, c);
	return turn_refuse(t, rc, "%s %s", name, why);
}

/* The store or a damaged record failed, not a rule: no words of a rule
 * fit; the code goes back as it is. */
int
rule_free(int rc)
{
	return rc == BB_INTERNAL || rc == BB_STORAGE_FULL;
}

/* A rule's BAD_REQUEST about money, in words: the amount out of SPEC §3
 * rule 5's range, or a total it would carry past what int64 holds. */
int
turn_amount(struct turn *t, int64_t amount)
{
	char	 a[MONEY_BUFSZ], max[MONEY_BUFSZ];

	money_format(amount, a, sizeof(a));
	if (!ledger_amount_valid(amount))
		return turn_refuse(t, BB_BAD_REQUEST, "an amount must be "
		    "positive and at most %s per operation, not %s",
		    money_format(LEDGER_AMOUNT_MAX, max, sizeof(max)), a);
	return turn_refuse(t, BB_BAD_REQUEST, "%s would carry a total of the "
	    "ledger past its range", a);
}

/*
 * SPEC §3 rule 3 in words, naming the bound an entry on course c broke:
 * recorded after end + grace days, or a value date before the start, after
 * the end or, for a purchase, after today.
 */
int
turn_window(struct turn *t, const struct course *c, int32_t value_date,
    int purchase)
{
	if (t->today > c->end + c->grace)
		return turn_refuse(t, BB_OUTSIDE_WINDOW, "course %u of %s "
		    "took entries until %s, %d days after its end %s; today "
		    "is %s", c->number, c->citizen,
		    turn_date(t, c->end + c->grace), c->grace,
		    turn_date(t, c->end), turn_date(t, t->today));
	if (value_date < c->start)
		return turn_refuse(t, BB_OUTSIDE_WINDOW, "the value date %s "
		    "lies before the start of course %u, %s",
		    turn_date(t, value_date), c->number,
		    turn_date(t, c->start));
	if (value_date > c->end)
		return turn_refuse(t, BB_OUTSIDE_WINDOW, "the value date %s "
		    "lies after the end of course %u, %s",
		    turn_date(t, value_date), c->number, turn_date(t, c->end));
	if (purchase && value_date > t->today)
		return turn_refuse(t, BB_OUTSIDE_WINDOW, "the value date %s "
		    "lies after today, %s", turn_date(t, value_date),
		    turn_date(t, t->today));
	return turn_refuse(t, BB_OUTSIDE_WINDOW, "the value date %s lies "
	    "outside course %u, %s to %s", turn_date(t, value_date),
	    c->number, turn_date(t, c->start), turn_date(t, c->end));
}

char *
turn_date(struct turn *t, int32_t date)
{
	return (char *)date_format(date, arena_alloc(t->arena, DATE_BUFSZ));
}
