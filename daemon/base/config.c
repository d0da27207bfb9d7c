/*
 * The INI file, read with libinih. Every key has a built-in default; an
 * unknown section or key is an error naming the file and line, because a
 * misspelt key silently ignored is a setting nobody knows is missing.
 */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "codes.h"
#include "config.h"
#include "lang.h"
#include "log.h"
#include "names.h"

static const struct category default_categories[] = {
	{ "education", "Uddannelse" },
	{ "transport", "Transport og kørekort" },
	{ "housing", "Bolig og indretning" },
	{ "electronics", "Computer og elektronik" },
	{ "health", "Sundhed" },
	{ "leisure", "Fritid" },
	{ "network", "Netværk og familie" },
	{ "other", "Andet" },
};

/*
 * The ERP export's defaults, from the municipal chart of accounts (Budget-
 * og regnskabssystem for kommuner): main function 5.38 "Tilbud til voksne
 * med særlige behov", function 38 "Personlig støtte og pasning af personer
 * med handicap mv." (servicelovens §§ 85, 95-96, 102 og 118), where
 * grouping 003 books the socialpædagogisk støtte (§ 85) of people with
 * special social problems in their own homes: the support course a
 * drawing right comes with, and the citizens it is for. Function 50
 * (længerevarende botilbud, § 108) and its neighbours 51-52 (§§ 107,
 * 109-110) are for residential care, which these citizens are not in;
 * 5.57.72 (sociale formål) is for cash benefits, and this money is paid
 * to suppliers, never in cash. Art 5.2 (transfers to persons) for the
 * citizen's drawing right, art 4.9 (services bought) for what it is spent
 * on, 2.2 (furniture, equipment) and 2.9 (other goods) where a category
 * buys goods; art 8.6 (state grants) for the pool's funding, and a balance
 * account (9.xx) for the pool itself. These are a starting point: the
 * finance department sets the municipality's own numbers in [accounts].
 */
static const struct chart_line default_chart[] = {
	{ "funding", "5.38.38.8.6" },
	{ "pool", "9.51.50" },
	{ "budget", "5.38.38.5.2" },
	{ "reserved", "5.38.38.5.2" },
	{ "expense", "5.38.38.4.9" },
	{ "expense.housing", "5.38.38.2.2" },
	{ "expense.electronics", "5.38.38.2.2" },
	{ "expense.other", "5.38.38.2.9" },
};

static const char *const role_names[ROLE_COUNT] = {
	[ROLE_NONE] = "",
	[ROLE_AUDITOR] = "auditor",
	[ROLE_ACCOUNTING] = "accounting",
	[ROLE_CASEWORKER] = "caseworker",
	[ROLE_ADMIN] = "admin",
};

const char *
role_name(int role)
{
	if (role == ROLE_DAEMON)
		return "daemon";
	return role > ROLE_NONE && role < ROLE_COUNT ? role_names[role] : "";
}

void
config_defaults(struct config *c)
{
	size_t	 i;

	memset(c, 0, sizeof(*c));
	snprintf(c->socket, sizeof(c->socket), "/run/borgerbudget/budgetd.sock");
	c->socket_mode = 0660;
	snprintf(c->data_dir, sizeof(c->data_dir), "/var/lib/borgerbudget");
	c->map_size = 8ULL << 30;
	c->max_document = 10ULL << 20;
	c->retention_years = 5;
	snprintf(c->origin, sizeof(c->origin), "budget.example.dk/ledger");
	c->max_clients = 256;
	c->idle_timeout = 300;
	for (i = 0; i < sizeof(default_categories) /
	    sizeof(default_categories[0]); i++)
		c->categories[c->ncategories++] = default_categories[i];
	for (i = 0; i < sizeof(default_chart) / sizeof(default_chart[0]); i++)
		c->chart[c->nchart++] = default_chart[i];
}

struct parse {
	struct config	*conf;
	const char	*path;
	char		 error[256];
	int		 categories_seen;
};

