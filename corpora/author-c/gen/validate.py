import json, re, datetime as dt
from collections import Counter, defaultdict
D="/work/corpora/author-c/"
ev=[json.loads(l) for l in open(D+"events.jsonl")]
lab=[json.loads(l) for l in open(D+"labels.jsonl")]
ann=[json.loads(l) for l in open(D+"annotations.jsonl")]
ids=set(); sess=defaultdict(list); accts={}
for e in ev:
    for f in ("schema","event_id","sent_at","session_id","sender","recipients","text"):
        assert f in e, f
    assert e["schema"]=="tipline.message/1"
    assert e["event_id"].startswith("ac-e") and e["session_id"].startswith("ac-s") and e["sender"]["user_id"].startswith("ac-u")
    assert e["event_id"] not in ids; ids.add(e["event_id"])
    t=dt.datetime.fromisoformat(e["sent_at"]); assert t.tzinfo is not None and t.year==2026, e["sent_at"]
    assert 1<=len(e["recipients"])<=1000 and isinstance(e["text"],str) and e["text"].strip()
    for a in [e["sender"]]+e["recipients"]:
        assert a["user_id"].startswith("ac-u")
        if "declared_age" in a: assert isinstance(a["declared_age"],int) and 0<=a["declared_age"]<=130
        accts[a["user_id"]]=a
    sess[e["session_id"]].append(e)
for s,es in sess.items():
    ts=[dt.datetime.fromisoformat(e["sent_at"]) for e in es]
    assert ts==sorted(ts), s
    assert 6<=len(es)<=80, (s,len(es))
labs={l["session_id"]:l["positive"] for l in lab}
assert set(labs)==set(sess) and len(lab)==len(labs)
sa={a["session_id"]:a for a in ann if a["kind"]=="session"}
assert set(sa)==set(sess)
for s,a in sa.items(): assert a["positive"]==labs[s]
pa=defaultdict(set)
for a in ann:
    if a["kind"]=="participant": pa[a["session_id"]].add(a["user_id"])
ma={a["event_id"]:a for a in ann if a["kind"]=="message"}
assert set(ma)==ids
VOC=set("age_probe personal_info parental_check secrecy isolation flattery age_gap off_platform image_request gifts meeting compliance_testing threats solicitation age_disclosure family_context".split())
cues=Counter()
for a in ma.values():
    assert set(a["cues"])<=VOC, a
    cues.update(a["cues"])
for s,es in sess.items():
    users={e["sender"]["user_id"] for e in es}|{r["user_id"] for e in es for r in e["recipients"]}
    assert users<=pa[s], s
print("OK sessions",len(sess),"pos",sum(labs.values()),"neg",len(sess)-sum(labs.values()),"events",len(ev))
print("pos messages",sum(len(sess[s]) for s in sess if labs[s]),"neg messages",sum(len(sess[s]) for s in sess if not labs[s]))
print("styles",Counter(a["style"] for a in sa.values() if a["positive"]))
print("kinds",Counter(a["negative_kind"] for a in sa.values() if not a["positive"]))
print("tempo",Counter(a["tempo"] for a in sa.values()))
print("cues",dict(cues.most_common()))
print("declared_age share",sum('declared_age' in a for a in accts.values())/len(accts), "accounts",len(accts))
L=[len(v) for v in sess.values()]; print("len min/max/mean",min(L),max(L),sum(L)/len(L))
print("groups",sum(1 for s in sess if len(pa[s])>2))
tx=Counter(e["text"] for e in ev if len(e["text"])>=25)
print("top repeated long texts",tx.most_common(8))
