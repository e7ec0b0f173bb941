#!/usr/bin/env python3
"""Assemble author-i's evaluation corpus from the hand-written banks. Deterministic (fixed seed)."""
import json, os, random, re, sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import long_sentences, subtle_violation, sentences
from fill import FILL
from bank_pos import POS, POS_CUES
from bank_subtle import SUB, SUB_CUES
from bank_kid import KID, KID_CUES
from bank_neg import NEG, NEG_CUES
from bank_extra import EXTRA, EXTRA_CUES

SEED = 4127
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rng = random.Random(SEED)

BANKS, BCUES = {}, {}
for d, c in ((POS, POS_CUES), (SUB, SUB_CUES), (KID, KID_CUES), (NEG, NEG_CUES), (EXTRA, EXTRA_CUES)):
    for k, v in d.items():
        BANKS.setdefault(k, []).extend(v)
        BCUES[k] = c[k]

USAGE = {}  # normalised long sentence -> set of session ids

# ------------------------------------------------------------------ voices
US_MAP = [(r"\bMum\b", "Mom"), (r"\bmum\b", "mom"), (r"\bmums\b", "moms"), (r"\bmaths\b", "math"),
          (r"favourite", "favorite"), (r"colour", "color"), (r"neighbour", "neighbor"), (r"pyjamas", "pajamas"),
          (r"\bcentre\b", "center"), (r"armour", "armor"), (r"\bMummy\b", "Mommy")]
UK_MAP = [(r"\bMom\b", "Mum"), (r"\bmom\b", "mum"), (r"\bmoms\b", "mums"), (r"\bmath\b", "maths"),
          (r"favorite", "favourite"), (r"\bcolor", "colour"), (r"neighbor", "neighbour"), (r"pajamas", "pyjamas"),
          (r"\bcenter\b", "centre"), (r"\bfries\b", "chips"), (r"\bcandy\b", "sweets"), (r"\bvacation\b", "holiday"),
          (r"\bcell\b", "mobile"), (r"\bmailbox\b", "letterbox"), (r"\bmailed\b", "posted")]

KID_SUBS = [(r"\byou\b", "u"), (r"\byour\b", "ur"), (r"\bi'm\b", "im"), (r"\bdon't\b", "dont"),
            (r"\bbecause\b", "bc"), (r"\breally\b", "rly"), (r"\btomorrow\b", "tmrw"), (r"\bokay\b", "ok"),
            (r"\bprobably\b", "prob"), (r"\bgoing to\b", "gonna"), (r"\bwant to\b", "wanna"), (r"\bare\b", "r"),
            (r"\bthanks\b", "thx"), (r"\bpeople\b", "ppl"), (r"\bsomething\b", "smth")]
KID_TAILS = ["lol", "tbh", "rn", "haha", "ngl", "lmao", "idk", "tho", "ok", "fr", "honestly"]

LEADS = {
    "warm": ["Oh, ", "Also, ", "By the way, ", "Just so you know, ", "Quick one: ", "Right, ", "Now then, ",
             "Before I forget, ", "Oh and ", "Listen, "],
    "subtle": ["Anyway, ", "Oh, ", "By the way, ", "Also, ", "Can I say, ", "Honestly, ", "I was thinking, ",
               "Funny thing, ", "Just a thought, ", "Hm. "],
    "casual": ["btw ", "ok so ", "hey ", "also ", "lol ", "honestly ", "wait ", "oh ", "so ", "ngl ", "srsly "],
    "kid": ["wait ", "omg ", "um ", "oh ", "lol ", "ok ", "tbh "],
    "formal": ["Thank you. ", "Certainly. ", "Understood. ", "Thanks for waiting. ", "Of course. "],
    "date": ["Hey you, ", "Babe, ", "Love, ", "Oh, ", "Also, ", "Honey, ", "So, "],
}


PROPER = set(["Grandma", "Grandpa", "Nana", "Aunt", "Auntie", "Uncle", "Mum", "Mom", "Dad", "Coach", "Gran",
              "Granddad", "Grammy", "Pop", "Nonna", "Shh", "Mr", "Ms", "Miss", "Our"])
GREET = ("Hi", "Hello", "Hey", "Hiya", "Morning", "Good", "Evening", "Hola", "Yo", "Shh", "Thanks", "Thank")
for _v in FILL.values():
    for _x in _v:
        if _x[:1].isupper():
            PROPER.add(_x.split()[0])


def fill_slots(t, ctx):
    for _ in range(3):
        t = re.sub(r"\{(\w+)\}", lambda m: str(ctx[m.group(1)]) if m.group(1) in ctx else rng.choice(FILL[m.group(1)]), t)
    return t


