#!/usr/bin/env python3
"""author-f corpus assembler. Deterministic (fixed seed). Reads hand-written banks in src/banks/."""
import json, os, random, re, sys, glob, datetime as dt
from collections import defaultdict, Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
P = "af"
SEED = 20261203

CUES = {"ap": "age_probe", "ad": "age_disclosure", "ag": "age_gap", "pi": "personal_info",
        "pc": "parental_check", "se": "secrecy", "is": "isolation", "fl": "flattery",
        "of": "off_platform", "ir": "image_request", "ct": "compliance_testing", "gi": "gifts",
        "me": "meeting", "th": "threats", "so": "solicitation", "fc": "family_context"}


def load_banks():
    pools = {}
    for fn in sorted(glob.glob(os.path.join(HERE, "banks", "*.txt"))):
        cur = None
        beat = []
        for raw in open(fn, encoding="utf-8"):
            line = raw.rstrip("\n")
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if s.startswith("@"):
                if cur and beat:
                    pools[cur].append(beat)
                cur = s[1:].strip()
                pools.setdefault(cur, [])  # a pool may be continued in a later bank file
                beat = []
                continue
            if s == "~":
                if beat:
                    pools[cur].append(beat)
                beat = []
                continue
            m = re.match(r"^([A-Z]):\s?(.*)$", s)
            assert m, (fn, s)
            who, rest = m.group(1), m.group(2)
            cues = []
            if "||" in rest:
                rest, c = rest.split("||", 1)
                for code in c.split():
                    assert code in CUES, (fn, s, code)
                    cues.append(CUES[code])
            beat.append((who, rest.strip(), cues))
        if cur and beat:
            pools[cur].append(beat)
    return pools


# ---------------- slot values (hand-written, invented) ----------------
GAMES = [("Skyforge Rally", "sparks"), ("Moss & Lantern", "glimmers"), ("Bricktide", "tide coins"),
         ("Hollow Orbit", "orbs"), ("Pixel Paddock", "carrots"), ("Dune Drifters", "shards"),
         ("Crownfall Arena", "crowns"), ("Tinpot Tactics", "bolts"), ("Wyrmwood Online", "embers"),
         ("Kart Kingdom Zero", "nitro"), ("Quarry Quest", "gems"), ("Starling Sky", "feathers"),
         ("Goblin Grove", "acorns"), ("Neon Nets", "volts"), ("Otterbay", "pearls")]
APPS = ["Snapling", "Whispr", "Chatterbox Go", "Loopy", "PingPal", "Tandem Talk", "Hushline", "Yappr",
        "Blinkly", "Kite Messenger", "Murmur", "Vibely"]
PLATFORMS = ["natterbox", "pinwheel", "blokhaus", "yarnly", "gamelobby-chat", "hoopla-dm"]
GIFTCARDS = ["PlayVault card", "Zappo credit", "GemTill voucher", "Arcadium gift code", "Coinbay card"]
COUNTRIES = {"GB": 0.34, "AU": 0.2, "IE": 0.2, "IN": 0.26}
NAMES = {
    "GB": ["Olly", "Freya", "Alfie", "Poppy", "Callum", "Isla", "Harvey", "Evie", "Kian", "Maisie", "Reece", "Tilly",
           "Jaden", "Ruby", "Finley", "Amelia", "Tyler", "Leah", "Rhys", "Millie", "Kacper", "Zara"],
    "AU": ["Lachie", "Matilda", "Jarrah", "Sienna", "Cooper", "Mia", "Hamish", "Ava", "Bodhi", "Indi", "Archer",
           "Chloe", "Mitch", "Kirra", "Flynn", "Georgia", "Taj", "Lily"],
    "IE": ["Cian", "Aoife", "Oisin", "Niamh", "Darragh", "Saoirse", "Fionn", "Ciara", "Tadhg", "Roisin", "Eoin",
           "Caoimhe", "Shane", "Clodagh", "Rory", "Orla", "Conor", "Sadhbh"],
    "IN": ["Aarav", "Ananya", "Vihaan", "Diya", "Arjun", "Ishita", "Kabir", "Meera", "Rohan", "Saanvi", "Aditya",
           "Priya", "Karan", "Tara", "Dev", "Nisha", "Ishaan", "Riya"],
}
SN_A = ["mossy", "lowkey", "salty", "sleepy", "neon", "frosty", "gremlin", "cosmic", "tiny", "wonky", "rusty",
        "feral", "minty", "quiet", "soggy", "turbo", "velvet", "pickle", "static", "biscuit", "hazy", "cloud"]