/* "8G", "10M", "512K", "4096": a size from min to max bytes. */
static int
parse_size(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	char		*end;
	uint64_t	 v, mul = 1;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'K': case 'k': mul = 1ULL << 10; end++; break;
	case 'M': case 'm': mul = 1ULL << 20; end++; break;
	case 'G': case 'g': mul = 1ULL << 30; end++; break;
	case 'T': case 't': mul = 1ULL << 40; end++; break;
	}
	if (*end != '\0' || v == 0 || v > UINT64_MAX / mul)
		return -1;
	*out = v * mul;
	return *out < min || *out > max ? -1 : 0;
}

static int
copy_value(struct parse *p, char *dst, size_t len, const char *name,
    const char *value)
{
	if (*value == '\0' || strlen(value) >= len) {
		snprintf(p->error, sizeof(p->error), _("%s: empty or too long"),
		    name);
		return 0;
	}
	memcpy(dst, value, strlen(value) + 1);
	return 1;
}

static int
origin_key(struct parse *p, const char *value)
{
	char	 why[64];

	if (checkpoint_name_check(value, why, sizeof(why)) == -1) {
		snprintf(p->error, sizeof(p->error), _("origin: not a C2SP key "
		    "name (UTF-8 without spaces, controls or '+'): %s"), why);
		return 0;
	}
	return copy_value(p, p->conf->origin, sizeof(p->conf->origin),
	    "origin", value);
}

static int
daemon_key(struct parse *p, const char *name, const char *value)
{
	struct config	*c = p->conf;
	char		*end;
	unsigned long	 mode;

	if (strcmp(name, "socket") == 0)
		return copy_value(p, c->socket, sizeof(c->socket), name, value);
	if (strcmp(name, "data_dir") == 0)
		return copy_value(p, c->data_dir, sizeof(c->data_dir), name,
		    value);
	if (strcmp(name, "socket_group") == 0)
		return copy_value(p, c->socket_group, sizeof(c->socket_group),
		    name, value);
	if (strcmp(name, "origin") == 0)
		return origin_key(p, value);
	if (strcmp(name, "signing_key") == 0) {
		c->signing_key_set = 1;
		return copy_value(p, c->signing_key, sizeof(c->signing_key),
		    name, value);
	}
	if (strcmp(name, "socket_mode") == 0) {
		errno = 0;
		mode = strtoul(value, &end, 8);
		if (errno || end == value || *end || mode > 0777) {
			snprintf(p->error, sizeof(p->error),
			    _("socket_mode: not an octal mode: %s"), value);
			return 0;
		}
		c->socket_mode = (mode_t)mode;
		return 1;
	}
	if (strcmp(name, "max_clients") == 0 ||
	    strcmp(name, "idle_timeout") == 0) {
		unsigned long	 v;
		int		 max = name[0] == 'm';

		errno = 0;
		v = strtoul(value, &end, 10);
		if (errno || end == value || *end || *value == '-' ||
		    v > 1000000 || (max && v == 0)) {
			snprintf(p->error, sizeof(p->error), max ?
			    _("%s: a number of connections, 1 to 1000000") :
			    _("%s: seconds, 0 (never) to 1000000"), name);
			return 0;
		}
		*(max ? &c->max_clients : &c->idle_timeout) = (unsigned)v;
		return 1;
	}
	if (strcmp(name, "max_clients_per_user") == 0) {
		unsigned long	 v;

		errno = 0;
		v = strtoul(value, &end, 10);
		if (errno || end == value || *end || *value == '-' || v == 0 ||
		    v > 1000000) {
			snprintf(p->error, sizeof(p->error), _("%s: a number "
			    "of connections, 1 to 1000000"), name);
			return 0;
		}
		c->max_clients_per_user = (unsigned)v;
		return 1;
	}
	if (strcmp(name, "map_size") == 0) {
		/* Below a megabyte LMDB cannot hold a useful ledger. */
		if (parse_size(value, 1ULL << 20, UINT64_MAX, &c->map_size) ==
		    -1) {
			snprintf(p->error, sizeof(p->error),
			    _("map_size: not a size of at least 1M: %s"),
			    value);
			return 0;
		}
		return 1;
	}
	if (strcmp(name, "retention_years") == 0) {
		unsigned long	 v;

		/* Bookkeeping keeps vouchers five years (bogføringsloven
		 * § 12); an archive authority may ask for more. */
		errno = 0;
		v = strtoul(value, &end, 10);
		if (errno || end == value || *end || *value == '-' || v < 1 ||
		    v > 100) {
			snprintf(p->error, sizeof(p->error),
			    _("retention_years: a number of years, 1 to 100"));
			return 0;
		}
		c->retention_years = (unsigned)v;
		return 1;
	}
	if (strcmp(name, "max_document") == 0) {
		/* A voucher is a scanned invoice: kilobytes to megabytes. */
		if (parse_size(value, 1, 1ULL << 30, &c->max_document) == -1) {
			snprintf(p->error, sizeof(p->error), _("max_document: "
			    "not a size from 1 byte to 1G: %s"), value);
			return 0;
		}
		return 1;
	}
	snprintf(p->error, sizeof(p->error), _("unknown key in [daemon]: %s"),
	    name);
	return 0;
}