def kidify(t, allow_tail=True):
    if rng.random() < 0.85:
        t = t.lower()
    for pat, rep in KID_SUBS:
        if rng.random() < 0.5:
            t = re.sub(pat, rep, t)
    t = t.rstrip(".")
    if rng.random() < 0.4:
        t = t.replace(",", "")
    if allow_tail and len(t.split()) > 2 and not re.search(r"(lol|haha|lmao|idk|rn|tbh|fr)$", t) and rng.random() < 0.2:
        t = t + " " + rng.choice(KID_TAILS)
    if rng.random() < 0.08:
        words = t.split()
        cand = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
        if cand:
            i = rng.choice(cand)
            w = words[i]
            j = rng.randrange(len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
            t = " ".join(words)
    return t


def localise(t, locale):
    for pat, rep in (UK_MAP if locale == "uk" else US_MAP if locale == "us" else []):
        t = re.sub(pat, rep, t)
    return t


def parse(tmpl, bankname):
    m = re.match(r"^\[([a-z_, ]+)\]\s*(.*)$", tmpl)
    if m:
        return m.group(2), [c.strip() for c in m.group(1).split(",") if c.strip()]
    return tmpl, list(BCUES[bankname])


def ok_text(text, sid, subtle):
    if subtle and subtle_violation(text):
        return False
    for s in long_sentences(text):
        u = USAGE.get(s, set())
        if sid in u or len(u) >= 3:
            return False
    return True


def render(bankname, person, sess, tries=40):
    """Return (text, cues) or None when the bank is exhausted for this session."""
    items = BANKS[bankname]
    voice = person["voice"]
    sess.setdefault("cores", set())
    for attempt in range(tries):
        tmpl, cues = parse(rng.choice(items), bankname)
        ctx = dict(sess["ctx"])
        ctx.update(person.get("ctx", {}))
        text = fill_slots(tmpl, ctx)
        text = localise(text, person["locale"])
        core = " ".join(sentences(text))
        if len(core.split()) > 3 and core in sess.setdefault("cores", set()):
            continue
        lead = None
        if attempt >= tries // 3 or rng.random() < 0.15:
            if len(text.split()) > 2 and not text.split()[0].strip(",.!:'").lower() in [g.lower() for g in GREET]:
                lead = rng.choice(LEADS[voice if voice in LEADS else "casual"])
        if voice == "kid":
            text = kidify(text)
            if lead and len(text.split()) > 2 and not text.startswith(("ok", "omg", "um", "oh", "lol", "wait")):
                text = lead + text
        elif voice == "casual":
            if rng.random() < 0.6:
                text = text.lower()
            if lead:
                text = lead + text[0].lower() + text[1:]
        elif lead:
            w = text.split()[0].strip(",.!?:'")
            if not (w in PROPER or w == "I" or text.startswith("I'")):
                text = text[0].lower() + text[1:]
            text = lead + text
        if ok_text(text, sess["sid"], sess["subtle"]):
            sess["cores"].add(core)
            for s in long_sentences(text):
                USAGE.setdefault(s, set()).add(sess["sid"])
            return text, cues
    return None


# ------------------------------------------------------------------ people
ADJ = ["minty", "lucky", "sleepy", "cosmic", "fuzzy", "tiny", "wild", "pixel", "frosty", "sunny", "silver", "shadow",
       "cloudy", "sparkly", "rusty", "bubbly", "velvet", "stormy", "gentle", "brave", "lazy", "neon", "mellow", "quiet"]
NOUN = ["fox", "otter", "panda", "comet", "pickle", "dragon", "koala", "moth", "wolf", "bean", "cactus", "raven",
        "tiger", "noodle", "sprout", "pebble", "llama", "biscuit", "falcon", "yeti", "lynx", "maple", "kiwi", "gecko"]
ADULT_FIRST = ["Dave", "Mark", "Greg", "Tony", "Ray", "Colin", "Kevin", "Steve", "Paul", "Gary", "Neil", "Rob",
               "Lisa", "Karen", "Julie", "Helen", "Sandra", "Mel", "Rosa", "Jo", "Priya", "Anita", "Fiona", "Dee",
               "Martin", "Wes", "Brent", "Doug", "Simon", "Trevor", "Carla", "Nadia", "Ingrid", "Tomasz", "Omar"]
SURN = ["Harlow", "Pike", "Mercer", "Odell", "Vance", "Quill", "Bramley", "Tully", "Ashdown", "Kerrigan", "Lund",
        "Okafor", "Reyes", "Novak", "Whitcombe", "Delacroix", "Farrow", "Penhale", "Marsh", "Iwu"]

UID = [0]


def new_uid():
    UID[0] += 1
    return "ai-u%05d" % UID[0]


def kid_name():
    a, n = rng.choice(ADJ), rng.choice(NOUN)
    return rng.choice([f"{a}{n}{rng.randint(1, 99)}", f"{a}_{n}", f"x{n}{a}x", f"{n}.{a}{rng.randint(2, 9)}",
                       f"{rng.choice(FILL['kidname']).lower()}{rng.choice(['', '_', 'x'])}{rng.randint(1, 2012)}"])


def adult_name(first):
    s = rng.choice(SURN)
    return rng.choice([f"{first.lower()}.{s[0].lower()}", f"{first.lower()}{s.lower()}", f"{first.lower()}_{rng.randint(60, 99)}",
                       f"{rng.choice(ADJ)}{first.lower()}", f"{first[0].lower()}{s.lower()}{rng.randint(1, 9)}"])


def person(role, age, voice, locale, screen=None, display=None, declared=None, ctx=None):
    p = {"user_id": new_uid(), "screen_name": screen or (kid_name() if age < 18 else adult_name(rng.choice(ADULT_FIRST))),
         "role": role, "true_age": age, "voice": voice, "locale": locale, "ctx": ctx or {}}
    if display:
        p["display_name"] = display
    if declared is not None:
        p["declared_age"] = declared
    return p


def maybe_declare(age, p=0.1):
    if rng.random() < p:
        if age < 13 and rng.random() < 0.6:
            return rng.choice([13, 13, 18])
        return age
    return None


# ------------------------------------------------------------------ script helpers
def X(a, k, who="A", kid="K", reply=0.85, ack=0.25):
    ex = [(who, a)]
    if rng.random() < reply:
        ex.append((kid, "k_ack" if rng.random() < ack else k))
    return ex


def pick(seq, lo, hi):
    n = rng.randint(lo, hi)
    return [rng.choice(seq) for _ in range(n)]


# ------------------------------------------------------------------ positive scripts
def pos_script(style):
    E = []  # list of exchanges or "BREAK"
    B = "BREAK"
    if style == "fast_pushy":
        E += [X("o_open", "k_hi", reply=1), X("o_age_probe", "k_age", reply=1, ack=0)]
        E += [X("o_flattery", "k_flattered")]
        for b in pick(["o_fast", "o_fast", "o_parental", "o_image", "o_offplat", "o_secrecy", "o_personal"], 5, 9):
            E.append(X(b, rng.choice(["k_hesitant", "k_ack", "k_image", "k_parents"])))
        E += [X("o_guilt", "k_guilt"), X("o_offplat", "k_offplat")]
        if rng.random() < 0.6:
            E.append(X("o_meeting", "k_meet"))
        if rng.random() < 0.5:
            E.append(X("o_delete", "k_secret"))
        if rng.random() < 0.3:
            E.append([("K", "k_uneasy_end"), ("A", "o_guilt")])
    elif style == "slow_patient":
        E += [X("o_open", "k_hi", reply=1)] + [X("o_rapport", "k_small") for _ in range(rng.randint(2, 3))] + [B]
        E += [[("K", "k_small")], X("o_rapport", "k_small"), X("o_age_probe", "k_age", ack=0), X("o_age_gap", "k_ack"), B]
        E += [X("o_rapport", "k_small"), X("o_flattery", "k_flattered"), X("o_personal", "k_school"), B]
        E += [[("K", "k_sad")], X("o_isolation", "k_ack"), X("o_rapport", "k_small"), X("o_parental", "k_parents"), B]
        if rng.random() < 0.5:
            E += [X("o_gifts", "k_gift")]
        E += [X("o_flattery", "k_flattered"), X("o_secrecy", "k_secret"), X("o_offplat", "k_offplat"), B]
        E += [X("o_rapport", "k_small"), X("o_image", "k_image"), X("o_meeting", "k_meet")]
        if rng.random() < 0.6:
            E += [X("o_guilt", "k_guilt")]
        if rng.random() < 0.4:
            E += [X("o_delete", "k_secret")]
    elif style == "subtle":
        E += [X("s_open", "k_hi", reply=1)] + [X("s_rapport", "k_small") for _ in range(rng.randint(1, 3))] + [B]
        E += [[("K", "k_small")], X("s_rapport", "k_small"), X("s_gets", "k_flattered")]
        if rng.random() < 0.5:
            E += [X("s_age", "k_age", ack=0)]
        E += [B, X("s_notice", "k_sad"), X("s_wedge", "k_ack"), X("s_gets", "k_flattered"), X("s_routine", "k_school"), B]
        mid = [X("s_rapport", "k_small"), X("s_favour", "k_ack"), X("s_quiet", "k_parents"), X("s_between", "k_secret"),
               X("s_notice", "k_sad"), X("s_wedge", "k_ack"), X("s_routine", "k_school")]
        rng.shuffle(mid)
        E += mid[:rng.randint(3, 6)] + [B]
        late = [X("s_gift", "k_gift"), X("s_pics", "k_image"), X("s_offplat", "k_offplat"), X("s_favour", "k_hesitant"),
                X("s_meet", "k_meet"), X("s_guilt", "k_guilt"), X("s_agegap", "k_ack")]
        rng.shuffle(late)
        E += late[:rng.randint(3, 6)]
        if rng.random() < 0.5:
            E += [[("K", "k_guilt")], X("s_gets", "k_ack")]
    elif style == "romance":
        E += [X("o_open", "k_hi", reply=1), X("o_rapport", "k_small"), X("o_age_probe", "k_age", ack=0), X("o_age_gap", "k_ack"), B]
        E += [X("o_flattery", "k_flattered"), X("o_romance", "k_flattered"), X("o_rapport", "k_small"), B]
        E += [X("o_romance", "k_flattered"), X("o_romance", "k_ack"), X("o_secrecy", "k_secret"), [("K", "k_sad")], X("o_isolation", "k_ack"), B]
        E += [X("o_romance", "k_flattered"), X("o_offplat", "k_offplat"), X("o_image", "k_image"), X("o_meeting", "k_meet")]
        if rng.random() < 0.6:
            E += [X("o_guilt", "k_guilt"), X("o_romance", "k_ack")]
    elif style == "mentor_coach":
        E += [X("o_mentor", "k_ct", reply=1), X("o_mentor", "k_ct"), X("o_age_probe", "k_age", ack=0), B]
        E += [X("o_mentor_iso", "k_ack"), X("o_flattery", "k_flattered"), X("o_personal", "k_school"), X("o_mentor_meet", "k_meet"), B]
        E += [X("o_mentor_sec", "k_secret"), X("o_parental", "k_parents"), X("o_mentor", "k_ct"), X("o_mentor_iso", "k_ack"), B]
        late = [X("o_offplat", "k_offplat"), X("o_image", "k_image"), X("o_mentor_meet", "k_meet"), X("o_guilt", "k_guilt"),
                X("o_compliance", "k_ack"), X("o_isolation", "k_ack")]
        rng.shuffle(late)
        E += late[:rng.randint(3, 5)]
    elif style == "gift_giver":
        E += [X("o_open", "k_hi", reply=1), X("o_rapport", "k_small"), X("o_gift_game", "k_gift", reply=1, ack=0), B]
        E += [X("o_age_probe", "k_age", ack=0), X("o_gift_game", "k_gift"), X("o_flattery", "k_flattered"), X("o_parental", "k_parents"), B]
        E += [X("o_gift_game", "k_gift"), X("o_secrecy", "k_secret"), X("o_gift_parcel", "k_school"), X("o_personal", "k_school"), B]
        late = [X("o_gift_owe", "k_guilt"), X("o_offplat", "k_offplat"), X("o_image", "k_image"), X("o_meeting", "k_meet"),
                X("o_solicit", "k_ack"), X("o_gift_game", "k_gift"), X("o_compliance", "k_ack"), X("o_delete", "k_secret")]
        rng.shuffle(late)
        E += late[:rng.randint(3, 6)]
    elif style == "peer_posing":
        E += [X("p_open", "k_hi", reply=1), X("p_rapport", "k_small"), X("o_age_probe", "k_age", ack=0), X("o_peerclaim", "k_ack"), B]
        E += [X("p_rapport", "k_small"), X("o_flattery", "k_flattered"), X("o_parental", "k_parents"), X("o_secrecy", "k_secret"), B]
        E += [X("o_offplat", "k_offplat"), X("o_image", "k_image"), X("o_slip", "k_slip", reply=1, ack=0)]
        E += [X("p_cover", "k_ack")]
        late = [X("o_meeting", "k_meet"), X("o_guilt", "k_guilt"), X("o_delete", "k_secret"), X("o_age_gap", "k_hesitant"),
                X("o_gifts", "k_gift"), X("o_solicit", "k_ack")]
        rng.shuffle(late)
        E += late[:rng.randint(2, 4)]
    elif style == "off_platform_early":
        E += [X("o_open", "k_hi", reply=1), X("o_offearly", "k_offplat", reply=1, ack=0)]
        if rng.random() < 0.5:
            E += [X("o_offplat", "k_hesitant")]
        rest = [X("o_age_probe", "k_age", ack=0), X("o_parental", "k_parents"), X("o_image", "k_image"),
                X("o_secrecy", "k_secret"), X("o_flattery", "k_flattered"), X("o_delete", "k_secret"), X("o_personal", "k_school")]
        rng.shuffle(rest)
        E += rest[:rng.randint(3, 6)]
    else:  # standard
        E += [X("o_open", "k_hi", reply=1)] + [X("o_rapport", "k_small") for _ in range(rng.randint(1, 2))]
        E += [X("o_age_probe", "k_age", ack=0)]
        if rng.random() < 0.5:
            E += [X("o_age_gap", "k_ack")]
        E += [X("o_flattery", "k_flattered"), B]
        mid = [X("o_personal", "k_school"), X("o_parental", "k_parents"), X("o_secrecy", "k_secret"),
               [("K", "k_sad")] + X("o_isolation", "k_ack"), X("o_rapport", "k_small"), X("o_gifts", "k_gift")]
        rng.shuffle(mid)
        E += mid[:rng.randint(3, 6)] + [B]
        late = [X("o_offplat", "k_offplat"), X("o_image", "k_image"), X("o_meeting", "k_meet"), X("o_guilt", "k_guilt"),
                X("o_delete", "k_secret"), X("o_compliance", "k_ack")]
        rng.shuffle(late)
        E += late[:rng.randint(3, 6)]
    return E


POS_PLAN = {"subtle": 27, "gift_giver": 18, "slow_patient": 14, "romance": 11, "mentor_coach": 11,
            "peer_posing": 12, "off_platform_early": 11, "fast_pushy": 11, "standard": 12}
NEG_PLAN = {"family": 52, "caregiver": 34, "adults_dating": 22, "peers": 21, "coach_teacher": 18, "gaming": 18,
            "customer_support": 16, "surprise_party": 17, "other": 16}

PLATFORMS_POS = ["Chattermoss", "PebblePost", "Hexlo", "LoopTalk", "Skyforge in-game chat", "Quillr", "BrightBoard"]
PLATFORMS_FAM = ["FamilyNest", "sms", "Chattermoss", "LoopTalk", "PebblePost"]


def pos_tempo(style):
    if style == "fast_pushy":
        return "fast"
    if style == "slow_patient":
        return "slow"
    if style == "off_platform_early":
        return rng.choice(["fast", "fast", "normal"])
    if style in ("subtle", "gift_giver"):
        return rng.choice(["slow", "slow", "normal"])
    return rng.choice(["normal", "normal", "slow", "fast"] if style == "standard" else ["normal", "slow"])


def build_positive(sid, style):
    locale = rng.choice(["us", "us", "uk", "uk", "other"])
    kid_age = rng.choice([11, 12, 12, 13, 13, 13, 14, 14, 15])
    kid_decl = maybe_declare(kid_age, 0.15)
    off_age = rng.randint(22, 58)
    voice = {"subtle": "subtle", "mentor_coach": "warm", "peer_posing": "kid"}.get(style, "casual")
    off_decl = None
    disp = None
    if style == "peer_posing":
        off_decl = rng.choice([15, 16, 15, 14])
        off_screen = kid_name()
    elif style == "mentor_coach":
        first = rng.choice(ADULT_FIRST)
        off_screen = "coach" + rng.choice(["_", ".", ""]) + first.lower()
        disp = "Coach " + first
        if rng.random() < 0.15:
            off_decl = off_age
    else:
        off_screen = adult_name(rng.choice(ADULT_FIRST)) if rng.random() < 0.5 else kid_name()
        if rng.random() < 0.12:
            off_decl = rng.choice([off_age, 17, 19, 16])
    O = person("offender", off_age, voice, locale, screen=off_screen, display=disp, declared=off_decl)
    K = person("target", kid_age, "kid", locale, declared=kid_decl)
    sess = {"sid": sid, "ctx": {"kid": rng.choice(FILL["kidname"]), "me": "me", "par": "mum"}, "subtle": style == "subtle",
            "people": {"A": O, "K": K}, "platform": rng.choice(PLATFORMS_POS)}
    if style == "mentor_coach":
        sess["ctx"]["sport"] = rng.choice(FILL["sport"])
    return sess, pos_script(style), pos_tempo(style)


# ------------------------------------------------------------------ negative scripts
GRAND = [("Grandma", 68, "mum"), ("Nana", 72, "mom"), ("Grandpa", 74, "dad"), ("Granddad", 70, "mum"),
         ("Gran", 77, "mum"), ("Grammy", 66, "mom"), ("Pop", 71, "dad"), ("Nonna", 75, "mom")]
AUNT = [("Aunt Jo", 41, "mum"), ("Auntie Mel", 38, "mom"), ("Uncle Ray", 45, "dad"), ("Uncle Dev", 36, "mum"),
        ("Aunt Rosa", 52, "mom"), ("Uncle Sol", 49, "dad"), ("Auntie Bea", 33, "mum"), ("Uncle Fitz", 40, "mom")]


def fam_pick(n):
    core = ["f_money", "f_secret", "f_alone", "f_photo", "f_meet"]
    rest = ["f_schedule", "f_flattery", "f_age", "f_kin", "f_rule", "f_kin"]
    chosen = rng.sample(core, rng.randint(2, 4)) + [rng.choice(rest) for _ in range(max(0, n - 3))]
    rng.shuffle(chosen)
    return chosen


def build_negative(sid, kind):
    locale = rng.choice(["us", "us", "uk", "uk", "other"])
    ctx = {"kid": rng.choice(FILL["kidname"])}
    people, E = {}, []
    B = "BREAK"
    platform = rng.choice(PLATFORMS_POS)
    kid_age = rng.randint(9, 15)

    def kid(role):
        return person(role, kid_age, "kid", locale, declared=maybe_declare(kid_age, 0.12))

    if kind == "family":
        sub = rng.choice(["grand", "grand", "aunt", "step", "sib", "sib", "esl", "group"])
        platform = rng.choice(PLATFORMS_FAM)
        if sub in ("grand", "aunt", "step", "group", "esl"):
            if sub == "step":
                first = rng.choice(ADULT_FIRST)
                me, age, par = first, rng.randint(32, 50), rng.choice(["mum", "mom", "dad"])
            else:
                me, age, par = rng.choice(GRAND if sub in ("grand", "group", "esl") else AUNT)
                age += rng.randint(-4, 4)
            fscreen = rng.choice([me.lower().replace(" ", "") + rng.choice(["_", ".", ""]) + rng.choice(SURN).lower(),
                                  me.lower().replace(" ", "") + str(rng.randint(1, 99)), adult_name(rng.choice(ADULT_FIRST))])
            A = person("family", age, "warm", locale if sub != "esl" else "other", ctx={"me": me, "par": par}, screen=fscreen,
                       display=me if rng.random() < 0.5 else None, declared=age if rng.random() < 0.1 else None)
            people = {"A": A, "K": kid("family")}
            if sub == "group":
                people["P"] = person("family", rng.randint(34, 48), "warm", locale, ctx={"me": "Mum" if par == "mum" else "Mom", "par": par})
            if sub == "esl":
                E += [X("f_esl", rng.choice(["k_fam", "auto"])) for _ in range(rng.randint(4, 8))]
                if rng.random() < 0.5:
                    E.insert(rng.randint(1, len(E)), B)
                E += [X("f_money", "k_fam")] if rng.random() < 0.4 else []
            else:
                E.append(X("f_greet", rng.choice(["r_greet", "r_greet", "k_fam"]), reply=1))
                picks = fam_pick(rng.randint(4, 9))
                for i, b in enumerate(picks):
                    E.append(X(b, "auto"))
                    if sub == "group" and rng.random() < 0.4:
                        E.append([("P", rng.choice(["f_kin", "f_rule", "par_fam"]))])
                    if rng.random() < 0.15:
                        E.append(B)
                if rng.random() < 0.6:
                    E.append(X("f_close", "k_fam"))
        else:  # older sibling / cousin
            sib_age = rng.randint(15, 22)
            A = person("family", sib_age, "kid", locale, declared=maybe_declare(sib_age, 0.1))
            people = {"A": A, "K": kid("family")}
            for _ in range(rng.randint(4, 10)):
                E.append(X("sib", rng.choice(["auto", "k_ack", "k_sib", "k_sib"])))
                if rng.random() < 0.12:
                    E.append(B)
    elif kind == "caregiver":
        first = rng.choice(ADULT_FIRST + ["Becca", "Tasha", "Jordan", "Liv", "Marta", "Sienna"])
        age = rng.randint(16, 58)
        A = person("caregiver", age, "warm", locale, ctx={"me": first, "par": "mum"},
                   display=first if rng.random() < 0.5 else None, declared=age if rng.random() < 0.1 else None)
        people = {"A": A, "K": kid("other")}
        if rng.random() < 0.3:
            people["P"] = person("family", rng.randint(32, 50), "warm", locale, ctx={"me": rng.choice(ADULT_FIRST), "par": "mum"})
            E.append([("P", "cg_parent")])
        for _ in range(rng.randint(4, 9)):
            E.append(X("cg", rng.choice(["auto", "auto", "k_cg"])))
            if "P" in people and rng.random() < 0.35:
                E.append([("P", "cg_parent")] + ([("A", "cg_sitter")] if rng.random() < 0.6 else []))
            if rng.random() < 0.12:
                E.append(B)
    elif kind == "coach_teacher":
        first = rng.choice(ADULT_FIRST)
        age = rng.randint(24, 60)
        A = person("coach_teacher", age, "warm", locale, display=rng.choice(["Coach ", "Mr ", "Ms ", "Miss "]) + rng.choice(SURN),
                   ctx={"me": first, "par": "mum"})
        people = {"A": A, "K": kid("other")}
        if rng.random() < 0.4:
            people["P"] = person("family", rng.randint(34, 52), "warm", locale, ctx={"me": rng.choice(ADULT_FIRST), "par": "mum"})
        for _ in range(rng.randint(4, 9)):
            E.append(X("ct", rng.choice(["auto", "k_ct", "k_ct"])))
            if "P" in people and rng.random() < 0.4:
                E.append([("P", "par_loop")])
            if rng.random() < 0.15:
                E.append(B)
    elif kind == "peers":
        a = rng.randint(12, 16)
        people = {"A": person("peer", a, "kid", locale, declared=maybe_declare(a, 0.15)),
                  "K": person("peer", a + rng.choice([-1, 0, 0, 1]), "kid", locale)}
        if rng.random() < 0.2:
            people["P"] = person("peer", a, "kid", locale)
        for _ in range(rng.randint(4, 12)):
            who, other = rng.choice([("A", "K"), ("K", "A")])
            E.append(X("peer", "peer_r", who=who, kid=other))
            if "P" in people and rng.random() < 0.4:
                E.append([("P", rng.choice(["peer", "peer_r"]))])
            if rng.random() < 0.1:
                E.append(B)
    elif kind == "adults_dating":
        a1, a2 = rng.randint(22, 60), rng.randint(22, 60)
        people = {"A": person("adult", a1, "date", locale, declared=a1 if rng.random() < 0.25 else None),
                  "K": person("adult", a2, "date", locale, declared=a2 if rng.random() < 0.2 else None)}
        for _ in range(rng.randint(4, 11)):
            who, other = rng.choice([("A", "K"), ("K", "A")])
            E.append(X("date", "date_r", who=who, kid=other, ack=0.1))
            if rng.random() < 0.15:
                E.append(B)
    elif kind == "gaming":
        a = rng.randint(13, 30)
        b = rng.randint(13, 30) if a >= 18 else rng.randint(12, 17)
        platform = rng.choice(["Skyforge in-game chat", "Rift Rally squad chat", "Hexlo", "Moonbrick lobby"])
        people = {"A": person("peer" if a < 18 else "adult", a, "kid", locale, declared=maybe_declare(a, 0.2)),
                  "K": person("peer" if b < 18 else "adult", b, "kid", locale, declared=maybe_declare(b, 0.15))}
        if (a < 18) != (b < 18):  # keep teammates in the same age band
            people["K"]["true_age"] = a if a < 18 else rng.randint(18, 30)
            people["K"]["role"] = people["A"]["role"]
        if rng.random() < 0.25:
            c = people["A"]["true_age"] + rng.choice([-1, 0, 1])
            people["P"] = person(people["A"]["role"], c, "kid", locale)
        for _ in range(rng.randint(4, 11)):
            who, other = rng.choice([("A", "K"), ("K", "A")])
            E.append(X("gm", "gm_r", who=who, kid=other))
            if "P" in people and rng.random() < 0.4:
                E.append([("P", rng.choice(["gm", "gm_r"]))])
            if rng.random() < 0.1:
                E.append(B)
    elif kind == "customer_support":
        cust = rng.randint(13, 45)
        platform = rng.choice(["Skyforge support", "Pixelmart help desk", "Orbit store support", "Moonbrick help"])
        A = person("support", rng.randint(21, 50), "formal", locale, screen="agent_" + rng.choice(ADULT_FIRST).lower(),
                   display=rng.choice(["Support", "Help Desk", "Player Support"]) + " - " + rng.choice(ADULT_FIRST))
        people = {"A": A, "K": person("other", cust, "kid" if cust < 18 else "formal", locale,
                                      declared=cust if rng.random() < 0.3 else None)}
        E.append([("K", "cs_open")])
        for _ in range(rng.randint(3, 8)):
            E.append(X("cs", "cs_r", ack=0.1))
        E.append(X("cs_close", "cs_r", ack=0.2))
    elif kind == "surprise_party":
        sub = rng.choice(["fam", "teens", "adults"])
        if sub == "teens":
            a = rng.randint(12, 16)
            people = {"A": person("peer", a, "kid", locale), "K": person("peer", a, "kid", locale)}
            if rng.random() < 0.6:
                people["P"] = person("peer", a + rng.choice([0, 1]), "kid", locale)
        elif sub == "fam":
            people = {"A": person("family", rng.randint(35, 55), "warm", locale, ctx={"me": "Dad", "par": "mum"}),
                      "K": kid("family")}
            if rng.random() < 0.6:
                people["P"] = person("family", rng.randint(15, 22), "kid", locale)
        else:
            people = {"A": person("adult", rng.randint(25, 60), "warm", locale, ctx={"me": rng.choice(ADULT_FIRST), "par": "mum"}),
                      "K": person("adult", rng.randint(25, 60), "date", locale)}
            if rng.random() < 0.5:
                people["P"] = person("adult", rng.randint(25, 60), "date", locale)
        for _ in range(rng.randint(4, 10)):
            E.append(X("sp", "sp_r", ack=0.15))
            if "P" in people and rng.random() < 0.5:
                E.append([("P", rng.choice(["sp", "sp_r"]))])
            if rng.random() < 0.1:
                E.append(B)
    else:  # other
        first = rng.choice(ADULT_FIRST)
        people = {"A": person("other", rng.randint(28, 75), "warm", locale, ctx={"me": first, "par": "mum"}, display=first),
                  "K": kid("other")}
        for _ in range(rng.randint(4, 9)):
            E.append(X("oth", rng.choice(["oth_r", "auto", "k_ack"])))
            if rng.random() < 0.12:
                E.append(B)
    tempo = rng.choice(["fast", "normal", "normal", "slow"] if kind not in ("customer_support",) else ["fast", "fast", "normal"])
    ctx["me"] = people["A"]["ctx"].get("me", rng.choice(["Grandma", "Mum", "Dad", "Aunt Jo"]))
    ctx["par"] = people["A"]["ctx"].get("par", rng.choice(["mum", "dad"]))
    sess = {"sid": sid, "ctx": ctx, "subtle": False, "people": people, "platform": platform}
    return sess, E, tempo


# ------------------------------------------------------------------ timing & output
OFFSETS = {"us": [-5, -6, -8, -7], "uk": [0, 1], "other": [1, 2, 3, 10, 5.5]}


def fmt(dt):
    s = dt.isoformat(timespec="seconds")
    return s


NEG_REPLY = {"gifts": "r_gifts", "secrecy": "r_secrecy", "parental_check": "r_parental", "image_request": "r_image",
             "meeting": "r_meeting", "personal_info": "r_info", "flattery": "r_flattery", "age_probe": "r_age",
             "off_platform": "r_offplat"}


def realise(sess, E, tempo):
    msgs = []
    for ex in E:
        if ex == "BREAK":
            if msgs and msgs[-1] != "BREAK":
                msgs.append("BREAK")
            continue
        first = True
        for who, bank in ex:
            p = sess["people"][who]
            if bank == "auto":
                last = [c for c in (msgs[-1][2] if msgs and msgs[-1] != "BREAK" else []) if c in NEG_REPLY]
                bank = NEG_REPLY[last[0]] if last and rng.random() < 0.8 else rng.choice(["k_fam", "k_ack", "k_ack"])
            r = render(bank, p, sess)
            if r is None:
                if first:
                    break  # skip exchange if its opener is exhausted
                if p["voice"] == "kid":
                    r = render("k_ack", p, sess)
                if r is None:
                    continue
            msgs.append((who, r[0], r[1]))
            first = False
    while msgs and msgs[-1] == "BREAK":
        msgs.pop()
    return msgs


def timestamps(msgs, tempo, locale):
    off = rng.choice(OFFSETS[locale])
    tz = timezone(timedelta(hours=off))
    day = datetime(2025, 9, 1, tzinfo=tz) + timedelta(days=rng.randint(0, 440))
    t = day.replace(hour=rng.randint(15, 21), minute=rng.randint(0, 59), second=rng.randint(0, 59))
    out = []
    for m in msgs:
        if m == "BREAK":
            if tempo == "fast":
                t += timedelta(seconds=rng.randint(90, 900))
            elif tempo == "normal":
                t += timedelta(hours=rng.randint(2, 44), minutes=rng.randint(0, 59))
                if t.hour < 7:
                    t = t.replace(hour=rng.randint(15, 21))
            else:
                t += timedelta(days=rng.randint(3, 20), hours=rng.randint(0, 6))
                t = t.replace(hour=rng.randint(15, 21), minute=rng.randint(0, 59))
            continue
        who, text, cues = m
        base = 4 + len(text) // (3 if tempo != "fast" else 5)
        t += timedelta(seconds=rng.randint(base, base * 3 + (60 if tempo != "fast" else 10)))
        out.append((t, who, text, cues))
    return out


def account(p):
    a = {"user_id": p["user_id"], "screen_name": p["screen_name"]}
    if "display_name" in p:
        a["display_name"] = p["display_name"]
    if "declared_age" in p:
        a["declared_age"] = p["declared_age"]
    return a


def main():
    plan = [("pos", s) for s, n in POS_PLAN.items() for _ in range(n)] + [("neg", k) for k, n in NEG_PLAN.items() for _ in range(n)]
    rng.shuffle(plan)
    events, labels, ann_s, ann_p, ann_m = [], [], [], [], []
    eid = 0
    sn = 0
    for typ, what in plan:
        for attempt in range(6):
            sid = "ai-s%04d" % (sn + 1)
            if typ == "pos":
                sess, E, tempo = build_positive(sid, what)
            else:
                sess, E, tempo = build_negative(sid, what)
            msgs = realise(sess, E, tempo)
            n = sum(1 for m in msgs if m != "BREAK")
            lo = 15 if typ == "pos" and what not in ("off_platform_early", "fast_pushy") else 6
            if lo <= n <= 60 or attempt == 5:
                break
            # roll back usage of this failed attempt
            for s in list(USAGE):
                if sid in USAGE[s]:
                    USAGE[s].discard(sid)
                    if not USAGE[s]:
                        del USAGE[s]
        if n < 6:
            for s in list(USAGE):
                USAGE[s].discard(sid)
            print("dropped", sid, what, n, file=sys.stderr)
            continue
        sn += 1
        locale = sess["people"]["A"]["locale"]
        timed = timestamps(msgs, tempo, locale)
        people = sess["people"]
        for t, who, text, cues in timed:
            eid += 1
            e = {"schema": "tipline.message/1", "event_id": "ai-e%06d" % eid, "sent_at": fmt(t), "session_id": sid,
                 "platform": sess["platform"], "sender": account(people[who]),
                 "recipients": [account(p) for k, p in people.items() if k != who], "text": text}
            events.append(e)
            ann_m.append({"kind": "message", "event_id": e["event_id"], "session_id": sid, "cues": cues})
        pos = typ == "pos"
        labels.append({"kind": "session", "session_id": sid, "positive": pos})
        ann_s.append({"kind": "session", "session_id": sid, "positive": pos, "style": what if pos else None,
                      "negative_kind": None if pos else what, "tempo": tempo})
        for p in people.values():
            ann_p.append({"kind": "participant", "session_id": sid, "user_id": p["user_id"], "true_age": p["true_age"], "role": p["role"]})
    with open(os.path.join(OUT, "events.jsonl"), "w") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "labels.jsonl"), "w") as f:
        for l in labels:
            f.write(json.dumps(l) + "\n")
    with open(os.path.join(OUT, "annotations.jsonl"), "w") as f:
        for a in ann_s + ann_p + ann_m:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    print("sessions", len(labels), "events", len(events), file=sys.stderr)


if __name__ == "__main__":
    main()