SN_B = ["otter", "fox", "kiwi", "panda", "moth", "toast", "comet", "wombat", "raven", "bean", "yeti", "falcon",
        "noodle", "koala", "pixel", "badger", "gecko", "llama", "duck", "ferret", "spud", "tiger"]
PLACES = {"GB": ["the rec on Hollins Lane", "Brackwater shopping centre", "Millbrook park", "the skate park by Asda",
                 "Kingsmere library", "Fenwick Road bus station"],
          "AU": ["Wattle Creek skate park", "Bayview Westfield", "the lagoon pool", "Coolah station",
                 "Banksia reserve", "the servo on Ridge Rd"],
          "IE": ["the Square in Ballykeel", "Drumlin shopping centre", "the pitch at St Brendan's",
                 "Carrigmore library", "the Luas stop at Fernhill", "the prom in Salthill Cove"],
          "IN": ["Lakeview mall", "Sector 9 park", "the metro gate at Greenfield", "Crossroads cafe",
                 "the Nehru Nagar ground", "Silverleaf multiplex"]}
MUM = {"GB": ["mum", "mum", "mam"], "AU": ["mum", "mum", "mumma"], "IE": ["mam", "mam", "ma"],
       "IN": ["mummy", "mom", "mum"]}
DAD = {"GB": ["dad"], "AU": ["dad"], "IE": ["da", "dad"], "IN": ["papa", "dad"]}
GRAN = {"GB": ["nan", "nana", "gran"], "AU": ["nan", "nanna"], "IE": ["nana", "granny"], "IN": ["nani", "dadi"]}
CUR = {"GB": "£", "AU": "$", "IE": "€", "IN": "₹"}
SMALL = {"GB": [5, 10, 15, 20], "AU": [10, 15, 20, 25], "IE": [5, 10, 15, 20], "IN": [200, 300, 500, 1000]}
BIG = {"GB": [40, 50, 60], "AU": [50, 60, 80], "IE": [40, 50, 60], "IN": [2000, 2500, 3000]}
SUBJ = ["maths", "science", "history", "geog", "english", "french", "art", "PE", "computing", "music"]
PETS = ["dog", "cat", "hamster", "rabbit", "budgie", "guinea pig"]
BANDS = ["Paper Harbour", "Velvet Static", "the Moonlit Vans", "Kerosene Kites", "Lilac Riot", "DJ Parsnip"]
SPORTS = {"GB": "football", "AU": "footy", "IE": "hurling", "IN": "cricket"}
EXAMS = {"GB": "GCSEs", "AU": "NAPLAN", "IE": "the Junior Cert", "IN": "boards"}
TUTOR = {"GB": "form tutor", "AU": "homeroom teacher", "IE": "year head", "IN": "class teacher"}
TOWNS = {"GB": ["Leeds", "Stockport", "Swindon", "Croydon", "Hull"], "AU": ["Geelong", "Penrith", "Townsville", "Ipswich"],
         "IE": ["Athlone", "Navan", "Tralee", "Dundalk"], "IN": ["Pune", "Indore", "Kochi", "Lucknow"]}


