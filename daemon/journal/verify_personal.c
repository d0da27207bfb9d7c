#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "codes.h"
#include "documents.h"
#include "lang.h"
#include "journal.h"
#include "sha256.h"
#include "store.h"
#include "table.h"
#include "verify_personal.h"

/*
 * A citizen's texts that are missing so far (a later erasure of theirs
 * may account for them), and how far their last erasure reached.
 */
struct person {
	uint64_t	 missing;	/* the first text missing, 0: none */
	uint64_t	 erased;	/* the last seq erased */
};

/* A voucher an entry names. */
struct named {
	uint8_t		 sha256[32];
	uint64_t	 size;
	uint64_t	 seq;
	const char	*type;		/* document_type's: static */
	struct person	*who;		/* NULL: no citizen's entry */
};

struct personal {
	struct store_cursor	*texts;
	int			 rc;	/* of the texts row at hand */
	struct store_val	 k, v;
	struct named		*docs;
	size_t			 ndocs, cap;
	struct table		 people;	/* citizen -> person */
	enum lang		 lang;		/* of the problems */
};

struct personal *
personal_new(struct store_txn *txn, enum lang lang)
{
	struct personal	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->lang = lang;
	table_init(&p->people, sizeof(struct person));
	if (store_cursor_open(txn, ST_TEXTS, &p->texts) != BB_OK) {
		free(p);
		return NULL;
	}
	p->rc = store_cursor_first(p->texts, &p->k, &p->v);
	return p;
}

void
personal_free(struct personal *p)
{
	if (p == NULL)
		return;
	store_cursor_close(p->texts);
	table_free(&p->people);
	free(p->docs);
	free(p);
}

static int __attribute__((format(printf, 4, 5)))
said(const struct personal *p, char *why, size_t n, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(why, n, lang_text(p->lang, fmt), ap);
	va_end(ap);
	return -1;
}

static uint64_t
row_seq(const struct personal *p)
{
	return p->k.len == 8 ? be64_get(p->k.data) : 0;
}

/* The entry's text against its commitment; rows before it are extra. A
 * citizen's text that is missing may have been erased: their erasure,
 * later in the journal, says. */
static int
text_check(struct personal *p, const PbEntry *e, struct person *who,
    char *why, size_t n)
{
	const uint8_t	*salt;
	const char	*text;
	uint8_t		 sum[SHA256_LEN];
	size_t		 len;

	if (p->rc == BB_OK && (p->k.len != 8 || row_seq(p) < e->seq))
		return said(p, why, n, N_("texts: a row for entry %llu, which "
		    "commits to no text"), (unsigned long long)row_seq(p));
	if (p->rc != BB_OK && p->rc != BB_NOT_FOUND)
		return said(p, why, n, N_("the texts table cannot be read"));
	if ((p->rc == BB_NOT_FOUND || row_seq(p) > e->seq) && who) {
		if (who->missing == 0)
			who->missing = e->seq;
		return 0;
	}
	if (p->rc == BB_NOT_FOUND || row_seq(p) > e->seq)
		return said(p, why, n, N_("texts: the text of entry %llu is "
		    "missing"),
		    (unsigned long long)e->seq);
	if (journal_text_row(&p->v, &text, &len, &salt) != BB_OK)
		return said(p, why, n, N_("texts: the row of entry %llu is not "
		    "a salt and a text"), (unsigned long long)e->seq);
	sha256_two(salt, JOURNAL_SALT, text, len, sum);
	if (e->note_commitment.len != SHA256_LEN ||
	    sodium_memcmp(sum, e->note_commitment.data, SHA256_LEN) != 0)
		return said(p, why, n, N_("texts: the text or salt of entry "
		    "%llu does not match the commitment in its leaf"),
		    (unsigned long long)e->seq);
	p->rc = store_cursor_next(p->texts, &p->k, &p->v);
	return 0;
}

int
personal_entry(struct personal *p, const PbEntry *e, char *why, size_t n)
{
	struct person	*who = NULL;
	struct named	*d;
	size_t		 cap;
	int		 created;

	if (*e->citizen && (e->note_commitment.len != 0 ||
	    e->receipt_sha256.len != 0 ||
	    e->op == BORGERBUDGET__V1__ENTRY_OP__ERASE) &&
	    (who = table_add(&p->people, e->citizen, strlen(e->citizen),
	    &created)) == NULL)
		return said(p, why, n, N_("entry %llu: out of memory for the "
		    "citizens"), (unsigned long long)e->seq);
	/* An erasure accounts for the texts of its citizen missing so far
	 * (the rules made sure it covers all their entries before it). */
	if (e->op == BORGERBUDGET__V1__ENTRY_OP__ERASE && who) {
		who->erased = e->through;
		if (who->missing <= e->through)
			who->missing = 0;
	}
	if (e->note_commitment.len != 0 && text_check(p, e, who, why, n) != 0)
		return -1;
	if (e->receipt_sha256.len != 32)
		return 0;
	if (p->ndocs == p->cap) {
		cap = p->cap ? p->cap * 2 : 256;
		if ((d = reallocarray(p->docs, cap, sizeof(*d))) == NULL)
			return said(p, why, n, N_("entry %llu: out of memory "
			    "for the documents"), (unsigned long long)e->seq);
		p->docs = d;
		p->cap = cap;
	}
	d = &p->docs[p->ndocs++];
	memcpy(d->sha256, e->receipt_sha256.data, 32);
	d->size = e->receipt_size;
	d->seq = e->seq;
	/* The rules allow only the known types: the static name is kept. */
	d->type = document_type_name(e->receipt_type);
	d->who = who;
	return 0;
}

