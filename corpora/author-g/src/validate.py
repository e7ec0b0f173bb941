#!/usr/bin/env python3
"""author-g validator: JSON validity, contract fields, unique ids, time order, one annotation per
event/session/participant (every sender and recipient), session lengths, plan minima, subtle stock-phrase check."""
import json, os, re, sys, datetime as dt
from collections import Counter, defaultdict
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
errs = []
def err(m):
    errs.append(m)
def load(n):
    rows = []
    for i, l in enumerate(open(os.path.join(D, n), encoding="utf-8"), 1):
        try: rows.append(json.loads(l))
        except Exception as e: err(f"{n}:{i} bad json {e}")
    return rows
ev, lab, ann = load("events.jsonl"), load("labels.jsonl"), load("annotations.jsonl")
RFC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
ROLES = {"offender","target","peer","family","caregiver","coach_teacher","support","adult","other"}
STYLES = {"standard","subtle","peer_posing","fast_pushy","slow_patient","gift_giver","romance","mentor_coach","off_platform_early"}
KINDS = {"family","caregiver","coach_teacher","peers","adults_dating","gaming","customer_support","surprise_party","other"}
CUES = {"age_probe","age_disclosure","age_gap","personal_info","parental_check","secrecy","isolation","flattery","off_platform","image_request","compliance_testing","gifts","meeting","threats","solicitation","family_context"}
def acct_ok(a, where):
    if not isinstance(a, dict) or not isinstance(a.get("user_id"), str) or not a["user_id"]: err(f"{where} bad account"); return
    if "declared_age" in a and not (isinstance(a["declared_age"], int) and 0 <= a["declared_age"] <= 130): err(f"{where} bad declared_age")
eids = set(); sess_events = defaultdict(list); order = []; users = defaultdict(set); accts = {}
for e in ev:
    w = e.get("event_id")
    if e.get("schema") != "tipline.message/1": err(f"{w} schema")
    if not isinstance(w, str) or not 1 <= len(w) <= 128: err(f"{w} event_id")
    if w in eids: err(f"dup event {w}")
    eids.add(w)
    if not isinstance(e.get("session_id"), str) or not 1 <= len(e["session_id"]) <= 256: err(f"{w} session_id")
    if not RFC.match(e.get("sent_at", "")): err(f"{w} sent_at")
    acct_ok(e.get("sender"), w)
    r = e.get("recipients")
    if not isinstance(r, list) or not 1 <= len(r) <= 1000: err(f"{w} recipients")
    else:
        for a in r: acct_ok(a, w)
    if not isinstance(e.get("text"), str) or len(e["text"]) > 65536 or not e["text"].strip(): err(f"{w} text")
    if "attachments" in e: err(f"{w} has attachments")
    s = e["session_id"]
    if not order or order[-1] != s:
        if s in sess_events: err(f"session {s} not contiguous")
        order.append(s)
    sess_events[s].append(e)
    users[s].add(e["sender"]["user_id"]); [users[s].add(a["user_id"]) for a in r]
    for a in [e["sender"]] + r: accts[a["user_id"]] = a
if order != sorted(order): err("sessions not ordered")
for s, es in sess_events.items():
    ts = [dt.datetime.fromisoformat(e["sent_at"]) for e in es]
    if any(b < a for a, b in zip(ts, ts[1:])): err(f"{s} time order")
    if not 6 <= len(es) <= 80: err(f"{s} length {len(es)}")
# labels
lab_s = {}
for l in lab:
    if set(l) != {"kind", "session_id", "positive"} or l["kind"] != "session" or not isinstance(l["positive"], bool): err(f"label bad {l}")
    if l["session_id"] in lab_s: err(f"dup label {l['session_id']}")
    lab_s[l["session_id"]] = l["positive"]
