from common import R, CHAT, kr, KR
from posbanks import OB, PP

def ob(key):
    cues, bank = OB[key]
    return ("A", R.choice(bank), list(cues))

def pp(key, who="A"):
    cues, bank = PP[key]
    return (who, R.choice(bank), list(cues))

def chat():
    c = R.choice(CHAT)
    if R.random() < 0.5:  # swap who leads
        return [("B" if s == "A" else "A", t, []) for s, t in c]
    return [(s, t, []) for s, t in c]

# kid statement -> implied reaction (subtle: no stock phrase, just implication)
SUBTLE_PAIRS = [
    [("B", "my mom works doubles on tuesdays", ["family_context"]), ("A", "so tuesdays are the chill nights then", ["parental_check"])],
    [("B", "my dad took my phone for a week last time lol", ["family_context"]), ("A", "damn. so he'd see all this then?", ["parental_check"])],
    [("B", "i got in trouble for being on here late", ["family_context"]), ("A", "maybe text when everyones asleep then lol", ["parental_check", "secrecy"])],
    [("B", "my friends think online friends are weird", []), ("A", "they wouldnt get it anyway. some ppl just dont", ["isolation", "secrecy"])],
    [("B", "my sister always reads over my shoulder", ["family_context"]), ("A", "do u have somewhere u can talk without her around", ["parental_check"])],
    [("B", "i have the house till 6 today", ["family_context"]), ("A", "oh nice, whats ur afternoon look like then", ["parental_check"])],
    [("B", "nobody at school gets my jokes", []), ("A", "their loss honestly. i get them", ["isolation", "flattery"])],
    [("B", "my mom said i cant have snap till im older", ["family_context"]), ("A", "lots of ppl just have one anyway", ["off_platform", "secrecy"])],
    [("B", "im grounded this weekend", ["family_context"]), ("A", "so ur stuck in ur room all weekend? i'll keep u company", [])],
    [("B", "i told my friend about u", []), ("A", "oh. what did u say", ["secrecy"]), ("B", "just that ur nice", []), ("A", "maybe keep the details vague lol, ppl get nosy", ["secrecy"])],
    [("B", "my birthday is in 2 weeks", []), ("A", "the big 13 huh", ["age_probe"]), ("B", "14 lol", ["age_disclosure"]), ("A", "even better", [])],
    [("B", "i walk home from school", ["age_disclosure"]), ("A", "by urself? which way do u go", ["personal_info"])],
    [("B", "my dad doesnt even know how to use this app", ["family_context"]), ("A", "ha good, less drama", ["parental_check"])],
    [("B", "i fought w my mom again", ["family_context"]), ("A", "she doesnt listen to u at all does she", ["isolation"]), ("B", "not really", []), ("A", "i always will tho", ["flattery"])],
    [("B", "i just got out of the shower", []), ("A", "what r u up to now", [])],
    [("B", "my room is so messy", []), ("A", "lol prove it", ["image_request"])],
    [("B", "i got new glasses", []), ("A", "they suit u i bet. i have no idea what u look like tho lol", ["image_request", "flattery"])],
    [("B", "im going to {place} w my cousin on {day}", ["family_context"]), ("A", "oh ive been meaning to go there too", ["meeting"])],
    [("B", "my mom is making me go to bed", ["family_context"]), ("A", "ur phone goes with u right?", ["parental_check"])],
    [("B", "i dont really have anyone to talk to", []), ("A", "u have me now", ["isolation", "flattery"])],
    [("B", "we're moving apartments next month", ["family_context"]), ("A", "oh where to, same side of town?", ["personal_info"])],
    [("B", "i cant afford the pass lol", []), ("A", "hm. whats ur user again", ["gifts"])],
    [("B", "school pictures are tmrw ugh", ["age_disclosure"]), ("A", "u'll have to show me how it turns out", ["image_request"])],
    [("B", "my parents are going to a wedding saturday", ["family_context"]), ("A", "whos watching u", ["parental_check"]), ("B", "no one im old enough", []), ("A", "nice. big house all to urself", ["parental_check"])],
    [("B", "i got a lock on my door finally", ["family_context"]), ("A", "privacy at last lol", ["parental_check"])],
    [("B", "my teacher said i write like an adult", ["age_disclosure"]), ("A", "ur teacher is right, i noticed that first day", ["flattery"])],
    [("B", "i should go my mom is calling me", ["family_context"]), ("A", "come back after, ill wait", ["compliance_testing"])],
    [("B", "should i tell my mom i have a friend online", ["family_context"]), ("A", "up to u. moms worry about everything tho", ["secrecy"])],
    [("B", "i deleted {app} my mom found it", ["family_context", "off_platform"]), ("A", "theres always the hidden folder thing on ur phone", ["secrecy", "off_platform"])],
    [("B", "my best friend is mad at me", []), ("A", "sounds like u need better friends lol. or just me", ["isolation"])],
]

