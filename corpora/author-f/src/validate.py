#!/usr/bin/env python3
"""Validate author-f corpus: JSON, contract §1 fields, ids, time order, annotations, lengths, counts."""
import json, os, re, sys, datetime as dt
from collections import Counter, defaultdict

D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
errs = []
RFC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
ROLES = {"offender", "target", "peer", "family", "caregiver", "coach_teacher", "support", "adult", "other"}
STYLES = {"standard", "subtle", "peer_posing", "fast_pushy", "slow_patient", "gift_giver", "romance",
          "mentor_coach", "off_platform_early"}
KINDS = {"family", "caregiver", "coach_teacher", "peers", "adults_dating", "gaming", "customer_support",
         "surprise_party", "other"}
CUES = {"age_probe", "age_disclosure", "age_gap", "personal_info", "parental_check", "secrecy", "isolation",
        "flattery", "off_platform", "image_request", "compliance_testing", "gifts", "meeting", "threats",
        "solicitation", "family_context"}


def load(name):
    out = []
    for i, line in enumerate(open(os.path.join(D, name), encoding="utf-8"), 1):
        try:
            out.append(json.loads(line))
        except Exception as e:
            errs.append(f"{name}:{i} bad json {e}")
    return out


def ts(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def acct_ok(a, where):
    if not isinstance(a, dict) or not isinstance(a.get("user_id"), str) or not a["user_id"]:
        errs.append(f"{where}: account without user_id")
        return
    if "declared_age" in a and not (isinstance(a["declared_age"], int) and 0 <= a["declared_age"] <= 130):
        errs.append(f"{where}: bad declared_age")
    if "created_at" in a and not RFC.match(a["created_at"]):
        errs.append(f"{where}: bad created_at")


ev = load("events.jsonl")
lab = load("labels.jsonl")
ann = load("annotations.jsonl")
ids = Counter(e.get("event_id") for e in ev)
for k, n in ids.items():
    if n > 1:
        errs.append(f"duplicate event_id {k}")
sess_events = defaultdict(list)
order = []
users_in = defaultdict(set)
for e in ev:
    w = e.get("event_id")
    if e.get("schema") != "tipline.message/1":
        errs.append(f"{w}: schema")
    if not isinstance(w, str) or not 1 <= len(w) <= 128:
        errs.append(f"{w}: event_id")
    if not isinstance(e.get("session_id"), str) or not 1 <= len(e["session_id"]) <= 256:
        errs.append(f"{w}: session_id")
    if not isinstance(e.get("sent_at"), str) or not RFC.match(e["sent_at"]) or e["sent_at"].endswith("Z"):
        errs.append(f"{w}: sent_at must be RFC3339 with offset")
    acct_ok(e.get("sender"), w)
    r = e.get("recipients")
    if not isinstance(r, list) or not 1 <= len(r) <= 1000:
        errs.append(f"{w}: recipients")
    else:
        for a in r:
            acct_ok(a, w)
            users_in[e["session_id"]].add(a["user_id"])
    if not isinstance(e.get("text"), str) or not e["text"] or len(e["text"]) > 65536:
        errs.append(f"{w}: text")
    if "attachments" in e:
        errs.append(f"{w}: attachments present")
    users_in[e["session_id"]].add(e["sender"]["user_id"])
    if e["sender"]["user_id"] in {a["user_id"] for a in r}:
        errs.append(f"{w}: sender among recipients")
    s = e["session_id"]
    if not order or order[-1] != s:
        if s in sess_events:
            errs.append(f"session {s} not contiguous")
        order.append(s)
    sess_events[s].append(e)
for s, es in sess_events.items():
    t = [ts(e["sent_at"]) for e in es]
    if any(b < a for a, b in zip(t, t[1:])):
        errs.append(f"{s}: events out of time order")
    if not 6 <= len(es) <= 80:
        errs.append(f"{s}: length {len(es)}")
if order != sorted(order):
    errs.append("sessions not in id order")

labels = {l["session_id"]: l["positive"] for l in lab if l.get("kind") == "session"}
if set(labels) != set(sess_events) or len(lab) != len(labels):
    errs.append("labels do not cover sessions exactly once")
A_s, A_p, A_m = {}, defaultdict(dict), {}
for a in ann:
    k = a.get("kind")
    if k == "session":
        if set(a) != {"kind", "session_id", "positive", "style", "negative_kind", "tempo"}:
            errs.append(f"session ann keys {a}")
        if a["session_id"] in A_s:
            errs.append(f"dup session ann {a['session_id']}")
        A_s[a["session_id"]] = a
        if a["positive"]:
            if a["style"] not in STYLES or a["negative_kind"] is not None:
                errs.append(f"bad style {a}")
        elif a["negative_kind"] not in KINDS or a["style"] is not None:
            errs.append(f"bad kind {a}")
        if a["tempo"] not in ("fast", "normal", "slow"):
            errs.append(f"bad tempo {a}")
        if labels.get(a["session_id"]) != a["positive"]:
            errs.append(f"label mismatch {a['session_id']}")
    elif k == "participant":
        if set(a) != {"kind", "session_id", "user_id", "true_age", "role"}:
            errs.append(f"participant keys {a}")
        if a["user_id"] in A_p[a["session_id"]]:
            errs.append(f"dup participant {a}")
        A_p[a["session_id"]][a["user_id"]] = a
        if a["role"] not in ROLES or not isinstance(a["true_age"], int):
            errs.append(f"bad participant {a}")
    elif k == "message":
        if set(a) != {"kind", "event_id", "session_id", "cues"}:
            errs.append(f"message keys {a}")
        if a["event_id"] in A_m:
            errs.append(f"dup message ann {a['event_id']}")
        A_m[a["event_id"]] = a
        if not set(a["cues"]) <= CUES:
            errs.append(f"bad cue {a}")
    else:
        errs.append(f"unknown ann kind {a}")
if set(A_s) != set(sess_events):
    errs.append("session annotations do not match sessions")
if set(A_m) != set(ids):
    errs.append("message annotations do not match events")
for e in ev:
    if A_m.get(e["event_id"], {}).get("session_id") != e["session_id"]:
        errs.append(f"{e['event_id']}: ann session mismatch")
for s in sess_events:
    if set(A_p[s]) != users_in[s]:
        errs.append(f"{s}: participants {sorted(A_p[s])} vs users {sorted(users_in[s])}")
    if A_s.get(s, {}).get("positive"):
        roles = {p["role"]: p["true_age"] for p in A_p[s].values()}
        if not (19 <= roles.get("offender", 0) <= 55 and 10 <= roles.get("target", 0) <= 15):
            errs.append(f"{s}: positive ages/roles {roles}")
# sentence reuse: each text of >= 4 words in at most 3 sessions
txt = defaultdict(set)
for e in ev:
    if len(e["text"].split()) >= 4:
        txt[e["text"].lower()].add(e["session_id"])
for t, ss in txt.items():
    if len(ss) > 3:
        errs.append(f"text in {len(ss)} sessions: {t!r}")
# counts
pos = sum(labels.values())
st = Counter(a["style"] for a in A_s.values() if a["positive"])
kd = Counter(a["negative_kind"] for a in A_s.values() if not a["positive"])
tp = Counter(a["tempo"] for a in A_s.values())
cu = Counter(c for a in A_m.values() for c in a["cues"])
acc = {}
for e in ev:
    for a in [e["sender"]] + e["recipients"]:
        acc[a["user_id"]] = a
decl = sum(1 for a in acc.values() if "declared_age" in a)
req = [(len(labels) >= 320, "sessions >= 320"), (pos >= 105, "positives >= 105"),
       (all(st[s] >= 10 for s in STYLES), "each style >= 10"), (st["subtle"] >= 18 and st["peer_posing"] >= 18, "subtle/peer_posing >= 18"),
       (all(kd[k] >= 14 for k in KINDS), "each negative kind >= 14"), (kd["family"] + kd["caregiver"] >= 45, "family+caregiver >= 45"),
       (kd["peers"] >= 25, "peers >= 25"), (all(tp[x] for x in ("fast", "normal", "slow")), "all tempos")]
for ok, what in req:
    if not ok:
        errs.append("requirement failed: " + what)
print(f"sessions {len(labels)} (positive {pos}, negative {len(labels)-pos}), events {len(ev)}, accounts {len(acc)}, "
      f"declared_age {decl} ({100*decl/len(acc):.1f}%)")
print("styles", dict(sorted(st.items())))
print("negative kinds", dict(sorted(kd.items())))
print("tempos", dict(sorted(tp.items())))
print("cues", dict(sorted(cu.items())))
lens = [len(v) for v in sess_events.values()]
print(f"session length min {min(lens)} max {max(lens)} mean {sum(lens)/len(lens):.1f}")
if errs:
    print(f"FAIL: {len(errs)} problems")
    for x in errs[:40]:
        print("  ", x)
    sys.exit(1)
print("OK")
