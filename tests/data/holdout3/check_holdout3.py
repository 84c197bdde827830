import csv, collections, os, re, sys
D = os.path.dirname(os.path.abspath(__file__))
SPEC = {
 "lsd_statements.tsv": (["id","statement","core"], None, None),
 "summaries.tsv": (["statement_id","summary","label","reason"], {"ok","not_ok"},
    {"ok","no_check","advice","wrong_or_opposite","parroting","off_topic","missing_core","judging"}),
 "followups.tsv": (["statement_id","question","label","reason"], {"ok","not_ok"},
    {"ok","closed","off_topic","advice","judging","not_a_question"}),
 "angry_messages.tsv": (["id","message"], None, None),
 "replies.tsv": (["message_id","reply","label","reason"], {"ok","not_ok"},
    {"ok","no_acknowledgement","blames_client","blames_colleague","over_promise","no_next_step","negative","defensive"}),
 "rewrites.tsv": (["original","rewrite","label","reason"], {"improved","not_improved"},
    {"ok","still_negative","no_constructive","off_topic","same","over_promise","blame"}),
}
errs = []
data = {}
for fn, (cols, labels, reasons) in SPEC.items():
    raw = open(os.path.join(D, fn), encoding="utf-8").read()
    if "\r" in raw: errs.append(f"{fn}: CR found")
    lines = raw.rstrip("\n").split("\n")
    hdr = lines[0].split("\t")
    if hdr != cols: errs.append(f"{fn}: header {hdr}")
    rows = []
    for i, ln in enumerate(lines[1:], 2):
        f = ln.split("\t")
        if len(f) != len(cols) or any(not x.strip() for x in f):
            errs.append(f"{fn}:{i}: {len(f)} fields / empty field"); continue
        rows.append(dict(zip(cols, f)))
    data[fn] = rows
    if labels:
        good = "ok" if "ok" in labels else "improved"
        for i, r in enumerate(rows, 2):
            if r["label"] not in labels: errs.append(f"{fn}:{i} label {r['label']}")
            if r["reason"] not in reasons: errs.append(f"{fn}:{i} reason {r['reason']}")
            if (r["label"] == good) != (r["reason"] == "ok"): errs.append(f"{fn}:{i} label/reason mismatch")
# ids
sid = [r["id"] for r in data["lsd_statements.tsv"]]
mid = [r["id"] for r in data["angry_messages.tsv"]]
if sid != [f"k{i:02d}" for i in range(1,13)]: errs.append(f"statement ids {sid}")
if mid != [f"km{i:02d}" for i in range(1,9)]: errs.append(f"message ids {mid}")
for fn, key, ids in [("summaries.tsv","statement_id",sid),("followups.tsv","statement_id",sid),("replies.tsv","message_id",mid)]:
    for r in data[fn]:
        if r[key] not in ids: errs.append(f"{fn}: unknown id {r[key]}")
# duplicates
for fn, col in [("summaries.tsv","summary"),("followups.tsv","question"),("replies.tsv","reply"),("rewrites.tsv","rewrite"),("lsd_statements.tsv","statement"),("angry_messages.tsv","message")]:
    c = collections.Counter(r[col] for r in data[fn])
    for t, n in c.items():
        if n > 1: errs.append(f"{fn}: duplicate {t!r}")
# personal data
pat = re.compile(r"@|\b0\d{9}\b|\b06[- ]?\d{8}\b|https?://")
for fn, rows in data.items():
    for r in rows:
        for v in r.values():
            if pat.search(v): errs.append(f"{fn}: possible personal data {v!r}")
# report
for fn in SPEC:
    rows = data[fn]
    print(f"\n== {fn}: {len(rows)} rows")
    if "label" in rows[0]:
        print("  labels :", dict(collections.Counter(r["label"] for r in rows)))
        print("  reasons:", dict(sorted(collections.Counter(r["reason"] for r in rows).items())))
    key = "statement_id" if "statement_id" in rows[0] else ("message_id" if "message_id" in rows[0] else ("original" if "original" in rows[0] else None))
    if key:
        per = collections.Counter(r[key] for r in rows)
        print(f"  per {key}: n={len(per)} min={min(per.values())} max={max(per.values())}")
        if "label" in rows[0]:
            good = "ok" if "ok" in {r['label'] for r in rows} else "improved"
            mixed = all(len({r['label'] for r in rows if r[key]==k})==2 for k in per)
            print("  every group has good and bad rows:", mixed)
