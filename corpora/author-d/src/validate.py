#!/usr/bin/env python3
"""Validate author-d corpus: JSON, contract fields, ids, order, annotations, lengths, counts, reuse."""
import json, os, re, sys, collections, datetime as dt
HERE = os.path.dirname(os.path.abspath(__file__)); OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from assemble import GAMES
errs = []
def err(m):
    errs.append(m)
def load(fn):
    rows = []
    for i, line in enumerate(open(os.path.join(OUT, fn), encoding="utf-8"), 1):
        try:
            rows.append(json.loads(line))
        except Exception as e:
            err(f"{fn}:{i} invalid JSON {e}")
    return rows
ev, lab, ann = load("events.jsonl"), load("labels.jsonl"), load("annotations.jsonl")
RFC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
def acc_ok(a, where):
    if not isinstance(a, dict) or not isinstance(a.get("user_id"), str) or not a["user_id"]:
        err(f"{where}: bad account"); return
    for k in ("screen_name", "display_name", "email", "phone", "country"):
        if k in a and not isinstance(a[k], str): err(f"{where}: {k} not string")
    if "declared_age" in a and (type(a["declared_age"]) is not int or not 0 <= a["declared_age"] <= 130):
        err(f"{where}: bad declared_age")
    if "created_at" in a and not RFC.match(a["created_at"]): err(f"{where}: bad created_at")
ids = set(); order = []; sess_events = collections.defaultdict(list); people = collections.defaultdict(set)
last_sid = None; seen_sids = set()
for e in ev:
    w = e.get("event_id")
    if e.get("schema") != "tipline.message/1": err(f"{w}: schema")
    if not isinstance(w, str) or not 1 <= len(w) <= 128: err(f"{w}: event_id")
    if w in ids: err(f"{w}: duplicate event_id")
    ids.add(w)
    sid = e.get("session_id")
    if not isinstance(sid, str) or not 1 <= len(sid) <= 256: err(f"{w}: session_id")
    if not RFC.match(str(e.get("sent_at"))) or e["sent_at"].endswith("Z") is False and not re.search(r"[+-]\d{2}:\d{2}$", e["sent_at"]):
        err(f"{w}: sent_at")
    acc_ok(e.get("sender"), w)
    rc = e.get("recipients")
    if not isinstance(rc, list) or not 1 <= len(rc) <= 1000: err(f"{w}: recipients")
    else:
        for a in rc: acc_ok(a, w)
    if not isinstance(e.get("text"), str) or len(e["text"]) > 65536 or not e["text"]: err(f"{w}: text")
    if "attachments" in e: err(f"{w}: attachments present")
    if sid != last_sid:
        if sid in seen_sids: err(f"{sid}: events not contiguous")
        seen_sids.add(sid); last_sid = sid
    sess_events[sid].append(e)
    people[sid].add(e["sender"]["user_id"])
    for a in rc: people[sid].add(a["user_id"])
    if e["sender"]["user_id"] in [a["user_id"] for a in rc]: err(f"{w}: sender among recipients")
for sid, es in sess_events.items():
    ts = [dt.datetime.fromisoformat(x["sent_at"]) for x in es]
    if any(b <= a for a, b in zip(ts, ts[1:])): err(f"{sid}: time not increasing")
    if not 6 <= len(es) <= 80: err(f"{sid}: length {len(es)}")
# labels / annotations
lab_by = {}
for l in lab:
    if set(l) != {"kind", "session_id", "positive"} or l["kind"] != "session": err(f"label keys {l}")
    if l["session_id"] in lab_by: err(f"dup label {l['session_id']}")
    lab_by[l["session_id"]] = l["positive"]
if set(lab_by) != set(sess_events): err("labels/session mismatch")
STYLES = {"standard", "subtle", "peer_posing", "fast_pushy", "slow_patient", "gift_giver", "romance", "mentor_coach", "off_platform_early"}
KINDS = {"family", "caregiver", "coach_teacher", "peers", "adults_dating", "gaming", "customer_support", "surprise_party", "other"}
ROLES = {"offender", "target", "peer", "family", "caregiver", "coach_teacher", "support", "adult", "other"}
CUES = {"age_probe", "age_disclosure", "age_gap", "personal_info", "parental_check", "secrecy", "isolation", "flattery", "off_platform", "image_request", "compliance_testing", "gifts", "meeting", "threats", "solicitation", "family_context"}
sa, pa, ma = {}, collections.defaultdict(dict), {}
for a in ann:
    k = a.get("kind")
    if k == "session":
        if set(a) != {"kind", "session_id", "positive", "style", "negative_kind", "tempo"}: err(f"ann keys {a}")
        if a["session_id"] in sa: err(f"dup session ann {a['session_id']}")
        sa[a["session_id"]] = a
        if a["positive"]:
            if a["style"] not in STYLES or a["negative_kind"] is not None: err(f"style {a}")
        elif a["negative_kind"] not in KINDS or a["style"] is not None: err(f"kind {a}")
        if a["tempo"] not in {"fast", "normal", "slow"}: err(f"tempo {a}")
    elif k == "participant":
        if set(a) != {"kind", "session_id", "user_id", "true_age", "role"}: err(f"ann keys {a}")
        if a["user_id"] in pa[a["session_id"]]: err(f"dup participant {a}")
        if a["role"] not in ROLES or type(a["true_age"]) is not int: err(f"participant {a}")
        pa[a["session_id"]][a["user_id"]] = a
    elif k == "message":
        if set(a) != {"kind", "event_id", "session_id", "cues"}: err(f"ann keys {a}")
        if a["event_id"] in ma: err(f"dup message ann {a['event_id']}")
        if any(c not in CUES for c in a["cues"]) or len(set(a["cues"])) != len(a["cues"]): err(f"cues {a}")
        ma[a["event_id"]] = a
    else: err(f"ann kind {a}")
