/*
 * budgetd: the borgerbudget ledger daemon. This file only wires the parts
 * together: configuration, the store, the socket, signals and the loop
 * whose every turn ends in one group commit.
 */

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <sodium.h>

#include "backup.h"
#include "codes.h"
#include "config.h"
#include "datadir.h"
#include "date.h"
#include "dispatch.h"
#include "expiry.h"
#include "follow.h"
#include "lang.h"
#include "log.h"
#include "sd.h"
#include "server.h"
#include "stats.h"
#include "store.h"
#include "verify.h"
#include "verify_archive.h"
#include "verify_job.h"
#include "version.h"

#define DRAIN_SECONDS	5
/* How long a commit waits for the requests of clients it just answered. */
#define GATHER_USEC	300

static volatile int	 quit;
static struct config	 conf;		/* in effect */
static struct config	 filed;		/* as the file said at start */
static const char	*conffile;

#define USAGE \
	"usage: budgetd [-dfhnV] [-c file] [-D datadir] [-S socket]\n" \
	"       budgetd verify --db datadir [--key pubkey]\n" \
	"       budgetd verify-archive dir [--key pubkey]\n"

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, USAGE);
	exit(2);
}

/* Asked for: the usage and what each option does, on stdout. */
static void __attribute__((noreturn))
help(void)
{
	printf("%s\n", USAGE);
	printf("%s", _(
	    "  -c FILE     configuration file (without: the built-in "
	    "defaults)\n"
	    "  -D DIR      data directory (overrides data_dir)\n"
	    "  -S SOCKET   socket (overrides socket)\n"
	    "  -f          in the foreground, log to standard error\n"
	    "  -d          debug log\n"
	    "  -n          check the configuration and exit\n"
	    "  -V          show the version\n"
	    "  -h, --help  show this help\n"
	    "\n"
	    "verify checks a database offline and read-only;\n"
	    "verify-archive an archive package from budgetctl archive.\n"
	    "See budgetd(8) and budgetd.conf(5).\n"));
	exit(0);
}

/*
 * SIGHUP: roles and categories (and the ERP chart) from the file again,
 * for open connections too. A file with an error changes nothing. What
 * the daemon set up at start (socket, data, key) waits for a restart.
 */
static void
reload(void)
{
	struct config	 fresh;

	if (conffile == NULL) {
		log_info("SIGHUP: no configuration file (-c): nothing to "
		    "reload");
		return;
	}
	config_defaults(&fresh);
	if (config_load(&fresh, conffile) == -1) {
		log_warnx("SIGHUP: %s has an error: the configuration in "
		    "effect stays", conffile);
		return;
	}
	if (strcmp(fresh.socket, filed.socket) != 0 ||
	    strcmp(fresh.data_dir, filed.data_dir) != 0 ||
	    fresh.map_size != filed.map_size ||
	    fresh.max_clients != filed.max_clients ||
	    fresh.max_clients_per_user != filed.max_clients_per_user ||
	    fresh.idle_timeout != filed.idle_timeout ||
	    fresh.socket_mode != filed.socket_mode ||
	    strcmp(fresh.socket_group, filed.socket_group) != 0 ||
	    strcmp(fresh.signing_key, filed.signing_key) != 0 ||
	    strcmp(fresh.origin, filed.origin) != 0)
		log_warnx("SIGHUP: [daemon] settings changed in %s; they take "
		    "effect when budgetd is restarted", conffile);
	memcpy(conf.roles, fresh.roles, sizeof(conf.roles));
	conf.roles_set = fresh.roles_set;
	memcpy(conf.categories, fresh.categories, sizeof(conf.categories));
	conf.ncategories = fresh.ncategories;
	memcpy(conf.chart, fresh.chart, sizeof(conf.chart));
	conf.nchart = fresh.nchart;
	server_reload_roles();
	log_info("SIGHUP: roles, categories and accounts reloaded from %s",
	    conffile);
}

/* The loop pings systemd's watchdog: a loop that hangs stops pinging. */
static void
on_watchdog(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	sd_notify_state("WATCHDOG=1");
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct event_base	*base = arg;

	(void)what;
	switch (sig) {
	case SIGTERM:
	case SIGINT:
		log_info("%s: finishing the batch in flight and stopping",
		    strsignal((int)sig));
		sd_notify_state("STOPPING=1");
		quit = 1;
		event_base_loopbreak(base);
		break;
	case SIGHUP:
		reload();
		break;
	}
}

