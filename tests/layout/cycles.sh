#!/bin/sh
# cycles.sh [BUILD]: fails when the daemon's or the client's object files
# call each other in a circle, naming it. An arrow A -> B is "A.o uses a
# symbol B.o defines" (nm: U in A, T/D/B/R in B); the daemon's graph is
# checked per file and per part (its folders), the client's per file.
set -eu
B=${1:-${B:-build}}
bad=0
for dir in "$B/daemon" "$B/client"; do
[ -d "$dir" ] || { echo "cycles.sh: no $dir (build first)"; exit 2; }
printf '%s: ' "${dir#"$B"/}"
find "$dir" -name '*.o' | sort | xargs nm -A | awk -v d="$dir/" '
    { split($1, f, ":"); o = substr(f[1], length(d) + 1) }
    $2 == "U" { print "U", o, $3 }
    NF == 3 && $2 ~ /^[TDBR]$/ { print "D", o, $3 }' | python3 -c '
import sys, collections
defs, uses = {}, collections.defaultdict(set)
for line in sys.stdin:
    kind, obj, sym = line.split()
    if kind == "D":
        defs[sym] = obj
    else:
        uses[obj].add(sym)
files = collections.defaultdict(set)
for obj, syms in uses.items():
    for s in syms:
        if s in defs and defs[s] != obj:
            files[obj].add(defs[s])

def cycle(graph):
    """A cycle of graph as a list of nodes, or None (iterative DFS)."""
    state = {}
    for root in sorted(graph):
        if root in state:
            continue
        stack = [(root, iter(sorted(graph[root])))]
        path = [root]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            for nxt in it:
                if state.get(nxt) == 1:
                    return path[path.index(nxt):] + [nxt]
                if nxt not in state:
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    break
            else:
                state[node] = 2
                stack.pop()
                path.pop()
    return None

parts = collections.defaultdict(set)
for a, bs in files.items():
    for b in bs:
        pa, pb = a.rsplit("/", 1)[0] if "/" in a else "", b.rsplit("/", 1)[0] if "/" in b else ""
        if pa != pb:
            parts[pa].add(pb)
bad = 0
for what, graph in (("file", files), ("part", parts)):
    c = cycle(graph)
    if c:
        print("a %s cycle: %s" % (what, " -> ".join(x.replace(".o", "") for x in c)))
        bad = 1
n = sum(len(v) for v in files.values())
print("%d files, %d arrows between them, %d parts%s" % (len(set(files) | {b for v in files.values() for b in v}), n, len(parts), ": no cycle" if not bad else ""))
sys.exit(bad)
' || bad=1
done
exit $bad
