"""Voucher documents for the tests and the demo, made at run time (no
binary blobs in the repository): a PDF invoice with real text, a PNG and a
JPEG, each padded to an exact size when one is asked for.

    documents.py pdf|png|jpeg FILE [SIZE] [TEXT]

A PDF is a minimal PDF 1.4 with one A4 page of Helvetica text; its size is
reached with a comment before %%EOF (readers skip comments). A PNG is a
valid image (zlib, CRC per chunk) padded with a private ancillary chunk;
a JPEG is a baseline-free stub: SOI, a COM segment, EOI. The daemon tells
types from their magic bytes, which all three carry."""

import struct
import sys
import zlib


def pdf(text, size=None):
    lines = text.split("\n")
    stream = "BT /F1 12 Tf 56 780 Td 16 TL\n"
    for line in lines:
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream += "(%s) Tj T*\n" % esc
    stream += "ET"
    body = stream.encode("latin-1", "replace")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n" % (
        len(objs) + 1, xref)
    return pad(out, size, b"%%EOF\n", lambda n: b"%" + b"x" * (n - 2) + b"\n",
               2)


def fill(n, text):
    b = (text.encode() or b"\x00") * (n // max(1, len(text)) + 1)
    return b[:n]


def png(size=None, text=""):
    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(
            ">I", zlib.crc32(c) & 0xffffffff)
    w, h = 8, 8
    raw = b"".join(b"\x00" + b"\xff\x80\x00" * w for _ in range(h))
    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(
        ">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw))
    end = chunk(b"IEND", b"")
    return pad(head, size, end, lambda n: chunk(b"prVt", fill(n - 12, text)),
               12)


def jpeg(size=None, text=""):
    head = b"\xff\xd8"
    end = b"\xff\xd9"

    def com(n):
        out = b""
        while n > 0:
            k = min(n, 65535 + 2)
            if n - k and n - k < 4:
                k = n - 4
            out += b"\xff\xfe" + struct.pack(">H", k - 2) + fill(k - 4, text)
            n -= k
        return out
    return pad(head, size, end, com, 4)


def pad(head, size, end, filler, least):
    if size is None:
        return head + end
    n = size - len(head) - len(end)
    if n == 0:
        return head + end
    if n < least:
        sys.exit("documents.py: %d bytes is too small" % size)
    return head + filler(n) + end


def main():
    kind, path = sys.argv[1], sys.argv[2]
    size = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] else None
    text = sys.argv[4] if len(sys.argv) > 4 else "Faktura"
    data = {"pdf": lambda: pdf(text, size), "png": lambda: png(size, text),
            "jpeg": lambda: jpeg(size, text)}[kind]()
    if size is not None and len(data) != size:
        sys.exit("documents.py: made %d bytes, not %d" % (len(data), size))
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
