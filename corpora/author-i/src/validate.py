#!/usr/bin/env python3
"""Validator for author-i's corpus: format, vocabularies, reuse cap, time order, ids, coverage, subtle words."""
import json, os, re, sys
from collections import Counter, defaultdict
from datetime import datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import STYLES, NEG_KINDS, TEMPOS, ROLES, CUES, long_sentences, subtle_violation

D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
errs = []


def err(m):
    if len(errs) < 200:
        errs.append(m)


def load(n):
    with open(os.path.join(D, n)) as f:
        return [json.loads(l) for l in f if l.strip()]


RFC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$")
events, labels, ann = load("events.jsonl"), load("labels.jsonl"), load("annotations.jsonl")

eids = set()
by_sess = defaultdict(list)
users_in_sess = defaultdict(set)
user_sess = {}
declared = 0
accounts = 0
for e in events:
    for k in ("schema", "event_id", "sent_at", "session_id", "sender", "recipients", "text"):
        if k not in e:
            err(f"missing {k} in {e.get('event_id')}")
    if set(e) - {"schema", "event_id", "sent_at", "session_id", "platform", "sender", "recipients", "text"}:
        err(f"extra fields {e['event_id']}")
    if e["schema"] != "tipline.message/1":
        err("schema")
    if not e["event_id"].startswith("ai-e") or e["event_id"] in eids:
        err(f"bad/dup event id {e['event_id']}")
    eids.add(e["event_id"])
    if not e["session_id"].startswith("ai-s"):
        err("session id prefix")
    if not RFC.match(e["sent_at"]) or e["sent_at"].endswith("Z") is False and not re.search(r"[+-]\d\d:\d\d$", e["sent_at"]):
        err(f"timestamp {e['sent_at']}")
    if not isinstance(e["text"], str) or not e["text"].strip() or len(e["text"]) > 65536:
        err(f"text {e['event_id']}")
    if not isinstance(e.get("platform", ""), str):
        err("platform")
    rs = e["recipients"]
    if not (isinstance(rs, list) and 1 <= len(rs) <= 1000):
        err(f"recipients {e['event_id']}")
    for a in [e["sender"]] + rs:
        if not isinstance(a.get("user_id"), str) or not a["user_id"].startswith("ai-u"):
            err(f"account {e['event_id']}")
        if set(a) - {"user_id", "screen_name", "display_name", "declared_age"}:
            err(f"account fields {e['event_id']}")
        if "declared_age" in a and not (isinstance(a["declared_age"], int) and 0 <= a["declared_age"] <= 130):
            err(f"declared_age {e['event_id']}")
        users_in_sess[e["session_id"]].add(a["user_id"])
        if user_sess.setdefault(a["user_id"], e["session_id"]) != e["session_id"]:
            err(f"user id reused across sessions {a['user_id']}")
    if e["sender"]["user_id"] in [r["user_id"] for r in rs]:
        err(f"sender among recipients {e['event_id']}")
    by_sess[e["session_id"]].append(e)

acc_seen = {}
for sid, evs in by_sess.items():
    prev = None
    for e in evs:
        t = datetime.fromisoformat(e["sent_at"].replace("Z", "+00:00"))
        if prev and not t > prev:
            err(f"time order {e['event_id']}")
        prev = t
        for a in [e["sender"]] + e["recipients"]:
            acc_seen[a["user_id"]] = a
    if not 6 <= len(evs) <= 60:
        err(f"session length {sid} {len(evs)}")
declared = sum(1 for a in acc_seen.values() if "declared_age" in a)

lab = {}
for l in labels:
    if set(l) != {"kind", "session_id", "positive"} or l["kind"] != "session" or not isinstance(l["positive"], bool):
        err(f"label {l}")
    if l["session_id"] in lab:
        err("dup label")
    lab[l["session_id"]] = l["positive"]
if set(lab) != set(by_sess):
    err("labels do not match sessions")