def grade(age, c, rng):
    if c == "GB":
        y = age - 4
        return rng.choice([f"year {y}", f"yr {y}", f"y{y}"])
    if c == "AU":
        y = age - 5
        return rng.choice([f"year {y}", f"yr {y}"])
    if c == "IE":
        if age <= 12:
            return rng.choice([f"{age - 6}th class", "primary still"]) if age <= 11 else rng.choice(["6th class", "first year"])
        return {13: "first year", 14: "second year", 15: "third year"}.get(age, "second year")
    y = age - 5
    return rng.choice([f"class {y}", f"std {y}", f"{y}th"])


def age_ans(age, c, rng):
    r = rng.random()
    if r < 0.35:
        return str(age)
    if r < 0.65:
        return grade(age, c, rng)
    if r < 0.8:
        return f"{age} why"
    if r < 0.9:
        return f"nearly {age + 1}"
    return f"{age} lol"


class Slots:
    def __init__(self, rng, c, ages):
        g = rng.choice(GAMES)
        self.v = {
            "game": g[0], "coins": g[1], "app": rng.choice(APPS), "app2": rng.choice(APPS),
            "gc": rng.choice(GIFTCARDS), "place": rng.choice(PLACES[c]), "mum": rng.choice(MUM[c]),
            "dad": rng.choice(DAD[c]), "gran": rng.choice(GRAN[c]), "subj": rng.choice(SUBJ),
            "pet": rng.choice(PETS), "band": rng.choice(BANDS), "sport": SPORTS[c], "exams": EXAMS[c],
            "tutor": TUTOR[c], "town": rng.choice(TOWNS[c]),
            "small": f"{CUR[c]}{rng.choice(SMALL[c])}", "big": f"{CUR[c]}{rng.choice(BIG[c])}",
            "cur": CUR[c], "pal": rng.choice(sum(NAMES.values(), [])), "pal2": rng.choice(NAMES[c]),
            "day": rng.choice(["saturday", "sat", "sunday", "friday", "tmrw"]),
            "time": rng.choice(["3", "half 2", "4ish", "2", "11"]),
            "code": "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6)),
            "num": str(rng.randint(1000, 9999)),
        }
        self.ages = ages
        self.c = c
        self.rng = rng

    def fill(self, text, names):
        def rep(m):
            k = m.group(1)
            if k.startswith("n") and k[1:] in names:  # {nA} first name of speaker A
                return names[k[1:]]
            if k.startswith("age") and k[3:] in self.ages:
                return str(self.ages[k[3:]])
            if k.startswith("ans") and k[3:] in self.ages:
                return age_ans(self.ages[k[3:]], self.c, self.rng)
            if k.startswith("gr") and k[2:] in self.ages:
                return grade(self.ages[k[2:]], self.c, self.rng)
            if k == "claim":
                return str(self.ages.get("claim", 16))
            if k in self.v:
                return self.v[k]
            raise KeyError(k)
        return re.sub(r"\{([A-Za-z0-9]+)\}", rep, text)


