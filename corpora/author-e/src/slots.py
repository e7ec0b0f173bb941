"""author-e slot vocabularies. Every name, game, app and place here is invented."""

GIRLS = ["Maisie", "Ivy", "Keira", "Nia", "Poppy", "Wren", "Lottie", "Amara", "Tilly", "Zara", "Hattie",
         "Sienna", "Priya", "Esme", "Bea", "Ruby", "Nell", "Freya", "Ada", "Cora"]
BOYS = ["Theo", "Rory", "Jonah", "Elliot", "Callum", "Dev", "Ezra", "Finn", "Marcus", "Owen", "Kai", "Leo",
        "Jude", "Noah", "Sami", "Arlo", "Tariq", "Milo", "Rafi", "Ollie"]
KID_NAMES = GIRLS + BOYS
ADULT_NAMES = ["Gareth", "Simon", "Daniel", "Colin", "Martin", "Andrew", "Neil", "Paul", "Graham",
               "Rob", "Steve", "Kevin", "Lewis", "Matt", "Adrian", "Phil", "Tom", "Carl", "Dean",
               "Helen", "Claire", "Joanne", "Fiona", "Karen", "Sophie", "Laura", "Anita", "Beth"]
GAMES = ["Hollow Reef", "Skyforge Legends", "Pixel Harbor", "Drift Kings", "Moonbase Tycoon",
         "Emberfall", "Tidecraft", "Starlane Racers", "Gloomwood", "Brickmount", "Cloudhopper",
         "Rune Alley", "Fortune Forge", "Neon Paddock"]
COINS = ["gems", "starbits", "crowns", "shards", "glimmer", "tokens", "bolts", "pearls"]
APPS = ["Whispr", "Chatterbox", "Lumo", "SnapNest", "Pingly", "Murmur", "Kestrel", "Hushline",
        "Tattle", "Loopd"]
PLATFORMS = ["burrow-chat", "quill-dm", "harborplay", "pebble-messenger", "skylark-social"]
TOWNS = ["Larkfield", "Ashby Cross", "Millbrook", "Fenwick", "Holloway Green", "Oakridge",
         "Stanmere", "Dunmore", "Brackley Vale", "Kingsmoor"]
PLACES = ["the Larkfield mall", "Brennan Park", "the Foxglove shopping centre", "the rec centre",
          "the Harbour Street library", "the skate park by the canal", "Millstone Plaza",
          "the food court at Westgate", "the bandstand at Queen's Meadow"]
PETS = ["dog", "cat", "hamster", "rabbit", "gecko", "guinea pig", "budgie"]
PETNAMES = ["Biscuit", "Pickle", "Mochi", "Waffles", "Ziggy", "Pepper", "Nugget", "Bramble", "Toast"]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SUBJECTS = ["maths", "science", "history", "geography", "english", "french", "spanish"]
SNACKS = ["pizza", "tacos", "noodles", "fish fingers", "lasagne", "pancakes", "curry"]
BANDS = ["The Paper Lanterns", "Velvet Orbit", "Kite Season", "Neon Hollow", "Juniper Road"]
SHOWS = ["Castle Drift", "The Lockwood Files", "Starboard Academy", "Mossgrove", "Night Bakery"]
MOM = ["mum", "mom", "mum", "mom", "mam"]
DAD = ["dad", "dad", "dad", "papa"]
GRAN = ["nana", "grandma", "gran", "grandpa", "grandad", "granny", "pop"]
AUNT = ["aunt jo", "auntie mel", "uncle ray", "aunt bev", "uncle dom", "auntie sue", "uncle pete"]
SIB = ["brother", "sister", "little brother", "big sister", "stepbrother", "little sister", "big brother"]

