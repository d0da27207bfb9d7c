/*
 * The Unix socket and its clients. Each client has a bufferevent; frames
 * are decoded only when complete, and a client whose responses pile up
 * stops being read until they drain.
 */
#ifndef BB_SERVER_H
#define BB_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"

struct client;
struct config;
struct event_base;

int		 server_listen(struct event_base *, const struct config *);
void		 server_quiesce(void);
void		 server_close(void);
void		 server_reload_roles(void);
int		 server_drained(void);
int		 server_awaited(void);
void		 server_await_none(void);

void		 client_hold(struct client *);
void		 client_release(struct client *);
const struct actor *client_actor(struct client *);
void		 client_send(struct client *, const uint8_t *, size_t);
void		 client_follow(struct client *, uint64_t);
void		 client_pause(struct client *);
void		 client_resume(struct client *);
uint64_t	*client_cursor(struct client *);
size_t		 client_unsent(struct client *);
void		 client_close_after(struct client *);
struct upload	*client_upload(struct client *);
enum lang	 client_lang(struct client *);
void		 server_each_follower(void (*)(struct client *, void *), void *);

#endif
