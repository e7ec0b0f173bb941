import json, re, datetime as dt
from collections import defaultdict, Counter
from common import R, SLOTS, fill, noise, CHAT, KR
from posstyles import build_positive, chat as _chat
def chat():
    return [t for t in _chat() if t[0] in ('A','B')]
from negbanks import NEG, GROUP, OPEN, CLOSE, SUPPORT_USER
import hand

OUT = "/work/corpora/author-c/"

PRE = {"casual": ["ok ", "also ", "btw ", "wait ", "oh ", "hey ", "so ", "lol ", "ngl ", "fr ", "ok so ", "um ", "anyway "],
       "proper": ["Also, ", "By the way, ", "Just to check, ", "Quick one: ", "Oh, and ", "Sorry, ", "One more thing, "]}
SUF = {"casual": [" lol", " haha", " tho", " ok", " rn", " pls", " fr", " ngl", "??", "!!", " 😅", " lmao", " btw"],
       "proper": [" Thanks!", " Thank you.", " :)", " if that's ok.", " when you get a chance.", " Cheers."]}

USED = defaultdict(set)   # normalized text -> sessions
def norm(t):
    return re.sub(r"[^a-z0-9 ]", "", t.lower()).strip()

def vary(t, reg, strength):
    kind = "proper" if reg in ("proper", "nonnative") else "casual"
    p = ""
    if R.random() < strength:
        p = R.choice(PRE[kind])
        t = p + (t[0].lower() + t[1:] if kind == "proper" and t[:1].isupper() and not t.startswith("I ") else t)
    if R.random() < strength and not (p and p.strip() in t[len(p):]):
        sf = R.choice([x for x in SUF[kind] if x.strip() not in t]) if kind == "casual" else ""
        t = t.rstrip(".") + sf if kind == "casual" else t + R.choice(SUF[kind])
    return t

def render(text, reg, sid, ctx):
    base = fill(text, ctx)
    if reg == "hand":
        USED[norm(base)].add(sid)
        return base
    out = None
    for attempt in range(12):
        t = noise(vary(base, reg, 0.0 if attempt == 0 else min(0.9, 0.25 + 0.1 * attempt)), reg)
        n = norm(t)
        if len(n) < 18 or sid in USED[n] or len(USED[n]) < 3:
            out = t
            break
    if out is None:
        out = t
    USED[norm(out)].add(sid)
    return out

ADJ = ["mossy", "quiet", "neon", "lucky", "sleepy", "blue", "salty", "tiny", "cosmic", "rusty", "velvet", "frosty", "lazy",
       "pixel", "wild", "misty", "paper", "silver", "soft", "loud", "sunny", "dusty", "crispy", "odd", "amber"]
NOUN = ["lantern", "otter", "comet", "toast", "moth", "river", "fern", "badger", "cloud", "noodle", "falcon", "pebble",
        "cactus", "panda", "kettle", "maple", "ghost", "biscuit", "raven", "tulip", "gecko", "wave", "spark", "orbit"]
UC = [0]
def new_user(true_age, declared=None, display=None):
    UC[0] += 1
    u = {"user_id": "ac-u%05d" % UC[0]}
    sep = R.choice(["_", "", ".", "x"])
    u["screen_name"] = R.choice(ADJ) + sep + R.choice(NOUN) + (str(R.randint(1, 999)) if R.random() < 0.6 else "")
    if display:
        u["display_name"] = display
    if declared is not None:
        u["declared_age"] = declared
    return u

TZ = ["+00:00", "-05:00", "-04:00", "-06:00", "-08:00", "-07:00", "+01:00", "+02:00", "+05:30", "+10:00", "+09:00", "-03:00"]

def fmt(ts, tz):
    sign = 1 if tz[0] == "+" else -1
    h, mi = int(tz[1:3]), int(tz[4:6])
    off = dt.timezone(sign * dt.timedelta(hours=h, minutes=mi))
    return ts.astimezone(off).isoformat(timespec="seconds")

def gaps(tempo):
    if tempo == "fast":
        return (4, 150), (120, 1500)
    if tempo == "normal":
        return (5, 400), (3600, 36 * 3600)
    return (10, 600), (24 * 3600, 9 * 24 * 3600)

SESSIONS = []  # dicts
SC = [0]