DOMAINS = [
    # domain, lesson, piece, event, practice, venue, skill, gear
    ("guitar", "guitar lesson", "the Sorrento riff", "the spring recital", "practice", "the music room",
     "your chord changes", "your guitar"),
    ("piano", "piano lesson", "the Havel nocturne", "the winter recital", "practice", "the studio",
     "your left hand", "the keyboard"),
    ("violin", "violin lesson", "the Merrow étude", "the youth orchestra audition", "practice",
     "the rehearsal room", "your bowing", "your violin"),
    ("chess", "chess session", "your Ashford opening", "the county junior tournament", "training",
     "the club room", "your endgames", "your board"),
    ("swimming", "swim session", "your 100 free", "the regional meet", "training", "the leisure centre",
     "your turns", "your kit"),
    ("football", "training session", "your first touch", "the cup match", "training", "the pitch",
     "your left foot", "your boots"),
    ("tennis", "tennis lesson", "your backhand", "the junior open", "practice", "the courts",
     "your serve", "your racket"),
    ("coding", "coding club", "your platformer project", "the youth hackathon", "club",
     "the lab", "your loops", "your laptop"),
    ("art", "art class", "your charcoal study", "the youth exhibition", "class", "the studio",
     "your shading", "your sketchbook"),
    ("drums", "drum lesson", "the Tallow Street groove", "the showcase night", "practice",
     "the practice room", "your fills", "your sticks"),
    ("gymnastics", "gym session", "your beam routine", "the county gala", "training", "the gym",
     "your landings", "your grips"),
    ("singing", "singing lesson", "the Linden Hill song", "the choir concert", "rehearsal",
     "the choir room", "your breathing", "your folder"),
]

ADJ = ["quiet", "lucky", "salty", "cosmic", "sleepy", "fuzzy", "tiny", "frosty", "mellow", "rapid",
       "grumpy", "golden", "dusty", "sunny", "pixel", "lazy", "wild", "silver", "mossy", "neon"]
NOUN = ["otter", "comet", "fern", "badger", "pickle", "falcon", "moth", "panda", "taco", "raven",
        "dune", "pebble", "kraken", "lynx", "noodle", "bean", "willow", "fox", "mango", "gecko"]


def screen(rng, kind):
    a, n = rng.choice(ADJ), rng.choice(NOUN)
    d = rng.randint(1, 999)
    form = rng.randint(0, 5)
    if kind in ("gran", "parent"):
        return "%s_%s%d" % (rng.choice(ADULT_NAMES).lower(), rng.choice("bkmrtwsl"), d % 90)
    if kind in ("support",):
        return "%s_support_%s" % (rng.choice(["quill", "harbor", "burrow", "pebble", "skylark"]), rng.choice(ADULT_NAMES).lower())
    if kind == "mentor":
        return rng.choice(["coach_", "mr_", "ms_", "teacher.", ""]) + rng.choice(ADULT_NAMES).lower() + str(d % 100)
    if form == 0:
        return "%s_%s" % (a, n)
    if form == 1:
        return "%s%s%d" % (a, n.capitalize(), d)
    if form == 2:
        return "xx%s%sxx" % (n, d % 100)
    if form == 3:
        return "%s.%s" % (n, a)
    if form == 4:
        return "the%s%s" % (a.capitalize(), n.capitalize())
    return "%s_%d" % (n, d)


def display(rng):
    return rng.choice(ADULT_NAMES + KID_NAMES) + rng.choice(["", " " + rng.choice("ABCDEFGHJKLMNPRSTW") + ".", " :)", "!"])


def slots(rng, people):
    d = rng.choice(DOMAINS)
    kid = rng.choice(KID_NAMES)
    girl = kid in GIRLS
    s = {
        "she": "she" if girl else "he", "She": "She" if girl else "He", "her": "her" if girl else "him",
        "their": "her" if girl else "his", "Their": "Her" if girl else "His",
        "kid": kid, "adult": rng.choice(ADULT_NAMES), "third": rng.choice([k for k in KID_NAMES if k != kid]),
        "game": rng.choice(GAMES), "coin": rng.choice(COINS), "app": rng.choice(APPS),
        "platform": rng.choice(PLATFORMS), "town": rng.choice(TOWNS), "place": rng.choice(PLACES),
        "pet": rng.choice(PETS), "petname": rng.choice(PETNAMES), "day": rng.choice(DAYS),
        "subject": rng.choice(SUBJECTS), "snack": rng.choice(SNACKS), "band": rng.choice(BANDS),
        "show": rng.choice(SHOWS), "mom": rng.choice(MOM), "dad": rng.choice(DAD),
        "gran": rng.choice(GRAN), "aunt": rng.choice(AUNT), "sib": rng.choice(SIB),
        "domain": d[0], "lesson": d[1], "piece": d[2], "event": d[3], "practice": d[4],
        "venue": d[5], "skill": d[6], "gear": d[7],
        "amount": rng.choice(["10", "15", "20", "25", "30", "40"]),
        "hour": rng.choice(["4", "5", "6", "7"]), "num": str(rng.randint(2, 9)),
    }
    strip = lambda x: x.split(" ", 1)[1] if x.split(" ", 1)[0] in ("your", "the") else x
    s["skilln"], s["gearn"], s["piecen"] = strip(d[6]), strip(d[7]), strip(d[2])
    return s