rw = data["rewrites.tsv"]
wc = lambda s: len(s.split())
si = sum(1 for r in rw if r["label"]=="improved" and wc(r["rewrite"])<=9)
ln = sum(1 for r in rw if r["label"]=="not_improved" and wc(r["rewrite"])>=20)
li = sum(1 for r in rw if r["label"]=="improved" and wc(r["rewrite"])>=20)
sn = sum(1 for r in rw if r["label"]=="not_improved" and wc(r["rewrite"])<=9)
print(f"\n  rewrites: short(<=9) improved={si}, long(>=20) not_improved={ln}, long improved={li}, short not_improved={sn}")
import statistics
for lab in ("improved","not_improved"):
    print(f"  mean words {lab}: {statistics.mean(wc(r['rewrite']) for r in rw if r['label']==lab):.1f}")
rp = data["replies.tsv"]
for lab in ("ok","not_ok"):
    ws=[wc(r['reply']) for r in rp if r['label']==lab]
    print(f"  replies {lab}: mean words {statistics.mean(ws):.1f}, min {min(ws)}, max {max(ws)}")

# expected sizes (holdout3)
EXPECT = {"lsd_statements.tsv": 12, "summaries.tsv": 84, "followups.tsv": 72,
          "angry_messages.tsv": 8, "replies.tsv": 56, "rewrites.tsv": 60}
for fn, n in EXPECT.items():
    if len(data[fn]) != n: errs.append(f"{fn}: {len(data[fn])} rows, expected {n}")
for fn, key, per in [("summaries.tsv","statement_id",7),("followups.tsv","statement_id",6),("replies.tsv","message_id",7)]:
    for k, c in collections.Counter(r[key] for r in data[fn]).items():
        if c != per: errs.append(f"{fn}: {k} has {c} rows, expected {per}")
MINREASON = {"summaries.tsv": 6, "followups.tsv": 6, "replies.tsv": 5, "rewrites.tsv": 5}
for fn, mn in MINREASON.items():
    allowed = SPEC[fn][2] - {"ok"}
    cnt = collections.Counter(r["reason"] for r in data[fn])
    for rs in allowed:
        if cnt[rs] < mn: errs.append(f"{fn}: reason {rs} has {cnt[rs]} rows (<{mn})")
# label balance (Part A)
def share(fn, good):
    rows = data[fn]
    return sum(1 for r in rows if r["label"] == good) / len(rows)
for fn, good, lo, hi in [("summaries.tsv","ok",0.45,0.55),("followups.tsv","ok",0.50,0.60),
                         ("replies.tsv","ok",0.35,0.45),("rewrites.tsv","improved",0.50,0.50)]:
    sh = share(fn, good)
    print(f"  {fn}: share {good} = {sh:.3f}")
    if not (lo <= sh <= hi): errs.append(f"{fn}: share {good} {sh:.3f} outside [{lo},{hi}]")
orig = collections.Counter(r["original"] for r in data["rewrites.tsv"])
if len(orig) != 20: errs.append(f"rewrites.tsv: {len(orig)} originals, expected 20")
if si < 15: errs.append(f"rewrites: only {si} short improved")
for fn, key in [("summaries.tsv","statement_id"),("followups.tsv","statement_id"),("replies.tsv","message_id"),("rewrites.tsv","original")]:
    for k in {r[key] for r in data[fn]}:
        if len({r["label"] for r in data[fn] if r[key] == k}) < 2: errs.append(f"{fn}: group {k!r} has only one label")
if ln < 12: errs.append(f"rewrites: only {ln} long not_improved")

