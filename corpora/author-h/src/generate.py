#!/usr/bin/env python3
"""author-h corpus assembler. Deterministic: fixed seed, sorted bank loading.
Run from anywhere: python3 src/generate.py  -> writes events.jsonl, labels.jsonl,
annotations.jsonl in the author folder."""
import json, os, random, re, datetime as dt
from collections import defaultdict

SEED = 80817
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
BANKS = os.path.join(HERE, "banks")
CUES = {"age_probe", "age_disclosure", "age_gap", "personal_info", "parental_check", "secrecy",
        "isolation", "flattery", "off_platform", "image_request", "gifts", "meeting",
        "compliance_testing", "threats", "solicitation", "family_context"}


def load_banks():
    banks = defaultdict(list)
    for fn in sorted(os.listdir(BANKS)):
        if not fn.endswith(".txt"):
            continue
        beat, cur = None, []
        def flush():
            if beat and cur:
                banks[beat].append(list(cur))
            cur.clear()
        for ln, raw in enumerate(open(os.path.join(BANKS, fn), encoding="utf-8"), 1):
            line = raw.rstrip("\n")
            if line.startswith("## "):
                flush(); beat = line[3:].strip(); continue
            if not line.strip() or line.strip() == "--":
                flush(); continue
            if line.startswith("#"):
                continue
            m = re.match(r"^([ABC]):\s?(.*)$", line)
            if not m:
                raise SystemExit(f"{fn}:{ln}: bad line {line!r}")
            spk, body = m.group(1), m.group(2)
            cues = []
            if " |" in body:
                body, c = body.rsplit(" |", 1)
                cues = [x.strip() for x in c.split(",") if x.strip()]
                for x in cues:
                    if x not in CUES:
                        raise SystemExit(f"{fn}:{ln}: bad cue {x}")
            cur.append((spk, body.rstrip(), cues))
        flush()
    return banks


def norm(s):
    s = s.lower()
    s = re.sub(r"[^\w\s']", " ", s)
    s = s.replace("'", "")
    return " ".join(s.split())


def sentences(text):
    out = []
    for part in re.split(r"(?<=[.!?])\s+|\n", text):
        n = norm(part)
        if len(n.split()) > 3:
            out.append(n)
    return out

# ---------------------------------------------------------------- world bits
FIRST = ("maya liam ava noah zoe eli chloe owen lily jack nora leo ruby finn isla max ella sam "
         "mila theo aria jude nova cole piper reid jade kai sadie beau quinn wes tessa ezra luna "
         "dax skye milo hazel remy ivy colt juno bodhi wren nico maren tate poppy ezzy kenzie "
         "brody kaia rory lennox harper jonah aubrey declan sloane rhys paisley emmett "
         "zara ollie tamsin kofi anaya mateo priya diego leilani yusuf ines arjun noor").split()
ADULT_FIRST = ("greg dana mike karen steve lisa brian tara kevin jen doug heather rob amy chris "
               "melanie derek nicole todd carla wayne sharon glen trish marco lorraine neil "
               "bev ray denise curtis janelle").split()
FEMALE_ADULT = set("dana karen lisa tara jen heather amy melanie nicole carla sharon trish lorraine bev denise janelle".split())
HANDLE_A = ("frost pixel neon lunar echo drift nova storm ghost vapor blaze cosmic turbo shadow "
            "maple cedar bolt ember jolt glitch velvet comet riff static mango kiwi boba dino "
            "slick waffle noodle taco cactus pepper sprout").split()
HANDLE_B = ("fox wolf byte kat bear hawk otter moth raven lynx panda koi orca crow gecko yeti "
            "llama bun frog duck tiger moose puffin ferret").split()
GAMES = ["Brickfall", "Starlane Raiders", "Moonforge", "Crate Kingdom", "Vortex Arena",
         "Sky Haulers", "Pebble Town", "Rift Runners", "Glowcraft", "Thunderkart",
         "Neon Drift", "Castle Tumble", "Orbit Outlaws", "Farmstead Frenzy", "Dune Strikers"]
CURRENCY = {"Brickfall": "bricks", "Starlane Raiders": "star credits", "Moonforge": "moonstones",
            "Crate Kingdom": "crowns", "Vortex Arena": "v-coins", "Sky Haulers": "haul tokens",
            "Pebble Town": "pebbles", "Rift Runners": "rift gems", "Glowcraft": "glowbits",
            "Thunderkart": "bolts", "Neon Drift": "neon cash", "Castle Tumble": "tumble gold",
            "Orbit Outlaws": "orbits", "Farmstead Frenzy": "seeds", "Dune Strikers": "sandcoins"}