COMPLAIN = [
    ("my mom grounded me for no reason", ["family_context"]), ("my friends left me out of the gc", []),
    ("my dad yelled at me again", ["family_context"]), ("nobody at school talks to me", ["age_disclosure"]),
    ("my bff is hanging out w someone else now", []), ("my parents dont get anything", ["family_context"]),
    ("everyone is annoying today", []), ("my brother gets everything and i get nothing", ["family_context"]),
    ("ugh i hate my class", ["age_disclosure"]), ("my mom said im too young for everything", ["family_context"]),
]

GAP_REACT = ["oh", "thats fine i guess", "kinda weird ngl", "ok?", "oh ur old lol", "doesnt matter", "wait really", "hm ok"]
GAP_SOOTHE = [("A", "age is just a number when ppl click", ["age_gap"]), ("A", "lol im not old, relax", []),
              ("A", "we're friends, thats what matters", []), ("A", "ur mature so it works", ["flattery"]),
              ("A", "i hope it doesnt change anything", [])]

MENTOR = [
    ("ur honestly the most talented one on the team", ["flattery"]),
    ("i can give u extra sessions one on one, no charge", ["meeting"]),
    ("the other coaches dont see ur potential like i do", ["isolation", "flattery"]),
    ("no need to bring ur parents to the extra practice, its boring for them", ["isolation"]),
    ("the rest of the team would be jealous if they knew i help u", ["secrecy"]),
    ("just between us i think ur going to go pro", ["flattery"]),
    ("send me a video of ur form, from ur room is fine", ["image_request"]),
    ("i'll drive u to the tryout myself", ["meeting"]),
    ("ur parents dont really understand what it takes", ["isolation"]),
    ("text me on my personal, the team chat is too noisy", ["off_platform"]),
    ("how old r u now, 13? thats when the real training starts", ["age_probe"]),
    ("i'll buy u the new cleats if u keep working hard", ["gifts"]),
    ("stay after practice, we'll go over the film alone", ["meeting"]),
    ("i want u to check in with me every night before bed, its part of discipline", ["compliance_testing"]),
    ("the review sessions are just for u, no need to mention them to the others", ["secrecy"]),
    ("ur mom is too protective, u need to grow up if u want this", ["isolation"]),
    ("I can be your mentor, but you must trust me completely.", ["compliance_testing"]),
    ("ur drawings have real promise. i could teach u privately", ["flattery", "meeting"]),
    ("i'm like ur coach and ur friend, u can tell me anything", []),
    ("dont post our practice vids, i want them just for us", ["secrecy"]),
]
MENTOR_KID = ["ok coach", "really??", "thank u", "my mom usually comes tho", "ok", "i'll ask my dad", "that would be so cool",
              "what time", "idk if im that good", "sure", "wait for real?", "ok i'll try"]
MENTOR_CTX = ["esports", "soccer", "drawing", "swim", "guitar", "dance", "chess", "basketball"]

