#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "codes.h"
#include "config.h"
#include "dispatch.h"
#include "frame.h"
#include "lang.h"
#include "log.h"
#include "names.h"
#include "sd.h"
#include "server.h"
#include "stats.h"
#include "upload.h"

/* Stop reading a client with this much output waiting; resume when half
 * of it has gone. It bounds what a client that never reads costs us. */
#define OUTPUT_HIGH	(8U * 1024 * 1024)
#define OUTPUT_LOW	(OUTPUT_HIGH / 2)
#define READ_CHUNK	(256 * 1024)
/* Requests of one client decoded and not yet answered. Tiny requests can
 * ask for large answers (an export page): this bounds what one read of a
 * client can make the daemon produce before backpressure sees it. */
#define INFLIGHT_MAX	32

struct client {
	TAILQ_ENTRY(client)	 entry;
	struct bufferevent	*bev;
	struct actor		 actor;
	int			 refs;		/* requests in flight */
	int			 closing;	/* close once output drains */
	int			 dead;		/* socket gone; free when unheld */
	gid_t			 gid;		/* from SO_PEERCRED, for roles */
	int			 following;	/* its export is a subscription */
	uint64_t		 cursor;	/* ... at this seq */
	int			 awaited;	/* answered by the last commit */
	uint64_t		 active_us;	/* when it last sent a byte */
	struct upload		*upload;	/* its voucher staged, if any */
	enum lang		 lang;		/* of its last request */
};

static struct {
	struct evconnlistener	*listener;
	char			 path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	TAILQ_HEAD(, client)	 clients;
	time_t			 limit_at;	/* last line about limits */
	unsigned int		 limit_untold;	/* ... and those not logged */
	int			 awaited;	/* clients awaited */
} srv = { .clients = TAILQ_HEAD_INITIALIZER(srv.clients) };

static const struct config *conf;

static uint64_t
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void	client_read(struct bufferevent *, void *);
static void	client_write(struct bufferevent *, void *);
static void	client_event(struct bufferevent *, short, void *);

static void
client_arrived(struct client *c)
{
	if (c->awaited) {
		c->awaited = 0;
		srv.awaited--;
	}
}

/* Its staging for a voucher document, made at its first upload, in the
 * data directory. */
struct upload *
client_upload(struct client *c)
{
	if (c->upload == NULL && (c->upload = upload_new(conf->data_dir)) ==
	    NULL)
		log_warn("%s", __func__);
	return c->upload;
}

static void
client_free(struct client *c)
{
	TAILQ_REMOVE(&srv.clients, c, entry);
	stats.clients--;
	upload_free(c->upload);
	free(c);
}

/* The socket goes now; the struct stays while requests still refer to it. */
static void
client_drop(struct client *c)
{
	if (c->bev) {
		bufferevent_free(c->bev);
		c->bev = NULL;
	}
	client_arrived(c);
	c->dead = 1;
	if (c->refs == 0)
		client_free(c);
}

void
client_hold(struct client *c)
{
	c->refs++;
}

void
client_release(struct client *c)
{
	if (--c->refs == 0 && c->dead) {
		client_free(c);
		return;
	}
	/* Its last answer went out directly: no write callback will. */
	if (c->refs == 0 && c->closing && !c->dead && client_unsent(c) == 0) {
		client_drop(c);
		return;
	}
	/* Frames it sent while at the cap wait in its input: a later turn
	 * decodes them, not this one, which is answering. */
	if (c->refs == INFLIGHT_MAX - 1 && !c->dead && !c->closing &&
	    evbuffer_get_length(bufferevent_get_input(c->bev)) > 0)
		bufferevent_trigger(c->bev, EV_READ,
		    BEV_TRIG_IGNORE_WATERMARKS | BEV_TRIG_DEFER_CALLBACKS);
}

const struct actor *
client_actor(struct client *c)
{
	return &c->actor;
}

