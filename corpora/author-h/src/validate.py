#!/usr/bin/env python3
"""Validate author-h corpus: format, vocabularies, reuse cap, time order, ids, coverage."""
import json, os, re, sys, datetime as dt
from collections import defaultdict, Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
STYLES = {"fast_pushy", "slow_patient", "subtle", "romance", "mentor_coach", "gift_giver",
          "peer_posing", "off_platform_early", "standard"}
NEGK = {"family", "caregiver", "coach_teacher", "peers", "adults_dating", "gaming",
        "customer_support", "surprise_party", "other"}
TEMPO = {"fast", "normal", "slow"}
ROLES = {"offender", "target", "peer", "family", "caregiver", "coach_teacher", "support", "adult", "other"}
CUES = {"age_probe", "age_disclosure", "age_gap", "personal_info", "parental_check", "secrecy",
        "isolation", "flattery", "off_platform", "image_request", "gifts", "meeting",
        "compliance_testing", "threats", "solicitation", "family_context"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$")
errors = []


def err(m):
    errors.append(m)


def norm(s):
    s = s.lower()
    s = re.sub(r"[^\w\s']", " ", s).replace("'", "")
    return " ".join(s.split())


def sentences(text):
    out = []
    for part in re.split(r"(?<=[.!?])\s+|\n", text):
        n = norm(part)
        if len(n.split()) > 3:
            out.append(n)
    return out


def load(name):
    rows = []
    with open(os.path.join(OUT, name), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            try:
                rows.append(json.loads(line))
            except Exception as e:
                err(f"{name}:{i} not json: {e}")
    return rows


def check_account(a, where):
    if not isinstance(a, dict) or not isinstance(a.get("user_id"), str) or not a["user_id"]:
        err(f"{where}: bad account {a}")
        return
    allowed = {"user_id", "screen_name", "display_name", "declared_age"}
    if set(a) - allowed:
        err(f"{where}: extra account fields {set(a) - allowed}")
    if "declared_age" in a and not (isinstance(a["declared_age"], int) and 0 <= a["declared_age"] <= 130):
        err(f"{where}: bad declared_age")


def main():
    ev = load("events.jsonl")
    lab = load("labels.jsonl")
    ann = load("annotations.jsonl")
    ids = set()
    sess_events = defaultdict(list)
    sess_users = defaultdict(set)
    user_sessions = defaultdict(set)
    for e in ev:
        eid = e.get("event_id")
        if e.get("schema") != "tipline.message/1":
            err(f"{eid}: schema")
        if not isinstance(eid, str) or not (1 <= len(eid) <= 128) or not eid.startswith("ah-e"):
            err(f"bad event_id {eid}")
        if eid in ids:
            err(f"dup event_id {eid}")
        ids.add(eid)
        if not RFC3339.match(str(e.get("sent_at"))) or e["sent_at"].endswith("Z"):
            err(f"{eid}: sent_at needs offset {e.get('sent_at')}")
        sid = e.get("session_id")
        if not isinstance(sid, str) or not sid.startswith("ah-s"):
            err(f"{eid}: session_id")
        if not isinstance(e.get("platform"), str):
            err(f"{eid}: platform")
        check_account(e.get("sender"), eid)
        rc = e.get("recipients")
        if not isinstance(rc, list) or not (1 <= len(rc) <= 1000):
            err(f"{eid}: recipients")
        else:
            for r in rc:
                check_account(r, eid)
                if r.get("user_id") == e["sender"]["user_id"]:
                    err(f"{eid}: sender in recipients")
        t = e.get("text")
        if not isinstance(t, str) or not t or len(t) > 65536:
            err(f"{eid}: text")
        if "attachments" in e:
            err(f"{eid}: attachments not allowed")
        extra = set(e) - {"schema", "event_id", "sent_at", "session_id", "platform", "sender", "recipients", "text"}
        if extra:
            err(f"{eid}: extra fields {extra}")
        sess_events[sid].append(e)
        for a in [e["sender"]] + list(rc or []):
            sess_users[sid].add(a["user_id"])
            user_sessions[a["user_id"]].add(sid)
    for u, ss in user_sessions.items():
        if len(ss) > 1:
            err(f"user {u} in several sessions")
    # time order and lengths, reuse cap
    sent_sess = defaultdict(set)
    for sid, es in sess_events.items():
        ts = [dt.datetime.fromisoformat(e["sent_at"]) for e in es]
        for a, b in zip(ts, ts[1:]):
            if not b > a:
                err(f"{sid}: time not strictly increasing")
        if not (6 <= len(es) <= 60):
            err(f"{sid}: length {len(es)}")
        for e in es:
            for s in sentences(e["text"]):
                sent_sess[s].add(sid)
    over = {s: len(v) for s, v in sent_sess.items() if len(v) > 3}
    for s, n in list(over.items())[:20]:
        err(f"reuse cap: '{s}' in {n} sessions")
    if len(over) > 20:
        err(f"... {len(over)} sentences over cap")
    # labels
    lab_s = {}
    for l in lab:
        if set(l) != {"kind", "session_id", "positive"} or l["kind"] != "session" or not isinstance(l["positive"], bool):
            err(f"bad label {l}")
        if l["session_id"] in lab_s:
            err(f"dup label {l['session_id']}")
        lab_s[l["session_id"]] = l["positive"]
    if set(lab_s) != set(sess_events):
        err("labels and sessions differ")
    # annotations
    a_sess, a_part, a_msg = {}, defaultdict(dict), {}
    for a in ann:
        k = a.get("kind")
        if k == "session":
            if set(a) != {"kind", "session_id", "positive", "style", "negative_kind", "tempo"}:
                err(f"bad session ann keys {a}")
            if a["tempo"] not in TEMPO:
                err(f"bad tempo {a}")
            if a["positive"]:
                if a["style"] not in STYLES or a["negative_kind"] is not None:
                    err(f"bad pos ann {a}")
            else:
                if a["style"] is not None or a["negative_kind"] not in NEGK:
                    err(f"bad neg ann {a}")
            if lab_s.get(a["session_id"]) != a["positive"]:
                err(f"ann/label mismatch {a['session_id']}")
            if a["session_id"] in a_sess:
                err(f"dup session ann {a['session_id']}")
            a_sess[a["session_id"]] = a
        elif k == "participant":
            if set(a) != {"kind", "session_id", "user_id", "true_age", "role"}:
                err(f"bad participant keys {a}")
            if a["role"] not in ROLES or not isinstance(a["true_age"], int):
                err(f"bad participant {a}")
            a_part[a["session_id"]][a["user_id"]] = a
        elif k == "message":
            if set(a) != {"kind", "event_id", "session_id", "cues"}:
                err(f"bad message keys {a}")
            if not isinstance(a["cues"], list) or any(c not in CUES for c in a["cues"]):
                err(f"bad cues {a}")
            if a["event_id"] in a_msg:
                err(f"dup msg ann {a['event_id']}")
            a_msg[a["event_id"]] = a
        else:
            err(f"bad ann kind {a}")
    if set(a_sess) != set(sess_events):
        err("session annotations differ")
    if set(a_msg) != ids:
        err("message annotations differ from events")
    for sid in sess_events:
        if set(a_part[sid]) != sess_users[sid]:
            err(f"{sid}: participant annotations differ from accounts")
    for eid, a in a_msg.items():
        pass
    # mix
    n = len(sess_events)
    pos = sum(lab_s.values())
    st = Counter(a["style"] for a in a_sess.values() if a["positive"])
    nk = Counter(a["negative_kind"] for a in a_sess.values() if not a["positive"])
    if n < 320:
        err(f"only {n} sessions")
    for s in STYLES:
        if st[s] < 10:
            err(f"style {s} only {st[s]}")
    for k in NEGK:
        if nk[k] < 15:
            err(f"negative kind {k} only {nk[k]}")
    if st["peer_posing"] < 24:
        err("peer_posing < 24")
    # stats
    accts = {}
    for e in ev:
        for a in [e["sender"]] + e["recipients"]:
            accts[a["user_id"]] = a
    dec = sum(1 for a in accts.values() if "declared_age" in a)
    cues = Counter(c for a in a_msg.values() for c in a["cues"])
    roles = Counter(p["role"] for d in a_part.values() for p in d.values())
    tempos = Counter(a["tempo"] for a in a_sess.values())
    plen = [len(sess_events[s]) for s in sess_events if lab_s[s]]
    nlen = [len(sess_events[s]) for s in sess_events if not lab_s[s]]
    lies = sum(1 for sid in a_part for u, p in a_part[sid].items()
               if "declared_age" in accts[u] and accts[u]["declared_age"] != p["true_age"])
    stats = dict(sessions=n, messages=len(ev), positives=pos, negatives=n - pos,
                 styles=dict(sorted(st.items())), negative_kinds=dict(sorted(nk.items())),
                 tempos=dict(sorted(tempos.items())), roles=dict(sorted(roles.items())),
                 cues=dict(sorted(cues.items())), messages_without_cue=sum(1 for a in a_msg.values() if not a["cues"]),
                 accounts=len(accts), accounts_with_declared_age=dec, declared_age_lies=lies,
                 positive_len_min_mean_max=[min(plen), round(sum(plen) / len(plen), 1), max(plen)],
                 negative_len_min_mean_max=[min(nlen), round(sum(nlen) / len(nlen), 1), max(nlen)],
                 positives_15_50=sum(1 for x in plen if 15 <= x <= 50),
                 distinct_long_sentences=len(sent_sess),
                 max_sessions_per_long_sentence=max(len(v) for v in sent_sess.values()))
    print(json.dumps(stats, indent=1))
    if errors:
        print(f"{len(errors)} ERRORS")
        for e in errors[:60]:
            print(" ", e)
        sys.exit(1)
    print("VALID")


if __name__ == "__main__":
    main()
