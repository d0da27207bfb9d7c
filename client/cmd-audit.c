/* checkpoint, proof, consistency, audit, verify: the log's evidence */

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "args.h"
#include "commands.h"
#include "conn.h"
#include "entry.h"
#include "lang.h"
#include "output.h"

/*
 * checkpoint --json: the note as signed, and its tree size and root read
 * from the note's second and third lines (C2SP tlog-checkpoint), the root
 * as hex like every other hash in our JSON.
 */
static int
checkpoint_json(struct ctx *ctx, const char *note)
{
	const char		*size, *root, *end;
	char			*stop;
	unsigned long long	 n;
	uint8_t			 hash[64];
	size_t			 len;

	if ((size = strchr(note, '\n')) == NULL ||
	    (root = strchr(++size, '\n')) == NULL ||
	    (end = strchr(++root, '\n')) == NULL ||
	    (n = strtoull(size, &stop, 10), *stop != '\n') ||
	    sodium_base642bin(hash, sizeof(hash), root, (size_t)(end - root),
	    NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
		return ctl_unreachable(ctx, "budgetd answered a checkpoint "
		    "that is not a signed note");
	printf("{\"note\":");
	json_str(stdout, note);
	printf(",\"size\":%llu,\"root\":", n);
	json_hex(stdout, hash, len);
	printf("}\n");
	return EXIT_DONE;
}

static int
checkpoint(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Checkpoint	 m = BORGERBUDGET__V1__CHECKPOINT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	int				 rc = EXIT_DONE;

	m.verifier_key = arg(a, "--verifier-key") != NULL;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_CHECKPOINT;
	op.checkpoint = &m;
	if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	/* The note exactly as signed: a verifier hashes these bytes. */
	if (m.verifier_key && ctx->json) {
		printf("{\"verifier_key\":");
		json_str(stdout, r->verifier_key);
		printf("}\n");
	} else if (m.verifier_key)
		printf("%s\n", r->verifier_key);
	else if (ctx->json)
		rc = checkpoint_json(ctx, r->checkpoint);
	else
		fputs(r->checkpoint, stdout);
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return rc;
}

static void
hash_list(const ProtobufCBinaryData *list, size_t n)
{
	printf("[");
	for (size_t i = 0; i < n; i++) {
		printf(i ? "," : "");
		json_hex(stdout, list[i].data, list[i].len);
	}
	printf("]");
}

/* The widest operation's name in this language: the column after it. */
static int
op_width(void)
{
	int	 op, w = 0;

	for (op = 1; op <= entry_op_last(); op++)
		if (text_columns(entry_op_text(op)) > w)
			w = text_columns(entry_op_text(op));
	return w;
}

static void
hex_line(const char *label, const ProtobufCBinaryData *h)
{
	text_pad(stdout, label, 14);
	putchar(' ');
	hex_text(stdout, h->data, h->len);
	printf("\n");
}

static int
proof_print(struct ctx *ctx, const PbResult *r)
{
	const Borgerbudget__V1__ProofInfo *p;
	char				*leaf64;
	size_t				 n, i;

	if ((p = r->proof) == NULL)
		return EXIT_UNREACHABLE;
	n = sodium_base64_encoded_len(p->leaf.len,
	    sodium_base64_VARIANT_ORIGINAL);
	if ((leaf64 = malloc(n)) == NULL)
		return EXIT_UNREACHABLE;
	sodium_bin2base64(leaf64, n, p->leaf.data, p->leaf.len,
	    sodium_base64_VARIANT_ORIGINAL);
	if (ctx->json) {
		printf("{\"seq\":%llu,\"leaf\":\"%s\",\"leaf_hash\":",
		    (unsigned long long)p->seq, leaf64);
		json_hex(stdout, p->leaf_hash.data, p->leaf_hash.len);
		printf(",\"tree_size\":%llu,\"inclusion\":",
		    (unsigned long long)p->tree_size);
		hash_list(p->inclusion, p->n_inclusion);
		printf(",\"root\":");
		json_hex(stdout, p->root.data, p->root.len);
		printf(",\"checkpoint\":");
		json_str(stdout, p->checkpoint);
		/* The personal text the leaf commits to, and its salt:
		 * SHA-256(salt || note) is the leaf's note_commitment. */
		printf(",\"note\":");
		json_str(stdout, p->note);
		printf(",\"note_salt\":");
		json_hex(stdout, p->note_salt.data, p->note_salt.len);
		printf(",\"erased\":%s", p->erased ? "true" : "false");
		printf("}\n");
	} else {
		text_pad(stdout, _("entry"), 14);
		printf(_(" %llu of a tree of %llu\n"),
		    (unsigned long long)p->seq,
		    (unsigned long long)p->tree_size);
		text_pad(stdout, _("leaf"), 14);
		printf(" %s\n", leaf64);
		hex_line(_("leaf hash"), &p->leaf_hash);
		for (i = 0; i < p->n_inclusion; i++)
			hex_line(i ? "" : _("inclusion"), &p->inclusion[i]);
		hex_line(_("root"), &p->root);
		if (p->erased) {
			text_pad(stdout, _("note"), 14);
			printf(" %s\n", _("text and documents erased"));
		}
		if (p->note_salt.len) {
			text_pad(stdout, _("note"), 14);
			printf(" %s\n", p->note);
			hex_line(_("salt"), &p->note_salt);
		}
		if (*p->checkpoint)
			printf("\n%s", p->checkpoint);
	}
	free(leaf64);
	return EXIT_DONE;
}

static int
proof(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Proof		 m = BORGERBUDGET__V1__PROOF__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	int				 rc;

	if ((rc = arg_u64(ctx, "SEQ", a->pos[0], &m.seq)) ||
	    (arg(a, "--size") &&
	    (rc = arg_u64(ctx, "--size", arg(a, "--size"), &m.size))))
		return rc;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_PROOF;
	op.proof = &m;
	return ctl_show(ctx, &op, proof_print);
}

static int
consistency_print(struct ctx *ctx, const PbResult *r)
{
	const Borgerbudget__V1__ConsistencyInfo *c;
	size_t				 i;

	if ((c = r->consistency) == NULL)
		return EXIT_UNREACHABLE;
	if (ctx->json) {
		printf("{\"old_size\":%llu,\"new_size\":%llu,\"old_root\":",
		    (unsigned long long)c->old_size,
		    (unsigned long long)c->new_size);
		json_hex(stdout, c->old_root.data, c->old_root.len);
		printf(",\"new_root\":");
		json_hex(stdout, c->new_root.data, c->new_root.len);
		printf(",\"proof\":");
		hash_list(c->proof, c->n_proof);
		printf("}\n");
	} else {
		text_pad(stdout, _("old size"), 14);
		printf(" %llu\n", (unsigned long long)c->old_size);
		hex_line(_("old root"), &c->old_root);
		text_pad(stdout, _("new size"), 14);
		printf(" %llu\n", (unsigned long long)c->new_size);
		hex_line(_("new root"), &c->new_root);
		for (i = 0; i < c->n_proof; i++)
			hex_line(i ? "" : _("proof"), &c->proof[i]);
	}
	return EXIT_DONE;
}

static int
consistency(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Consistency	 m = BORGERBUDGET__V1__CONSISTENCY__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	int				 rc;

	if ((rc = arg_u64(ctx, "OLD_SIZE", a->pos[0], &m.old_size)) ||
	    (rc = arg_u64(ctx, "NEW_SIZE", a->pos[1], &m.new_size)))
		return rc;
	if (m.old_size > m.new_size)
		return usage_error(ctx, "OLD_SIZE is larger than NEW_SIZE");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_CONSISTENCY;
	op.consistency = &m;
	return ctl_show(ctx, &op, consistency_print);
}

/* Recorded time in Copenhagen, to the second, for people. */
static void
recorded_text(int64_t us, char *buf, size_t len)
{
	time_t		 t = (time_t)(us / 1000000);
	struct tm	 tm;

	strftime(buf, len, "%Y-%m-%d %H:%M:%S", localtime_r(&t, &tm));
}

static int
audit_print(struct ctx *ctx, const PbResult *r)
{
	const Borgerbudget__V1__AuditInfo *ai;
	const Borgerbudget__V1__AuditLine *l;
	PbEntry				*e;
	size_t				 i;
	int				 rc = EXIT_DONE;
	char				 at[32];
	int				 width = op_width();

	if ((ai = r->audit) == NULL)
		return EXIT_UNREACHABLE;
	if (ctx->json) {
		printf("{\"citizen\":");
		json_str(stdout, ai->citizen);
		printf(",\"chain_intact\":%s,\"entries\":[",
		    ai->chain_intact ? "true" : "false");
	} else {
		printf(ai->chain_intact ?
		    _("Audit trail for %s: the chain is intact\n") :
		    _("Audit trail for %s: the chain is BROKEN\n"),
		    ai->citizen);
	}
	for (i = 0; i < ai->n_lines; i++) {
		l = ai->lines[i];
		if ((e = entry_decode_text(&l->entry, l->note,
		    &l->note_salt, l->erased)) == NULL) {
			rc = EXIT_UNREACHABLE;
			break;
		}
		if (ctx->json) {
			printf(i ? "," : "");
			entry_json_fields(stdout, &l->entry, e);
			printf(",\"reversed_by\":%llu,\"chain_ok\":%s}",
			    (unsigned long long)l->reversed_by,
			    l->chain_ok ? "true" : "false");
		} else {
			printf("\n%6llu  ", (unsigned long long)e->seq);
			text_pad(stdout, entry_op_text((int)e->op), width);
			recorded_text(e->recorded_at, at, sizeof(at));
			printf(_(" value date %s, recorded %s by %s "
			    "(%s, uid %u)\n"), e->value_date, at,
			    e->actor ? e->actor->name : "?",
			    e->actor ? e->actor->role : "?",
			    e->actor ? e->actor->uid : 0);
			printf("        %s", kr(e->amount));
			if (*e->debit)
				printf(" %s -> %s", e->credit, e->debit);
			if (*e->voucher)
				printf(_(", voucher %s"), e->voucher);
			if (e->receipt_sha256.len)
				printf(_(" (document %s, %llu bytes)"),
				    e->receipt_type,
				    (unsigned long long)e->receipt_size);
			if (entry_is_erased(e))
				printf(", %s", _("text and documents erased"));
			else if (*e->note)
				printf(", \"%s\"", entry_note_text(e));
			printf("\n");
			if (e->reverses)
				printf(_("        reverses %llu\n"),
				    (unsigned long long)e->reverses);
			if (l->reversed_by)
				printf(_("        reversed by %llu\n"),
				    (unsigned long long)l->reversed_by);
			printf(_("        leaf "));
			hex_text(stdout, l->leaf_hash.data, l->leaf_hash.len);
			printf("%s\n", l->chain_ok ? "" : _("  CHAIN BROKEN"));
		}
	}
	if (ctx->json && rc == EXIT_DONE)
		printf("]}\n");
	return rc;
}

static int
audit(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Audit		 m = BORGERBUDGET__V1__AUDIT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;

	m.citizen = a->pos[0];
	op.kind_case = BORGERBUDGET__V1__OP__KIND_AUDIT;
	op.audit = &m;
	return ctl_show(ctx, &op, audit_print);
}

static int
verify_print(struct ctx *ctx, const PbResult *r)
{
	if (ctx->json) {
		printf("{\"status\":\"ok\",\"verified\":");
		json_str(stdout, r->verified);
		printf("}\n");
	} else {
		printf("%s\n", r->verified);
	}
	return EXIT_DONE;
}

static int
verify(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Verify	 m = BORGERBUDGET__V1__VERIFY__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;

	(void)a;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_VERIFY;
	op.verify = &m;
	return ctl_show(ctx, &op, verify_print);
}

static const char *const proof_opts[] = { "--size", NULL };

const struct command cmd_proof = { "proof", "SEQ [--size N]", 1, 1,
    proof_opts, proof, NULL };
const struct command cmd_verify = { "verify", "", 0, 0, NULL, verify,
    NULL };
const struct command cmd_audit = { "audit", "CITIZEN", 1, 1, NULL, audit,
    NULL };
const struct command cmd_consistency = { "consistency", "OLD_SIZE NEW_SIZE",
    2, 2, NULL, consistency, NULL };

static const char *const checkpoint_flags[] = { "--verifier-key", NULL };

const struct command cmd_checkpoint = { "checkpoint", "[--verifier-key]", 0,
    0, NULL, checkpoint, checkpoint_flags };
