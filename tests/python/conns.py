"""Raw connections to budgetd for the connection-limit scenarios: open
one (as another user when root), tell whether the daemon closed it, time
a budgetctl status."""
import os, socket, subprocess, time


def conn(path, uid=None):
    """A connection, made as uid when one is given (root only)."""
    s = socket.socket(socket.AF_UNIX)
    if uid is None or uid == os.geteuid():
        s.connect(path)
        return s
    os.seteuid(uid)
    try:
        s.connect(path)
    finally:
        os.seteuid(0)
    return s


def closed(s, wait=0.05):
    s.settimeout(wait)
    try:
        return s.recv(1, socket.MSG_PEEK) == b""
    except socket.timeout:
        return False
    except ConnectionResetError:
        return True


def gone(s):
    return closed(s, 2)


def status_within(ctl, limit, uid=None):
    t = time.time()
    ok = subprocess.run([ctl, "status"], capture_output=True, timeout=30,
        preexec_fn=None if uid is None else lambda: os.setuid(uid)
        ).returncode == 0
    took = time.time() - t
    who = "" if uid is None else " of uid %d" % uid
    print("status%s answered in %.3f s" % (who, took))
    return ok and took < limit