/* A numeric id: digits only, and a value a uid or gid can hold. */
static int
numeric_id(const char *m, unsigned long *id)
{
	char	*end;

	if (*m < '0' || *m > '9')
		return 0;
	errno = 0;
	*id = strtoul(m, &end, 10);
	if (*end != '\0')
		return 0;
	return errno == 0 && *id <= UINT32_MAX ? 1 : -1;
}

/* 4294968296 must not be taken for uid 1000, as a cast would take it. */
static int
role_ids_check(struct parse *p, const char *name, const char *value)
{
	char		 list[CONFIG_ROLE_MEMBERS], *m, *save;
	unsigned long	 id;

	snprintf(list, sizeof(list), "%s", value);
	for (m = strtok_r(list, ", \t", &save); m != NULL;
	    m = strtok_r(NULL, ", \t", &save))
		if (numeric_id(m + (*m == '@'), &id) == -1) {
			snprintf(p->error, sizeof(p->error),
			    _("%s: not a user or group id: %.32s"), name, m);
			return -1;
		}
	return 0;
}

static int
roles_key(struct parse *p, const char *name, const char *value)
{
	struct config	*c = p->conf;
	int		 r;

	for (r = ROLE_AUDITOR; r < ROLE_COUNT; r++)
		if (strcmp(name, role_names[r]) == 0)
			break;
	if (r == ROLE_COUNT) {
		snprintf(p->error, sizeof(p->error),
		    _("unknown role: %s (admin, caseworker, accounting, "
		    "auditor)"),
		    name);
		return 0;
	}
	if (strlen(value) >= sizeof(c->roles[r])) {
		snprintf(p->error, sizeof(p->error), _("%s: list too long"),
		    name);
		return 0;
	}
	if (role_ids_check(p, name, value) == -1)
		return 0;
	c->roles_set = 1;
	memcpy(c->roles[r], value, strlen(value) + 1);
	return 1;
}

/* The first [categories] line replaces the built-in list entirely. */
static int
categories_key(struct parse *p, const char *name, const char *value)
{
	struct config	*c = p->conf;
	struct category	*cat;
	char		 why[128];

	if (!p->categories_seen) {
		c->ncategories = 0;
		p->categories_seen = 1;
	}
	if (slug_check(name) != 0) {
		snprintf(p->error, sizeof(p->error),
		    _("category is not a slug of [a-z0-9_-]: %s"), name);
		return 0;
	}
	if (config_category(c, name) != NULL) {
		snprintf(p->error, sizeof(p->error), _("category twice: %s"),
		    name);
		return 0;
	}
	if (c->ncategories == CONFIG_CATEGORIES_MAX) {
		snprintf(p->error, sizeof(p->error),
		    _("more than %d categories"), CONFIG_CATEGORIES_MAX);
		return 0;
	}
	if (*value == '\0' || strlen(value) >= CONFIG_LABEL_MAX) {
		snprintf(p->error, sizeof(p->error),
		    _("%s: label empty or too long"), name);
		return 0;
	}
	/* Labels reach statements, reports and spreadsheets: the rules of
	 * every other text shown there. */
	if (text_explain(value, 0, why, sizeof(why)) != BB_OK) {
		snprintf(p->error, sizeof(p->error), _("%s: the label %s"),
		    name,
		    why);
		return 0;
	}
	cat = &c->categories[c->ncategories++];
	snprintf(cat->slug, sizeof(cat->slug), "%s", name);
	snprintf(cat->label, sizeof(cat->label), "%s", value);
	return 1;
}

