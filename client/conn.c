/* One round trip to the daemon: a Request out, a Response back. */

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <grp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bigbuf.h"
#include "codes.h"
#include "lang.h"
#include "conn.h"
#include "frame.h"
#include "output.h"

static int	 sock = -1;
static struct bigbuf in;	/* the frame read last (frame_in) */

/*
 * The daemon could not be reached or answered garbage: exit status 3,
 * said on stderr, or with --json as an error object on stdout (code
 * UNREACHABLE, which no daemon answer carries) so a script reading
 * stdout learns it too.
 */
int
ctl_unreachable(struct ctx *ctx, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	if (ctx->json) {
		printf("{\"status\":\"error\",\"code\":\"UNREACHABLE\","
		    "\"message\":");
		json_str(stdout, msg);
		printf("}\n");
	} else
		fprintf(stderr, "budgetctl: %s\n", msg);
	return EXIT_UNREACHABLE;
}

/*
 * A socket we may not open: its group is the one the administrator
 * gives access through (socket_group), so name it.
 */
static int
denied(struct ctx *ctx)
{
	struct stat	 st;
	struct group	*gr;

	if (stat(ctx->socket, &st) == -1)
		return ctl_unreachable(ctx, "no access to budgetd's socket "
		    "%s; ask the administrator for access", ctx->socket);
	if ((gr = getgrgid(st.st_gid)) == NULL)
		return ctl_unreachable(ctx, "no access to budgetd's socket "
		    "%s: it is open to group %lu; ask the administrator to "
		    "make you a member of it", ctx->socket,
		    (unsigned long)st.st_gid);
	return ctl_unreachable(ctx, "no access to budgetd's socket %s: "
	    "it is open to the group %s; ask the administrator to make you "
	    "a member of it (and log in again)", ctx->socket, gr->gr_name);
}