def m(name):
    """returns list of turns for a move"""
    r = R.random()
    if name == "open":
        t = [ob("open")]
        t.append(kr(R.choice(["ack", "lol", "thanks"])))
        return t
    if name == "chat":
        return chat()
    if name == "age_direct":
        t = [ob("age_direct"), kr("age")]
        if r < 0.7: t.append(ob("age_react"))
        if r < 0.3: t.append(("B", R.choice(["u?", "wbu", "how old r u", "and u?"]), ["age_probe"]))
        return t
    if name == "age_indirect":
        t = [ob("age_indirect"), kr(R.choice(["age", "age_soft", "ack"]))]
        if r < 0.5: t.append(ob("age_react"))
        return t
    if name == "gap":
        t = []
        if r < 0.5: t.append(("B", R.choice(["how old r u anyway", "wait how old r u", "u never said ur age"]), ["age_probe"]))
        t += [ob("gap"), ("B", R.choice(GAP_REACT), [])]
        s = R.choice(GAP_SOOTHE); t.append((s[0], s[1], list(s[2])))
        return t
    if name in ("par_direct", "par_subtle"):
        t = [ob(name), kr("parents")]
        if r < 0.4: t.append(ob("par_subtle"))
        return t
    if name in ("sec_direct", "sec_subtle"):
        return [ob(name), kr(R.choice(["secret_ok", "ack", "why"]))]
    if name == "iso":
        c = R.choice(COMPLAIN)
        return [("B", c[0], list(c[1])), ob("iso"), kr(R.choice(["ack", "unsure", "thanks"]))]
    if name in ("flat_direct", "flat_subtle", "special", "romance"):
        t = [ob(name), kr("thanks")]
        if r < 0.3: t.append(ob(name))
        return t
    if name == "off":
        t = [ob("off"), kr(R.choice(["offplat_ok", "offplat_ok", "unsure", "why"]))]
        if r < 0.3: t.append(("A", R.choice(["its the same name as here", "ok i sent a request", "u there yet?", "accept me"]), ["off_platform"]))
        return t
    if name in ("img", "img_subtle"):
        t = [ob(name), kr("img_react")]
        if r < 0.4: t.append(ob("img"))
        if r < 0.2: t.append(("B", R.choice(["sent", "there", "ok sent it", "thats all u get lol"]), []))
        return t
    if name == "gift":
        t = [ob("gift"), kr("gift_react")]
        if r < 0.5: t.append(("A", R.choice(["anything for u", "its nothing", "u deserve it", "just dont spend it all at once lol", "i like spoiling my friends"]), []))
        return t
    if name == "gift_pressure":
        return [ob("gift_pressure"), kr(R.choice(["why", "unsure", "nolike"]))]
    if name == "meet":
        t = [ob("meet"), kr("meet_react")]
        if r < 0.5: t.append(ob("meet"))
        return t
    if name == "info":
        t = [ob("info"), ("B", R.choice(["why", "near the lake", "its a small town u wouldnt know it", "{place} is close to me", "jefferson middle", "east side", "i'd rather not say", "like 10 min from downtown"]), ["personal_info"])]
        return t
    if name == "comply":
        return [ob("comply"), kr(R.choice(["ack", "why", "unsure"]))]
    if name == "threat":
        t = [ob("threat"), kr(R.choice(["nolike", "why", "unsure"]))]
        if r < 0.5: t.append(ob("threat"))
        return t
    if name == "delete":
        return [ob("delete"), kr(R.choice(["secret_ok", "ack"]))]
    if name == "guilt":
        return [kr(R.choice(["nolike", "unsure"])), ob("guilt")]
    if name == "solicit":
        return [ob("solicit"), kr(R.choice(["unsure", "meet_react", "nolike"]))]
    if name == "pair":
        p = R.choice(SUBTLE_PAIRS)
        return [(s, t, list(c)) for s, t, c in p]
    if name == "claim":
        return [("B", R.choice(["how old r u", "wait whats ur age", "r u in hs", "u in high school?", "what grade r u"]), ["age_probe"]), pp("claim")]
    if name == "slip":
        t = [pp("slip")]
        if r < 0.55:
            t.append(pp("notice", "B"))
            t.append(pp("cover"))
        else:
            t.append(kr(R.choice(["ack", "lol"])))
        return t
    if name == "mentor":
        it = R.choice(MENTOR)
        return [("A", it[0], list(it[1])), ("B", R.choice(MENTOR_KID), [])]
    raise KeyError(name)

