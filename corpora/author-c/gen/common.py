# author-c corpus generator: shared helpers, slot fillers, chit-chat and kid replies.
import random, re
from collections import defaultdict

R = random.Random(20260311)

SLOTS = {
    "game": ["roblox", "minecraft", "fortnite", "rocket league", "among us", "brawl stars", "genshin", "apex",
             "overwatch", "stardew", "animal crossing", "the new zombie map", "that tower defense one", "valo"],
    "app": ["snap", "discord", "insta", "whatsapp", "telegram", "kik", "the other app", "signal"],
    "cur": ["robux", "vbucks", "gems", "coins", "a gift card", "steam credit", "nitro", "the battle pass"],
    "show": ["that anime w the swords", "the baking show", "stranger things", "the new marvel thing", "bluey lol",
             "that ghost hunting channel", "a minecraft youtuber", "the dragon one", "one piece"],
    "food": ["pizza", "tacos", "ramen", "nuggets", "pasta", "cereal", "leftover rice", "grilled cheese", "pho"],
    "day": ["saturday", "sunday", "friday", "tmrw", "this weekend", "next sat", "after school thursday"],
    "place": ["the mall", "the skatepark", "the library", "mcdonalds by the highway", "the park near ur school",
              "the bus station", "the arcade", "the rec center", "the movie place"],
    "pet": ["dog", "cat", "hamster", "bearded dragon", "bunny", "gecko", "two cats"],
    "subj": ["math", "science", "history", "spanish", "english", "geography", "french", "bio"],
    "hobby": ["drawing", "edits", "skating", "guitar", "dance", "coding", "cosplay", "singing", "baking"],
    "band": ["that kpop group", "the band from the edit", "lofi stuff", "phonk", "old rock", "rap mostly", "taylor lol"],
    "kname": ["mia", "jay", "lena", "sam", "noor", "eli", "zoe", "kai", "ava", "leo", "maya", "tomas", "ivy",
              "ben", "aria", "finn", "lucy", "omar", "ella", "niko", "rosa", "max", "hana", "theo"],
    "sib": ["sister", "brother", "little brother", "big sis", "stepbrother", "cousin"],
    "n": ["2", "3", "5", "10", "20", "like 4"],
    "hrs": ["an hour", "20 min", "till 9", "till my mom gets back", "like 2 hrs"],
    "emoji": ["😂", "😭", "💀", "🙃", "😅", "👀", "🥺", "😊", "❤️", "🔥", "👍", "🙏", "✨", "😳", "🤷"],
}

def fill(s, ctx=None):
    ctx = ctx or {}
    def rep(m):
        k = m.group(1)
        if k in ctx:
            return ctx[k]
        return R.choice(SLOTS[k])
    return re.sub(r"\{(\w+)\}", rep, s)

# ---------------- noise / register ----------------
ABBR = [(r"\byou\b", "u"), (r"\byour\b", "ur"), (r"\bare\b", "r"), (r"\bwhat\b", "wat"), (r"\bbecause\b", "bc"),
        (r"\bokay\b", "ok"), (r"\bpeople\b", "ppl"), (r"\btonight\b", "tn"), (r"\bsomething\b", "smth"),
        (r"\bprobably\b", "prob"), (r"\bright now\b", "rn"), (r"\bi don't know\b", "idk"), (r"\bthough\b", "tho")]

def typo(w):
    if len(w) < 4:
        return w
    i = R.randrange(len(w) - 1)
    return w[:i] + w[i + 1] + w[i] + w[i + 2:]