/* The language a client reads, that of the last request it sent: what
 * is answered off the loop or pushed to it (a backup, a follower's
 * pages) is worded in it. Before its first request, the daemon's. */
enum lang
client_lang(struct client *c)
{
	return c->lang;
}

/*
 * An answer with nothing queued before it is written at once: waiting for
 * the loop to see the socket writable cost two epoll_ctl and a loop
 * iteration per answer, and a closed-loop client's next request (the
 * next group commit) waited for them. What the socket does not take is
 * queued; errors are left to the bufferevent, which finds them on its
 * next write.
 */
static size_t
client_write_now(struct client *c, const uint8_t *hdr, const uint8_t *msg,
    size_t len)
{
	struct iovec	 iov[2] = {
		{ (void *)hdr, FRAME_HEADER },
		{ (void *)msg, len },
	};
	struct msghdr	 mh = { .msg_iov = iov, .msg_iovlen = 2 };
	ssize_t		 n;

	if (evbuffer_get_length(bufferevent_get_output(c->bev)) != 0)
		return 0;
	n = sendmsg(bufferevent_getfd(c->bev), &mh, MSG_DONTWAIT |
	    MSG_NOSIGNAL);
	return n > 0 ? (size_t)n : 0;
}

void
client_send(struct client *c, const uint8_t *msg, size_t len)
{
	struct evbuffer	*out;
	uint8_t		 hdr[FRAME_HEADER];
	size_t		 sent;
	int		 failed = 0;

	if (c->dead)
		return;
	out = bufferevent_get_output(c->bev);
	frame_header_encode(hdr, (uint32_t)len);
	sent = client_write_now(c, hdr, msg, len);
	if (sent < FRAME_HEADER)
		failed = evbuffer_add(out, hdr + sent, FRAME_HEADER - sent) ==
		    -1 || evbuffer_add(out, msg, len) == -1;
	else if (sent < FRAME_HEADER + len)
		failed = evbuffer_add(out, msg + (sent - FRAME_HEADER),
		    FRAME_HEADER + len - sent) == -1;
	if (failed) {
		log_warnx("client %s: cannot queue a response", c->actor.name);
		client_drop(c);
		return;
	}
	if (evbuffer_get_length(out) > OUTPUT_HIGH)
		bufferevent_disable(c->bev, EV_READ);
	if (!c->awaited && !c->closing) {
		c->awaited = 1;
		srv.awaited++;
	}
}

/*
 * Clients answered by the last commit that have sent nothing since: a
 * client in a closed loop sends its next request within microseconds, so
 * the next commit may wait a moment for it (group commit).
 */
int
server_awaited(void)
{
	return srv.awaited;
}

/* Only the last commit's clients are awaited, and only once. */
void
server_await_none(void)
{
	struct client	*c;

	TAILQ_FOREACH(c, &srv.clients, entry)
		c->awaited = 0;
	srv.awaited = 0;
}

/* Nothing more is read from the client until it is resumed: its next
 * request waits for the answer to this one (a backup in a thread). */
void
client_pause(struct client *c)
{
	if (!c->dead)
		bufferevent_disable(c->bev, EV_READ);
}

void
client_resume(struct client *c)
{
	if (!c->dead && !c->closing)
		bufferevent_enable(c->bev, EV_READ);
}

/* From now on the client is sent each committed entry after seq. */
void
client_follow(struct client *c, uint64_t seq)
{
	if (c->dead)
		return;
	c->following = 1;
	c->cursor = seq;
	/* A subscriber only listens: it is never idle. */
	bufferevent_set_timeouts(c->bev, NULL, NULL);
}

uint64_t *
client_cursor(struct client *c)
{
	return &c->cursor;
}

/* What is queued for the client and not yet taken by it. */
size_t
client_unsent(struct client *c)
{
	return c->bev ? evbuffer_get_length(bufferevent_get_output(c->bev)) :
	    0;
}