# style -> list of phases; each phase: list of (move, probability)
STYLE = {
    "standard": [[("open", 1)], [("chat", 0.8), ("age_direct", 1), ("flat_direct", 0.8), ("info", 0.5)],
                 [("par_direct", 1), ("off", 0.8), ("img", 0.9)], [("sec_direct", 0.9), ("meet", 0.5), ("delete", 0.5), ("gift", 0.2)]],
    "subtle": [[("open", 1), ("chat", 1)], [("chat", 0.7), ("age_indirect", 0.8), ("pair", 1), ("flat_subtle", 0.9)],
               [("pair", 1), ("par_subtle", 0.9), ("chat", 0.6)], [("pair", 0.8), ("sec_subtle", 0.9), ("img_subtle", 0.7), ("chat", 0.5)],
               [("pair", 0.5), ("iso", 0.4), ("flat_subtle", 0.5), ("info", 0.3)]],
    "peer_posing": [[("open", 1), ("chat", 0.8)], [("claim", 1), ("age_direct", 0.8), ("chat", 0.6)],
                    [("flat_subtle", 0.7), ("slip", 1), ("chat", 0.5), ("par_subtle", 0.7)],
                    [("slip", 0.8), ("off", 0.7), ("img", 0.6), ("sec_subtle", 0.5)], [("meet", 0.5), ("slip", 0.4), ("pair", 0.4), ("comply", 0.25), ("solicit", 0.1)]],
    "fast_pushy": [[("open", 1), ("age_direct", 1), ("par_direct", 0.9), ("img", 1)], [("off", 0.9), ("img", 0.8), ("comply", 0.8)],
                   [("guilt", 0.8), ("threat", 0.6), ("delete", 0.4), ("solicit", 0.3), ("comply", 0.4)]],
    "slow_patient": [[("open", 1), ("chat", 1), ("chat", 0.8)], [("chat", 1), ("flat_subtle", 0.8), ("chat", 0.7)],
                     [("age_indirect", 0.8), ("special", 1), ("chat", 0.8), ("gap", 0.6)], [("iso", 0.8), ("par_subtle", 0.9), ("chat", 0.6)],
                     [("special", 0.7), ("sec_subtle", 0.9), ("off", 0.8)], [("img_subtle", 0.7), ("meet", 0.7), ("chat", 0.5), ("comply", 0.3), ("solicit", 0.15)]],
    "gift_giver": [[("open", 1), ("chat", 0.7)], [("gift", 1), ("age_direct", 0.6), ("chat", 0.5)],
                   [("gift", 1), ("sec_direct", 0.6), ("par_direct", 0.6)], [("off", 0.6), ("img", 0.7), ("gift_pressure", 0.8), ("guilt", 0.4)]],
    "romance": [[("open", 1), ("chat", 0.7), ("flat_direct", 0.8)], [("special", 1), ("age_direct", 0.5), ("gap", 0.6)],
                [("romance", 1), ("iso", 0.5), ("sec_direct", 0.7)], [("romance", 0.8), ("img", 0.7), ("meet", 0.7), ("guilt", 0.4), ("comply", 0.4), ("solicit", 0.25)]],
    "mentor_coach": [[("mentor", 1), ("chat", 0.5)], [("mentor", 1), ("mentor", 0.8), ("age_indirect", 0.4)],
                     [("mentor", 1), ("par_subtle", 0.6), ("mentor", 0.7)], [("mentor", 0.8), ("off", 0.5), ("meet", 0.6)]],
    "off_platform_early": [[("open", 1), ("off", 1)], [("off", 0.9), ("chat", 0.4), ("age_direct", 0.6)],
                           [("img", 0.7), ("par_direct", 0.6), ("sec_direct", 0.4), ("off", 0.5)]],
}

def build_positive(style, target_len):
    """return list of phases, each a list of turns"""
    phases = []
    for ph in STYLE[style]:
        turns = []
        for mv, p in ph:
            if R.random() < p:
                turns += m(mv)
        phases.append(turns)
    # pad with extra moves drawn from the style's own middle phases until target length reached
    pool = [mv for ph in STYLE[style][1:] for mv, _ in ph] + ["chat"]
    guard = 0
    while sum(len(p) for p in phases) < target_len and guard < 60:
        guard += 1
        i = R.randrange(1, len(phases))
        phases[i] = phases[i] + m(R.choice(pool))
    return phases