# ---------------- session specs ----------------
# (name, positive, style/kind, count, phases, roles{letter:(role, lo, hi)}, tempo weights f/n/s)
CH = (10, 15)
SPECS = [
    ("peer_posing", True, "peer_posing", 24, ["pp_open", "pp_bond", "pp_probe", "pp_slip", "pp_push"],
     {"O": ("offender", 19, 34), "T": ("target", 11, 15)}, (2, 5, 3)),
    ("subtle", True, "subtle", 24, ["sb_open", "sb_bond", "sb_probe", "sb_push"],
     {"O": ("offender", 22, 55), "T": ("target", 10, 15)}, (1, 5, 4)),
    ("standard", True, "standard", 10, ["st_open", "st_probe", "st_secret", "st_push"],
     {"O": ("offender", 21, 50), "T": ("target", 11, 15)}, (3, 5, 2)),
    ("gift_giver", True, "gift_giver", 10, ["gg_open", "gg_probe", "gg_gift", "gg_push"],
     {"O": ("offender", 19, 45), "T": ("target", 10, 14)}, (2, 5, 3)),
    ("romance", True, "romance", 10, ["ro_open", "ro_love", "ro_secret", "ro_push"],
     {"O": ("offender", 19, 40), "T": ("target", 12, 15)}, (2, 5, 3)),
    ("off_platform_early", True, "off_platform_early", 10, ["oe_open", "oe_probe", "oe_push"],
     {"O": ("offender", 20, 48), "T": ("target", 11, 15)}, (6, 3, 1)),
    ("fast_pushy", True, "fast_pushy", 10, ["fp_open", "fp_probe", "fp_push"],
     {"O": ("offender", 20, 52), "T": ("target", 11, 15)}, (1, 0, 0)),
    ("slow_patient", True, "slow_patient", 10, ["sp_open", "sp_bond1", "sp_bond2", "sp_probe", "sp_push"],
     {"O": ("offender", 25, 55), "T": ("target", 10, 14)}, (0, 0, 1)),
    ("mentor_coach", True, "mentor_coach", 10, ["mc_open", "mc_bond", "mc_isolate", "mc_push"],
     {"O": ("offender", 24, 55), "T": ("target", 11, 15)}, (1, 4, 3)),
    # negatives
    ("fam_gran", False, "family", 10, ["fg_a", "fg_b"], {"A": ("family", 61, 79), "B": ("family", 9, 14)}, (3, 5, 2)),
    ("fam_parent", False, "family", 10, ["fpar_a", "fpar_b"], {"A": ("family", 35, 52), "B": ("family", 10, 15)}, (6, 3, 1)),
    ("fam_sib", False, "family", 7, ["fs_a", "fs_b"], {"A": ("family", 17, 23), "B": ("family", 11, 15)}, (5, 4, 1)),
    ("fam_cousin", False, "family", 7, ["fc_a", "fc_b"], {"A": ("family", 18, 27), "B": ("family", 11, 15)}, (4, 4, 2)),
    ("caregiver", False, "caregiver", 16, ["cg_a", "cg_b"], {"A": ("caregiver", 17, 58), "B": ("other", 9, 14)}, (5, 4, 1)),
    ("coach", False, "coach_teacher", 16, ["ct_a", "ct_b"], {"A": ("coach_teacher", 22, 58), "B": ("other", 10, 15)}, (3, 5, 2)),
    ("peers", False, "peers", 46, ["pe_a", "pe_b", "pe_c"], {"A": ("peer", 12, 15), "B": ("peer", 12, 15)}, (5, 4, 1)),
    ("dating", False, "adults_dating", 16, ["ad_a", "ad_b"], {"A": ("adult", 24, 44), "B": ("adult", 22, 44)}, (4, 5, 1)),
    ("gaming", False, "gaming", 18, ["gm_a", "gm_b"], {"A": ("adult", 19, 31), "B": ("adult", 18, 30)}, (6, 3, 1)),
    ("support", False, "customer_support", 20, ["cs_a", "cs_b"], {"A": ("support", 22, 48), "B": ("other", 11, 15)}, (8, 2, 0)),
    ("surprise_friends", False, "surprise_party", 6, ["sf_a", "sf_b"], {"A": ("peer", 13, 15), "B": ("peer", 13, 15), "C": ("peer", 13, 15)}, (5, 4, 1)),
    ("surprise", False, "surprise_party", 14, ["su_a", "su_b"], {"A": ("family", 38, 55), "B": ("family", 14, 17), "C": ("family", 40, 70)}, (4, 5, 1)),
    ("other", False, "other", 16, ["ot_a", "ot_b"], {"A": ("adult", 30, 70), "B": ("other", 10, 15)}, (4, 5, 1)),
]