APPS = ["Hollerbox", "Snipchat", "Wavvy", "Pingle", "Murmur", "TalkTin", "Chirpr", "Blipline",
        "Quikk", "Zoomle Chat"]
PLATFORMS_SOCIAL = ["loopchat", "pixelpost", "glimmer-dm", "ravel", "chatterbox"]
PLATFORMS_GAME = ["brickfall-chat", "vortexarena-party", "moonforge-dm", "rift-lobby", "glowcraft-whispers",
                  "starlane-comms"]
TOWNS = ["Maple Hollow", "Port Selby", "Dunmore Creek", "Larkfield", "Cedar Bluff", "West Arlow",
         "Kestrel Bay", "Pinecross", "Harlan Falls", "Oakvale", "Brindle Point", "Sorrel Lake"]
SCHOOLS = ["Westbrook Middle", "Larkfield Junior High", "St. Avery", "Hollis Ridge Middle",
           "Cedar Bluff Secondary", "Northgate Middle", "Pinecross Junior High", "Kestrel Bay Secondary"]
MALLS = ["Riverside mall", "the Galleria", "Northpoint Centre", "Harbour mall", "Pinecross Commons"]
PARKS = ["Dunmore skatepark", "the Larkfield bowl", "Oakvale park", "the pier lot", "Cedar skate plaza"]
OFFSETS = ["-05:00", "-04:00", "-06:00", "-07:00", "-08:00", "-03:30", "-05:00", "-04:00"]
SETTINGS = {
    "esports": dict(activity="scrims", club="the Rift Academy team", thing="vod review",
                    platform=["rift-lobby", "vortexarena-party", "coachboard"]),
    "skate": dict(activity="skate session", club="the Sunday skate crew", thing="kickflip",
                  platform=["pixelpost", "loopchat"]),
    "theatre": dict(activity="rehearsal", club="the Larkfield Youth Players", thing="monologue",
                    platform=["loopchat", "cuecard", "glimmer-dm"]),
    "robotics": dict(activity="build night", club="team Gearhounds", thing="drivetrain",
                     platform=["botforum", "loopchat", "chatterbox"]),
    "baking": dict(activity="baking club", club="the Saturday bake club", thing="sourdough",
                   platform=["crumbly", "pixelpost", "loopchat"]),
    "homework": dict(activity="tutoring session", club="the HomeworkHub tutors", thing="algebra",
                     platform=["homeworkhub", "studyroom-chat"]),
}

# ---------------------------------------------------------------- recipes
# token syntax: "beat" required, "beat?0.5" optional with probability, "a|b" choose one
POS = {
    "fast_pushy": (["p_open_game|p_open_social", "p_age", "fp_push", "p_parental", "p_flatter",
                    "fp_image", "p_offplat", "fp_push2", "p_pressure", "p_delete?0.6"], "fast"),
    "slow_patient": (["p_open_game|p_open_social", "p_small", "p_small", "p_age", "p_small",
                      "p_flatter", "p_special", "p_personal", "p_isolate", "p_parental",
                      "p_secret", "p_gift?0.5", "p_offplat", "p_image?0.5", "p_meet"], "slow"),
    "subtle": (["sub_open", "sub_talk", "sub_probe", "sub_talk", "sub_alone", "sub_close",
                "sub_private", "sub_meet?0.6"], None),
    "romance": (["p_open_social|p_open_game", "p_small", "p_age", "p_agegap", "ro_love",
                 "ro_love2", "p_secret", "p_isolate?0.6", "p_image?0.6", "p_meet", "p_pressure?0.4"], None),
    "mentor_coach": (["mc_open", "mc_praise", "p_age?0.6", "mc_private", "mc_parents", "p_personal?0.5",
                      "mc_video", "p_secret", "p_isolate?0.5", "p_meet?0.6", "p_delete?0.4"], None),
    "gift_giver": (["p_open_game", "p_small?0.6", "gg_offer", "p_age", "gg_more", "p_secret",
                    "p_parental", "gg_owe", "p_image?0.5", "p_offplat?0.5"], None),
    "peer_posing": (["pp_open", "pp_claim", "p_small", "pp_slip", "p_small?0.6", "p_personal",
                     "pp_slip2", "p_secret", "p_parental?0.7", "p_offplat?0.6", "p_image?0.5",
                     "p_meet?0.7", "p_solicit?0.2"], None),
    "off_platform_early": (["p_open_game|p_open_social", "ope_move", "p_age", "p_parental",
                            "p_flatter", "p_secret", "p_image?0.5", "p_gift?0.4", "p_meet?0.5",
                            "p_delete?0.5"], None),
    "standard": (["p_open_game|p_open_social", "p_small", "p_age", "p_flatter", "p_parental",
                  "p_secret", "p_offplat", "p_gift?0.4", "p_image?0.5", "p_meet?0.5",
                  "p_test?0.5", "p_solicit?0.2"], None),
}
POS_COUNTS = {"peer_posing": 26, "mentor_coach": 16, "fast_pushy": 10, "slow_patient": 12,
              "subtle": 12, "romance": 10, "gift_giver": 10, "off_platform_early": 10, "standard": 10}