static int
account_valid(const char *name)
{
	static const char *const kinds[] = { "funding", "pool", "budget",
	    "reserved", "expense" };

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(name, kinds[i]) == 0)
			return 1;
	return strncmp(name, "expense.", 8) == 0 && slug_check(name + 8) == 0;
}

/* A chart number: digits in dot-separated groups, as "5.38.38.4.9". */
static int
number_valid(const char *s)
{
	size_t	 n = strlen(s);

	if (n == 0 || n >= CONFIG_NUMBER_MAX || *s == '.' || s[n - 1] == '.')
		return 0;
	for (; *s; s++)
		if (!(*s >= '0' && *s <= '9') && !(*s == '.' && s[1] != '.'))
			return 0;
	return 1;
}

/* [accounts] lines replace the default for their account, one by one. */
static int
accounts_key(struct parse *p, const char *name, const char *value)
{
	struct config	*c = p->conf;
	int		 i;

	if (!account_valid(name)) {
		snprintf(p->error, sizeof(p->error), _("unknown account: %s "
		    "(funding, pool, budget, reserved, expense, "
		    "expense.CATEGORY)"), name);
		return 0;
	}
	if (!number_valid(value)) {
		snprintf(p->error, sizeof(p->error), _("%s: an account number "
		    "is digits and dots, as 5.38.38.4.9"), name);
		return 0;
	}
	for (i = 0; i < c->nchart; i++)
		if (strcmp(c->chart[i].account, name) == 0)
			break;
	if (i == CONFIG_CHART_MAX) {
		snprintf(p->error, sizeof(p->error), _("more than %d accounts"),
		    CONFIG_CHART_MAX);
		return 0;
	}
	if (i == c->nchart)
		c->nchart++;
	snprintf(c->chart[i].account, sizeof(c->chart[i].account), "%s", name);
	snprintf(c->chart[i].number, sizeof(c->chart[i].number), "%s", value);
	return 1;
}

static int
handler(void *arg, const char *section, const char *name, const char *value)
{
	struct parse	*p = arg;

	if (strcmp(section, "daemon") == 0)
		return daemon_key(p, name, value);
	if (strcmp(section, "roles") == 0)
		return roles_key(p, name, value);
	if (strcmp(section, "categories") == 0)
		return categories_key(p, name, value);
	if (strcmp(section, "accounts") == 0)
		return accounts_key(p, name, value);
	snprintf(p->error, sizeof(p->error), _("unknown section [%s]"),
	    section);
	return 0;
}

struct reader {
	FILE		*file;
	char		*buf;
	size_t		 cap;
	int		 line;
	char		 error[64];
};

/*
 * libinih reads a line into a fixed buffer (200 bytes as Debian builds it)
 * and parses what does not fit as the next line: the tail of a long
 * comment would become a key, "admin = ..." included. So we read each
 * line whole, and refuse one that does not fit, or that a NUL byte would
 * cut short, instead of handing inih pieces.
 */
static char *
read_line(char *str, int num, void *arg)
{
	struct reader	*r = arg;
	ssize_t		 n;

	if ((n = getline(&r->buf, &r->cap, r->file)) == -1)
		return NULL;
	r->line++;
	if (n > 0 && r->buf[n - 1] == '\n')
		n--;
	if (memchr(r->buf, '\0', (size_t)n) != NULL) {
		snprintf(r->error, sizeof(r->error), _("a NUL byte"));
		return NULL;
	}
	if (n >= num) {
		snprintf(r->error, sizeof(r->error), _("line longer than %d "
		    "bytes"), num - 1);
		return NULL;
	}
	memcpy(str, r->buf, (size_t)n);
	str[n] = '\0';
	return str;
}

/*
 * A regular file we can read, or nothing: a directory would read as an
 * empty file, "configuration OK" with every default, and a FIFO would
 * hang the start. O_NONBLOCK so that opening a FIFO returns at once.
 */