/* Nothing more is read from the client; it goes once its output has. */
void
client_close_after(struct client *c)
{
	if (c->dead)
		return;
	bufferevent_disable(c->bev, EV_READ);
	c->closing = 1;
	if (c->refs == 0 && client_unsent(c) == 0)
		client_drop(c);
}

/* fn may drop the client it is given. */
void
server_each_follower(void (*fn)(struct client *, void *), void *arg)
{
	struct client	*c, *next;

	for (c = TAILQ_FIRST(&srv.clients); c != NULL; c = next) {
		next = TAILQ_NEXT(c, entry);
		if (c->following && !c->dead && !c->closing)
			fn(c, arg);
	}
}

/* A peer that broke the framing gets one error and is closed after it;
 * no request of it was read, so it is worded in the daemon's language. */
static void
client_protocol_error(struct client *c, const char *why)
{
	log_warnx("client %s (uid %u): %s", c->actor.name,
	    (unsigned)c->actor.uid, _(why));
	bufferevent_disable(c->bev, EV_READ);
	dispatch_refusal(c, BB_BAD_REQUEST, _(why), lang_ui);
	c->closing = 1;
}

static void
client_read(struct bufferevent *bev, void *arg)
{
	struct client	*c = arg;
	struct evbuffer	*in = bufferevent_get_input(bev);
	uint8_t		 hdr[FRAME_HEADER], *body;
	uint32_t	 len;
	PbRequest	*req;
	int		 rc;

	c->active_us = now_us();
	while (!c->closing && c->refs < INFLIGHT_MAX) {
		evbuffer_copyout(in, hdr, sizeof(hdr));
		rc = frame_next(hdr, evbuffer_get_length(in), &len);
		if (rc == FRAME_TOO_BIG) {
			client_protocol_error(c,
			    N_("frame larger than the limit"));
			return;
		}
		if (rc == FRAME_PARTIAL)
			break;
		evbuffer_drain(in, FRAME_HEADER);
		/* The frame in one piece: without memory for it, the request
		 * is refused and the client closed, the daemon goes on. */
		if ((body = evbuffer_pullup(in, len)) == NULL && len > 0) {
			evbuffer_drain(in, len);
			client_protocol_error(c,
			    N_("no memory for this request"));
			return;
		}
		req = dispatch_decode(body, len);
		evbuffer_drain(in, len);
		client_arrived(c);
		if (req == NULL) {
			dispatch_refusal(c, BB_BAD_REQUEST,
			    _("the frame does not hold a Request message"),
			    lang_ui);
			continue;
		}
		c->lang = lang_parse(req->language);
		dispatch_request(c, req);
	}
}

static void
client_write(struct bufferevent *bev, void *arg)
{
	struct client	*c = arg;

	/* Called when the output has fallen to the low watermark. */
	if (!c->closing)
		bufferevent_enable(bev, EV_READ);
	else if (c->refs == 0 &&
	    evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		client_drop(c);
}

static void
client_event(struct bufferevent *bev, short what, void *arg)
{
	struct client	*c = arg;

	if (what & BEV_EVENT_TIMEOUT) {
		log_info("client %s (uid %u): nothing sent for %u s: closing",
		    c->actor.name, (unsigned)c->actor.uid, conf->idle_timeout);
		client_drop(c);
	} else if (what & BEV_EVENT_ERROR) {
		log_debug("client %s: %s", c->actor.name, strerror(errno));
		client_drop(c);
	} else if (what & BEV_EVENT_EOF) {
		/* A peer that shut down its side still gets its answers. */
		if (c->refs == 0 &&
		    evbuffer_get_length(bufferevent_get_output(bev)) == 0) {
			client_drop(c);
			return;
		}
		bufferevent_disable(bev, EV_READ);
		c->closing = 1;
		client_arrived(c);
	}
}

/* The actor comes from the kernel, never from the request. */
static int
client_identify(struct client *c, int fd)
{
	struct ucred	 cred;
	socklen_t	 len = sizeof(cred);
	struct passwd	*pw;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1) {
		log_warn("%s: SO_PEERCRED", __func__);
		return -1;
	}
	c->actor.uid = cred.uid;
	/* The name goes into every entry the client writes: one that is
	 * not plain text, or would be cut, is written as the uid. */
	if ((pw = getpwuid(cred.uid)) != NULL &&
	    strlen(pw->pw_name) < sizeof(c->actor.name) &&
	    text_check(pw->pw_name, 0) == BB_OK)
		snprintf(c->actor.name, sizeof(c->actor.name), "%s",
		    pw->pw_name);
	else
		snprintf(c->actor.name, sizeof(c->actor.name), "%u",
		    (unsigned)cred.uid);
	c->gid = cred.gid;
	c->actor.role = config_role(conf, cred.uid, cred.gid);
	return 0;
}