def make_session(label, style, kind, tempo, phases, people, regs, group=False):
    """phases: list of list of (speaker,text,cues); people: dict speaker->(account, true_age, role)"""
    SC[0] += 1
    sid = "ac-s%04d" % SC[0]
    tz = R.choice(TZ)
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=R.randint(0, 350 * 86400))
    # daytime-ish local start
    ts = start
    (ia, ib), (pa, pb) = gaps(tempo)
    ctx = {"kname": R.choice(SLOTS["kname"])}
    msgs = []
    seen = set()
    phases = list(phases)
    pi = -1
    while pi + 1 < len(phases):
        pi += 1
        ph = phases[pi]
        if pi == len(phases) - 1 and len(msgs) + len(ph) < 6:
            phases.append(chat())
        if pi > 0 and ph:
            ts += dt.timedelta(seconds=R.randint(pa, pb))
        for (spk, text, cues) in ph:
            if spk not in people:
                continue
            t = render(text, regs[spk], sid, ctx)
            if norm(t) in seen and len(norm(t)) > 6:
                continue
            seen.add(norm(t))
            parts = [t]
            if R.random() < 0.08 and len(t) > 30:
                cut = t.find(", ")
                if cut > 8:
                    parts = [t[:cut], t[cut + 2:]]
                elif regs[spk] in ("kid", "sloppy"):
                    ws = t.split(" ")
                    k = len(ws) // 2
                    parts = [" ".join(ws[:k]), " ".join(ws[k:])]
            for p in parts:
                if R.random() < 0.03:
                    ts += dt.timedelta(seconds=R.randint(1800, 6 * 3600))  # silence
                ts += dt.timedelta(seconds=R.randint(ia, ib))
                msgs.append((spk, p, sorted(set(cues))))
                msgs[-1] = msgs[-1] + (ts,)
    msgs = msgs[:80]
    limit = dt.datetime(2026, 12, 31, 12, tzinfo=dt.timezone.utc)
    if msgs and msgs[-1][3] > limit:
        sh = msgs[-1][3] - limit
        msgs = [(a, b, c, d - sh) for a, b, c, d in msgs]
    msgs = [(a, b, c, fmt(d, tz)) for a, b, c, d in msgs]
    SESSIONS.append(dict(sid=sid, label=label, style=style, kind=kind, tempo=tempo, msgs=msgs, people=people))
    return sid

# ---------------- positives ----------------
POS_PLAN = {"standard": 10, "subtle": 27, "peer_posing": 26, "fast_pushy": 9, "slow_patient": 9, "gift_giver": 9,
            "romance": 9, "mentor_coach": 9, "off_platform_early": 9}
LEN = {"fast_pushy": (8, 26), "off_platform_early": (6, 24), "slow_patient": (40, 80), "standard": (14, 50),
       "subtle": (16, 70), "peer_posing": (18, 75), "gift_giver": (14, 55), "romance": (16, 60), "mentor_coach": (10, 45)}

def pos_people(style):
    kid_age = R.choice([11, 12, 12, 13, 13, 13, 14, 14, 15])
    if style == "peer_posing":
        oa = R.randint(22, 44)
        odecl = R.choice([15, 16]) if R.random() < 0.55 else None
    elif style == "mentor_coach":
        oa = R.randint(25, 52); odecl = None
    else:
        oa = R.randint(19, 55)
        odecl = (oa if R.random() < 0.5 else R.choice([17, 18, 19])) if R.random() < 0.08 else None
    kdecl = None
    if R.random() < 0.12:
        kdecl = R.choice([kid_age, 18, 16, 13])
    off = new_user(oa, odecl, R.choice([None, None, "Dan", "J", "kayla ☆", "Coach M", "mike", "Sunny"]))
    kid = new_user(kid_age, kdecl)
    return {"A": (off, oa, "offender"), "B": (kid, kid_age, "target")}

def tempo_for(style):
    if style == "fast_pushy": return "fast"
    if style == "slow_patient": return "slow"
    if style == "off_platform_early": return R.choice(["fast", "fast", "normal"])
    return R.choice(["normal", "normal", "normal", "slow", "fast"])

def off_reg():
    return R.choices(["sloppy", "proper", "nonnative"], [0.6, 0.2, 0.2])[0]

hand_pos = list(hand.POS)
hand_neg = list(hand.NEG)