sann, pann, mann = {}, defaultdict(dict), {}
for a in ann:
    k = a.get("kind")
    if k == "session":
        if set(a) != {"kind", "session_id", "positive", "style", "negative_kind", "tempo"}:
            err(f"session ann keys {a}")
        if a["positive"] != lab.get(a["session_id"]):
            err(f"ann/label mismatch {a['session_id']}")
        if a["positive"]:
            if a["style"] not in STYLES or a["negative_kind"] is not None:
                err(f"style {a}")
        else:
            if a["style"] is not None or a["negative_kind"] not in NEG_KINDS:
                err(f"negkind {a}")
        if a["tempo"] not in TEMPOS:
            err("tempo")
        sann[a["session_id"]] = a
    elif k == "participant":
        if set(a) != {"kind", "session_id", "user_id", "true_age", "role"}:
            err(f"participant keys {a}")
        if a["role"] not in ROLES or not isinstance(a["true_age"], int):
            err(f"participant {a}")
        pann[a["session_id"]][a["user_id"]] = a
    elif k == "message":
        if set(a) != {"kind", "event_id", "session_id", "cues"}:
            err(f"message keys {a}")
        if not isinstance(a["cues"], list) or any(c not in CUES for c in a["cues"]):
            err(f"cues {a}")
        if a["event_id"] in mann:
            err("dup message ann")
        mann[a["event_id"]] = a
    else:
        err(f"unknown ann kind {a}")
if set(sann) != set(by_sess):
    err("session annotations do not cover sessions")
for sid in by_sess:
    if set(pann[sid]) != users_in_sess[sid]:
        err(f"participants mismatch {sid}")
    pos = lab[sid]
    roles = [p["role"] for p in pann[sid].values()]
    if pos and ("offender" not in roles or "target" not in roles):
        err(f"positive without offender/target {sid}")
    if not pos and ("offender" in roles or "target" in roles):
        err(f"negative with offender/target {sid}")
if set(mann) != eids:
    err("message annotations do not cover events")
for e in events:
    if mann.get(e["event_id"], {}).get("session_id") != e["session_id"]:
        err(f"message ann session {e['event_id']}")

# reuse cap
use = defaultdict(set)
for e in events:
    for s in long_sentences(e["text"]):
        use[s].add(e["session_id"])
over = {s: len(v) for s, v in use.items() if len(v) > 3}
for s, n in list(over.items())[:20]:
    err(f"reuse cap: '{s}' in {n} sessions")

# subtle forbidden words
for sid, a in sann.items():
    if a["style"] == "subtle":
        for e in by_sess[sid]:
            v = subtle_violation(e["text"])
            if v:
                err(f"subtle stock phrase {v} in {e['event_id']}")

# mix
styles = Counter(a["style"] for a in sann.values() if a["positive"])
negs = Counter(a["negative_kind"] for a in sann.values() if not a["positive"])
npos = sum(lab.values())
if len(lab) < 320:
    err("fewer than 320 sessions")
for s in STYLES:
    if styles[s] < 10:
        err(f"style {s} < 10")
for k in NEG_KINDS:
    if negs[k] < 15:
        err(f"negative kind {k} < 15")
if styles["subtle"] < 24 or styles["gift_giver"] < 16:
    err("author-i emphasis minimums not met")
frac = npos / len(lab)
if not 0.30 <= frac <= 0.40:
    err(f"positive fraction {frac:.2f}")
dfrac = declared / len(acc_seen)
if not 0.10 <= dfrac <= 0.20:
    err(f"declared_age fraction {dfrac:.2f}")

cues = Counter(c for a in mann.values() for c in a["cues"])
roles = Counter(p["role"] for d in pann.values() for p in d.values())
tempos = Counter(a["tempo"] for a in sann.values())
stats = {"sessions": len(lab), "messages": len(events), "positives": npos, "accounts": len(acc_seen),
         "declared_age_accounts": declared, "styles": dict(styles), "negative_kinds": dict(negs),
         "tempos": dict(tempos), "roles": dict(roles), "cues": dict(cues),
         "distinct_long_sentences": len(use), "max_sessions_per_long_sentence": max(len(v) for v in use.values())}
print(json.dumps(stats, indent=1))
if errs:
    print("ERRORS:")
    for m in errs:
        print(" ", m)
    sys.exit(1)
print("VALID")