/* After a reload: every open connection gets its role anew. */
void
server_reload_roles(void)
{
	struct client	*c;

	TAILQ_FOREACH(c, &srv.clients, entry)
		if (!c->dead)
			c->actor.role = config_role(conf, c->actor.uid, c->gid);
}

/*
 * Lines about limits, one a second at most: a flood of connections must
 * not flood the log. NULL: not this one; else the end of its line, which
 * counts those untold since the last.
 */
static const char *
limit_told(void)
{
	static char	 more[64];
	time_t		 now = time(NULL);

	if (now == srv.limit_at) {
		srv.limit_untold++;
		return NULL;
	}
	more[0] = '\0';
	if (srv.limit_untold > 0)
		snprintf(more, sizeof(more), _(" (and %u more since the last "
		    "line)"), srv.limit_untold);
	srv.limit_at = now;
	srv.limit_untold = 0;
	return more;
}

/* Half of max_clients unless configured: one user cannot take them all. */
static unsigned int
user_max(void)
{
	if (conf->max_clients_per_user)
		return conf->max_clients_per_user;
	return conf->max_clients > 1 ? conf->max_clients / 2 : 1;
}

static unsigned int
user_clients(uid_t uid)
{
	struct client	*c;
	unsigned int	 n = 0;

	TAILQ_FOREACH(c, &srv.clients, entry)
		if (!c->dead && c->actor.uid == uid)
			n++;
	return n;
}

/* The connection idle longest that loses nothing by going: no request
 * in flight, no answer on its way, not a subscriber. */
static struct client *
idlest(const uid_t *uid)
{
	struct client	*c, *best = NULL;

	TAILQ_FOREACH(c, &srv.clients, entry) {
		if (c->dead || c->following || c->refs > 0 ||
		    client_unsent(c) > 0 || (uid && c->actor.uid != *uid))
			continue;
		if (best == NULL || c->active_us < best->active_us)
			best = c;
	}
	return best;
}

static void
make_room(struct client *victim, const struct actor *a, const char *limit,
    unsigned int max)
{
	const char	*more;

	if ((more = limit_told()) != NULL)
		log_info("%s = %u reached: closing a connection of %s "
		    "(uid %u) idle for %llu s, for one of %s (uid %u)%s",
		    limit, max, victim->actor.name,
		    (unsigned)victim->actor.uid, (unsigned long long)
		    ((now_us() - victim->active_us) / 1000000), a->name,
		    (unsigned)a->uid, more);
	client_drop(victim);
}

static void
refuse(const struct actor *a, const char *limit, unsigned int max,
    const char *why)
{
	const char	*more;

	if ((more = limit_told()) != NULL)
		log_warnx("%s = %u reached: refusing a client of %s (uid %u): "
		    "%s%s", limit, max, a->name, (unsigned)a->uid, _(why),
		    more);
}

/*
 * A client over a limit takes the place of the connection idle longest:
 * its own user's at max_clients_per_user, anyone's at max_clients. Idle
 * connections held open must not keep a caseworker out for idle_timeout,
 * and a connection that is working is never closed for it. -1: refused.
 */
