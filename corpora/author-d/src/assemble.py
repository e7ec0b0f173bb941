#!/usr/bin/env python3
"""author-d corpus assembler. Deterministic (fixed seed). Reads hand-written banks in banks/."""
import json, os, random, re, datetime as dt

SEED = 20261202
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
P = "ad"

GAMES = [("Skyforge Rumble", "sky shards"), ("Pixel Brawlers", "brawl bux"), ("Voidrunners", "voidcoins"),
         ("Mossbound", "moss gems"), ("Krakenfall", "krakbux"), ("Blocktown Tycoon", "blockbucks"),
         ("Starlane Racers", "star tokens"), ("Hexhaven", "hex crowns"), ("Glimmerkeep", "glims"),
         ("Rift Rascals", "rift sparks"), ("Tidepunk", "pearls"), ("Nova Nibblers", "nibcoins")]
CUES = {"ap": "age_probe", "ad": "age_disclosure", "ag": "age_gap", "pi": "personal_info",
        "pc": "parental_check", "se": "secrecy", "is": "isolation", "fl": "flattery",
        "op": "off_platform", "ir": "image_request", "ct": "compliance_testing", "gi": "gifts",
        "me": "meeting", "th": "threats", "so": "solicitation", "fc": "family_context"}
OFFSETS = ["-05:00", "-04:00", "-06:00", "-07:00", "-08:00", "+00:00", "+01:00", "+02:00",
           "+10:00", "+12:00", "-03:00", "+08:00"]
COUNTRY_BY_OFF = {"-05:00": "US", "-04:00": "CA", "-06:00": "US", "-07:00": "US", "-08:00": "US",
                  "+00:00": "GB", "+01:00": "DE", "+02:00": "PL", "+10:00": "AU", "+12:00": "NZ",
                  "-03:00": "BR", "+08:00": "PH"}

def parse_banks():
    templates, blocks = [], {}
    for fn in sorted(os.listdir(os.path.join(HERE, "banks"))):
        if not fn.endswith(".txt"):
            continue
        cur = None
        for raw in open(os.path.join(HERE, "banks", fn), encoding="utf-8"):
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("=== "):
                hdr = dict(kv.split("=", 1) for kv in line[4:].split())
                cur = {"hdr": hdr, "lines": [], "src": fn}
                if "cat" in hdr:
                    blocks.setdefault(hdr["cat"], []).append(cur)
                else:
                    templates.append(cur)
                continue
            if line.startswith("~"):
                cur["lines"].append(("gap", line[1:]))
                continue
            m = re.match(r"^([A-Z])((?: [a-z]{2}(?:,[a-z]{2})*)*): (.*)$", line)
            if not m:
                raise SystemExit(f"bad line in {fn}: {line!r}")
            codes = [c for c in re.split(r"[ ,]", m.group(2).strip()) if c]
            for c in codes:
                if c not in CUES:
                    raise SystemExit(f"bad cue {c} in {fn}: {line!r}")
            cur["lines"].append(("msg", m.group(1), [CUES[c] for c in codes], m.group(3)))
    return templates, blocks

def parse_gap(s):
    n, u = int(s[:-1]), s[-1]
    return n * {"s": 1, "m": 60, "h": 3600, "d": 86400}[u]

ORD = {5: "5th", 6: "6th", 7: "7th", 8: "8th", 9: "9th", 10: "10th"}

NAME_A = ["frost", "pixel", "nova", "moss", "echo", "drift", "ember", "lumen", "quill", "rook", "tidal", "zephy",
          "grim", "sunny", "koi", "bolt", "juni", "mango", "vex", "orbit", "kiwi", "sable", "dusk", "rune",
          "biscuit", "cobalt", "fizz", "hollow", "indigo", "jolt", "lark", "maple", "nimbus", "opal", "pep",
          "quasar", "rusty", "spork", "tango", "umbra", "velvet", "waffle", "yeti", "zest", "acorn", "blip"]
NAME_B = ["fox", "main", "gamer", "plays", "cat", "wolf", "bee", "bun", "kid", "lord", "tv", "x", "boi", "gal",
          "art", "zz", "yt", "owo", "hq", "ttv", "dood", "bean", "sprout", "moth", "frog", "crow", "pup", "toast"]