NEG = {
    "peers": ["pe_open", "pe_chat", "pe_socials?0.6", "pe_selfie?0.6", "pe_crush?0.5",
              "pe_secret?0.5", "pe_age?0.3", "pe_mall?0.6", "pe_chat?0.4", "pe_bye?0.5"],
    "gaming": ["ga_open", "ga_match", "ga_gift", "ga_skins?0.5", "ga_age?0.4", "ga_voice?0.6",
               "ga_match?0.4", "ga_bye?0.5"],
    "coach_teacher": ["ct_open", "ct_sched", "ct_praise", "ct_parent", "ct_photo?0.6",
                      "ct_meet?0.6", "ct_bye?0.6"],
    "family": ["fa_open", "fa_money?0.7", "fa_secret?0.6", "fa_alone?0.6", "fa_selfie?0.5",
               "fa_log", "fa_bye?0.5"],
    "caregiver": ["cg_open", "cg_alone", "cg_rules?0.6", "cg_photo?0.5", "cg_secret?0.5",
                  "cg_bye?0.5"],
    "adults_dating": ["ad_open", "ad_flirt", "ad_age?0.4", "ad_selfie?0.5", "ad_number?0.5",
                      "ad_meet", "ad_bye?0.4"],
    "customer_support": ["cs_open", "cs_dob", "cs_verify", "cs_fix?0.7", "cs_close"],
    "surprise_party": ["sp_open", "sp_secret", "sp_plan", "sp_alone?0.6", "sp_photo?0.5",
                       "sp_gift?0.5", "sp_bye?0.5"],
    "other": ["ot_open", "ot_mid", "ot_mid2?0.7", "ot_close"],
}
NEG_COUNTS = {"peers": 45, "gaming": 30, "coach_teacher": 30, "customer_support": 20,
              "family": 22, "caregiver": 15, "adults_dating": 15, "surprise_party": 16, "other": 17}


def grade(age):
    g = age - 5
    suf = {1: "st", 2: "nd", 3: "rd"}.get(g, "th")
    return f"{g}{suf}"