static int
server_admit(const struct actor *a)
{
	struct client	*victim;
	unsigned int	 mine = user_clients(a->uid);

	/* A share as large as the whole is the whole's limit, and named so. */
	for (; user_max() < conf->max_clients && mine >= user_max(); mine--) {
		if ((victim = idlest(&a->uid)) == NULL) {
			refuse(a, "max_clients_per_user", user_max(),
			    N_("none of its connections is idle"));
			return -1;
		}
		make_room(victim, a, "max_clients_per_user", user_max());
	}
	while (stats.clients >= conf->max_clients) {
		/* Everything but PERMISSION_DENIED is closed to it anyway. */
		if (a->role == ROLE_NONE) {
			refuse(a, "max_clients", conf->max_clients,
			    N_("it has no role"));
			return -1;
		}
		if ((victim = idlest(NULL)) == NULL) {
			refuse(a, "max_clients", conf->max_clients,
			    N_("no connection is idle"));
			return -1;
		}
		make_room(victim, a, "max_clients", conf->max_clients);
	}
	return 0;
}

static void
server_accept(struct evconnlistener *l, evutil_socket_t fd,
    struct sockaddr *sa, int socklen, void *arg)
{
	struct client	*c;

	(void)sa;
	(void)socklen;
	(void)arg;
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		log_warn("%s", __func__);
		close(fd);
		return;
	}
	if (client_identify(c, fd) == -1 || server_admit(&c->actor) == -1 ||
	    (c->bev = bufferevent_socket_new(evconnlistener_get_base(l), fd,
	    BEV_OPT_CLOSE_ON_FREE)) == NULL) {
		free(c);
		close(fd);
		return;
	}
	c->active_us = now_us();
	c->lang = lang_ui;
	TAILQ_INSERT_TAIL(&srv.clients, c, entry);
	stats.clients++;
	bufferevent_set_max_single_read(c->bev, READ_CHUNK);
	bufferevent_setwatermark(c->bev, EV_WRITE, OUTPUT_LOW, 0);
	/* At most one whole frame waits in its input. */
	bufferevent_setwatermark(c->bev, EV_READ, 0, FRAME_HEADER + FRAME_MAX);
	bufferevent_setcb(c->bev, client_read, client_write, client_event, c);
	if (conf->idle_timeout) {
		/* Counts while we wait for its bytes: a client we stopped
		 * reading (backpressure) is not idle, it is waited on. */
		struct timeval	 tv = { (time_t)conf->idle_timeout, 0 };

		bufferevent_set_timeouts(c->bev, &tv, NULL);
	}
	bufferevent_enable(c->bev, EV_READ | EV_WRITE);
	log_debug("client %s (uid %u, role %s) connected", c->actor.name,
	    (unsigned)c->actor.uid, role_name(c->actor.role));
}

static void
server_accept_error(struct evconnlistener *l, void *arg)
{
	(void)l;
	(void)arg;
	/* Out of descriptors: the kernel keeps the connection queued. */
	log_warn("%s", __func__);
}

/*
 * Only a socket that a daemon which died left behind is replaced: nobody
 * answers on it. Anything else at the path is someone's (-S with a typo
 * would delete a file), so it is refused; lstat, so that a symbolic link
 * is refused too, never followed.
 */
