"""author-e validator: python3 src/validate.py [folder]"""
import json, os, re, sys
from collections import Counter, defaultdict
from datetime import datetime

D = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROLES = {"offender", "target", "peer", "family", "caregiver", "coach_teacher", "support", "adult", "other"}
STYLES = {"standard", "subtle", "peer_posing", "fast_pushy", "slow_patient", "gift_giver", "romance",
          "mentor_coach", "off_platform_early"}
KINDS = {"family", "caregiver", "coach_teacher", "peers", "adults_dating", "gaming", "customer_support",
         "surprise_party", "other"}
CUES = {"age_probe", "age_disclosure", "age_gap", "personal_info", "parental_check", "secrecy", "isolation",
        "flattery", "off_platform", "image_request", "compliance_testing", "gifts", "meeting", "threats",
        "solicitation", "family_context"}
RFC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
errors = []


def err(m):
    errors.append(m)


def load(name):
    out = []
    with open(os.path.join(D, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                out.append(json.loads(line))
            except Exception as e:
                err("%s:%d not JSON: %s" % (name, n, e))
    return out


def acct_ok(a, where):
    if not isinstance(a, dict) or not isinstance(a.get("user_id"), str) or not a["user_id"]:
        err("%s: bad account" % where)
        return
    if "declared_age" in a and not (isinstance(a["declared_age"], int) and 0 <= a["declared_age"] <= 130):
        err("%s: bad declared_age" % where)
    if "created_at" in a and not RFC.match(a["created_at"]):
        err("%s: bad created_at" % where)


events = load("events.jsonl")
labels = load("labels.jsonl")
ann = load("annotations.jsonl")

ids, sess_events, senders = set(), defaultdict(list), defaultdict(set)
prev_sid, seen_sids = None, []
for e in events:
    w = e.get("event_id")
    if e.get("schema") != "tipline.message/1":
        err("%s bad schema" % w)
    if not isinstance(w, str) or not (1 <= len(w) <= 128):
        err("bad event_id %r" % w)
    if w in ids:
        err("duplicate event_id %s" % w)
    ids.add(w)
    sid = e.get("session_id")
    if not isinstance(sid, str) or not (1 <= len(sid) <= 256):
        err("%s bad session_id" % w)
    if not isinstance(e.get("sent_at"), str) or not RFC.match(e["sent_at"]):
        err("%s bad sent_at" % w)
    acct_ok(e.get("sender"), w)
    r = e.get("recipients")
    if not isinstance(r, list) or not (1 <= len(r) <= 1000):
        err("%s bad recipients" % w)
    else:
        for a in r:
            acct_ok(a, w)
            if a.get("user_id") == e["sender"].get("user_id"):
                err("%s sender is recipient" % w)
    t = e.get("text")
    if not isinstance(t, str) or not t or len(t) > 65536:
        err("%s bad text" % w)
    if "attachments" in e:
        err("%s has attachments" % w)
    if sid != prev_sid:
        if sid in seen_sids:
            err("session %s not contiguous" % sid)
        seen_sids.append(sid)
        prev_sid = sid
    sess_events[sid].append(e)
    senders[sid].add(e["sender"]["user_id"])
    for a in r or []:
        senders[sid].add(a["user_id"])

if seen_sids != sorted(seen_sids):
    err("sessions not in id order")
for sid, evs in sess_events.items():
    ts = [datetime.fromisoformat(e["sent_at"]) for e in evs]
    if any(b < a for a, b in zip(ts, ts[1:])):
        err("%s not in time order" % sid)
    if not (6 <= len(evs) <= 80):
        err("%s has %d messages" % (sid, len(evs)))
    # an account keeps its fields within a session
    seen = {}
    for e in evs:
        for a in [e["sender"]] + e["recipients"]:
            k = a["user_id"]
            if k in seen and seen[k] != a:
                err("%s account %s changes" % (sid, k))
            seen[k] = a

lab = {}
for l in labels:
    if set(l) != {"kind", "session_id", "positive"} or l["kind"] != "session" or not isinstance(l["positive"], bool):
        err("bad label %r" % l)
    if l["session_id"] in lab:
        err("duplicate label %s" % l["session_id"])
    lab[l["session_id"]] = l["positive"]
if set(lab) != set(sess_events):
    err("labels and sessions differ")

a_s, a_p, a_m = {}, defaultdict(dict), {}
for a in ann:
    k = a.get("kind")
    if k == "session":
        if set(a) != {"kind", "session_id", "positive", "style", "negative_kind", "tempo"}:
            err("bad session annotation keys %r" % a)
        if a["session_id"] in a_s:
            err("dup session annotation %s" % a["session_id"])
        a_s[a["session_id"]] = a
        if a["positive"] != lab.get(a["session_id"]):
            err("annotation/label mismatch %s" % a["session_id"])
        if a["positive"] and (a["style"] not in STYLES or a["negative_kind"] is not None):
            err("bad positive annotation %s" % a["session_id"])
        if not a["positive"] and (a["negative_kind"] not in KINDS or a["style"] is not None):
            err("bad negative annotation %s" % a["session_id"])
        if a["tempo"] not in ("fast", "normal", "slow"):
            err("bad tempo %s" % a["session_id"])
    elif k == "participant":
        if set(a) != {"kind", "session_id", "user_id", "true_age", "role"}:
            err("bad participant keys %r" % a)
        if a["role"] not in ROLES or not isinstance(a["true_age"], int):
            err("bad participant %r" % a)
        if a["user_id"] in a_p[a["session_id"]]:
            err("dup participant %r" % a)
        a_p[a["session_id"]][a["user_id"]] = a
    elif k == "message":
        if set(a) != {"kind", "event_id", "session_id", "cues"}:
            err("bad message keys %r" % a)
        if a["event_id"] in a_m:
            err("dup message annotation %s" % a["event_id"])
        if any(c not in CUES for c in a["cues"]):
            err("bad cue in %s" % a["event_id"])
        a_m[a["event_id"]] = a
    else:
        err("unknown annotation kind %r" % k)

if set(a_s) != set(sess_events):
    err("session annotations differ from sessions")
if set(a_m) != ids:
    err("message annotations differ from events")
for e in events:
    m = a_m.get(e["event_id"])
    if m and m["session_id"] != e["session_id"]:
        err("message annotation session mismatch %s" % e["event_id"])
for sid, users in senders.items():
    if set(a_p[sid]) != users:
        err("%s participants %s vs %s" % (sid, sorted(a_p[sid]), sorted(users)))
    if a_s.get(sid, {}).get("positive"):
        roles = {p["role"]: p["true_age"] for p in a_p[sid].values()}
        if not (19 <= roles.get("offender", 0) <= 55 and 10 <= roles.get("target", 0) <= 15):
            err("%s positive ages wrong %r" % (sid, roles))

# corpus requirements
pos = [s for s in a_s.values() if s["positive"]]
neg = [s for s in a_s.values() if not s["positive"]]
sty = Counter(s["style"] for s in pos)
kin = Counter(s["negative_kind"] for s in neg)
tem = Counter(s["tempo"] for s in a_s.values())
cue = Counter(c for m in a_m.values() for c in m["cues"])
if len(a_s) < 320: err("fewer than 320 sessions")
if len(pos) < 105: err("fewer than 105 positives")
for s in STYLES:
    if sty[s] < (18 if s in ("subtle", "peer_posing") else 10): err("style %s too few" % s)
for k in KINDS:
    if kin[k] < 14: err("kind %s too few" % k)
if kin["family"] + kin["caregiver"] < 45: err("family+caregiver < 45")
if kin["peers"] < 25: err("peers < 25")
# text reuse: a rendered text of 25+ chars in more than 3 sessions
ts = defaultdict(set)
for e in events:
    if len(e["text"]) >= 25:
        ts[e["text"]].add(e["session_id"])
reuse = {t: len(s) for t, s in ts.items() if len(s) > 3}
if reuse:
    err("%d texts used in more than 3 sessions, e.g. %r" % (len(reuse), list(reuse.items())[:3]))
# subtle sessions free of stock phrases
STOCK = ["our secret", "are you alone", "r u alone", "mature for your age", "don't tell", "dont tell",
         "delete this", "home alone", "special friend", "age is just a number", "just between us"]
for s in pos:
    if s["style"] == "subtle":
        for e in sess_events[s["session_id"]]:
            if any(p in e["text"].lower() for p in STOCK):
                err("stock phrase in subtle %s: %r" % (s["session_id"], e["text"]))
accts = {}
for e in events:
    for a in [e["sender"]] + e["recipients"]:
        accts[(e["session_id"], a["user_id"])] = a
dec = sum(1 for a in accts.values() if "declared_age" in a)

print("sessions %d (positive %d, negative %d), messages %d" % (len(a_s), len(pos), len(neg), len(events)))
print("styles", dict(sorted(sty.items())))
print("negative kinds", dict(sorted(kin.items())))
print("tempos", dict(sorted(tem.items())))
print("cues", dict(sorted(cue.items())))
lens = sorted(len(v) for v in sess_events.values())
print("session length min %d median %d max %d" % (lens[0], lens[len(lens) // 2], lens[-1]))
print("accounts %d, with declared_age %d (%.0f%%)" % (len(accts), dec, 100.0 * dec / len(accts)))
if errors:
    print("ERRORS (%d):" % len(errors))
    for m in errors[:40]:
        print("  ", m)
    sys.exit(1)
print("OK")