static int
ctl_connect(struct ctx *ctx)
{
	struct sockaddr_un	 sun;
	int			 saved;

	if (sock != -1)
		return 0;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(ctx->socket) >= sizeof(sun.sun_path))
		return ctl_unreachable(ctx, "socket path too long: %s",
		    ctx->socket);
	memcpy(sun.sun_path, ctx->socket, strlen(ctx->socket) + 1);
	if ((sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(sock, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		saved = errno;
		if (sock != -1)
			close(sock);
		sock = -1;
		if (saved == EACCES)
			return denied(ctx);
		/* The two that happen every day, said plainly: no budgetd
		 * made a socket there, or the one that did has stopped. */
		if (saved == ENOENT)
			return ctl_unreachable(ctx, "cannot reach budgetd at %s: "
			    "there is no socket there", ctx->socket);
		if (saved == ECONNREFUSED)
			return ctl_unreachable(ctx, "cannot reach budgetd at %s: "
			    "nothing answers on the socket", ctx->socket);
		return ctl_unreachable(ctx, "cannot reach budgetd at %s: %s",
		    ctx->socket, strerror(saved));
	}
	return 0;
}

/*
 * Sends the operations as one request on the connection, which stays
 * open; ctl_answer or ctl_next reads the answer. Requests can be sent ahead: the daemon
 * answers them in order.
 */
int
ctl_send(struct ctx *ctx, PbOp **ops, size_t n)
{
	PbRequest	 req = BORGERBUDGET__V1__REQUEST__INIT;
	uint8_t		*buf;
	size_t		 len;
	int		 rc;

	if ((rc = ctl_connect(ctx)) != 0)
		return rc;
	req.ops = ops;
	req.n_ops = n;
	req.atomic = ctx->atomic;
	req.language = (char *)lang_code(lang_ui);
	len = borgerbudget__v1__request__get_packed_size(&req);
	if ((buf = malloc(len ? len : 1)) == NULL)
		return ctl_unreachable(ctx, "%s", strerror(errno));
	borgerbudget__v1__request__pack(&req, buf);
	rc = frame_write(sock, buf, len);
	free(buf);
	if (rc == -1)
		return ctl_unreachable(ctx, "budgetd at %s: %s", ctx->socket,
		    errno == EMSGSIZE ? _("frame too large") : strerror(errno));
	return EXIT_DONE;
}

/*
 * The next frame, into the buffer kept for every frame of the process:
 * the responses are unpacked (copied) out of it before the next is read.
 */
static int
frame_in(size_t *len)
{
	uint32_t	 n;

	if (frame_read_length(sock, &n) == -1 ||
	    bigbuf_reserve(&in, n ? n : 1) == -1 ||
	    frame_read_body(sock, in.buf, n) == -1)
		return -1;
	*len = n;
	return 0;
}

/*
 * The answer to the oldest request sent ahead, of n operations, unpacked
 * into alloc (NULL: malloc). Returns EXIT_DONE with a response whose
 * results match the operations one to one, or EXIT_UNREACHABLE.
 */
int
ctl_answer(struct ctx *ctx, ProtobufCAllocator *alloc, size_t n,
    PbResponse **respp)
{
	PbResponse	*resp;
	size_t		 inlen;

	errno = 0;
	if (sock == -1 || frame_in(&inlen) == -1)
		return ctl_unreachable(ctx, "budgetd at %s: %s", ctx->socket,
		    errno == EMSGSIZE ? _("frame too large") : errno ?
		    strerror(errno) : _("closed the connection"));
	resp = borgerbudget__v1__response__unpack(alloc, inlen,
	    (const uint8_t *)in.buf);
	if (resp == NULL || ((int)resp->code == BB_OK && resp->n_results != n)) {
		if (resp)
			borgerbudget__v1__response__free_unpacked(resp, alloc);
		return ctl_unreachable(ctx, "budgetd answered garbage");
	}
	*respp = resp;
	return EXIT_DONE;
}

/*
 * One request and its answer. Returns EXIT_DONE with a response whose
 * results match the operations one to one, or EXIT_UNREACHABLE.
 */
int
ctl_call(struct ctx *ctx, PbOp **ops, size_t n, PbResponse **respp)
{
	int	 rc;

	if ((rc = ctl_send(ctx, ops, n)) != EXIT_DONE)
		return rc;
	return ctl_answer(ctx, NULL, n, respp);
}

/* The daemon closed us: the next call opens a new connection. */
void
ctl_reconnect(struct ctx *ctx)
{
	(void)ctx;
	if (sock != -1)
		close(sock);
	sock = -1;
}

/*
 * One more response on the connection: a subscription's next push, or
 * the answer to a request sent ahead. alloc (NULL: malloc) is what the
 * response is unpacked into and freed with.
 */
int
ctl_next(struct ctx *ctx, ProtobufCAllocator *alloc, PbResponse **respp)
{
	size_t	 inlen;

	errno = 0;
	if (sock == -1 || frame_in(&inlen) == -1)
		return ctl_unreachable(ctx, "budgetd at %s: %s", ctx->socket,
		    errno == EMSGSIZE ? _("frame too large") : errno ?
		    strerror(errno) : _("closed the connection"));
	*respp = borgerbudget__v1__response__unpack(alloc, inlen,
	    (const uint8_t *)in.buf);
	if (*respp == NULL || ((int)(*respp)->code == BB_OK &&
	    (*respp)->n_results != 1)) {
		if (*respp)
			borgerbudget__v1__response__free_unpacked(*respp, alloc);
		return ctl_unreachable(ctx, "budgetd answered garbage");
	}
	return EXIT_DONE;
}

/* Prints a refusal (stderr, or stdout as JSON) and gives exit status 1. */
int
ctl_refused(struct ctx *ctx, const PbResult *r)
{
	if (ctx->json) {
		printf("{\"status\":\"error\",\"code\":\"%s\",\"message\":",
		    code_name((int)r->code));
		json_str(stdout, r->message);
		printf("}\n");
	} else {
		fprintf(stderr, "budgetctl: %s: %s\n", code_name((int)r->code),
		    r->message);
	}
	return EXIT_REFUSED;
}

/*
 * The result of a one-operation request's answer. On EXIT_DONE *res is a
 * successful result; a refusal is printed here and gives EXIT_REFUSED,
 * and the response is freed (with alloc, what it was unpacked into).
 */
int
ctl_first(struct ctx *ctx, PbResponse *resp, ProtobufCAllocator *alloc,
    PbResult **res)
{
	PbResult	 whole = BORGERBUDGET__V1__RESULT__INIT;
	int		 rc = EXIT_DONE;

	if ((int)resp->code != BB_OK) {
		whole.code = resp->code;
		whole.message = resp->message;
		rc = ctl_refused(ctx, &whole);
	} else if ((int)resp->results[0]->code != BB_OK) {
		rc = ctl_refused(ctx, resp->results[0]);
	}
	if (rc != EXIT_DONE) {
		borgerbudget__v1__response__free_unpacked(resp, alloc);
		return rc;
	}
	*res = resp->results[0];
	return EXIT_DONE;
}

/*
 * One operation. On EXIT_DONE *res is its successful result; a refusal is
 * printed here and gives EXIT_REFUSED. The caller frees *respp.
 */
int
ctl_one(struct ctx *ctx, PbOp *op, PbResponse **respp, PbResult **res)
{
	int	 rc;

	if ((rc = ctl_call(ctx, &op, 1, respp)) != EXIT_DONE)
		return rc;
	if ((rc = ctl_first(ctx, *respp, NULL, res)) != EXIT_DONE)
		*respp = NULL;
	return rc;
}

/*
 * A read of one operation: show prints its successful result and says
 * the exit code; the response is freed after.
 */
int
ctl_show(struct ctx *ctx, PbOp *op, int (*show)(struct ctx *,
    const PbResult *))
{
	PbResponse	*resp;
	PbResult	*r;
	int		 rc;

	if ((rc = ctl_one(ctx, op, &resp, &r)) != EXIT_DONE)
		return rc;
	rc = show(ctx, r);
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return rc;
}

/*
 * A write: the id, the round trip, and "ok: spent, seq N" or its JSON.
 * what is the write's word, marked N_() by the caller.
 */
int
ctl_write(struct ctx *ctx, PbOp *op, const char *what)
{
	PbResponse	*resp;
	PbResult	*r;
	char		 uuid[37];
	int		 rc;

	op->id.data = ctx->id;
	op->id.len = sizeof(ctx->id);
	if ((rc = ctl_one(ctx, op, &resp, &r)) != EXIT_DONE)
		return rc;
	uuid_format(ctx->id, uuid);
	if (ctx->json) {
		printf("{\"status\":\"%s\",\"seq\":%llu,\"id\":\"%s\"",
		    r->exists ? "exists" : "ok", (unsigned long long)r->seq,
		    uuid);
		if (r->course)
			printf(",\"course\":%u", r->course);
		printf("}\n");
	} else if (r->course) {
		printf(r->exists ? _("exists: %s, seq %llu, course %u\n") :
		    _("ok: %s, seq %llu, course %u\n"), _(what),
		    (unsigned long long)r->seq, r->course);
	} else {
		printf(r->exists ? _("exists: %s, seq %llu\n") :
		    _("ok: %s, seq %llu\n"), _(what),
		    (unsigned long long)r->seq);
	}
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return EXIT_DONE;
}