for style, n in POS_PLAN.items():
    hands = [h for h in hand_pos if h[0] == style]
    for i in range(n):
        people = pos_people(style)
        if i < len(hands):
            _, tempo, phases, ages = hands[i]
            if ages:
                a, b = ages
                people["A"] = (people["A"][0], a, "offender"); people["B"] = (people["B"][0], b, "target")
            make_session(True, style, None, tempo, phases, people, {"A": "hand", "B": "hand"})
            continue
        lo, hi = LEN[style]
        target = R.randint(lo, hi)
        phases = build_positive(style, target)
        # trim overly long
        total = sum(len(p) for p in phases)
        while total > 80:
            j = max(range(len(phases)), key=lambda k: len(phases[k]))
            phases[j] = phases[j][:-1]
            total -= 1
        if total < 6:
            phases[-1] += chat()
        make_session(True, style, None, tempo_for(style), phases, people, {"A": off_reg(), "B": "kid"})

# ---------------- negatives ----------------
NEG_PLAN = {"family": 28, "caregiver": 16, "coach_teacher": 24, "peers": 24, "adults_dating": 24, "gaming": 18,
            "customer_support": 24, "surprise_party": 24, "other": 23}
EX_USES = Counter()

def neg_people(kind, group):
    def kid(a=None):
        a = a or R.randint(9, 16)
        return a
    if kind == "family":
        rel = R.choice(["sib", "cousin", "aunt", "grand", "parent", "sib"])
        aa = {"sib": R.randint(16, 26), "cousin": R.randint(16, 28), "aunt": R.randint(28, 55), "grand": R.randint(58, 80), "parent": R.randint(32, 52)}[rel]
        A = (aa, "family"); B = (kid(), "family"); C = (R.randint(8, 50), "family")
    elif kind == "caregiver":
        A = (R.randint(16, 62), "caregiver"); B = (kid(R.randint(7, 13)), "other"); C = (R.randint(30, 50), "family")
    elif kind == "coach_teacher":
        A = (R.randint(23, 62), "coach_teacher"); B = (kid(), "other"); C = (R.randint(30, 52), "family")
    elif kind == "peers":
        x = R.randint(12, 16); A = (x, "peer"); B = (max(11, x + R.choice([-1, 0, 0, 1])), "peer"); C = (x, "peer")
    elif kind == "adults_dating":
        x = R.randint(22, 60); A = (x, "adult"); B = (max(21, x + R.randint(-8, 8)), "adult"); C = (30, "adult")
    elif kind == "gaming":
        x = R.randint(17, 40); A = (x, "adult" if x >= 18 else "peer"); y = R.randint(18, 38); B = (y, "adult"); C = (25, "adult")
    elif kind == "customer_support":
        A = (R.randint(21, 55), "support")
        y = R.choice([R.randint(13, 17), R.randint(19, 70), R.randint(19, 70)]); B = (y, "adult" if y >= 18 else "other"); C = (30, "adult")
    elif kind == "surprise_party":
        if R.random() < 0.5:
            x = R.randint(13, 17); A = (x, "peer"); B = (x + R.choice([-1, 0, 1]), "peer"); C = (x, "peer")
        else:
            A = (R.randint(25, 55), "adult"); B = (R.randint(11, 17), "family"); C = (R.randint(20, 60), "family")
    else:
        A = (R.randint(20, 70), "other"); B = (R.randint(18, 70), "adult"); C = (40, "adult")
    out = {}
    for k, (age, role) in (("A", A), ("B", B), ("C", C)):
        if k == "C" and not group:
            continue
        decl = None
        if R.random() < 0.13:
            decl = age if R.random() < 0.75 else min(99, max(13, age + R.choice([-2, 3, 5])))
        out[k] = (new_user(age, decl), age, role)
    return out

def reg_for(kind, spk, people):
    age = people[spk][1]
    if kind in ("customer_support",) and spk == "A":
        return "proper"
    if kind in ("coach_teacher", "other") and spk == "A":
        return R.choice(["proper", "proper", "sloppy"])
    if age < 18:
        return "kid"
    return R.choices(["sloppy", "proper", "nonnative"], [0.55, 0.3, 0.15])[0]

def pick_ex(kind, k):
    bank = NEG[kind]
    idx = list(range(len(bank)))
    R.shuffle(idx)
    idx.sort(key=lambda i: EX_USES[(kind, i)])
    out = []
    for i in idx[:k]:
        EX_USES[(kind, i)] += 1
        out.append([(s, t, list(c)) for s, t, c in bank[i]])
    return out

def neutralize(turns, people):
    return [t for t in turns if t[0] in people]

