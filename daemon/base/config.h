/* The configuration of SPEC §5: built-in defaults, the INI file, flags. */
#ifndef BB_CONFIG_H
#define BB_CONFIG_H

#include <limits.h>
#include <stdint.h>
#include <sys/types.h>

#include "names.h"

#define CONFIG_CATEGORIES_MAX	64
#define CONFIG_LABEL_MAX	128
#define CONFIG_ROLE_MEMBERS	1024
#define CONFIG_CHART_MAX	(CONFIG_CATEGORIES_MAX + 8)
#define CONFIG_ACCOUNT_MAX	(NAME_MAX_LEN + 16)
#define CONFIG_NUMBER_MAX	32

enum role {
	ROLE_NONE = 0,
	ROLE_AUDITOR,
	ROLE_ACCOUNTING,
	ROLE_CASEWORKER,
	ROLE_ADMIN,
	ROLE_COUNT,
	ROLE_DAEMON = ROLE_COUNT	/* its own entries: expiry; never mapped */
};

/* Who asks: a peer's credentials and the role they map to. */
struct actor {
	uid_t		 uid;
	char		 name[64];
	int		 role;
};

struct category {
	char	 slug[NAME_MAX_LEN + 1];
	char	 label[CONFIG_LABEL_MAX];
};

/* [accounts]: a ledger account kind (or expense.CATEGORY) and the number
 * of the municipal chart of accounts it is booked on. */
struct chart_line {
	char	 account[CONFIG_ACCOUNT_MAX];
	char	 number[CONFIG_NUMBER_MAX];
};

struct config {
	char		 socket[PATH_MAX];
	mode_t		 socket_mode;
	char		 socket_group[64];
	char		 data_dir[PATH_MAX];
	uint64_t	 map_size;
	uint64_t	 max_document;	/* a voucher document's bytes */
	char		 signing_key[PATH_MAX];	/* config_finish: default */
	int		 signing_key_set;
	char		 origin[256];
	unsigned int	 max_clients;	/* connections at once */
	unsigned int	 max_clients_per_user; /* 0: half of max_clients */
	unsigned int	 idle_timeout;	/* seconds without a byte; 0: never */

	/* role -> "user, @group, 1000" as written; resolved per peer. */
	char		 roles[ROLE_COUNT][CONFIG_ROLE_MEMBERS];
	int		 roles_set;

	struct category	 categories[CONFIG_CATEGORIES_MAX];
	int		 ncategories;

	struct chart_line chart[CONFIG_CHART_MAX];
	int		 nchart;
};

void		 config_defaults(struct config *);
int		 config_load(struct config *, const char *);
int		 config_finish(struct config *);
const struct category *config_category(const struct config *, const char *);
const char	*role_name(int);
int		 config_role(const struct config *, uid_t, gid_t);

#endif