def noise(text, reg):
    t = text
    if reg == "proper":
        if t and t[0].islower() and R.random() < 0.8:
            t = t[0].upper() + t[1:]
        t = re.sub(r"\bi\b", "I", t)
        return t
    if reg == "nonnative":
        if R.random() < 0.5:
            t = re.sub(r"\bI'm\b|\bim\b", "I am", t)
        if R.random() < 0.3:
            t = re.sub(r"\bthe ", "", t, count=1)
        if R.random() < 0.25 and t.endswith("?"):
            t = t[:-1] + ", no?"
        if R.random() < 0.2:
            t = t.replace("don't", "not").replace("dont", "not")
        if t and R.random() < 0.6:
            t = t[0].upper() + t[1:]
        return t
    # kid / sloppy
    if R.random() < 0.85:
        t = t.lower()
    if R.random() < 0.6:
        t = t.replace("'", "")
    for pat, rp in ABBR:
        if R.random() < (0.6 if reg == "kid" else 0.35):
            t = re.sub(pat, rp, t)
    if R.random() < 0.5:
        t = t.rstrip(".")
    if R.random() < 0.12:
        ws = t.split(" ")
        j = R.randrange(len(ws))
        ws[j] = typo(ws[j])
        t = " ".join(ws)
    if R.random() < (0.18 if reg == "kid" else 0.08):
        t = t + " " + R.choice(SLOTS["emoji"])
    if reg == "kid" and R.random() < 0.05:
        t = t + t[-1] * 2 if t and t[-1].isalpha() else t
    return t

# ---------------- neutral chit-chat (used by every kind) ----------------
# each is a list of turns: (speaker, text, cues). speakers: A older/initiator, B younger/other.
CHAT = [
    [("A", "wat u playing rn"), ("B", "{game}"), ("A", "nice is it still fun or is it dead"), ("B", "its ok lol")],
    [("A", "did u see the new update"), ("B", "ya its kinda mid"), ("A", "fr they ruined the map")],
    [("B", "im so bored"), ("A", "same honestly"), ("B", "theres nothing to do here")],
    [("A", "what music u into"), ("B", "{band}"), ("A", "ok ok respect")],
    [("B", "i had {food} for dinner"), ("A", "w dinner"), ("B", "it was ok")],
    [("A", "u watching anything good"), ("B", "{show}"), ("A", "i keep hearing about that"), ("B", "its so good omg")],
    [("B", "my {pet} just knocked over my water"), ("A", "lmaooo"), ("B", "everythings wet now")],
    [("A", "how was ur day"), ("B", "boring"), ("A", "same lol"), ("B", "u?")],
    [("B", "brb"), ("B", "back"), ("A", "wb")],
    [("A", "gg earlier"), ("B", "ty u too"), ("A", "that last round was crazy")],
    [("B", "do u like {hobby}"), ("A", "never tried it tbh"), ("B", "its fun u should")],
    [("A", "its raining so hard here"), ("B", "its sunny here lol"), ("A", "lucky")],
    [("B", "my wifi keeps cutting out"), ("A", "ugh thats the worst"), ("B", "ya sorry if i disappear")],
    [("A", "whats ur fav food"), ("B", "{food} probably"), ("A", "solid choice")],
    [("B", "lol"), ("A", "what"), ("B", "nothing just remembered smth funny")],
    [("A", "u still there"), ("B", "ya sorry"), ("B", "was eating")],
    [("B", "have u played {game}"), ("A", "a lil"), ("B", "we should play sometime"), ("A", "bet")],
    [("A", "that edit u posted was clean"), ("B", "thx it took forever"), ("A", "what app u use")],
    [("B", "i cant sleep"), ("A", "why"), ("B", "idk just cant")],
    [("A", "ok random question"), ("A", "cats or dogs"), ("B", "dogs obv"), ("A", "correct answer")],
    [("B", "ugh {subj} test tmrw"), ("A", "u studied?"), ("B", "kinda not really lol")],
    [("A", "lmao did u see that clip"), ("B", "which"), ("A", "the one with the guy falling off the chair"), ("B", "💀💀")],
    [("B", "i dyed my hair"), ("A", "what color"), ("B", "like a dark red"), ("A", "nice")],
    [("A", "weather is so weird this week"), ("B", "ikr"), ("A", "cold then hot then cold")],
    [("B", "i got a new controller"), ("A", "which one"), ("B", "the white one"), ("A", "those are nice")],
    [("A", "whats the best {game} skin"), ("B", "the galaxy one no debate"), ("A", "nah"), ("B", "yes")],
    [("B", "my phone is at 3%"), ("A", "charge it lol"), ("B", "charger is downstairs and im lazy")],
    [("A", "u ever been to the ocean"), ("B", "once when i was little"), ("A", "i wanna go back so bad")],
    [("B", "i have so much stuff to do"), ("A", "like what"), ("B", "clean my room and a project")],
    [("A", "whats ur username on {game}"), ("B", "same as here"), ("A", "ok ill add u")],
    [("B", "omg i just found a spider"), ("A", "kill it"), ("B", "NO its gone now i cant find it"), ("A", "thats worse")],
    [("A", "i just woke up lol"), ("B", "its 2pm"), ("A", "i know")],
    [("B", "look at this"), ("B", "nvm it didnt send"), ("A", "lol ok")],
    [("A", "do u draw a lot"), ("B", "kinda"), ("B", "mostly characters"), ("A", "thats cool")],
    [("B", "idk what to watch"), ("A", "{show}"), ("B", "seen it"), ("A", "dang")],
    [("A", "hows {pet}"), ("B", "sleeping on my bed again"), ("A", "cute")],
]