for kind, n in NEG_PLAN.items():
    hands = [h for h in hand_neg if h[0] == kind]
    ngroup = {"surprise_party": 6, "family": 4, "peers": 4}.get(kind, 0)
    for i in range(n):
        group = ngroup > 0 and i >= len(hands) and i < len(hands) + ngroup
        if i < len(hands) and hands[i][3] and len(hands[i][3]) == 3:
            group = True
        people = neg_people(kind, group)
        if i < len(hands):
            _, tempo, phases, ages = hands[i]
            if ages:
                for k, a in zip("ABC", ages):
                    if k in people:
                        people[k] = (people[k][0], a, people[k][2])
            make_session(False, None, kind, tempo, phases, people, {k: "hand" for k in people}, group)
            continue
        tempo = R.choice(["fast", "normal", "normal", "slow"]) if kind not in ("customer_support",) else "fast"
        target = R.choice([R.randint(6, 14), R.randint(12, 35), R.randint(25, 80)])
        phases = [[("A", R.choice(OPEN[kind]), [])]]
        if kind == "customer_support":
            phases[0].append(("B", R.choice(SUPPORT_USER), []))
        k = max(1, min(6, target // 7))
        exs = pick_ex(kind, k)
        if group:
            exs += [[(s, t, list(c)) for s, t, c in e] for e in R.sample(GROUP[kind], 3)]
        cur = []
        for e in exs:
            cur += e
            if kind != "customer_support" and R.random() < 0.55:
                c = chat()
                if group and R.random() < 0.5:
                    c = [("C" if s == "B" else s, t, cc) for s, t, cc in c]
                cur += c
            if R.random() < 0.35:
                phases.append(cur); cur = []
        phases.append(cur)
        while sum(len(p) for p in phases) < target - 1 and kind != "customer_support":
            c = chat()
            if group and R.random() < 0.4:
                c = [("C" if s == "A" else s, t, cc) for s, t, cc in c]
            phases[-1] += c
        phases.append([("A" if kind in ("customer_support", "coach_teacher", "other") else R.choice(["A", "B"]), R.choice(CLOSE[kind]), [])])
        total = sum(len(p) for p in phases)
        while total > 80:
            j = max(range(len(phases)), key=lambda q: len(phases[q])); phases[j] = phases[j][:-1]; total -= 1
        regs = {k2: reg_for(kind, k2, people) for k2 in people}
        make_session(False, None, kind, tempo, phases, people, regs, group)

# ---------------- serialise ----------------
SESSIONS.sort(key=lambda s: dt.datetime.fromisoformat(s["msgs"][0][3]))
ev = open(OUT + "events.jsonl", "w"); lab = open(OUT + "labels.jsonl", "w"); ann = open(OUT + "annotations.jsonl", "w")
EC = 0
for s in SESSIONS:
    lab.write(json.dumps({"kind": "session", "session_id": s["sid"], "positive": s["label"]}) + "\n")
    ann.write(json.dumps({"kind": "session", "session_id": s["sid"], "positive": s["label"], "style": s["style"],
                          "negative_kind": s["kind"], "tempo": s["tempo"]}) + "\n")
    spk_used = {m[0] for m in s["msgs"]}
    for k, (acc, age, role) in s["people"].items():
        if k in spk_used or k in ("A", "B"):
            ann.write(json.dumps({"kind": "participant", "session_id": s["sid"], "user_id": acc["user_id"], "true_age": age, "role": role}) + "\n")
    accounts = {k: v[0] for k, v in s["people"].items()}
    for spk, text, cues, ts in s["msgs"]:
        EC += 1
        eid = "ac-e%06d" % EC
        rec = {"schema": "tipline.message/1", "event_id": eid, "sent_at": ts, "session_id": s["sid"],
               "sender": accounts[spk], "recipients": [a for k, a in accounts.items() if k != spk], "text": text}
        ev.write(json.dumps(rec, ensure_ascii=False) + "\n")
        ann.write(json.dumps({"kind": "message", "event_id": eid, "session_id": s["sid"], "cues": cues}) + "\n")
ev.close(); lab.close(); ann.close()
over = {k: len(v) for k, v in USED.items() if len(v) > 3 and len(k) >= 18}
print("sessions", len(SESSIONS), "events", EC, "sentences>3 sessions:", len(over))
for k, v in sorted(over.items(), key=lambda x: -x[1])[:15]:
    print(v, k)
