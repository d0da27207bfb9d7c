"""A paged statement against the whole one: budgetctl's JSON (pages read
ahead, balances added up in budgetctl) must hold the lines and balances
the daemon gives in one answer (Statement.page = 0), and pages of any size
must put the citizen's entries together again.
usage: statement_pages.py SOCKET PYDIR CITIZEN OTHER_SEQ BUDGETCTL_JSON [FROM TO]"""
import json, socket, struct, sys

sys.path.insert(0, sys.argv[2])
import borgerbudget_pb2 as pb

sock_path, citizen, other_seq = sys.argv[1], sys.argv[3], int(sys.argv[4])
ours = json.load(open(sys.argv[5]))
dates = sys.argv[6:8] if len(sys.argv) > 7 else ["", ""]
s = socket.socket(socket.AF_UNIX)
s.connect(sock_path)


def recv(n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            sys.exit("FAIL: budgetd closed the connection")
        buf += chunk
    return buf


def statement(**kw):
    body = pb.Request(ops=[pb.Op(statement=pb.Statement(citizen=citizen,
        **kw))]).SerializeToString()
    s.sendall(struct.pack(">I", len(body)) + body)
    r = pb.Response()
    r.ParseFromString(recv(struct.unpack(">I", recv(4))[0]))
    return r.results[0]


def check(cond, what):
    if not cond:
        sys.exit("FAIL: " + what)


def seq_of(line):
    e = pb.Entry()
    e.ParseFromString(line.entry)
    return e.seq


# The whole statement, balances by the daemon, against budgetctl's.
whole = statement(**{"from": dates[0], "to": dates[1]})
check(whole.code == pb.OK, "whole: %s" % whole)
want = [(seq_of(l), l.balance) for l in whole.statement.lines]
got = [(l["seq"], l["balance"]) for l in ours["lines"]]
check(len(want) > 0 and got == want,
      "budgetctl's %d lines differ from the daemon's %d" % (len(got), len(want)))
print("budgetctl's %d lines and balances are the daemon's" % len(got))
# Each line's personal text is its own entry's, in value-date order too
# (a system note such as "moved" is in the entry, not beside it).
notes = [(seq_of(l), l.note) for l in whole.statement.lines]
mine = [(l["seq"], l["note"]) for l in ours["lines"]]
check(any(n for _, n in notes) and
      all(n == m[1] for (_, n), m in zip(notes, mine) if n),
      "the daemon's notes are not its lines'")
if dates[0]:
    sys.exit(0)

# Pages of several sizes, newest first, put the whole chain together.
every = [seq_of(l) for l in whole.statement.lines]
for size in (1, 3, 7, 1000, 20000):
    seqs, start, pages = [], 0, 0
    while True:
        r = statement(page=size, start_seq=start)
        check(r.code == pb.OK, "page of %d from %d: %s" % (size, start, r))
        check(len(r.statement.lines) <= min(size, 10000), "page too long")
        check((len(r.statement.courses) > 0) == (pages == 0),
              "courses on page %d" % pages)
        page = [seq_of(l) for l in r.statement.lines]
        check(page == sorted(page, reverse=True), "not newest first")
        check(all(l.balance == 0 for l in r.statement.lines), "a balance")
        seqs += page
        pages += 1
        start = r.statement.next_seq
        if start == 0:
            break
        check(start < page[-1], "next_seq %d after %d" % (start, page[-1]))
    # The whole statement is in value-date order, pages in journal order.
    check(seqs[::-1] == sorted(every), "pages of %d: %d entries, want %d" %
          (size, len(seqs), len(every)))
    print("pages of %d: %d pages, every entry once" % (size, pages))

# A start that is not one of the citizen's entries; dates with pages.
r = statement(page=10, start_seq=other_seq)
check(r.code == pb.BAD_REQUEST, "someone else's entry: %s" % r)
r = statement(page=10, start_seq=10**12)
check(r.code == pb.BAD_REQUEST, "no such entry: %s" % r)
r = statement(page=10, **{"from": "2020-01-01"})
check(r.code == pb.BAD_REQUEST, "dates with pages: %s" % r)
print("refused: another citizen's entry, a missing one, dates with pages")