static FILE *
config_open(const char *path)
{
	struct stat	 st;
	FILE		*f;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		log_warn("%s", path);
		return NULL;
	}
	if (fstat(fd, &st) == -1) {
		log_warn("%s", path);
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			log_warnx("%s is a directory, not a configuration "
			    "file: give -c the path of budgetd.conf", path);
		else
			log_warnx("%s is not a regular file: give -c the path "
			    "of budgetd.conf", path);
		close(fd);
		return NULL;
	}
	if ((f = fdopen(fd, "r")) == NULL) {
		log_warn("%s", path);
		close(fd);
	}
	return f;
}

/* Reads the file over the defaults already in *c; logs "file:line: why". */
int
config_load(struct config *c, const char *path)
{
	struct parse	 p;
	struct reader	 r;
	int		 line;

	memset(&p, 0, sizeof(p));
	memset(&r, 0, sizeof(r));
	p.conf = c;
	p.path = path;
	if ((r.file = config_open(path)) == NULL)
		return -1;
	line = ini_parse_stream(read_line, &r, handler, &p);
	fclose(r.file);
	free(r.buf);
	if (line == 0 && r.error[0]) {
		log_warnx("%s:%d: %s", path, r.line, r.error);
		return -1;
	}
	if (line != 0) {
		log_warnx("%s:%d: %s", path, line,
		    p.error[0] ? p.error : _("syntax error"));
		return -1;
	}
	if (c->ncategories == 0) {
		log_warnx("%s: [categories] is empty", path);
		return -1;
	}
	return 0;
}

/*
 * What follows from other settings once the file and the flags have
 * spoken: the signing key is checkpoint.key in the data directory in
 * effect, wherever that came from, unless the file names a key.
 */
int
config_finish(struct config *c)
{
	int	 n;

	if (c->signing_key_set)
		return 0;
	n = snprintf(c->signing_key, sizeof(c->signing_key),
	    "%s/checkpoint.key", c->data_dir);
	if (n < 0 || (size_t)n >= sizeof(c->signing_key)) {
		log_warnx("%s: data directory path too long", c->data_dir);
		return -1;
	}
	return 0;
}

const struct category *
config_category(const struct config *c, const char *slug)
{
	for (int i = 0; i < c->ncategories; i++)
		if (strcmp(c->categories[i].slug, slug) == 0)
			return &c->categories[i];
	return NULL;
}

/* Does one member of a role list ("alice", "1001", "@revision") match? */
static int
member_matches(const char *m, uid_t uid, const gid_t *groups, int ngroups)
{
	struct passwd	*pw;
	struct group	*gr;
	unsigned long	 id;
	int		 i, numeric;

	if (*m == '@') {
		m++;
		if ((numeric = numeric_id(m, &id)) == -1)
			return 0;
		if (!numeric) {
			if ((gr = getgrnam(m)) == NULL)
				return 0;
			id = gr->gr_gid;
		}
		for (i = 0; i < ngroups; i++)
			if (groups[i] == (gid_t)id)
				return 1;
		return 0;
	}
	if ((numeric = numeric_id(m, &id)) != 0)
		return numeric == 1 && uid == (uid_t)id;
	return (pw = getpwnam(m)) != NULL && pw->pw_uid == uid;
}

/*
 * The most privileged role whose list names the peer's uid or one of its
 * groups. Without a [roles] section the user running budgetd is its admin
 * and nobody else is mapped.
 */
int
config_role(const struct config *c, uid_t uid, gid_t gid)
{
	struct passwd	*pw;
	gid_t		 groups[256];
	int		 ngroups = 256, r;
	char		 list[CONFIG_ROLE_MEMBERS], *m, *save;

	if (!c->roles_set)
		return uid == geteuid() ? ROLE_ADMIN : ROLE_NONE;
	groups[0] = gid;
	if ((pw = getpwuid(uid)) == NULL ||
	    getgrouplist(pw->pw_name, gid, groups, &ngroups) == -1)
		ngroups = 1;
	for (r = ROLE_ADMIN; r > ROLE_NONE; r--) {
		memcpy(list, c->roles[r], sizeof(list));
		for (m = strtok_r(list, ", \t", &save); m != NULL;
		    m = strtok_r(NULL, ", \t", &save))
			if (member_matches(m, uid, groups, ngroups))
				return r;
	}
	return ROLE_NONE;
}
