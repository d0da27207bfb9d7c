/* checkpoint [--verifier-key] */

#include <stdlib.h>

#include <sodium.h>

#include "budgetctl.h"

static int
checkpoint(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Checkpoint	 m = BORGERBUDGET__V1__CHECKPOINT__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	int				 rc;

	m.verifier_key = arg(a, "--verifier-key") != NULL;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_CHECKPOINT;
	op.checkpoint = &m;
	if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	/* The note exactly as signed: a verifier hashes these bytes. */
	if (m.verifier_key)
		printf("%s\n", r->verifier_key);
	else
		fputs(r->checkpoint, stdout);
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return EXIT_DONE;
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

static void
hex_line(const char *label, const ProtobufCBinaryData *h)
{
	printf("%-14s ", label);
	for (size_t i = 0; i < h->len; i++)
		printf("%02x", h->data[i]);
	printf("\n");
}

static int
proof(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Proof		 m = BORGERBUDGET__V1__PROOF__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	const Borgerbudget__V1__ProofInfo *p;
	char				*leaf64;
	size_t				 n, i;
	int				 rc;

	if ((rc = arg_u64(ctx, "SEQ", a->pos[0], &m.seq)) ||
	    (arg(a, "--size") &&
	    (rc = arg_u64(ctx, "--size", arg(a, "--size"), &m.size))))
		return rc;
	op.kind_case = BORGERBUDGET__V1__OP__KIND_PROOF;
	op.proof = &m;
	if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	if ((p = r->proof) == NULL) {
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		return EXIT_UNREACHABLE;
	}
	n = sodium_base64_encoded_len(p->leaf.len,
	    sodium_base64_VARIANT_ORIGINAL);
	if ((leaf64 = malloc(n)) == NULL) {
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		return EXIT_UNREACHABLE;
	}
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
		printf("}\n");
	} else {
		printf("%-14s %llu of a tree of %llu\n", "entry",
		    (unsigned long long)p->seq,
		    (unsigned long long)p->tree_size);
		printf("%-14s %s\n", "leaf", leaf64);
		hex_line("leaf hash", &p->leaf_hash);
		for (i = 0; i < p->n_inclusion; i++)
			hex_line(i ? "" : "inclusion", &p->inclusion[i]);
		hex_line("root", &p->root);
		if (*p->checkpoint)
			printf("\n%s", p->checkpoint);
	}
	free(leaf64);
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return EXIT_DONE;
}

static int
consistency(struct ctx *ctx, struct args *a)
{
	Borgerbudget__V1__Consistency	 m = BORGERBUDGET__V1__CONSISTENCY__INIT;
	PbOp				 op = BORGERBUDGET__V1__OP__INIT;
	PbResponse			*resp;
	PbResult			*r;
	const Borgerbudget__V1__ConsistencyInfo *c;
	size_t				 i;
	int				 rc;

	if ((rc = arg_u64(ctx, "OLD_SIZE", a->pos[0], &m.old_size)) ||
	    (rc = arg_u64(ctx, "NEW_SIZE", a->pos[1], &m.new_size)))
		return rc;
	if (m.old_size > m.new_size)
		return usage_error(ctx, "OLD_SIZE is larger than NEW_SIZE");
	op.kind_case = BORGERBUDGET__V1__OP__KIND_CONSISTENCY;
	op.consistency = &m;
	if ((rc = ctl_one(ctx, &op, &resp, &r)) != EXIT_DONE)
		return rc;
	if ((c = r->consistency) == NULL) {
		borgerbudget__v1__response__free_unpacked(resp, NULL);
		return EXIT_UNREACHABLE;
	}
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
		printf("%-14s %llu\n", "old size",
		    (unsigned long long)c->old_size);
		hex_line("old root", &c->old_root);
		printf("%-14s %llu\n", "new size",
		    (unsigned long long)c->new_size);
		hex_line("new root", &c->new_root);
		for (i = 0; i < c->n_proof; i++)
			hex_line(i ? "" : "proof", &c->proof[i]);
	}
	borgerbudget__v1__response__free_unpacked(resp, NULL);
	return EXIT_DONE;
}

static const char *const proof_opts[] = { "--size", NULL };

const struct command cmd_proof = { "proof", "SEQ [--size N]", 1, 1,
    proof_opts, proof, NULL };
const struct command cmd_consistency = { "consistency", "OLD_SIZE NEW_SIZE",
    2, 2, NULL, consistency, NULL };

static const char *const checkpoint_flags[] = { "--verifier-key", NULL };

const struct command cmd_checkpoint = { "checkpoint", "[--verifier-key]", 0,
    0, NULL, checkpoint, checkpoint_flags };