if set(lab_s) != set(sess_events): err("labels/session mismatch")
# annotations
A_S, A_P, A_M = {}, defaultdict(dict), {}
for a in ann:
    k = a.get("kind")
    if k == "session":
        if set(a) != {"kind","session_id","positive","style","negative_kind","tempo"}: err(f"ann session keys {a}")
        if a["session_id"] in A_S: err(f"dup ann session {a['session_id']}")
        A_S[a["session_id"]] = a
        if a["positive"] != lab_s.get(a["session_id"]): err(f"{a['session_id']} label mismatch")
        if a["positive"] and (a["style"] not in STYLES or a["negative_kind"] is not None): err(f"{a['session_id']} style")
        if not a["positive"] and (a["negative_kind"] not in KINDS or a["style"] is not None): err(f"{a['session_id']} kind")
        if a["tempo"] not in ("fast","normal","slow"): err(f"{a['session_id']} tempo")
    elif k == "participant":
        if set(a) != {"kind","session_id","user_id","true_age","role"}: err(f"ann participant keys {a}")
        if a["user_id"] in A_P[a["session_id"]]: err(f"dup participant {a}")
        A_P[a["session_id"]][a["user_id"]] = a
        if a["role"] not in ROLES or not isinstance(a["true_age"], int): err(f"participant bad {a}")
    elif k == "message":
        if set(a) != {"kind","event_id","session_id","cues"}: err(f"ann message keys {a}")
        if a["event_id"] in A_M: err(f"dup ann msg {a['event_id']}")
        A_M[a["event_id"]] = a
        if not set(a["cues"]) <= CUES: err(f"bad cue {a}")
    else: err(f"ann kind {k}")
if set(A_M) != eids: err("message annotations != events")
if set(A_S) != set(sess_events): err("session annotations != sessions")
for s in sess_events:
    if set(A_P[s]) != users[s]: err(f"{s} participants mismatch")
    roles = {p["role"]: p for p in A_P[s].values()}
    if A_S[s]["positive"]:
        off = [p for p in A_P[s].values() if p["role"] == "offender"]; tg = [p for p in A_P[s].values() if p["role"] == "target"]
        if len(off) != 1 or len(tg) != 1 or not 19 <= off[0]["true_age"] <= 55 or not 10 <= tg[0]["true_age"] <= 15: err(f"{s} positive ages/roles")
    elif {"offender", "target"} & set(roles): err(f"{s} negative has offender/target")
for m in A_M.values():
    if ev and m["session_id"] != next(iter([m["session_id"]])): pass
# subtle stock phrases
STOCK = ["our secret", "are you alone", "are u alone", "mature for", "dont tell", "don't tell", "delete this", "between us", "special friend", "age is just", "our little", "prove u trust", "prove you trust"]
for s, es in sess_events.items():
    if A_S[s]["style"] == "subtle":
        for e in es:
            if any(x in e["text"].lower() for x in STOCK): err(f"{s} subtle has stock phrase: {e['text']}")
# counts
styles = Counter(a["style"] for a in A_S.values() if a["positive"]); kinds = Counter(a["negative_kind"] for a in A_S.values() if not a["positive"])
npos = sum(lab_s.values()); slowpos = sum(1 for a in A_S.values() if a["positive"] and a["tempo"] == "slow")
if len(lab_s) < 320 or npos < 105: err("too few sessions/positives")
for st in STYLES:
    if styles[st] < (18 if st in ("subtle", "peer_posing") else 10): err(f"style {st} {styles[st]}")
for k in KINDS:
    if kinds[k] < 14: err(f"kind {k} {kinds[k]}")
if kinds["family"] + kinds["caregiver"] < 45 or kinds["peers"] < 25: err("family+caregiver/peers minimum")
decl = sum(1 for a in accts.values() if "declared_age" in a)
cues = Counter(c for m in A_M.values() for c in m["cues"])
print(f"sessions={len(lab_s)} positives={npos} negatives={len(lab_s)-npos} events={len(ev)} accounts={len(accts)} declared_age={decl} ({100*decl/len(accts):.1f}%)")
print("styles", dict(sorted(styles.items()))); print("kinds", dict(sorted(kinds.items())))
print("tempos", dict(Counter(a["tempo"] for a in A_S.values())), f"slow_positives={slowpos}/{npos} ({100*slowpos/npos:.0f}%)")
print("cues", dict(sorted(cues.items())))
print("lengths min/max", min(map(len, sess_events.values())), max(map(len, sess_events.values())))
if errs:
    print(f"FAIL {len(errs)} errors"); [print(" ", x) for x in errs[:40]]; sys.exit(1)
print("OK")