if set(sa) != set(sess_events): err("session annotations mismatch")
if set(ma) != ids: err("message annotations mismatch")
for sid, es in sess_events.items():
    for e in es:
        if ma.get(e["event_id"], {}).get("session_id") != sid: err(f"{e['event_id']} ann session")
    if set(pa[sid]) != people[sid]: err(f"{sid}: participants mismatch")
    if sa[sid]["positive"] != lab_by.get(sid): err(f"{sid}: label/ann mismatch")
    if sa[sid]["positive"]:
        rs = collections.Counter(p["role"] for p in pa[sid].values())
        for p in pa[sid].values():
            if p["role"] == "offender" and not 19 <= p["true_age"] <= 55: err(f"{sid}: offender age")
            if p["role"] == "target" and not 10 <= p["true_age"] <= 15: err(f"{sid}: target age")
        if rs["offender"] < 1 or rs["target"] < 1: err(f"{sid}: roles")
    else:
        if any(p["role"] in ("offender", "target") for p in pa[sid].values()): err(f"{sid}: neg with offender/target")
# subtle sessions: no stock phrases
STOCK = ["our secret", "are you alone", "r u alone", "ru alone", "mature for", "dont tell", "don't tell", "delete this", "home alone", "between us", "age is just"]
for sid, es in sess_events.items():
    if sa[sid]["style"] == "subtle":
        for e in es:
            t = e["text"].lower()
            for s in STOCK:
                if s in t: err(f"{sid}: stock phrase in subtle: {s!r}")
# sentence reuse: normalized, >=4 words, at most 3 sessions
def norm(t):
    t = t.lower()
    for g, c in GAMES:
        t = t.replace(g.lower(), "<g>").replace(c.lower(), "<c>")
    t = re.sub(r"\d+", "#", t)
    t = re.sub(r"[^a-z#<> ]", "", t)
    return " ".join(t.split())
use = collections.defaultdict(set)
for sid, es in sess_events.items():
    for e in es:
        n = norm(e["text"])
        if len(n.split()) >= 4: use[n].add(sid)
for n, s in use.items():
    if len(s) > 3: err(f"sentence reused in {len(s)} sessions: {n!r}")
# counts
st = collections.Counter(a["style"] for a in sa.values() if a["positive"])
kd = collections.Counter(a["negative_kind"] for a in sa.values() if not a["positive"])
tp = collections.Counter(a["tempo"] for a in sa.values())
cu = collections.Counter(c for a in ma.values() for c in a["cues"])
npos = sum(1 for a in sa.values() if a["positive"])
if len(sa) < 320: err("fewer than 320 sessions")
if npos < 105: err("fewer than 105 positives")
for s in STYLES:
    if st[s] < (18 if s in ("subtle", "peer_posing") else 10): err(f"style {s} only {st[s]}")
for s, m in (("subtle", 20), ("peer_posing", 14), ("off_platform_early", 14), ("gift_giver", 14)):
    if st[s] < m: err(f"assignment: {s} only {st[s]}")
for k in KINDS:
    if kd[k] < 14: err(f"kind {k} only {kd[k]}")
if kd["family"] + kd["caregiver"] < 45: err("family+caregiver < 45")
if kd["peers"] < 25: err("peers < 25")
if set(tp) != {"fast", "normal", "slow"}: err("tempos missing")
users = {}
for e in ev:
    for a in [e["sender"]] + e["recipients"]: users[a["user_id"]] = a
decl = sum(1 for a in users.values() if "declared_age" in a)
lens = [len(v) for v in sess_events.values()]
print(f"sessions={len(sa)} positives={npos} negatives={len(sa)-npos} messages={len(ev)} accounts={len(users)} declared_age={decl} ({100*decl/len(users):.1f}%)")
print(f"session length min={min(lens)} max={max(lens)} mean={sum(lens)/len(lens):.1f}")
print("styles:", dict(sorted(st.items())))
print("negative kinds:", dict(sorted(kd.items())))
print("tempos:", dict(sorted(tp.items())))
print("cues:", dict(sorted(cu.items())))
print("messages with no cue:", sum(1 for a in ma.values() if not a["cues"]))
if errs:
    print(f"FAIL: {len(errs)} problems"); [print(" ", x) for x in errs[:60]]; sys.exit(1)
print("OK: all checks passed")
