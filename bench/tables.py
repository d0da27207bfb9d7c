"""Prints each table of a budgetd database as mdb_stat does: entries,
depth, branch, leaf and overflow pages. A commit that puts one key into
a table copies the path from its root to a leaf, depth pages, so the
depths of the tables a spend writes are the pages a one-spend commit
cannot go below, before LMDB's own (the main table, the free list, the
meta page).  usage: tables.py DATADIR"""
import sys
import lmdb

env = lmdb.open(sys.argv[1], readonly=True, lock=False, max_dbs=64,
    subdir=True)
with env.begin() as txn:
    names = [k for k, _ in txn.cursor()]
    print("%-18s %9s %5s %7s %7s %8s" % ("table", "entries", "depth",
        "branch", "leaf", "overflow"))
    for name in names:
        try:
            db = env.open_db(name, txn=txn, create=False)
        except lmdb.Error:
            continue
        s = txn.stat(db)
        print("%-18s %9d %5d %7d %7d %8d" % (name.decode(errors="replace"),
            s["entries"], s["depth"], s["branch_pages"], s["leaf_pages"],
            s["overflow_pages"]))