class Builder:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.events, self.labels, self.ann = [], [], []
        self.sess_n = self.ev_n = self.user_n = 0
        self.names = set()

    def screen(self):
        r = self.rng
        while True:
            s = r.choice(NAME_A) + r.choice(["_", ".", "", "x"]) + r.choice(NAME_B) + r.choice(["", str(r.randint(1, 99)), str(r.randint(2008, 2019))[2:], "_" + str(r.randint(1, 9))])
            if s not in self.names:
                self.names.add(s)
                return s

    def session(self, lines, roles, tempo, style=None, kind=None, plat="pixelchat", decl=None, slots=None):
        r = self.rng
        self.sess_n += 1
        sid = f"{P}-s{self.sess_n:04d}"
        off = r.choice(OFFSETS)
        country = COUNTRY_BY_OFF[off]
        tz = dt.timezone(dt.timedelta(hours=int(off[:3]), minutes=int(off[0] + off[4:])))
        start = dt.datetime(2026, 2, 1, tzinfo=tz) + dt.timedelta(days=r.randint(0, 280), hours=r.randint(7, 22), minutes=r.randint(0, 59), seconds=r.randint(0, 59))
        users = {}
        for who, (role, age) in roles.items():
            self.user_n += 1
            acc = {"user_id": f"{P}-u{self.user_n:04d}", "screen_name": self.screen(),
                   "created_at": (start - dt.timedelta(days=r.randint(20, 900))).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                   "country": country if r.random() < 0.85 else r.choice(["US", "GB", "CA", "IE", "DE", "MX"])}
            d = (decl or {}).get(who)
            if d is None and r.random() < 0.12:
                if age < 13:
                    d = r.choice([13, 13, 14, 18, age])
                elif age <= 15:
                    d = r.choice([age, age, 18])
                else:
                    d = age if r.random() < 0.85 else max(18, age - r.randint(3, 8))
            if d is not None:
                acc["declared_age"] = d
            users[who] = acc
            self.ann.append({"kind": "participant", "session_id": sid, "user_id": acc["user_id"], "true_age": age, "role": role})
        self.labels.append({"kind": "session", "session_id": sid, "positive": style is not None})
        self.ann.insert(len(self.ann) - len(roles), {"kind": "session", "session_id": sid, "positive": style is not None,
                         "style": style, "negative_kind": kind, "tempo": tempo})
        t = start
        prev = None
        pending_gap = None
        first = True
        for item in lines:
            if item[0] == "gap":
                pending_gap = item[1]
                continue
            if item[0] == "blockgap":
                if pending_gap is None:
                    pending_gap = item[1]
                continue
            _, who, cues, text = item
            for k, v in (slots or {}).items():
                text = text.replace("{" + k + "}", str(v))
            if "{" in text:
                raise SystemExit("unfilled slot: " + text)
            if not first:
                if pending_gap:
                    g = parse_gap(pending_gap) if isinstance(pending_gap, str) else pending_gap
                    g = int(g * r.uniform(0.8, 1.25)) + r.randint(0, 120)
                elif who == prev:
                    g = r.randint(2, 25)
                elif tempo == "fast":
                    g = r.randint(6, 150)
                elif tempo == "normal":
                    g = r.choice([r.randint(20, 600), r.randint(300, 5400), r.randint(60, 1800)])
                else:
                    g = r.choice([r.randint(60, 3600), r.randint(1800, 14400), r.randint(30, 900)])
                t = t + dt.timedelta(seconds=g, milliseconds=r.randint(0, 999))
                if tempo != "fast" and g > 1200 and 1 <= t.hour < 7:
                    # people sleep: a long silence that lands in the small hours ends next morning
                    t = t.replace(hour=r.randint(7, 9), minute=r.randint(0, 59))
            first = False
            pending_gap = None
            prev = who
            self.ev_n += 1
            eid = f"{P}-e{self.ev_n:06d}"
            rec = [users[w] for w in users if w != who]
            ts = t.isoformat(timespec="milliseconds")
            self.events.append({"schema": "tipline.message/1", "event_id": eid, "sent_at": ts, "session_id": sid,
                                "platform": plat, "sender": users[who], "recipients": rec, "text": text})
            self.ann.append({"kind": "message", "event_id": eid, "session_id": sid, "cues": cues})
        return sid

def roles_of(hdr):
    out = {}
    for k, v in hdr.items():
        if len(k) == 1 and k.isupper():
            role, age = v.split(":")
            out[k] = (role, age)
    return out

def pick_age(r, s):
    if "-" in s:
        a, b = s.split("-")
        return r.randint(int(a), int(b))
    return int(s)

STYLE_PLAN = {  # style: (stage categories, offender age range, tempo weights)
    "subtle": (["subtle.1", "subtle.2", "subtle.3"], (22, 48), None),
    "peer_posing": (["peer.1", "peer.2", "peer.3"], (19, 36), None),
    "off_platform_early": (["off.1", "off.2", "off.3"], (19, 50), {"fast": 6, "normal": 3, "slow": 1}),
    "gift_giver": (["gift.1", "gift.2", "gift.3"], (20, 55), None),
    "standard": (["standard.1", "standard.2", "standard.3"], (20, 50), None),
    "fast_pushy": (["fast.1", "fast.2", "fast.3"], (19, 45), {"fast": 1}),
    "slow_patient": (["slow.1", "slow.2", "slow.3"], (24, 55), {"slow": 1}),
    "romance": (["romance.1", "romance.2", "romance.3"], (19, 40), None),
    "mentor_coach": (["mentor.1", "mentor.2", "mentor.3"], (25, 55), {"normal": 3, "slow": 2}),
}
SOCIAL = ["pixelchat", "voidchat", "streamhive", "snapgram", "artnook"]
CAP = {"standard": 10, "fast_pushy": 10, "slow_patient": 10, "romance": 10, "mentor_coach": 10}
DEFAULT_TW = {"fast": 5, "normal": 4, "slow": 2}
POS_PLAT = {"subtle": ["streamhive", "pixelchat", "voidchat"], "peer_posing": ["voidchat", "pixelchat", "snapgram"],
            "off_platform_early": ["streamhive", "voidchat", "pixelchat"], "gift_giver": ["voidchat", "streamhive"],
            "standard": ["pixelchat", "snapgram"], "fast_pushy": ["pixelchat", "streamhive", "voidchat"],
            "slow_patient": ["pixelchat", "artnook"], "romance": ["pixelchat", "snapgram", "voidchat"],
            "mentor_coach": ["teamapp", "codeclub", "voidchat"]}