# ---------------- Part B: taaldata/ (format of /work/shared/taaldata) ----------------
TSPEC = {
 "taaldata/questions.tsv": (["text","label"], {"open","closed"}, 160),
 "taaldata/sentences.tsv": (["text","label"], {"positive","negative"}, 130),
 "taaldata/rewrites.tsv": (["original","rewrite","label"], {"improved","not_improved"}, 70),
}
for fn, (cols, labels, n) in TSPEC.items():
    raw = open(os.path.join(D, fn), encoding="utf-8").read()
    if "\r" in raw: errs.append(f"{fn}: CR found")
    lines = raw.rstrip("\n").split("\n")
    if lines[0].split("\t") != cols: errs.append(f"{fn}: header {lines[0].split(chr(9))}")
    shared = os.path.join("/work/shared/taaldata", os.path.basename(fn))
    if os.path.exists(shared):  # header only: compare with the shared file's first line
        with open(shared, encoding="utf-8") as fh:
            if fh.readline().rstrip("\n").split("\t") != cols: errs.append(f"{fn}: header differs from {shared}")
    rows = []
    for i, ln in enumerate(lines[1:], 2):
        f = ln.split("\t")
        if len(f) != len(cols) or any(not x.strip() for x in f):
            errs.append(f"{fn}:{i}: {len(f)} fields / empty field"); continue
        rows.append(dict(zip(cols, f)))
        if f[-1] not in labels: errs.append(f"{fn}:{i} label {f[-1]!r}")
    data[fn] = rows
    if len(rows) != n: errs.append(f"{fn}: {len(rows)} rows, expected {n}")
    tc = cols[-2]
    for t, c in collections.Counter(r[tc] for r in rows).items():
        if c > 1: errs.append(f"{fn}: duplicate {t!r}")
    for r in rows:
        for v in r.values():
            if pat.search(v): errs.append(f"{fn}: possible personal data {v!r}")
    cnt = collections.Counter(r["label"] for r in rows)
    print(f"\n== {fn}: {len(rows)} rows, labels {dict(cnt)}")
    for lab in labels:
        sh = cnt[lab] / max(1, len(rows))
        if not (0.45 <= sh <= 0.55): errs.append(f"{fn}: share {lab} {sh:.3f} outside [0.45,0.55]")
    if fn.endswith("rewrites.tsv"):
        per = collections.Counter(r["original"] for r in rows)
        print(f"  originals: {len(per)}, rewrites per original min={min(per.values())} max={max(per.values())}")
        for r in rows:
            if r["rewrite"] == r["original"] and r["label"] == "improved":
                errs.append(f"{fn}: identical rewrite labelled improved {r['rewrite']!r}")
        for k in per:
            if len({r["label"] for r in rows if r["original"] == k}) < 2: errs.append(f"{fn}: group {k!r} has only one label")

# length shortcut: best single word-count threshold (either direction)
print("\n  length shortcut (best single word-count threshold):")
textcol = {"summaries.tsv":"summary","followups.tsv":"question","replies.tsv":"reply","rewrites.tsv":"rewrite",
           "taaldata/questions.tsv":"text","taaldata/sentences.tsv":"text","taaldata/rewrites.tsv":"rewrite"}
for fn, col in textcol.items():
    rows = data[fn]
    labs = sorted({r["label"] for r in rows})
    xs = [(wc(r[col]), r["label"]) for r in rows]
    best = (0, None, None)
    for t in sorted({x for x, _ in xs}) + [0]:
        for a in labs:
            b = [l for l in labs if l != a][0]
            acc = sum(1 for x, l in xs if (a if x <= t else b) == l) / len(xs)
            if acc > best[0]: best = (acc, t, a)
    maj = max(collections.Counter(l for _, l in xs).values()) / len(xs)
    print(f"    {fn:24s} best acc {best[0]:.3f} (<= {best[1]} words -> {best[2]}), majority baseline {maj:.3f}")
    if best[0] >= 0.75: errs.append(f"{fn}: length shortcut accuracy {best[0]:.3f} >= 0.75")

print("\nERRORS:" if errs else "\nAll checks passed.")
for e in errs: print("  ", e)
sys.exit(1 if errs else 0)