static void
on_drain_timeout(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	log_warnx("clients did not take their last responses in %d s",
	    DRAIN_SECONDS);
	event_base_loopbreak(arg);
	quit = 2;
}

/*
 * daemon(3) lets the parent exit 0 at once, before the child has opened
 * the database or the socket: a start that then fails told whoever
 * started it nothing. Here the parent waits for the child's word that it
 * serves, and exits 1 if the child dies first. Returns, in the child, the
 * descriptor to give that word on.
 */
static int
detach(void)
{
	char	 c;
	int	 ready[2], null;

	if (pipe2(ready, O_CLOEXEC) == -1)
		fatal("pipe");
	switch (fork()) {
	case -1:
		fatal("fork");
	case 0:
		break;
	default:
		close(ready[1]);
		if (read(ready[0], &c, 1) == 1)
			_exit(0);
		fprintf(stderr, "%s",
		    _("budgetd: did not start: see the system log\n"));
		_exit(1);
	}
	close(ready[0]);
	if (setsid() == -1)
		fatal("setsid");
	if ((null = open("/dev/null", O_RDWR)) == -1)
		fatal("/dev/null");
	dup2(null, STDIN_FILENO);
	dup2(null, STDOUT_FILENO);
	dup2(null, STDERR_FILENO);
	if (null > STDERR_FILENO)
		close(null);
	return ready[1];
}

static void
on_gathered(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
}

/*
 * Group commit: the clients the last commit answered are sending their
 * next requests now; a wait of a fraction of a sync lets them share this
 * commit's sync instead of each waiting for the next one.
 */
static void
gather(struct event_base *base, struct event *timer)
{
	struct timeval	 tv = { 0, GATHER_USEC };

	if (server_awaited() > 0) {
		evtimer_add(timer, &tv);
		while (!quit && server_awaited() > 0 &&
		    evtimer_pending(timer, NULL))
			event_base_loop(base, EVLOOP_ONCE);
		evtimer_del(timer);
	}
	server_await_none();
}

static void
loop(struct event_base *base)
{
	struct event	*drain, *timer;
	struct timeval	 tv = { DRAIN_SECONDS, 0 };

	if ((timer = evtimer_new(base, on_gathered, NULL)) == NULL)
		fatalx("evtimer_new failed");
	while (!quit) {
		event_base_loop(base, EVLOOP_ONCE);
		if (!dispatch_pending())
			continue;
		gather(base, timer);
		dispatch_run();
	}
	event_free(timer);
	/* Every request read is answered; then the answers get out. */
	server_quiesce();
	dispatch_sign_tail();
	drain = evtimer_new(base, on_drain_timeout, base);
	evtimer_add(drain, &tv);
	while (quit == 1 && !server_drained())
		event_base_loop(base, EVLOOP_ONCE);
	event_free(drain);
}

/* The dispatcher's view of the server's clients: the parts meet here. */
static const struct peer server_peer = {
	client_actor, client_hold, client_release, client_send,
	client_close_after, client_follow, follow_push, client_upload
};

