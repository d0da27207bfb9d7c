"""A connection to budgetd for the Python scenarios: the length-prefixed
protobuf frames of README's "Protocol", with Google's protobuf runtime.
The module borgerbudget_pb2 (protoc --python_out) must be importable:
put its directory on sys.path first."""
import socket, struct

import borgerbudget_pb2 as pb


class Budgetd:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.connect(path)

    def send(self, ops, atomic=False):
        body = pb.Request(ops=ops, atomic=atomic).SerializeToString()
        self.s.sendall(struct.pack(">I", len(body)) + body)

    def recv(self):
        n = struct.unpack(">I", self._read(4))[0]
        resp = pb.Response()
        resp.ParseFromString(self._read(n))
        return resp

    def call(self, ops, atomic=False):
        self.send(ops, atomic)
        return self.recv()

    def _read(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise SystemExit("budgetd closed the connection")
            buf += chunk
        return buf


def check(cond, what):
    if not cond:
        raise SystemExit("FAIL: " + what)
