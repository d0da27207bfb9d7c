#!/bin/sh
# includes.sh: every #include "..." of the daemon's parts, of the client
# and of common/ follows the arrows the Makefile allows (SEES_part): a
# part sees its own folder, common/, proto/ and the parts it may see; the
# client and common/ see no part at all; only daemon/store/ includes
# <lmdb.h>. The compiler refuses most wrong arrows already (each part is
# built with the -I of the parts it sees); this names every one at once,
# with the file and the line, including paths like "../store/store.h".
set -eu
cd "$(dirname "$0")/../.."
python3 - <<'PY'
import os, re, sys
sees = {}
for line in open("Makefile"):
    m = re.match(r"SEES_(\w+)\s*=(.*)", line)
    if m:
        sees[m.group(1)] = m.group(2).split()
parts = list(sees)
where = {}  # header name -> folder it lives in
for d in ["common", "proto"] + ["daemon/" + p for p in parts]:
    for f in os.listdir(d):
        if f.endswith(".h"):
            where.setdefault(f, []).append(d)
generated = {"borgerbudget.pb-c.h"}
bad = []
def check(path, allowed):
    own = os.path.dirname(path)
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
        if not m:
            continue
        kind, name = m.groups()
        if kind == "<":
            if name == "lmdb.h" and own != "daemon/store":
                bad.append("%s:%d: <lmdb.h> outside daemon/store" % (path, n))
            continue
        if "/" in name:
            bad.append("%s:%d: \"%s\": a path, not a name" % (path, n, name))
            continue
        if name in generated or os.path.exists(os.path.join(own, name)):
            continue
        homes = where.get(name, [])
        if not any(h in allowed for h in homes):
            bad.append("%s:%d: \"%s\" (in %s) is not for %s" % (path, n,
                name, ", ".join(homes) or "nowhere", own))
base = ["common", "proto"]
for p in parts:
    d = "daemon/" + p
    for f in sorted(os.listdir(d)):
        if f.endswith((".c", ".h")):
            check(os.path.join(d, f), base + ["daemon/" + q for q in sees[p]])
for d in ["client", "common", "proto"]:
    for f in sorted(os.listdir(d)):
        if f.endswith((".c", ".h")):
            check(os.path.join(d, f), base)
for b in bad:
    print(b)
print("%d parts; %s" % (len(parts), "%d forbidden includes" % len(bad) if bad else "every include follows the arrows"))
sys.exit(1 if bad else 0)
PY