int
main(int argc, char *argv[])
{
	struct store		*store;
	struct event_base	*base;
	struct event		*sigs[3], *watchdog = NULL;
	struct timeval		 tv;
	uint64_t		 usec;
	const char		*datadir = NULL, *sock = NULL;
	int			 ch, foreground = 0, check = 0, debug = 0, i;
	int			 lock, ready = -1;
	const int		 signals[3] = { SIGTERM, SIGINT, SIGHUP };

	date_init();
	lang_setup(lang_from_environment());
	log_init(1, 0);
	if (argc > 1 && strcmp(argv[1], "verify") == 0)
		return verify_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "verify-archive") == 0)
		return verify_archive_main(argc - 1, argv + 1);
	/* getopt would take --help for the options -, h, e, l, p. */
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0)
			help();
	while ((ch = getopt(argc, argv, "c:dD:fhnS:V")) != -1) {
		switch (ch) {
		case 'c':
			conffile = optarg;
			break;
		case 'd':
			debug = 1;
			break;
		case 'D':
			datadir = optarg;
			break;
		case 'f':
			foreground = 1;
			break;
		case 'h':
			help();
		case 'n':
			check = 1;
			break;
		case 'S':
			sock = optarg;
			break;
		case 'V':
			printf("budgetd %s\n", BB_VERSION);
			return 0;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();

	config_defaults(&conf);
	if (conffile && config_load(&conf, conffile) == -1)
		return 1;
	filed = conf;
	if (datadir)
		snprintf(conf.data_dir, sizeof(conf.data_dir), "%s", datadir);
	if (sock)
		snprintf(conf.socket, sizeof(conf.socket), "%s", sock);
	if (config_finish(&conf) == -1)
		return 1;
	if (check) {
		if (conffile)
			printf(_("%s: configuration OK\n"), conffile);
		else
			printf("%s", _("built-in defaults: configuration "
			    "OK\n"));
		return 0;
	}
	if (sodium_init() == -1)
		fatalx("libsodium cannot start");
	/* Before the socket and the database: a second daemon on this
	 * directory must not replace the first one's socket either. */
	if (datadir_ready(conf.data_dir) == -1 ||
	    (lock = datadir_lock(conf.data_dir)) == -1)
		return 1;

	/* LMDB must not cross a fork: open it in the process that serves. */
	if (!foreground)
		ready = detach();
	log_init(foreground, debug);
	if (!foreground)
		datadir_lock_pid(lock);
	signal(SIGPIPE, SIG_IGN);

	if ((base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	/* The socket before the database and the key: a mistyped -S must
	 * not leave a new ledger with a new signing key behind. Nobody is
	 * answered before the loop runs. */
	if (server_listen(base, &conf) == -1)
		fatalx("cannot start");
	stats.started_us = time_now_us();
	store_compact_leftover(conf.data_dir);
	if (store_open(&store, conf.data_dir, conf.map_size, 0) != 0) {
		server_close();
		fatalx("cannot open the ledger in %s", conf.data_dir);
	}
	/* An erasure whose compaction a stopped daemon did not finish:
	 * done before anything is served. */
	if (store_compact_pending(store, &i) != BB_OK || (i &&
	    store_compact(store, conf.data_dir) != BB_OK)) {
		server_close();
		fatalx("cannot compact the ledger in %s after an erasure",
		    conf.data_dir);
	}
	if (i)
		log_info("compacted the ledger, owed since an erasure, in "
		    "%.1f s", (double)(time_now_us() - stats.started_us) / 1e6);
	if (dispatch_init(base, store, &conf, &server_peer) == -1) {
		server_close();
		fatalx("cannot start");
	}
	expiry_init(base);
	/* A crash can leave entries after the latest checkpoint: they are
	 * signed before anything is served. */
	dispatch_sign_tail();
	if (backup_init(base, store, dispatch_signer()) == -1 ||
	    verify_job_init(base, store, dispatch_signer()) == -1)
		fatalx("cannot start");
	dispatch_later(BORGERBUDGET__V1__OP__KIND_BACKUP, backup_start);
	dispatch_later(BORGERBUDGET__V1__OP__KIND_VERIFY, verify_job_start);
	for (i = 0; i < 3; i++) {
		sigs[i] = evsignal_new(base, signals[i], on_signal, base);
		evsignal_add(sigs[i], NULL);
	}
	if ((usec = sd_watchdog_usec()) > 0) {
		tv.tv_sec = (time_t)(usec / 2 / 1000000);
		tv.tv_usec = (suseconds_t)(usec / 2 % 1000000);
		watchdog = event_new(base, -1, EV_PERSIST, on_watchdog, NULL);
		evtimer_add(watchdog, &tv);
	}
	log_info("budgetd %s serving %s", BB_VERSION, conf.data_dir);
	sd_notify_state("READY=1");
	if (ready != -1 && (write(ready, "", 1) != 1 || close(ready) == -1))
		log_warn("telling the starting process that budgetd serves");

	loop(base);

	backup_free();
	verify_job_free();
	server_close();
	if (watchdog)
		event_free(watchdog);
	expiry_free();
	dispatch_free();
	for (i = 0; i < 3; i++)
		event_free(sigs[i]);
	event_base_free(base);
	store_close(store);
	log_info("stopped");
	return 0;
}
