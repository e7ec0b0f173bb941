#!/usr/bin/env python3
"""author-g assembler. Deterministic (seed 20261203). Writes ../events.jsonl, ../labels.jsonl, ../annotations.jsonl"""
import json, os, random, re, datetime as dt
from collections import defaultdict, Counter
import banks_pos, banks_topic, banks_chat, banks_style, banks_neg, banks_more, banks_more2, banks_more3, banks_more4, banks_more5, banks_more6, banks_more7
from banks_pos import P

SEED = 20261203
rng = random.Random(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PFX = "ag"

# ---------------- slot values (invented)
GAMES = ["Skyforge Tactics","Moss Kingdom","Blocktide","Neon Harbor","Runeclash","Pebble Rally","Starfall Outpost","Craterball","Lantern Quest","Frostline Arena","Cobble & Co","Drift Garden"]
MODS = ["Lush Caves+","BetterLanterns","Harbor Rebuilt","QuietNights","TinyFauna","OreShine","Runeclash HD","Skyforge Extra Maps"]
SONGS = ["Paper Moons","the Lantern Waltz","Blue Orchard","Kestrel","Slow Tide","Hollow Bells","Marigold Street"]
INSTS = ["guitar","piano","violin","ukulele","drums","cello","flute","bass"]
SUBJ = ["math","science","english","history","geography","chemistry","french","algebra"]
LANGS = ["Portuguese","Polish","Turkish","Spanish","Korean","Italian","Ukrainian","Vietnamese","German","Tagalog"]
ARTS = ["chibi","pixel art","watercolor","lineart","fox OC","dragon","comic"]
CLUBS = ["Sunday youth circle","Harbor Street youth choir","St. Brendan's youth group","Cedar Scouts","Thursday Bible club","Lakeside teen fellowship","Mosque youth study circle","temple youth band"]
TOWNS = ["Millbrook","East Varden","Oakhurst","Port Selby","Ridgefield","Calder","Westmoor","Lindale"]
DAYS = ["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]
PETS = ["biscuit","mochi","the dog","my cat","pepper","noodle","the hamster"]
BANDS = ["Velvet Lanterns","Kite Season","NOVA9","the Paper Owls","Moonrail","Saltwater Kids"]
APPS = ["Chatterbox","Whisp","SnapLoop","PingMe","Threadly","Voxa","Kindle Chat","Lumo"]
CURS = ["gems","coins","crystals","bux","tokens","shards"]
ITEMS = ["headset","new controller","sketch tablet","capo and strings","battle pass","art markers","keyboard"]
STORES = ["music shop","comic store","corner bakery","arcade","game shop","bookshop"]
MONTHS = ["january","february","march","april","may","june","july","august","september","october","november","december"]
FIRST = ["Mateus","Ilse","Tomasz","Rafa","Kemal","Ana","Jonah","Priya","Soren","Lucia","Dmitri","Eun-ji","Marco","Fatima","Noor","Ezra","Hana","Bruno","Wren","Oksana","Kai","Leila","Arjun","Maya","Felix","Rosa","Tariq","Nell","Olu","Vera","Iker","Sami","Greta","Theo","Zuri","Milo","Ines","Yusuf","Clara","Dario"]
LAST = ["Okafor","Brandt","Silva","Novak","Reyes","Lindqvist","Haddad","Moreau","Petrov","Kowal","Tanaka","Ferreira","Duarte","Nash","Ibarra","Quinn"]
SN_A = ["moss","pixel","lunar","river","ember","sketch","nova","frost","maple","echo","cobalt","tide","pepper","orbit","kestrel","velvet","rune","willow","static","comet","fern","harbor","basil","drift","sable","quill","onyx","juniper","marble","sprout"]
SN_B = ["fox","byte","wolf","cat","star","bean","kid","ghost","panda","moth","bird","sky","sprite","bloom","paws","lark","otter","finch","wave","plum"]
PLATFORMS = {"tutoring":"tutorlink","langx":"lingopals","youth":"circlechat","music":"chordroom","modding":"modforge","art":"sketchcomm","gaming":"blockyard-chat","dm":"parlo-dm","sms":"sms-bridge","support":"helpdesk-chat","dating":"kindred-match"}
TZS = ["+00:00","+01:00","+02:00","-05:00","-06:00","-03:00","+05:30","+03:00","+09:00","-08:00","+10:00"]

used_sn = set()
def screen_name():
    while True:
        s = rng.choice(SN_A) + rng.choice(["_", "", ".", "x"]) + rng.choice(SN_B) + rng.choice(["", str(rng.randint(1, 99)), str(rng.randint(100, 999)), "_" + str(rng.randint(1, 9))])
        if s not in used_sn:
            used_sn.add(s); return s

# ---------------- voices
ABBR = [(r"\byou\b","u"),(r"\byour\b","ur"),(r"\bare\b","r"),(r"\bbecause\b","bc"),(r"\btonight\b","tonite"),(r"\bokay\b","ok"),(r"\breally\b","rly"),(r"\bpeople\b","ppl"),(r"\bplease\b","pls"),(r"\btomorrow\b","tmrw"),(r"\bthanks\b","thx")]
LEAD = {"lower":["ok ","wait ","lol ","hey ","btw ","so ","tbh ","ngl ","hmm ","also ","omg ","ah "],
        "esl":["Well, ","So, ","Ah, ","Yes, ","Also, ","Dear {k}, ","Honestly, ","Now, "],
        "plain":["So ","Oh, ","Anyway, ","Hey, ","Ok, ","Also "],
        "terse":["", "", "ok "]}
TAIL = {"lower":[" lol"," haha"," :)"," 😂"," 🙂","!!"," tho"," rn"," 😭"," ngl"," lmao"," 😅"," fr"],
        "esl":[" :)",", I think.",", you know.","!"," 🙂",", no?",", is it not?"],
        "plain":["!"," :)"," haha","."," 🙂"],
        "terse":["", "", "."]}
def typo(w):
    if len(w) > 4 and rng.random() < 0.5:
        i = rng.randint(1, len(w) - 3); return w[:i] + w[i+1] + w[i] + w[i+2:]
    return w
def voice(text, v):
    if v in ("lower", "terse"):
        t = text.lower()
        for pat, rep in ABBR:
            if rng.random() < (0.6 if v == "terse" else 0.45): t = re.sub(pat, rep, t)
        t = t.replace("'", "") if rng.random() < 0.5 else t
        if t.endswith(".") and not t.endswith(".."): t = t[:-1]
        if rng.random() < 0.08:
            ws = t.split(" "); j = rng.randrange(len(ws)); ws[j] = typo(ws[j]); t = " ".join(ws)
        return t
    if v == "esl":
        t = text
        t = re.sub(r"\burself\b", "yourself", t); t = re.sub(r"\bu\b", "you", t); t = re.sub(r"\bur\b", "your", t); t = re.sub(r"\br\b", "are", t)
        t = t.replace("lol", "haha"); t = re.sub(r"\bdont\b", "do not", t); t = re.sub(r"\bim\b", "I am", t); t = re.sub(r"\bi\b", "I", t)
        if t and t[0].islower(): t = t[0].upper() + t[1:]
        return t
    return text  # plain

def words(t): return len(t.split())
KIN = re.compile(r"\b(mom|moms|mum|mums|mom's|mum's|mommy|dad|dads|dad's|daddy|mother|father|parents?|parent's|grandma|grandpa|grandparents|nan|nana|granny|sister|sisters|brother|brothers|brother's|sis|bro's|aunt|auntie|aunty|uncle|cousins?|stepdad|stepmom|godmother|godfather|family|husband|wife|daughter|son|niece|nephew)\b", re.I)

# ---------------- rendering with reuse caps
tmpl_sessions = defaultdict(set)   # (key, idx) -> sessions
str_sessions = defaultdict(set)    # final text -> sessions
overflow = Counter()
def fill(t, ctx):
    return re.sub(r"\{(\w+)\}", lambda m: str(ctx[m.group(1)]), t)

FALLBACK = {"slow_back_A2": "slow_back_A", "slow_back_A": "slow_back_A2", "slow_back_B2": "slow_back_B", "slow_back_B": "slow_back_B2",
            "sp_reply": "ack_B", "small_A": "chat_A2", "chat_A2": "chat_A3", "chat_A3": "chat_A4", "chat_A4": "chat_A5", "chat_A5": "ack_A", "chat_B2": "chat_B3", "chat_B3": "ack_B", "cg_chat_A": "chat_A3", "cg_kid": "cg_kid2", "cg_kid2": "chat_B2", "small_B": "chat_B2", "fam_chat_A": "chat_A2", "fam_chat_B": "chat_B2",
            "ct_chat": "chat_A2", "ct_chat_kid": "chat_B2", "ad_chat": "chat_A2", "gm_chat": "gm_chat2", "gm_chat2": "gm_talk", "pe_chat": "pe_talk", "pe_talk": "chat_B2", "gm_talk": "chat_B2", "fam_kid_thanks": "ack_B", "sp_logi": "sp_reply"}
for _st in ["tutoring", "langx", "youth", "music", "modding", "art", "gaming"]:
    FALLBACK["small_A_" + _st] = "small_A"; FALLBACK["small_B_" + _st] = "small_B"
YOUNG_SCHOOL = ["middle school", "lockers", "elementary", "youngest", "k to"]
def render_beat(key, spk, ctx, sid, v, depth=0):
    if depth > 4: depth = 99
    if key == "age_ans_school" and spk["true_age"] > 13:
        key = "age_ans_school_old"
    cues0, lines = P[key]
    idxs = list(range(len(lines))); rng.shuffle(idxs)
    def full(i):  # a long template already carried by 3 other sessions
        return words(lines[i]) > 3 and len(tmpl_sessions[(key, i)] - {sid}) >= 3
    idxs.sort(key=lambda i: (sid in tmpl_sessions[(key, i)], full(i), len(tmpl_sessions[(key, i)])))
    free = [i for i in idxs if not full(i) and sid not in tmpl_sessions[(key, i)]]
    if free: idxs = free
    elif key in FALLBACK and depth < 6:
        return render_beat(FALLBACK[key], spk, ctx, sid, v, depth + 1)
    for attempt in range(40):
        i = idxs[attempt % len(idxs)] if attempt < len(idxs) else rng.choice(idxs)
        line = lines[i]
        extra = []
        m = re.match(r"^\+([a-z_,]+)\s+(.*)$", line)
        if m: extra = m.group(1).split(","); line = m.group(2)
        pieces = [p.strip() for p in line.split("||")]
        c = dict(ctx); c.update(spk["slots"])
        outs = [voice(fill(p, c), v) for p in pieces]
        if attempt >= len(idxs) // 2 or rng.random() < 0.22:
            j = rng.randrange(len(outs))
            if rng.random() < 0.5:
                ld = fill(rng.choice(LEAD[v]), c)
                o = outs[j]
                if ld.strip() and o[:1].isupper() and o[1:2].islower(): o = o[0].lower() + o[1:]
                outs[j] = ld + o
            else:
                tl = rng.choice(TAIL[v])
                if not (outs[j].endswith(("?", "!", ".")) and tl[:1] in ",.!?"): outs[j] = outs[j] + tl
        ok = all(words(o) <= 3 or (len(str_sessions[o] - {sid}) < 3 and sid not in str_sessions[o]) for o in outs)
        if ok or attempt == 39:
            if full(i): overflow[key] += 1
            tmpl_sessions[(key, i)].add(sid)
            for o in outs: str_sessions[o].add(sid)
            cues = sorted(set(cues0) | set(extra))
            res = []
            for k, o in enumerate(outs):
                cs = set(cues) if k == len(outs) - 1 else set()
                if KIN.search(o): cs.add("family_context")   # kin terms are always a surface family cue
                elif k == len(outs) - 1 and len(outs) > 1 and any(KIN.search(x) for x in outs[:-1]): cs.discard("family_context")
                res.append((o, sorted(cs)))
            return res

# ---------------- people
def person(role, age, v, slots_extra=None, name=None):
    name = name or rng.choice(FIRST)
    sn = screen_name()
    return {"user_id": None, "screen_name": sn, "display_name": name, "true_age": age, "role": role, "voice": v, "declared_age": None,
            "slots": {"age": age, "age1": age + 1, "grade": max(1, age - 5), "yr": max(1, age - 4), "byear": 2026 - age,
                      "bdate": f"{rng.randint(1,28):02d}/{rng.randint(1,12):02d}/{2026-age}", "a": name, "handle": sn.replace('.', '_') + str(rng.randint(1, 9))}}

# ---------------- scripts: list of episodes, each a list of (speaker, key)
def O(*ks): return [("A", k) for k in ks]
def T(*ks): return [("B", k) for k in ks]
def ch(*opts): return list(rng.choice(opts))
def maybe(p, seq): return list(seq) if rng.random() < p else []

def pos_script(style, setting, esl):
    op = [("A", "open_" + setting), ("B", "reply_open")]
    small = lambda: [("A", rng.choice(["small_A", "small_A_" + setting, "small_A_" + setting])), ("B", rng.choice(["small_B", "small_B_" + setting, "small_B_" + setting]))] + maybe(0.5, T("ack_B"))
    agebit = O("age_probe") + T(rng.choice(["age_ans", "age_ans", "age_ans_school"])) + maybe(0.3, T("age_back"))
    idiom = (lambda: maybe(0.6, O("esl_idiom"))) if esl else (lambda: [])
    E = []
    if style == "standard":
        E = [op + small(), small() + agebit + O("flatter") + T("flatter_ans"),
             O("pinfo") + T("pinfo_ans") + O("parental") + T("parental_ans") + idiom(),
             O("secret") + T("secret_ans") + O("offplat") + T("offplat_ans"),
             O("imgreq") + T("imgreq_ans") + maybe(0.6, O("comply") + T("ack_B")) + maybe(0.4, O("meet") + T("meet_ans"))]
    elif style == "fast_pushy":
        E = [op + agebit + O("flatter") + T("flatter_ans") + O("parental") + T("parental_ans") + O("imgreq") + T("imgreq_ans")
             + O("fp_push") + T("ack_B") + O("comply") + T("threat_ans") + O("threat") + T("threat_ans") + O("secret") + T("secret_ans")
             + maybe(0.6, O("offplat", "fp_push") + T("offplat_ans"))]
    elif style == "off_platform_early":
        E = [op + O("ope") + T("offplat_ans") + maybe(0.5, O("offplat") + T("ack_B")),
             agebit + O("flatter") + T("flatter_ans") + O("parental") + T("parental_ans"),
             O("secret") + T("secret_ans") + O("imgreq") + T("imgreq_ans") + maybe(0.5, O("meet") + T("meet_ans"))]
    elif style == "subtle":
        E = [op + small(), small() + T("sub_kidshare") + O("sub_react") + T("ack_B") + idiom(),
             small() + T("sub_kidshare") + O("sub_react") + maybe(0.7, O("sub_side") + T("ack_B")),
             maybe(0.6, T("age_ans_school")) + O("sub_sched") + T("sub_sched_ans") + maybe(0.5, O("sub_img") + T("imgreq_ans")),
             O("sub_gift") + T("sub_gift_ans") + O("sub_hint_keep") + T("sub_hint_ans"),
             O("sub_hint_meet") + T("sub_hint_ans")]
        if rng.random() < 0.5: E.insert(2, small() + T("sub_kidshare") + O("sub_react"))
    elif style == "peer_posing":
        E = [[("A", "pp_open"), ("B", "reply_open")] + small() + O("age_back") + T("age_ans") + O("pp_claim") + T("ack_B"),
             small() + O("flatter") + T("flatter_ans") + O("pp_slip") + T("pp_notice") + O("pp_cover") + T("pp_notice_ans"),
             O("parental") + T("parental_ans") + O("secret") + T("secret_ans") + maybe(0.5, O("pp_slip") + T("pp_notice")),
             O("offplat") + T("offplat_ans") + O("imgreq") + T("imgreq_ans") + maybe(0.6, O("meet") + T("meet_ans") + O("solicit") + T("ack_B"))]
    elif style == "slow_patient":
        E = [op + small(), small() + maybe(0.5, small()), small() + O("slow_trust") + T("ack_B") + idiom(),
             agebit + O("flatter") + T("flatter_ans"), small() + T("sub_kidshare") + O("slow_trust", "isolate") + T("isolate_ans"),
             O("special") + T("flatter_ans") + O("pinfo") + T("pinfo_ans"),
             O("parental") + T("parental_ans") + O("secret") + T("secret_ans"),
             O("offplat") + T("offplat_ans") + maybe(0.6, O("imgreq") + T("imgreq_ans")) + maybe(0.5, O("meet") + T("meet_ans"))]
    elif style == "gift_giver":
        E = [op + small() + O("gg_offer") + T("gg_ans"), small() + agebit + O("gg_offer") + T("gg_ans") + idiom(),
             O("gift") + T("gift_ans") + O("secret") + T("secret_ans"),
             O("gg_return") + T("ack_B") + maybe(0.6, O("imgreq") + T("imgreq_ans")),
             maybe(0.7, O("gg_guilt") + T("threat_ans")) + O("parental") + T("parental_ans") + maybe(0.5, O("offplat") + T("offplat_ans"))]
    elif style == "romance":
        E = [op + small(), small() + agebit + O("flatter") + T("flatter_ans"), small() + O("special") + T("flatter_ans") + idiom(),
             O("romance") + T("romance_ans") + O("agegap") + T("romance_ans"),
             O("romance") + T("romance_ans") + O("secret") + T("secret_ans") + maybe(0.6, O("isolate") + T("isolate_ans")),
             O("imgreq") + T("imgreq_ans") + maybe(0.6, O("meet") + T("meet_ans"))]
    elif style == "mentor_coach":
        E = [op + small() + O("mc_praise") + T("flatter_ans"), small() + agebit + O("mc_praise") + T("flatter_ans") + idiom(),
             T("sub_kidshare") + O("mc_isolate") + T("isolate_ans"),
             O("mc_private") + T("mc_private_ans") + O("mc_nofam") + T("secret_ans"),
             O("parental") + T("parental_ans") + maybe(0.6, O("offplat") + T("offplat_ans")),
             O("mc_meet") + T("meet_ans") + maybe(0.5, O("solicit") + T("ack_B"))]
    return E

def filler(kind, setting, adult=False):
    A, B = {"family": ("fam_chat_A", "fam_chat_B"), "caregiver": ("cg_chat_A", "cg_kid2"), "coach_teacher": ("ct_chat", "ct_chat_kid"),
            "peers": ("pe_chat", "pe_chat"), "adults_dating": ("ad_chat", "ad_chat"), "gaming": ("gm_chat", "gm_chat"),
            "surprise_party": ("chat_A2", "chat_B2"), "other": ("chat_A2", "chat_B2")}.get(kind, ("chat_A2", "chat_B2"))
    out = []
    n = rng.choice([1, 1, 2, 2, 3, 3, 4, 5]) if kind in ("family", "coach_teacher", "peers", "adults_dating", "gaming") else rng.choice([0, 1, 1, 2, 2, 3])
    for _ in range(n):
        ep = []
        for _ in range(rng.randint(1, 3)):
            a = rng.choice([A, "small_A", "small_A_" + setting]) if kind in ("coach_teacher", "peers", "gaming") else rng.choice([A, A, "small_A"])
            b_ = rng.choice([B, "small_B", "small_B_" + setting]) if kind in ("coach_teacher", "peers", "gaming") else rng.choice([B, B, "small_B"])
            if kind == "adults_dating": a, b_ = A, B
            if kind == "gaming" and adult: a, b_ = "gm_chat", rng.choice(["gm_chat", "gm_talk"])
            ep += [("A", a), ("B", b_)] + maybe(0.3, T("ack_B"))
        out.append(ep)
    return out

def neg_script(kind, sub, third):
    C = lambda *ks: [("C", k) for k in ks]
    if kind == "family":
        if sub == "gp":
            return [O("fam_gp_money") + T("fam_kid_thanks") + O("fam_secret") + T("fam_kid_thanks"), O("fam_logistics") + T("fam_logistics_ans") + maybe(0.6, O("fam_pic") + T("fam_pic_ans")), maybe(0.5, O("fam_home") + T("fam_home_ans")) + O("fam_logistics") + T("ack_B")]
        if sub == "parent":
            return [O("fam_home") + T("fam_home_ans") + O("fam_logistics") + T("fam_logistics_ans"), O("fam_logistics") + T("fam_logistics_ans") + maybe(0.5, O("fam_age") + T("ack_B")), maybe(0.6, O("fam_pic") + T("fam_pic_ans")) + O("fam_home") + T("fam_home_ans")]
        return [O("fam_sib") + T("fam_sib_ans") + O("fam_sib") + T("fam_sib_ans"), O("fam_sib") + T("fam_sib_ans") + maybe(0.5, O("fam_secret") + T("fam_kid_thanks")), O("fam_logistics") + T("ack_B") + maybe(0.5, O("fam_gp_money") + T("fam_kid_thanks"))]
    if kind == "caregiver":
        return [O("cg_open") + T("cg_kid") + O("cg_logistics") + T("cg_kid"), O("cg_check") + T("cg_check_ans") + maybe(0.7, O("cg_pic") + T("cg_pic_ans")),
                maybe(0.6, O("cg_secret") + T("cg_kid")) + O("cg_flatter") + T("cg_kid") + O("cg_logistics") + T("ack_B")]
    if kind == "coach_teacher":
        e = [O("ct_open" if third else "ct_open_solo") + (C("ct_parent") if third else T("ct_kid")) + T("ct_kid"), O("ct_age") + T("ct_age_ans") + O("ct_praise") + T("ct_kid"),
             O("ct_video") + T("ct_kid") + maybe(0.5, C("ct_parent")), O("ct_meet") + (C("ct_parent") if third else T("ct_kid")) + maybe(0.4, O("ct_app") + C("ct_parent") if third else T("ct_kid"))]
        return e
    if kind == "peers":
        return [O("pe_open") + T("pe_talk") + O("pe_talk") + T("pe_talk"), maybe(0.5, O("pe_age") + T("pe_age_ans")) + O("pe_social") + T("pe_social_ans"),
                O("pe_selfie") + T("pe_selfie_ans") + O("pe_compliment") + T("pe_talk"), T("pe_secret") + O("pe_secret_ans") + T("pe_family") + O("pe_talk")]
    if kind == "adults_dating":
        return [O("ad_open") + T("ad_reply") + O("ad_flirt") + T("ad_reply"), maybe(0.6, O("ad_age") + T("ad_age_ans")) + T("ad_work") + O("ad_reply"),
                O("ad_offplat") + T("ad_reply") + O("ad_pic") + T("ad_reply"), maybe(0.5, O("ad_secret") + T("ad_reply")) + O("ad_meet") + T("ad_reply")]
    if kind == "gaming":
        return [O("gm_open") + T("gm_talk") + O("gm_talk") + T("gm_talk"), maybe(0.6, O("gm_age") + T("gm_age_ans")) + O("gm_trade") + T("gm_trade_ans"),
                O("gm_social") + T("gm_talk") + maybe(0.5, O("gm_secret") + T("gm_talk")) + O("gm_talk") + T("gm_talk")]
    if kind == "customer_support":
        e = [T("cs_user") + O("cs_open") + T("cs_user2") + O("cs_dob") + T("cs_dob_ans")]
        if third: e.append(O("cs_parent") + T("cs_parent_ans") + O("cs_fix") + T("cs_thanks"))
        else: e.append(O("cs_fix") + T("cs_thanks") + O("cs_fix"))
        return e
    if kind == "surprise_party":
        e = [O("sp_open") + T("sp_reply") + C("sp_reply") + O("sp_secret") + T("sp_reply"), C("sp_logi") + T("sp_reply") + O("sp_logi") + C("sp_reply"),
             T("sp_logi") + O("sp_secret") + C("sp_reply") + T("sp_reply")]
        return e
    return [O("ot_open") + T("ot_kid") + O("ot_body") + T("ot_kid"), O("ot_body") + T("ot_kid") + maybe(0.6, O("ot_body") + T("ack_B"))]

# ---------------- session plan
POS_PLAN = {"standard": 10, "fast_pushy": 10, "off_platform_early": 10, "subtle": 20, "peer_posing": 18, "slow_patient": 16, "gift_giver": 16, "romance": 16, "mentor_coach": 16}
NEG_PLAN = {"family": 40, "caregiver": 30, "coach_teacher": 26, "peers": 34, "adults_dating": 22, "gaming": 30, "customer_support": 18, "surprise_party": 18, "other": 20}
SETTINGS = ["tutoring", "langx", "youth", "music", "modding", "art", "gaming"]
STYLE_SETTING = {"mentor_coach": ["tutoring", "music", "modding", "youth", "art", "langx"], "peer_posing": ["gaming", "modding", "youth", "art"]}
SLOW_P = {"slow_patient": 1.0, "romance": 0.7, "mentor_coach": 0.7, "subtle": 0.5, "gift_giver": 0.5, "peer_posing": 0.35, "standard": 0.3, "fast_pushy": 0.0, "off_platform_early": 0.1}

def make_specs():
    specs = []
    for st, n in POS_PLAN.items():
        for i in range(n):
            if st == "fast_pushy": tempo = "fast"
            elif rng.random() < SLOW_P[st]: tempo = "slow"
            else: tempo = rng.choice(["normal", "normal", "fast"]) if st != "slow_patient" else "slow"
            specs.append({"positive": True, "style": st, "kind": None, "tempo": tempo})
    for k, n in NEG_PLAN.items():
        for i in range(n):
            tempo = rng.choice(["fast", "normal", "normal", "slow"]) if k not in ("customer_support",) else "fast"
            specs.append({"positive": False, "style": None, "kind": k, "tempo": tempo})
    rng.shuffle(specs)
    return specs

def gap(tempo, within):
    if within:
        return {"fast": rng.randint(4, 90), "normal": rng.randint(15, 900), "slow": rng.randint(30, 1800)}[tempo]
    return {"fast": rng.randint(60, 900), "normal": rng.randint(3600, 36 * 3600), "slow": rng.randint(3 * 86400, 24 * 86400)}[tempo]

def build():
    specs = make_specs()
    events, labels, ann_s, ann_p, ann_m = [], [], [], [], []
    uid = 0; eid = 0
    for n, sp in enumerate(specs, 1):
        sid = f"{PFX}-s{n:04d}"
        people = {}
        third = False
        if sp["positive"]:
            st = sp["style"]
            setting = rng.choice(STYLE_SETTING.get(st, SETTINGS))
            esl = setting == "langx" or rng.random() < 0.3
            ov = "esl" if esl else rng.choice(["lower", "lower", "plain", "terse"])
            people["A"] = person("offender", rng.randint(19, 55), ov)
            people["B"] = person("target", rng.randint(10, 15), rng.choice(["lower", "lower", "terse", "esl" if setting == "langx" else "lower"]))
            if st == "peer_posing":
                people["A"]["true_age"] = rng.randint(19, 44); people["A"]["slots"].update({"age": people["A"]["true_age"]})
            platform = PLATFORMS[setting] if rng.random() < 0.75 else rng.choice([PLATFORMS["dm"], PLATFORMS["sms"]])
            script = pos_script(st, setting, esl)
        else:
            k = sp["kind"]; platform = PLATFORMS["dm"]; sub = None; tempo_hint = sp["tempo"]
            if k == "family":
                sub = rng.choice(["gp", "gp", "parent", "parent", "sib"])
                aage = {"gp": rng.randint(58, 80), "parent": rng.randint(31, 52), "sib": rng.randint(16, 24)}[sub]
                people["A"] = person("family", aage, "esl" if rng.random() < 0.3 else rng.choice(["plain", "lower"]))
                people["B"] = person("family", rng.randint(9, 15), rng.choice(["lower", "terse"]))
                platform = rng.choice([PLATFORMS["sms"], PLATFORMS["dm"]])
            elif k == "caregiver":
                people["A"] = person("caregiver", rng.randint(16, 62), "esl" if rng.random() < 0.3 else rng.choice(["plain", "lower"]))
                people["B"] = person("other", rng.randint(7, 13), rng.choice(["lower", "terse"]))
                platform = PLATFORMS["sms"]
            elif k == "coach_teacher":
                third = rng.random() < 0.6
                people["A"] = person("coach_teacher", rng.randint(22, 61), "esl" if rng.random() < 0.3 else "plain")
                people["B"] = person("other", rng.randint(9, 16), rng.choice(["lower", "terse", "esl"]))
                if third: people["C"] = person("family", rng.randint(33, 54), rng.choice(["plain", "lower", "esl"]))
                platform = rng.choice([PLATFORMS["tutoring"], PLATFORMS["music"], PLATFORMS["youth"], PLATFORMS["sms"], PLATFORMS["langx"], PLATFORMS["modding"], PLATFORMS["art"]])
            elif k == "peers":
                a = rng.randint(12, 16)
                people["A"] = person("peer", a, rng.choice(["lower", "terse"]))
                people["B"] = person("peer", max(12, min(17, a + rng.choice([-1, 0, 0, 1]))), rng.choice(["lower", "terse"]))
                platform = rng.choice([PLATFORMS["dm"], PLATFORMS["gaming"], PLATFORMS["art"], PLATFORMS["modding"], PLATFORMS["langx"], PLATFORMS["youth"], PLATFORMS["music"]])
            elif k == "adults_dating":
                a = rng.randint(24, 52)
                people["A"] = person("adult", a, rng.choice(["plain", "lower", "esl"]))
                people["B"] = person("adult", max(21, a + rng.randint(-6, 6)), rng.choice(["plain", "lower"]))
                platform = PLATFORMS["dating"]
            elif k == "gaming":
                teen = rng.random() < 0.5
                r = "peer" if teen else "adult"
                a = rng.randint(13, 17) if teen else rng.randint(19, 38)
                people["A"] = person(r, a, rng.choice(["lower", "terse"]))
                people["B"] = person(r, max(13, a + rng.choice([-1, 0, 1])) if teen else rng.randint(19, 38), rng.choice(["lower", "terse", "esl"]))
                platform = rng.choice([PLATFORMS["gaming"], PLATFORMS["gaming"], PLATFORMS["modding"]])
            elif k == "customer_support":
                kid = rng.random() < 0.6
                people["A"] = person("support", rng.randint(22, 45), "plain")
                people["B"] = person("other", rng.randint(10, 15) if kid else rng.randint(18, 60), rng.choice(["lower", "terse"]))
                third = kid and people["B"]["true_age"] < 13
                platform = PLATFORMS["support"]
            elif k == "surprise_party":
                adultparty = rng.random() < 0.4
                if adultparty:
                    people["A"] = person("family", rng.randint(35, 55), "plain")
                    people["B"] = person("family", rng.randint(10, 17), "lower"); people["C"] = person("family", rng.randint(12, 20), "lower")
                else:
                    a = rng.randint(12, 16)
                    people["A"] = person("peer", a, "lower"); people["B"] = person("peer", a, "terse"); people["C"] = person("peer", a, "lower")
                    if rng.random() < 0.5: people["D"] = person("peer", a, "lower")
                platform = PLATFORMS["dm"]
            else:
                people["A"] = person("adult", rng.randint(25, 70), "esl" if rng.random() < 0.3 else "plain")
                people["B"] = person("other", rng.randint(9, 15), rng.choice(["lower", "terse"]))
                platform = rng.choice([PLATFORMS["dm"], PLATFORMS["sms"], PLATFORMS["youth"]])
            script = neg_script(k, sub, third)
            if k != "customer_support":
                nset = {"coach_teacher": rng.choice(["tutoring", "music", "youth", "art"]), "peers": rng.choice(["gaming", "art", "music", "youth"]), "gaming": "gaming"}.get(k, "tutoring")
                ad = people["B"]["true_age"] >= 18
                fl = filler(k, nset, ad) + (filler(k, nset, ad) if tempo_hint == "slow" else [])
                for ep in fl:
                    script.insert(rng.randint(1, len(script)), ep)
        # user ids and declared ages
        for key in sorted(people):
            uid += 1; people[key]["user_id"] = f"{PFX}-u{uid:04d}"
            p = people[key]; r = rng.random()
            if p["role"] == "offender" and sp["style"] == "peer_posing" and r < 0.6: p["declared_age"] = rng.choice([15, 16])
            elif p["role"] == "target" and r < 0.14: p["declared_age"] = p["true_age"] if rng.random() < 0.5 else rng.choice([13, 14, 18]) if p["true_age"] < 13 else rng.choice([16, 18])
            elif p["role"] == "offender" and r < 0.12: p["declared_age"] = rng.choice([p["true_age"], 16, 17, 21])
            elif p["role"] not in ("offender", "target") and r < 0.13:
                p["declared_age"] = p["true_age"] if (p["true_age"] >= 13 or rng.random() < 0.4) else rng.choice([13, 14, 18])
        ctx = {"k": people["B"]["display_name"], "g": rng.choice(GAMES), "mod": rng.choice(MODS), "song": rng.choice(SONGS), "inst": rng.choice(INSTS),
               "subj": rng.choice(SUBJ), "lang": rng.choice(LANGS), "art": rng.choice(ARTS), "club": rng.choice(CLUBS), "town": rng.choice(TOWNS),
               "day": rng.choice(DAYS), "pet": rng.choice(PETS), "band": rng.choice(BANDS), "app": rng.choice(APPS), "cur": rng.choice(CURS),
               "item": rng.choice(ITEMS), "store": rng.choice(STORES), "month": rng.choice(MONTHS), "sib": rng.choice(FIRST), "k2": rng.choice(FIRST),
               "amt": rng.choice([5, 10, 15, 20, 25, 50, 500, 800, 1000, 1200]), "pl": rng.choice(LAST)}
        for key in people:
            others = [people[o] for o in sorted(people) if o != key]
            people[key]["slots"]["oage"] = others[0]["true_age"]
        if "C" not in people:
            script = [[s for s in ep if s[0] != "C"] for ep in script]
        # tempo shaping
        tempo = sp["tempo"]
        eps = [ep for ep in script if ep]
        if tempo == "fast" and len(eps) > 2:
            eps = [sum(eps[:len(eps) // 2 + 1], []), sum(eps[len(eps) // 2 + 1:], [])]
        if tempo == "slow" and sp["positive"]:
            eps = [eps[0]] + [maybe(0.45, [("A", rng.choice(["slow_back_A", "slow_back_A2"])), ("B", rng.choice(["slow_back_B", "slow_back_B2"]))]) + ep for ep in eps[1:]]
        # render
        tz = rng.choice(TZS); off = dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6])) * (1 if tz[0] == "+" else -1)
        t = dt.datetime(2026, 1, 4, rng.randint(7, 20), rng.randint(0, 59), rng.randint(0, 59), tzinfo=dt.timezone(off)) + dt.timedelta(days=rng.randint(0, 300))
        msgs = []
        for ei, ep in enumerate(eps):
            if ei > 0:
                if tempo == "fast": t += dt.timedelta(seconds=gap(tempo, False))
                else:
                    days = rng.randint(0, 2) if tempo == "normal" else rng.randint(3, 24)
                    nt = (t + dt.timedelta(days=days)).replace(hour=rng.randint(7, 21), minute=rng.randint(0, 59), second=rng.randint(0, 59))
                    while nt <= t + dt.timedelta(minutes=30): nt += dt.timedelta(days=1)
                    t = nt
            steps = list(ep)
            # long-paragraph writers merge consecutive own beats
            for si, (spk, key) in enumerate(steps):
                P_ = people[spk]
                out = render_beat(key, P_, ctx, sid, P_["voice"])
                for text, cues in out:
                    if msgs and msgs[-1][0] == spk and P_["voice"] == "esl" and words(text) > 3 and words(msgs[-1][1]) > 3 and rng.random() < 0.5 and len(msgs[-1][1]) < 400:
                        prev = msgs[-1]
                        sep = " " if prev[1].endswith((".", "!", "?", ")")) else ". "
                        msgs[-1] = (spk, prev[1] + sep + text, sorted(set(prev[2]) | set(cues)), prev[3])
                        continue
                    t += dt.timedelta(seconds=gap(tempo, True))
                    msgs.append((spk, text, cues, t))
        # build events
        keys = sorted(people)
        def acct(p, full=True):
            a = {"user_id": p["user_id"], "screen_name": p["screen_name"]}
            if full: a["display_name"] = p["display_name"]
            if p["declared_age"] is not None: a["declared_age"] = p["declared_age"]
            return a
        for spk, text, cues, ts in msgs:
            eid += 1
            ev = {"schema": "tipline.message/1", "event_id": f"{PFX}-e{eid:06d}", "sent_at": ts.isoformat(timespec="seconds"), "session_id": sid,
                  "platform": platform, "sender": acct(people[spk]), "recipients": [acct(people[k], False) for k in keys if k != spk], "text": text}
            events.append(ev)
            ann_m.append({"kind": "message", "event_id": ev["event_id"], "session_id": sid, "cues": cues})
        labels.append({"kind": "session", "session_id": sid, "positive": sp["positive"]})
        ann_s.append({"kind": "session", "session_id": sid, "positive": sp["positive"], "style": sp["style"], "negative_kind": sp["kind"], "tempo": tempo})
        for k in keys:
            ann_p.append({"kind": "participant", "session_id": sid, "user_id": people[k]["user_id"], "true_age": people[k]["true_age"], "role": people[k]["role"]})
    def dump(name, rows):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            for r in rows: f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
    dump("events.jsonl", events); dump("labels.jsonl", labels); dump("annotations.jsonl", ann_s + ann_p + ann_m)
    # reuse report
    over = {s: len(v) for s, v in str_sessions.items() if len(v) > 3 and words(s) > 3}
    tover = sum(1 for (k, i), v in tmpl_sessions.items() if len(v) > 3 and words(P[k][1][i]) > 3)
    tlong = sum(1 for (k, i) in tmpl_sessions if words(P[k][1][i]) > 3)
    bu = defaultdict(set)
    for (k, i), v in tmpl_sessions.items():
        if words(P[k][1][i]) > 3: bu[k] |= v
    if os.environ.get("BANKSTAT"):
        for k in sorted(bu, key=lambda k: -len(bu[k]) / max(1, sum(words(x) > 3 for x in P[k][1]))): print(k, len(bu[k]), sum(words(x) > 3 for x in P[k][1]), round(len(bu[k]) / max(1, sum(words(x) > 3 for x in P[k][1])), 1))
    print(f"sessions={len(labels)} events={len(events)} long_strings_over_3_sessions={len(over)} templates_used={len(tmpl_sessions)} long_templates_used={tlong} long_templates_over_3_sessions={tover}")

if __name__ == "__main__":
    build()

def overreport():
    from collections import Counter
    c = Counter(); h = Counter()
    for (k, i), v in tmpl_sessions.items():
        if words(P[k][1][i]) > 3:
            h[len(v)] += 1
            if len(v) > 3: c[k] += 1
    print(sorted(h.items())); print(c.most_common(25)); print("overflow", overflow.most_common(40))