def wchoice(r, w):
    ks = sorted(w)
    return r.choices(ks, weights=[w[k] for k in ks])[0]

def slots_for(r, ages, decl_a=None):
    g, c = r.choice(GAMES)
    ba = ages.get("B", 12)
    s = {"g": g, "c": c, "ba": ba, "ba1": ba + 1, "bg": ORD.get(ba - 5, f"{ba-5}th")}
    if decl_a:
        s["da"] = decl_a
    return s

def main():
    templates, blocks = parse_banks()
    b = Builder()
    r = b.rng
    plans = []
    # whole templates (positives and negatives)
    for tpl in templates:
        h = tpl["hdr"]
        for i in range(int(h.get("n", "1"))):
            plans.append(("tpl", tpl, r.random()))
    # block-composed positives
    for style in STYLE_PLAN:
        stages, arange, tw = STYLE_PLAN[style]
        pools = []
        for st in stages:
            pool = list(blocks.get(st, []))
            uses = [x for x in pool for _ in range(2)]
            pools.append(uses)
        n = min(min(len(p) for p in pools), CAP.get(style, 99))
        orders = []
        for p in pools:
            q = list(p)
            r.shuffle(q)
            orders.append(q)
        # fix duplicates inside one session is impossible (one block per stage)
        for i in range(n):
            plans.append(("blk", style, [o[i] for o in orders], r.random()))
    # interleave deterministically
    plans.sort(key=lambda p: p[-1])
    filler = list(blocks.get("filler", []))
    fill_uses = {id(x): 0 for x in filler}
    for p in plans:
        if p[0] == "tpl":
            tpl = p[1]
            h = tpl["hdr"]
            rs = roles_of(h)
            ages = {k: pick_age(r, a) for k, (role, a) in rs.items()}
            roles = {k: (rs[k][0], ages[k]) for k in rs}
            decl = {k[-1]: int(v) for k, v in h.items() if k.startswith("decl")}
            style = h.get("style")
            kind = h.get("kind")
            lines = list(tpl["lines"])
            plat = h.get("plat", "pixelchat")
            if plat in SOCIAL and r.random() < 0.4:
                plat = r.choice(SOCIAL)  # same surfaces for positives and negatives
            b.session(lines, roles, h["tempo"], style=style, kind=kind, plat=plat,
                      decl=decl, slots=slots_for(r, ages, decl.get("A")))
        else:
            _, style, blks, _ = p
            stages, arange, tw = STYLE_PLAN[style]
            tempo = wchoice(r, tw or DEFAULT_TW)
            ages = {"A": r.randint(*arange), "B": r.randint(10, 15)}
            decl = {}
            da = None
            if style == "peer_posing":
                da = r.choice([15, 16])
                decl["A"] = da
            roles = {"A": ("offender", ages["A"]), "B": ("target", ages["B"])}
            lines = []
            between = {"fast": "3m", "normal": "5h", "slow": "4d"}[tempo]
            for j, blk in enumerate(blks):
                if j:
                    lines.append(("blockgap", between if tempo != "slow" else f"{r.randint(2, 9)}d"))
                    if filler and r.random() < 0.5:
                        cands = [f for f in filler if fill_uses[id(f)] < 3]
                        if cands:
                            f = r.choice(cands)
                            fill_uses[id(f)] += 1
                            lines.extend(f["lines"])
                lines.extend(blk["lines"])
            b.session(lines, roles, tempo, style=style, plat=r.choice(POS_PLAT[style]), decl=decl,
                      slots=slots_for(r, ages, da))
    with open(os.path.join(OUT, "events.jsonl"), "w", encoding="utf-8") as f:
        for e in b.events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "labels.jsonl"), "w", encoding="utf-8") as f:
        for l in b.labels:
            f.write(json.dumps(l) + "\n")
    with open(os.path.join(OUT, "annotations.jsonl"), "w", encoding="utf-8") as f:
        for a in b.ann:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"sessions={b.sess_n} events={b.ev_n} users={b.user_n}")

if __name__ == "__main__":
    main()