class Assembler:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.banks = load_banks()
        self.sent_sessions = defaultdict(set)
        self.uid = 0
        self.eid = 0
        self.events, self.labels, self.ann_s, self.ann_p, self.ann_m = [], [], [], [], []
        self.missing = defaultdict(int)
        self.used_names = set()

    def new_uid(self):
        self.uid += 1
        return f"ah-u{self.uid:04d}"

    def handle(self, kind, age):
        r = self.rng
        for _ in range(50):
            if kind == "teen":
                h = r.choice([f"{r.choice(HANDLE_A)}{r.choice(HANDLE_B)}{r.randint(1, 99)}",
                              f"{r.choice(FIRST)}.{r.choice(HANDLE_B)}",
                              f"xo{r.choice(FIRST)}{r.choice(['x', 'z', '_', ''])}",
                              f"{r.choice(HANDLE_A)}_{r.choice(FIRST)}",
                              f"{r.choice(FIRST)}{r.choice(HANDLE_A)}{r.randint(0, 9)}"])
            elif kind == "adult":
                fn = self.adult_first
                h = r.choice([f"{fn}_{r.choice(['m', 'k', 'r', 'b', 't'])}{r.randint(70, 99)}",
                              f"{fn}.{r.choice(['bakes', 'coach', 'runs', 'reads', 'fixes'])}",
                              f"{r.choice(HANDLE_A)}{fn}"])
            else:
                h = kind
            if h not in self.used_names:
                self.used_names.add(h)
                return h
        return h + str(r.randint(100, 999))

    def render(self, text, slots):
        return re.sub(r"\{(\w+)\}", lambda m: str(slots[m.group(1)]), text)

    def pick_variant(self, beat, slots, sid, used_here):
        has_c = slots.get("_has_c", False)
        cands = list(self.banks.get(beat, []))
        if slots.get("_grp"):
            cands += self.banks.get(beat + "_" + slots["_grp"], [])
        if not cands:
            self.missing[beat + " (no bank)"] += 1
            return None
        order = list(range(len(cands)))
        self.rng.shuffle(order)
        best, best_score = None, None
        for i in order:
            if (beat, i) in used_here:
                continue
            v = cands[i]
            if not has_c and any(sp == "C" for sp, _, _ in v):
                continue
            rendered = [(s, self.render(t, slots), c, t) for s, t, c in v]
            ok, score = True, 0
            for _, t, _, tm in rendered:
                for se in sentences(t) + (["T:" + x for x in sentences(tm)] if "{" in tm else []):
                    ss = self.sent_sessions[se]
                    if sid not in ss and len(ss) >= 3:
                        ok = False; break
                    score += len(ss)
                if not ok:
                    break
            if ok and (best is None or score < best_score):
                best, best_score = (i, rendered), score
                if score == 0:
                    break
        if best is None:
            self.missing[beat] += 1
            return None
        used_here.add((beat, best[0]))
        return best[1]

    def expand(self, recipe):
        beats = []
        for tok in recipe:
            m = re.match(r"^(.*?)\?([\d.]+)$", tok)
            p = 1.0
            if m:
                tok, p = m.group(1), float(m.group(2))
            if self.rng.random() >= p:
                continue
            beats.append(self.rng.choice(tok.split("|")))
        return beats

    def build(self, sid, positive, style, nkind):
        r = self.rng
        slots = {}
        game = r.choice(GAMES)
        setting = r.choice(list(SETTINGS))
        st = SETTINGS[setting]
        slots.update(game=game, cur=CURRENCY[game], app=r.choice(APPS + ["the other app"] * 2),
                     town=r.choice(TOWNS), school=r.choice(SCHOOLS), mall=r.choice(MALLS),
                     park=r.choice(PARKS), activity=st["activity"], club=st["club"],
                     thing=st["thing"], amt=r.choice([10, 15, 20, 25, 30, 40, 50]),
                     day=r.choice(["friday", "saturday", "sunday", "thursday", "tmrw"]),
                     game2=r.choice([g for g in GAMES if g != game]))
        tempo = None
        parts = []  # (key, role, age, kind, declared)
        if positive:
            recipe, tempo = POS[style]
            a_age = r.randint(22, 41) if style == "peer_posing" else r.randint(19, 54)
            b_age = r.randint(11, 15)
            parts = [("A", "offender", a_age, "teen" if style in ("peer_posing",) or r.random() < 0.4 else "adult"),
                     ("B", "target", b_age, "teen")]
            if style == "mentor_coach":
                beats = ["mc_open_" + setting] + self.expand(recipe)[1:]
            else:
                beats = self.expand(recipe)
            if tempo is None:
                tempo = r.choice(["fast", "normal", "normal", "slow"]) if style not in ("slow_patient",) else "slow"
                if style == "peer_posing":
                    tempo = r.choice(["normal", "normal", "slow", "fast"])
        else:
            recipe = NEG[nkind]
            beats = self.expand(recipe)
            tempo = r.choice(["fast", "fast", "normal", "normal", "slow"])
            if nkind == "peers":
                a = r.randint(12, 17); b = max(11, min(17, a + r.choice([-1, 0, 0, 1])))
                parts = [("A", "peer", a, "teen"), ("B", "peer", b, "teen")]
                if r.random() < 0.15:
                    parts.append(("C", "peer", max(11, a + r.choice([-1, 0, 1])), "teen"))
            elif nkind == "gaming":
                a = r.randint(13, 19); b = max(12, min(19, a + r.choice([-2, -1, 0, 1, 2])))
                parts = [("A", "peer", a, "teen"), ("B", "peer", b, "teen")]
            elif nkind == "coach_teacher":
                beats = ["ct_open_" + setting] + beats[1:]
                parts = [("A", "coach_teacher", r.randint(23, 58), "adult"), ("B", "other", r.randint(11, 16), "teen")]
                if r.random() < 0.35:
                    parts.append(("C", "family", r.randint(36, 52), "adult"))
            elif nkind == "family":
                rel = r.choice(["grandma", "grandpa", "aunt", "uncle", "older_sib", "mom", "dad"])
                slots["rel"] = rel
                slots["_grp"] = "gp" if rel.startswith("grand") else "par" if rel in ("mom", "dad") else "rel"
                nm = r.choice(ADULT_FIRST).capitalize()
                sib = r.choice(["sis", "bro"])
                slots["kin"] = {"grandma": "grandma", "grandpa": "grandpa", "aunt": "auntie", "uncle": "unc",
                                "older_sib": sib, "mom": "mom", "dad": "dad"}[rel]
                slots["_selfrel"] = (rel, sib)
                slots["_gender"] = "F" if rel in ("grandma", "aunt", "mom") or (rel == "older_sib" and sib == "sis") else "M"
                aa = {"grandma": (60, 79), "grandpa": (62, 80), "aunt": (29, 52), "uncle": (29, 55),
                      "older_sib": (17, 24), "mom": (33, 50), "dad": (34, 52)}[rel]
                parts = [("A", "family", r.randint(*aa), "adult"), ("B", "family", r.randint(10, 15), "teen")]
                beats = [b if b not in ("fa_open",) else "fa_open_" + ("gp" if rel.startswith("grand") else "par" if rel in ("mom", "dad") else "rel") for b in beats]
            elif nkind == "caregiver":
                parts = [("A", "caregiver", r.randint(17, 58), "adult"), ("B", "other", r.randint(9, 13), "teen")]
            elif nkind == "adults_dating":
                parts = [("A", "adult", r.randint(22, 48), "adult"), ("B", "adult", r.randint(22, 48), "adult")]
            elif nkind == "customer_support":
                parts = [("A", "support", r.randint(21, 45), "support"), ("B", "other" if r.random() < 0.75 else "adult", 0, "teen")]
                parts[1] = (parts[1][0], parts[1][1], r.randint(12, 16) if parts[1][1] == "other" else r.randint(19, 40), "teen")
            elif nkind == "surprise_party":
                if r.random() < 0.5:
                    parts = [("A", "family", r.randint(35, 55), "adult"), ("B", "family", r.randint(11, 16), "teen")]
                    slots["who"] = r.choice(["your mom", "your dad", "grandpa", "your sister"])
                else:
                    a = r.randint(12, 17)
                    parts = [("A", "peer", a, "teen"), ("B", "peer", a, "teen")]
                    slots["who"] = r.choice(FIRST).capitalize()
            else:
                parts = [("A", "adult", r.randint(26, 60), "adult"), ("B", "other", r.randint(13, 17), "teen")]
            if nkind in ("customer_support", "other") and tempo == "slow":
                tempo = "normal"
        # accounts
        accts = {}
        first_names = {}
        for key, role, age, kind in parts:
            uid = self.new_uid()
            if kind == "support":
                sn = f"{r.choice(['Support', 'Help', 'Care'])}_{r.choice(ADULT_FIRST).capitalize()}"
                disp = f"{slots['game']} Support" if r.random() < 0.5 else "Player Support"
            elif kind == "adult":
                pool = ADULT_FIRST
                if key == "A" and slots.get("_gender"):
                    pool = [n for n in ADULT_FIRST if (n in FEMALE_ADULT) == (slots["_gender"] == "F")]
                self.adult_first = r.choice(pool)
                sn = self.handle(kind, age)
                disp = self.adult_first.capitalize() + (" " + r.choice("ABCDFGHKLMPRSTW") + "." if r.random() < 0.5 else "") if r.random() < 0.6 else None
                first_names[key] = self.adult_first.capitalize()
            else:
                sn = self.handle(kind, age)
                disp = r.choice(FIRST).capitalize() if r.random() < 0.4 else None
            acc = {"user_id": uid, "screen_name": sn}
            if disp:
                acc["display_name"] = disp
            if positive and role == "offender" and style == "peer_posing":
                if r.random() < 0.5:
                    acc["declared_age"] = r.choice([14, 15, 15, 16, 16])
            elif age <= 12 and r.random() < 0.15:
                acc["declared_age"] = r.choice([13, 13, 18])
            elif r.random() < 0.11 and kind != "support":
                acc["declared_age"] = age
            accts[key] = (acc, role, age)
        b_age = accts["B"][2]
        if "_selfrel" in slots:
            rel, sib = slots["_selfrel"]
            nm = first_names.get("A", "Sam")
            slots["selfref"] = {"aunt": "aunt " + nm, "uncle": "uncle " + nm, "older_sib": "ur big " + sib}.get(rel, "")
        slots["_has_c"] = "C" in accts
        slots["bage"] = b_age
        slots["bgrade"] = grade(b_age) if b_age <= 17 else "college"
        slots["aage"] = accts["A"][2]
        slots["agrade"] = grade(accts["A"][2]) if 6 <= accts["A"][2] <= 17 else "12th"
        slots["byear"] = 2026 - b_age - r.choice([0, 1])
        slots["claim"] = accts["A"][0].get("declared_age", r.choice([14, 15, 16]))
        slots["cgrade"] = grade(slots["claim"]) if slots["claim"] <= 17 else "12th"
        slots["aname"] = first_names.get("A") or (accts["A"][0].get("display_name") or r.choice(FIRST).capitalize()).split()[0]
        slots["bname"] = (accts["B"][0].get("display_name") or r.choice(FIRST).capitalize())
        # assemble
        used_here = set()
        msgs = []
        lo, hi = (15, 50) if positive else (6, 40)
        for bi, beat in enumerate(beats):
            v = self.pick_variant(beat, slots, sid, used_here)
            if v is None:
                continue
            msgs.append(("BEAT", None, None, None))
            for spk, t, c, tm in v:
                msgs.append((spk, t, c, tm))
        fill = "p_small" if positive else {"peers": "pe_chat", "gaming": "ga_match"}.get(nkind, "gen_chat")
        tries = 0
        while sum(1 for m in msgs if m[0] != "BEAT") < lo and tries < 6:
            tries += 1
            v = self.pick_variant(fill if positive or tries < 3 else "gen_chat", slots, sid, used_here)
            if v is None:
                continue
            pos = max(2, len(msgs) // 2) if positive else len(msgs)
            # insert after a beat boundary
            idxs = [i for i, m in enumerate(msgs) if m[0] == "BEAT" and i >= 1]
            ins = min(idxs, key=lambda i: abs(i - pos)) if idxs else len(msgs)
            msgs[ins:ins] = [("BEAT", None, None, None)] + list(v)
        real = [m for m in msgs if m[0] != "BEAT"]
        if len(real) < 6:
            return False
        if len(real) > 60:
            cut = 0; out = []
            for m in msgs:
                if m[0] != "BEAT":
                    cut += 1
                    if cut > 60:
                        break
                out.append(m)
            msgs = out
        # light typos in teen voices (deterministic via the seeded rng)
        teen_keys = {key for key, role, age, kind in parts if kind == "teen"}
        for i, m in enumerate(msgs):
            if m[0] in teen_keys and len(m[1]) > 6 and r.random() < 0.06:
                msgs[i] = (m[0], self.typo(m[1]), m[2], m[3])
        # commit sentences
        for m in msgs:
            if m[0] != "BEAT":
                for se in sentences(m[1]) + (["T:" + x for x in sentences(m[3])] if "{" in m[3] else []):
                    self.sent_sessions[se].add(sid)
        # timestamps
        off = r.choice(OFFSETS)
        sign = -1 if off[0] == "-" else 1
        oh, om = int(off[1:3]), int(off[4:6])
        tz = dt.timezone(sign * dt.timedelta(hours=oh, minutes=om))
        start = dt.datetime(2025, 1, 6, tzinfo=tz) + dt.timedelta(days=r.randint(0, 600))
        hour = r.choice([7, 12, 15, 16, 17, 18, 19, 20, 21, 22]) if not (not positive and nkind in ("customer_support",)) else r.randint(9, 20)
        t = start.replace(hour=hour, minute=r.randint(0, 59), second=r.randint(0, 59))
        platform = self.platform(positive, style, nkind, setting)
        keys = [k for k in accts]
        first = True
        prev = None
        last_t = None
        for m in msgs:
            if m[0] == "BEAT":
                if not first:
                    if tempo == "fast":
                        t += dt.timedelta(seconds=r.randint(15, 240))
                    elif tempo == "normal":
                        if r.random() < 0.45:
                            t += dt.timedelta(minutes=r.randint(90, 2600))
                        else:
                            t += dt.timedelta(seconds=r.randint(30, 900))
                    else:
                        if r.random() < 0.7:
                            t += dt.timedelta(days=r.randint(1, 16), minutes=r.randint(0, 600))
                        else:
                            t += dt.timedelta(minutes=r.randint(5, 300))
                prev = None
                continue
            spk, text, cues, _tm = m
            if not first:
                if prev == spk:
                    t += dt.timedelta(seconds=r.randint(2, 25))
                else:
                    t += dt.timedelta(seconds=r.randint(6, 140 if tempo != "fast" else 60))
            t += dt.timedelta(milliseconds=r.randint(0, 999))
            first = False
            if 2 <= t.hour < 7:
                t = t.replace(hour=r.randint(7, 9), minute=r.randint(0, 59))
            if last_t is not None and t <= last_t:
                t = last_t + dt.timedelta(seconds=r.randint(3, 40), milliseconds=r.randint(0, 999))
            last_t = t
            prev = spk
            self.eid += 1
            eid = f"ah-e{self.eid:06d}"
            sender = accts[spk][0]
            recips = [accts[k][0] for k in keys if k != spk]
            ts = t.isoformat(timespec="milliseconds")
            self.events.append({"schema": "tipline.message/1", "event_id": eid, "sent_at": ts,
                                "session_id": sid, "platform": platform, "sender": sender,
                                "recipients": recips, "text": text})
            self.ann_m.append({"kind": "message", "event_id": eid, "session_id": sid, "cues": list(cues)})
        self.labels.append({"kind": "session", "session_id": sid, "positive": positive})
        self.ann_s.append({"kind": "session", "session_id": sid, "positive": positive,
                           "style": style if positive else None,
                           "negative_kind": None if positive else nkind, "tempo": tempo})
        for k in keys:
            acc, role, age = accts[k]
            self.ann_p.append({"kind": "participant", "session_id": sid, "user_id": acc["user_id"],
                               "true_age": age, "role": role})
        return True

    def typo(self, text):
        r = self.rng
        words = text.split(" ")
        idx = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha() and "{" not in w]
        if not idx:
            return text
        i = r.choice(idx)
        w = words[i]
        j = r.randint(1, len(w) - 2)
        op = r.choice(["swap", "drop", "double"])
        if op == "swap":
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        elif op == "drop":
            w = w[:j] + w[j + 1:]
        else:
            w = w[:j] + w[j] + w[j:]
        words[i] = w
        return " ".join(words)

    def platform(self, positive, style, nkind, setting):
        r = self.rng
        if (positive and style == "mentor_coach") or (not positive and nkind == "coach_teacher"):
            return r.choice(SETTINGS[setting]["platform"])
        if not positive and nkind in ("gaming", "customer_support"):
            return r.choice(PLATFORMS_GAME)
        if not positive and nkind == "adults_dating":
            return r.choice(["kindling", "matchpoint-dm", "loopchat"])
        if not positive and nkind in ("family", "caregiver", "surprise_party"):
            return r.choice(["sms", "loopchat", "familink", "chatterbox"])
        return r.choice(PLATFORMS_SOCIAL + PLATFORMS_GAME)

    def run(self):
        plan = [(True, s, None) for s, n in POS_COUNTS.items() for _ in range(n)]
        plan += [(False, None, k) for k, n in NEG_COUNTS.items() for _ in range(n)]
        self.rng.shuffle(plan)
        n = 0
        for positive, style, nk in plan:
            sid = f"ah-s{n + 1:04d}"
            if self.build(sid, positive, style, nk):
                n += 1
        ann = self.ann_s + self.ann_p + self.ann_m
        def dump(name, rows):
            with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
                for row in rows:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
        dump("events.jsonl", self.events)
        dump("labels.jsonl", self.labels)
        dump("annotations.jsonl", ann)
        print("sessions", n, "events", len(self.events))
        if self.missing:
            print("missing/exhausted beats:")
            for k, v in sorted(self.missing.items(), key=lambda x: -x[1]):
                print(f"  {k}: {v}")


if __name__ == "__main__":
    Assembler().run()