int
personal_texts_end(struct personal *p, char *why, size_t n)
{
	struct person	*who;
	size_t		 at = 0;

	while ((who = table_next(&p->people, &at, NULL, NULL)) != NULL)
		if (who->missing)
			return said(p, why, n, N_("texts: the text of entry "
			    "%llu is missing"),
			    (unsigned long long)who->missing);
	if (p->rc == BB_OK)
		return said(p, why, n, N_("texts: a row for entry %llu, which "
		    "commits to no text"), (unsigned long long)row_seq(p));
	if (p->rc != BB_NOT_FOUND)
		return said(p, why, n, N_("the texts table cannot be read"));
	return 0;
}

static int
named_cmp(const void *a, const void *b)
{
	const struct named	*x = a, *y = b;
	int			 c = memcmp(x->sha256, y->sha256, 32);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * The end of the group of d[i]'s document when erasures account for its
 * absence (every entry naming it is its citizen's and erased), else i.
 */
static size_t
erased_doc(const struct named *d, size_t nd, size_t i)
{
	size_t	 j;

	for (j = i; j < nd && memcmp(d[j].sha256, d[i].sha256, 32) == 0; j++)
		if (d[j].who == NULL || d[j].seq > d[j].who->erased)
			return i;
	return j;
}

/* Named documents up to key (NULL: all) are there or were erased. */
static int
missing_before(const struct personal *p, size_t *i, const void *key,
    char *why, size_t n)
{
	const struct named	*d = p->docs;
	size_t			 nd = p->ndocs, j;

	while (*i < nd && (key == NULL || memcmp(d[*i].sha256, key, 32) < 0)) {
		if ((j = erased_doc(d, nd, *i)) == *i)
			return said(p, why, n, N_("documents: the voucher "
			    "document of entry %llu is missing"),
			    (unsigned long long)d[*i].seq);
		*i = j;
	}
	return 0;
}

/*
 * Every row of the documents table is a document some entry names, its
 * bytes hash to its key and have the size and media type the entries
 * say; every document an entry names is there, unless an erasure of its
 * citizen took it (and every other entry naming it was erased too).
 */
int
personal_documents(struct personal *p, struct store_txn *txn, char *why,
    size_t n)
{
	struct store_cursor	*cur;
	struct store_val	 k, v;
	struct named		*d = p->docs;
	uint8_t			 sum[SHA256_LEN];
	char			 hex[65];
	size_t			 i = 0, j;
	int			 rc, bad = 0;

	if (p->ndocs > 0)
		qsort(p->docs, p->ndocs, sizeof(*p->docs), named_cmp);
	if (store_cursor_open(txn, ST_DOCUMENTS, &cur) != BB_OK)
		return said(p, why, n,
		    N_("the documents table cannot be read"));
	for (rc = store_cursor_first(cur, &k, &v); rc == BB_OK && !bad;
	    rc = store_cursor_next(cur, &k, &v)) {
		if (k.len == 32 && (bad = missing_before(p, &i, k.data,
		    why, n)) != 0)
			break;
		if (k.len != 32 || i == p->ndocs ||
		    memcmp(k.data, d[i].sha256, 32) != 0) {
			sodium_bin2hex(hex, sizeof(hex), k.data,
			    k.len < 32 ? k.len : 32);
			bad = said(p, why, n, N_("documents: an extra document "
			    "%s, which no entry names"), hex);
			break;
		}
		sha256_two(NULL, 0, v.data, v.len, sum);
		if (memcmp(sum, k.data, 32) != 0)
			bad = said(p, why, n, N_("documents: the voucher "
			    "document of entry %llu does not hash to its "
			    "SHA-256"), (unsigned long long)d[i].seq);
		/* Every entry naming it says the same size and type. */
		for (j = i; !bad && j < p->ndocs &&
		    memcmp(d[j].sha256, d[i].sha256, 32) == 0; j++)
			if (d[j].size != v.len || d[j].type == NULL ||
			    d[j].type != document_type(v.data, v.len))
				bad = said(p, why, n, N_("documents: entry "
				    "%llu names the voucher document with "
				    "another size or media type than it has"),
				    (unsigned long long)d[j].seq);
		i = j;
	}
	store_cursor_close(cur);
	if (bad)
		return -1;
	if (rc != BB_NOT_FOUND)
		return said(p, why, n,
		    N_("the documents table cannot be read"));
	return missing_before(p, &i, NULL, why, n);
}
