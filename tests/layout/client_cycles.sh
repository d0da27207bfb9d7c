#!/bin/sh
# The client's files call each other in one direction only: budgetctl.c
# reaches the commands, the commands reach the helpers, never back.
# From the objects, "A uses a symbol B defines" for client/*.c; a cycle
# in that file graph is printed and fails.
#
#   tests/layout/client_cycles.sh [BUILD_DIR]	(default build)

B=${1:-build}
dir=$B/client

set -- "$dir"/*.o
if [ ! -f "$1" ]; then
	echo "client_cycles: no objects in $dir (run make first)" >&2
	exit 2
fi

for o in "$@"; do
	f=$(basename "$o" .o).c
	nm -g --defined-only "$o" | awk -v f="$f" 'NF == 3 { print "D", f, $3 }' ||
	    exit 2
	nm -u "$o" | awk -v f="$f" '{ print "U", f, $NF }' || exit 2
done | awk '
$1 == "D" { def[$3] = $2; files[$2] = 1; next }
$1 == "U" { use[++nuse] = $2 " " $3; files[$2] = 1 }

function visit(v,	i, w) {
	state[v] = 1
	path[++depth] = v
	for (i = 1; i <= nout[v]; i++) {
		w = out[v, i]
		if (state[w] == 1) {
			report(w)
			return 1
		}
		if (state[w] == 0 && visit(w))
			return 1
	}
	depth--
	state[v] = 2
	return 0
}

function report(w,	i, s, from, to) {
	for (s = depth; path[s] != w; s--)
		;
	line = path[s]
	for (i = s; i <= depth; i++)
		line = line " -> " (i < depth ? path[i + 1] : w)
	print "client_cycles: cycle: " line
	for (i = s; i <= depth; i++) {
		from = path[i]
		to = i < depth ? path[i + 1] : w
		print "  " from " -> " to ":" syms[from, to]
	}
}

END {
	for (i = 1; i <= nuse; i++) {
		split(use[i], u, " ")
		if (!(u[2] in def) || def[u[2]] == u[1])
			continue
		to = def[u[2]]
		if (!((u[1], to) in syms)) {
			out[u[1], ++nout[u[1]]] = to
			nedges++
		}
		syms[u[1], to] = syms[u[1], to] " " u[2]
	}
	n = 0
	for (f in files)
		sorted[++n] = f
	if (n == 0) {
		print "client_cycles: nm read no symbols" > "/dev/stderr"
		exit 2
	}
	for (i = 2; i <= n; i++)	# a stable order, the same each run
		for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) {
			t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t
		}
	for (i = 1; i <= n; i++)
		if (state[sorted[i]] == 0 && visit(sorted[i]))
			exit 1
	printf "client_cycles: no cycles: %d files, %d edges\n", n, nedges + 0
}'
