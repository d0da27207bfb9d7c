"""Checks a drawn report or statement against budgetctl's JSON of it.
usage: draw_check.py svg-categories SVG JSON
       draw_check.py svg-pools SVG JSON
       draw_check.py pdf-statement TEXT JSON [LABELS]
(TEXT: pdftotext -layout; LABELS: the JSON of report categories, whose
"label" is what the PDF prints for a "category")
Amounts are read as they are printed ("1.234,50 kr.") and turned back
into øre, so a test compares what a reader sees with the JSON."""
import json, re, sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def ore(text):
    m = re.fullmatch(r"(-?)([\d.]+),(\d\d) kr\.", text.strip())
    assert m, "not an amount: %r" % text
    v = int(m.group(2).replace(".", "")) * 100 + int(m.group(3))
    return -v if m.group(1) else v


def kr(v):
    whole = "{:,}".format(abs(v) // 100).replace(",", ".")
    return "%s%s,%02d kr." % ("-" if v < 0 else "", whole, abs(v) % 100)


def texts(g, cls):
    return [t.text for t in g.iter(NS + "text") if t.get("class") == cls]


def groups(root, cls):
    return [g for g in root.iter(NS + "g") if g.get("class") == cls]


def svg_categories(svg, js):
    root = ET.parse(svg).getroot()
    want = json.load(open(js))
    bars = groups(root, "bar")
    # The label people read; the slug stays the group's data-name.
    assert [texts(g, "label")[0] for g in bars] == \
        [c.get("label", c["category"]) for c in want], "labels"
    for g, c in zip(bars, want):
        assert g.get("data-name") == c["category"]
        assert ore(texts(g, "amount")[0]) == c["total"], (c, texts(g, "amount"))
        who = texts(g, "citizens")[0]
        assert who.startswith("%d borger" % c["citizens"]), (c, who)
        assert ("· %d køb" % c["purchases"]) in who, (c, who)
        # A bar for what was spent, none for nothing.
        assert (len(list(g.iter(NS + "rect"))) == 1) == (c["total"] > 0), c
    total = [t.text for t in root.iter(NS + "text") if t.get("class") == "total"]
    assert ore(total[0]) == sum(c["total"] for c in want), total
    print("%d bars, labels and amounts as the JSON" % len(bars))


def svg_pools(svg, js):
    root = ET.parse(svg).getroot()
    want = json.load(open(js))
    pools = groups(root, "pool")
    assert [g.get("data-name") for g in pools] == [p["pool"] for p in want]
    for g, p in zip(pools, want):
        for field in ("funded", "granted", "spent", "returned"):
            bar = [b for b in g.iter(NS + "g") if b.get("class") == field]
            assert len(bar) == 1, field
            assert ore(texts(bar[0], "amount")[0]) == p[field], (field, p)
        u = texts(g, "utilisation")[0]
        assert ("%.1f" % p["utilisation"]).replace(".", ",") in u, (u, p)
        print("pool %s: %s" % (p["pool"], texts(g, "pool-name")[0]))


def pdf_statement(txt, js, labels=None):
    text = open(txt, encoding="utf-8").read()
    s = json.load(open(js))
    names = {c["category"]: c.get("label", c["category"])
             for c in json.load(open(labels))} if labels else {}
    for l in s["lines"]:
        l["category"] = names.get(l["category"], l["category"])
    flat = re.sub(r"\s+", " ", text)
    assert s["citizen"] in text, "citizen"
    for l in s["lines"]:
        if l["op"] in ("spend", "capture", "refund"):
            row = [r for r in text.splitlines()
                   if r.startswith(l["value_date"]) and l["voucher"] in r
                   and l["category"] in r and kr(l["change"]) in r]
            assert row, "no line for %s" % l
    # Totals per category: what the lines of the period spent.
    spent = {}
    for l in s["lines"]:
        if l["category"] and l["change"]:
            spent[l["category"]] = spent.get(l["category"], 0) - l["change"]
    part = flat.split("Forbrug pr. kategori i perioden", 1)[1]
    for cat, v in spent.items():
        m = re.search(re.escape(cat) + r" (-?[\d.]+,\d\d kr\.)", part)
        assert m and ore(m.group(1)) == v, (cat, v, m and m.group(1))
    for label, field in (("Saldo primo", "opening_balance"),
                         ("Saldo ultimo", "closing_balance")):
        m = re.search(label + r" \([^)]*\) (-?[\d.]+,\d\d kr\.)", flat)
        assert m and ore(m.group(1)) == s[field], (label, m and m.group(1))
    print("%d lines, %d categories, balances as the JSON" %
          (len(s["lines"]), len(spent)))


{"svg-categories": svg_categories, "svg-pools": svg_pools,
 "pdf-statement": pdf_statement}[sys.argv[1]](*sys.argv[2:])