# ---------------- kid reply banks ----------------
KR = {
    "age": (["age_disclosure"], ["13", "12", "14", "13 lol", "8th", "7th grade", "im 13", "12 why", "almost 13",
             "turning 14 in like a month", "8th grade", "13 wbu", "im in 7th", "freshman", "14", "ill be 13 in june",
             "middle school lol", "12 n a half", "im 12", "just turned 13", "13, why", "grade 8", "y9 (uk)", "im in year 8"]),
    "age_soft": (["age_disclosure"], ["i have school tmrw so cant stay up", "my curfew is like 8 lol", "i have homework",
                  "we had a fire drill in 3rd period", "my mom has to drive me everywhere", "i get my braces off next month",
                  "we have a field trip to the science museum", "my teacher took my phone in homeroom",
                  "i cant even get a job yet lol", "my bedtime is 9:30 on school nights"]),
    "parents": (["family_context"], ["my mom is at work", "they're asleep", "my dad's downstairs", "ya they're home",
                 "my mom checks my phone sometimes", "not really they dont care", "my mom has my password",
                 "they take my phone at 10", "my parents are divorced so its just my mom", "only my grandma is here",
                 "my sister is here but shes in her room", "my mom works nights", "idk my dad is watching tv",
                 "they went out for dinner", "no one checks it lol", "my mom looks at it like once a week"]),
    "ack": ([], ["ok", "okk", "oh ok", "ya", "sure", "lol ok", "k", "mhm", "yeah", "i guess", "fine", "okay"]),
    "why": ([], ["why", "why tho", "wdym", "huh", "like what", "why do u ask", "??", "what do u mean"]),
    "thanks": ([], ["lol thanks", "stoppp", "aw thx", "ur just saying that", "thank u 😊", "no im not lol",
                "omg ty", "haha ok", "🥺", "really?", "nobody ever says that"]),
    "unsure": ([], ["idk", "hmm", "maybe", "idk about that", "i dont know", "ill think about it", "not sure",
               "idk my mom would be mad", "uhh", "i guess"]),
    "lol": ([], ["lol", "lmao", "haha", "😂", "lol same", "💀", "hahaha", "LOL"]),
    "nolike": ([], ["no", "nah", "i dont want to", "i cant", "no thanks", "not rn", "i said no", "stop"]),
    "secret_ok": (["secrecy"], ["i wont tell", "ok i wont say anything", "ya its fine nobody reads it", "ok deleted",
                  "i didnt tell anyone", "ok i'll keep it off my story"]),
    "offplat_ok": (["off_platform"], ["ok whats urs", "i have snap", "i can make one", "ya add me", "my discord is the same name",
                   "i only have insta", "my mom doesnt let me have snap", "ok i added u"]),
    "gift_react": ([], ["wait fr??", "omg thank u", "u dont have to", "no way", "THANK YOU", "are u sure??", "thats so nice"]),
    "meet_react": ([], ["idk my mom wont let me", "maybe", "where", "i dont know how to get there", "i cant drive lol",
                   "what time", "idk thats kinda far", "i'd have to lie to my mom"]),
    "img_react": ([], ["idk", "like what", "ok one sec", "nah i look bad rn", "why", "ok", "my room is messy",
                  "can i not", "um ok", "only if u send one first"]),
}

def kr(key):
    cues, bank = KR[key]
    return ("B", R.choice(bank), list(cues))
