/*
 * lang.c: the language people read. Human output is Danish unless
 * English is asked for (LANGUAGE=en, LC_ALL/LC_MESSAGES/LANG=en_*), also
 * on a machine whose locale is C. Source strings are English; the Danish
 * comes from GNU gettext's catalogue (po/da.po, built into
 * LOCALEDIR/da/LC_MESSAGES/borgerbudget.mo).
 *
 * English is the source language, so a text in English is the string
 * itself and only Danish is looked up: the daemon can answer each request
 * in its own client's language without switching gettext's one global
 * language back and forth.
 */
#ifndef BB_LANG_H
#define BB_LANG_H

enum lang {
	LANG_DA,
	LANG_EN
};

/* The process's own language (its messages, logs, help). */
extern enum lang lang_ui;

enum lang	 lang_from_environment(void);
int		 lang_setup(enum lang);
enum lang	 lang_parse(const char *);
const char	*lang_code(enum lang);
const char	*lang_text(enum lang, const char *)
		    __attribute__((format_arg(2)));

/* A text in the process's language; N_ marks one translated later. */
#define _(s)	lang_text(lang_ui, (s))
#define N_(s)	(s)

#endif