def offset_for(c, when):
    m = when.month
    if c in ("GB", "IE"):
        return 60 if 4 <= m <= 10 else 0
    if c == "AU":
        return 660 if (m >= 10 or m <= 3) else 600
    return 330


def fmt(t, off):
    sign = "+" if off >= 0 else "-"
    return t.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{abs(off)//60:02d}:{abs(off)%60:02d}"


def main():
    rng = random.Random(SEED)
    pools = load_banks()
    use = Counter()          # (pool, idx) -> sessions
    tmpl_sessions = defaultdict(set)
    sessions = []
    for spec in SPECS:
        for i in range(spec[3]):
            sessions.append(spec)
    rng.shuffle(sessions)
    events, labels, ann_s, ann_p, ann_m = [], [], [], [], []
    ev_n = 0
    user_n = 0
    acct_total = acct_decl = 0
    for si, spec in enumerate(sessions, 1):
        name, pos, sk, _, phases, roles, tw = spec
        sid = f"{P}-s{si:04d}"
        c = rng.choices(list(COUNTRIES), weights=list(COUNTRIES.values()))[0]
        tempo = rng.choices(["fast", "normal", "slow"], weights=tw)[0]
        ages, names, accts = {}, {}, {}
        used_names = set()
        for L, (role, lo, hi) in roles.items():
            ages[L] = rng.randint(lo, hi)
            if name == "surprise" and L == "B" and rng.random() < 0.5:
                pass
            nm = rng.choice([n for n in NAMES[c] if n not in used_names])
            used_names.add(nm)
            names[L] = nm
        if name == "peers":
            ages["B"] = max(12, min(16, ages["A"] + rng.choice([-1, 0, 0, 1])))
        if name == "gaming" and rng.random() < 0.4:  # teen teammates
            ages["A"], ages["B"] = rng.randint(14, 16), rng.randint(14, 16)
        if name == "peer_posing":
            ages["claim"] = rng.choice([15, 16])
        sl = Slots(rng, c, ages)
        for L in roles:
            user_n += 1
            uid = f"{P}-u{user_n:04d}"
            sn = rng.choice(SN_A) + "_" + rng.choice(SN_B) + rng.choice(["", str(rng.randint(1, 99)), "x", "_" + names[L].lower()])
            a = {"user_id": uid, "screen_name": sn, "country": c}
            if rng.random() < 0.5:
                a["display_name"] = names[L]
            created = dt.datetime(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
            a["created_at"] = created.strftime("%Y-%m-%dT%H:%M:%SZ")
            role = roles[L][0]
            r = rng.random()
            decl = None
            if name == "peer_posing" and L == "O" and r < 0.55:
                decl = ages["claim"]
            elif role in ("target",) and r < 0.16:
                decl = rng.choice([13, 14, 18]) if ages[L] < 13 else ages[L]
            elif r < 0.11:
                decl = ages[L] if ages[L] >= 13 else rng.choice([13, 13, 14])
            if decl is not None:
                a["declared_age"] = decl
                acct_decl += 1
            acct_total += 1
            accts[L] = a
        # role fixups for gaming teens / surprise subtypes
        prole = {L: roles[L][0] for L in roles}
        if name == "gaming" and ages["A"] < 18:
            prole = {"A": "peer", "B": "peer"}
        if name == "support" and rng.random() < 0.3:
            ages["B"] = rng.randint(19, 40)
            prole["B"] = "adult"
        # build turns
        turns = []
        for ph in phases:
            pool = pools[ph]
            cands = sorted(range(len(pool)), key=lambda k: (use[(ph, k)], rng.random()))
            k = cands[0]
            assert use[(ph, k)] < 3, f"pool {ph} exhausted"
            use[(ph, k)] += 1
            turns.append(pool[k])
        # neutral small talk in some positive sessions (tracked by the same 3-session cap)
        if pos and rng.random() < 0.55:
            nchat = 2 if (tempo == "slow" and rng.random() < 0.5) else 1
            for _ in range(nchat):
                cands = sorted(range(len(pools["chat"])), key=lambda k: (use[("chat", k)], rng.random()))
                k = cands[0]
                if use[("chat", k)] >= 3:
                    break
                use[("chat", k)] += 1
                turns.insert(rng.randint(1, len(turns) - 1), pools["chat"][k])
        # timestamps
        # t is local wall-clock time of the session's country; written with that offset
        start = dt.datetime(2026, 1, 5) + dt.timedelta(days=rng.randint(0, 300), hours=rng.randint(15, 21),
                                                        minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))
        t = start
        off = offset_for(c, start)
        msgs = []
        for bi, beat in enumerate(turns):
            if bi > 0:
                if tempo == "fast":
                    t += dt.timedelta(seconds=rng.randint(60, 600))
                else:
                    if tempo == "normal":
                        t += dt.timedelta(minutes=rng.choice([rng.randint(10, 90), rng.randint(180, 1500)]))
                    else:
                        t += dt.timedelta(days=rng.randint(2, 16), minutes=rng.randint(0, 600))
                    if t.hour < 7 or t.hour >= 23:  # people sleep: resume the next afternoon/evening
                        t = t.replace(hour=rng.randint(15, 21), minute=rng.randint(0, 59)) + \
                            (dt.timedelta(days=1) if t.hour >= 23 else dt.timedelta(0))
            for ji, (who, text, cues) in enumerate(beat):
                if ji > 0:
                    if tempo == "fast":
                        t += dt.timedelta(seconds=rng.randint(4, 70))
                    elif tempo == "normal":
                        t += dt.timedelta(seconds=rng.randint(15, 900))
                    else:
                        t += dt.timedelta(seconds=rng.randint(20, 600))
                if len(text.split()) >= 4:
                    tmpl_sessions[text].add(sid)
                msgs.append((t, who, sl.fill(text, names), cues))
        assert 6 <= len(msgs) <= 80, (sid, name, len(msgs))
        plat = rng.choice(PLATFORMS)
        for (t, who, text, cues) in msgs:
            ev_n += 1
            eid = f"{P}-e{ev_n:06d}"
            rec = [accts[L] for L in roles if L != who]
            events.append({"schema": "tipline.message/1", "event_id": eid, "sent_at": fmt(t, off),
                           "session_id": sid, "platform": plat, "sender": accts[who], "recipients": rec,
                           "text": text})
            ann_m.append({"kind": "message", "event_id": eid, "session_id": sid, "cues": sorted(set(cues))})
        labels.append({"kind": "session", "session_id": sid, "positive": pos})
        ann_s.append({"kind": "session", "session_id": sid, "positive": pos, "style": sk if pos else None,
                      "negative_kind": None if pos else sk, "tempo": tempo})
        for L in roles:
            ann_p.append({"kind": "participant", "session_id": sid, "user_id": accts[L]["user_id"],
                          "true_age": ages[L], "role": prole[L]})
    over = {k: len(v) for k, v in tmpl_sessions.items() if len(v) > 3}
    assert not over, over
    with open(os.path.join(OUT, "events.jsonl"), "w", encoding="utf-8") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "labels.jsonl"), "w", encoding="utf-8") as f:
        for e in labels:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "annotations.jsonl"), "w", encoding="utf-8") as f:
        for group in (ann_s, ann_p, ann_m):
            for e in group:
                f.write(json.dumps(e, ensure_ascii=False) + "\n")
    print(f"sessions={len(labels)} events={len(events)} accounts={acct_total} declared={acct_decl} "
          f"({100*acct_decl/acct_total:.1f}%) templates={len(tmpl_sessions)}")
    unused = [(p, len(v)) for p, v in pools.items() if any(use[(p, k)] == 0 for k in range(len(v)))]
    if unused:
        print("pools with unused beats:", unused)


if __name__ == "__main__":
    main()
