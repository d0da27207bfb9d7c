#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exedir.h"
#include "lang.h"

#ifndef LOCALEDIR
#define LOCALEDIR	"/usr/local/share/locale"
#endif
#define DOMAIN		"borgerbudget"
#define CATALOGUE	"/da/LC_MESSAGES/" DOMAIN ".mo"

enum lang	 lang_ui = LANG_DA;
static int	 danish_found;

/* "en", "en_GB.UTF-8", "en:da" ask for English; anything else is Danish. */
static int
asks_english(const char *v)
{
	return v[0] == 'e' && v[1] == 'n' &&
	    (v[2] == '\0' || v[2] == '_' || v[2] == '.' || v[2] == ':' ||
	    v[2] == '@');
}

/*
 * GNU's LANGUAGE first, then POSIX's order: LC_ALL, LC_MESSAGES, LANG.
 * C and POSIX say nothing of a language, so they are Danish.
 */
enum lang
lang_from_environment(void)
{
	static const char *const vars[] = {
		"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"
	};
	const char	*v;

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return asks_english(v) ? LANG_EN : LANG_DA;
	return LANG_DA;
}

/*
 * The catalogue installed under LOCALEDIR, or else the one the build
 * left beside the program (build/locale), so that a program run from
 * its build tree speaks Danish too.
 */
static const char *
catalogue_dir(char *buf, size_t len)
{
	char	 exe[PATH_MAX];

	if (snprintf(buf, len, "%s" CATALOGUE, LOCALEDIR) < (int)len &&
	    access(buf, R_OK) == 0)
		return LOCALEDIR;
	if (exe_dir(exe, sizeof(exe)) == -1 ||
	    snprintf(buf, len, "%s/locale" CATALOGUE, exe) >= (int)len ||
	    access(buf, R_OK) != 0)
		return NULL;
	/* The catalogue's path, cut after "locale": its directory. */
	buf[strlen(exe) + sizeof("/locale") - 1] = '\0';
	return buf;
}

/*
 * Sets the process's language and opens the Danish catalogue. gettext
 * looks nothing up in the C locale, so the messages' category is
 * C.UTF-8 (in every glibc since 2.35 and in Debian long before), and
 * LANGUAGE picks Danish; the texts come in UTF-8 whatever the terminal's
 * locale. Only LC_MESSAGES changes: numbers, dates and JSON are printed
 * as before. -1 when the catalogue is not found: texts stay English.
 */
int
lang_setup(enum lang l)
{
	char		 buf[PATH_MAX];
	const char	*dir, *header = "";	/* not a text to translate */

	lang_ui = l;
	if ((dir = catalogue_dir(buf, sizeof(buf))) == NULL)
		return -1;
	if (setlocale(LC_MESSAGES, "C.UTF-8") == NULL &&
	    setlocale(LC_MESSAGES, "") == NULL)
		return -1;
	if (setenv("LANGUAGE", "da", 1) == -1 ||
	    bindtextdomain(DOMAIN, dir) == NULL ||
	    bind_textdomain_codeset(DOMAIN, "UTF-8") == NULL)
		return -1;
	/*
	 * libc's own words (strerror) follow that LANGUAGE too: in UTF-8
	 * for a Danish reader whatever LC_CTYPE says, and for an English
	 * one not at all (its catalogue looked for where none is), so that
	 * they are libc's English msgids.
	 */
	if (l == LANG_DA)
		bind_textdomain_codeset("libc", "UTF-8");
	else
		bindtextdomain("libc", "/");
	/* The catalogue read now, not at the first message, which may be
	 * one about memory running out. */
	(void)dgettext(DOMAIN, header);
	danish_found = 1;
	return 0;
}

/* A request's language field: "en" is English, anything else Danish. */
enum lang
lang_parse(const char *code)
{
	return code != NULL && asks_english(code) ? LANG_EN : LANG_DA;
}

const char *
lang_code(enum lang l)
{
	return l == LANG_EN ? "en" : "da";
}

const char *
lang_text(enum lang l, const char *msgid)
{
	if (l == LANG_EN || !danish_found || *msgid == '\0')
		return msgid;
	return dgettext(DOMAIN, msgid);
}