static int
socket_stale(const struct sockaddr_un *sun)
{
	struct stat	 st;
	int		 fd, rc;

	if (lstat(sun->sun_path, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		log_warn("%s", sun->sun_path);
		return -1;
	}
	if (!S_ISSOCK(st.st_mode)) {
		log_warnx("%s exists and is not a socket: not replaced; give "
		    "-S or socket a path of its own", sun->sun_path);
		return -1;
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("%s: socket", __func__);
		return -1;
	}
	rc = connect(fd, (const struct sockaddr *)sun, sizeof(*sun));
	close(fd);
	if (rc == 0) {
		log_warnx("%s: another budgetd is listening; give this one "
		    "another socket", sun->sun_path);
		return -1;
	}
	if (errno == ENOENT)	/* its daemon just removed it */
		return 0;
	if (errno != ECONNREFUSED) {
		log_warn("%s", sun->sun_path);
		return -1;
	}
	if (unlink(sun->sun_path) == -1) {
		log_warn("unlink %s", sun->sun_path);
		return -1;
	}
	return 0;
}

/* Connections wait here while we make room: never fewer than we serve. */
static int
server_listen_fd(struct event_base *base, int fd)
{
	int	 backlog = conf->max_clients > SOMAXCONN ?
		    (int)conf->max_clients : SOMAXCONN;

	srv.listener = evconnlistener_new(base, server_accept, NULL,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, backlog, fd);
	if (srv.listener == NULL) {
		log_warnx("%s: evconnlistener_new failed", __func__);
		close(fd);
		return -1;
	}
	evconnlistener_set_error_cb(srv.listener, server_accept_error);
	return 0;
}

int
server_listen(struct event_base *base, const struct config *c)
{
	struct sockaddr_un	 sun;
	struct group		*gr;
	int			 fd;
	mode_t			 old;

	conf = c;
	if ((fd = sd_listen_fd()) != -1) {
		/* systemd made the socket, its mode and group: budgetd.socket. */
		log_info("listening on the socket systemd passed (fd %d)", fd);
		return server_listen_fd(base, fd);
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(c->socket) >= sizeof(sun.sun_path)) {
		log_warnx("socket path too long: %s", c->socket);
		return -1;
	}
	memcpy(sun.sun_path, c->socket, strlen(c->socket) + 1);
	if (socket_stale(&sun) == -1)
		return -1;
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1) {
		log_warn("%s: socket", __func__);
		return -1;
	}
	/* Nobody may connect before the mode is right. */
	old = umask(0777 & ~c->socket_mode);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		log_warn("bind %s", c->socket);
		umask(old);
		close(fd);
		return -1;
	}
	umask(old);
	if (chmod(c->socket, c->socket_mode) == -1)
		log_warn("chmod %s", c->socket);
	if (c->socket_group[0]) {
		if ((gr = getgrnam(c->socket_group)) == NULL)
			log_warnx("socket_group %s: no such group",
			    c->socket_group);
		else if (chown(c->socket, (uid_t)-1, gr->gr_gid) == -1)
			log_warn("chown %s to group %s", c->socket,
			    c->socket_group);
	}
	if (server_listen_fd(base, fd) == -1) {
		unlink(c->socket);
		return -1;
	}
	/* Ours to remove at exit; a socket systemd passed is not. */
	memcpy(srv.path, sun.sun_path, sizeof(srv.path));
	log_info("listening on %s", c->socket);
	return 0;
}

/* True when no client has a response still to send. */
int
server_drained(void)
{
	struct client	*c;

	TAILQ_FOREACH(c, &srv.clients, entry)
		if (c->bev && evbuffer_get_length(
		    bufferevent_get_output(c->bev)) > 0)
			return 0;
	return 1;
}

/* Shutting down: no new connections, no new requests. */
void
server_quiesce(void)
{
	struct client	*c;

	if (srv.listener)
		evconnlistener_disable(srv.listener);
	TAILQ_FOREACH(c, &srv.clients, entry)
		if (c->bev)
			bufferevent_disable(c->bev, EV_READ);
}

void
server_close(void)
{
	struct client	*c;

	if (srv.listener) {
		evconnlistener_free(srv.listener);
		srv.listener = NULL;
		if (srv.path[0])
			unlink(srv.path);
	}
	while ((c = TAILQ_FIRST(&srv.clients)) != NULL) {
		c->refs = 0;
		client_drop(c);
	}
}
