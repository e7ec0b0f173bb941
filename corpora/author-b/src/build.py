import sys, json, random, re, os
from datetime import datetime, timedelta, timezone
sys.path.insert(0, os.path.dirname(__file__))
import engine
from engine import BANKS, USE, pick, noise, parse_piece, subst
import pos_banks, more_banks, filler_banks, neg_banks, pos_banks2, neg_banks2

R = random.Random(424242)
OUT = os.path.join(os.path.dirname(__file__), '..')

GAMES = ['Blocktopia', 'Skyforge', 'Rift Rally', 'Pixel Kingdoms', 'Dropzone Legends', 'Cove Crafters', 'Starline Arena', 'Mossworld', 'Tank Tussle', 'Lumen Quest']
APPS = ['Hollr', 'Zappi', 'Kwik', 'Loopline', 'Paperplane', 'Chirpy', 'Flick', 'BeamTalk', 'Nook', 'Wavelet']
CURS = ['gems', 'bux', 'crowns', 'shards', 'coins', 'sparks', 'tokens', 'gold']
SKINS = ['frost wolf', 'neon samurai', 'galaxy cat', 'lava knight', 'ghost pirate', 'candy mech', 'shadow fox', 'golden dragon']
CARDS = ['25 dollar game card', 'playcard', '50 buck store card', 'gift card for the game store', '20 dollar eshop card', 'points card']
MONTHS = ['jan', 'feb', 'march', 'april', 'may', 'june', 'july', 'aug', 'sept', 'oct', 'nov', 'dec']
FIRST = ['maya', 'leo', 'ava', 'noah', 'zoe', 'eli', 'lily', 'jay', 'mia', 'owen', 'ruby', 'sam', 'nina', 'theo', 'ella', 'kai', 'ivy', 'max', 'luna', 'finn', 'aria', 'jude', 'cora', 'milo', 'rosa', 'dev', 'tessa', 'omar', 'hana', 'luca']
ADJ = ['mossy', 'frosty', 'neon', 'lazy', 'salty', 'tiny', 'cosmic', 'sleepy', 'wild', 'pixel', 'silent', 'crispy', 'velvet', 'rusty', 'sunny', 'gloomy', 'spicy', 'minty', 'dusty', 'lucky', 'fuzzy', 'stormy']
NOUN = ['lantern', 'otter', 'comet', 'pancake', 'raven', 'noodle', 'falcon', 'pebble', 'waffle', 'badger', 'ember', 'moth', 'kettle', 'gecko', 'biscuit', 'panda', 'sprout', 'marble', 'rocket', 'ferret', 'cactus', 'tornado']
BRANDS = ['Skyforge', 'Blocktopia', 'Loopline', 'Starline', 'Hollr']
LAST = ['park', 'rivera', 'okafor', 'nguyen', 'walsh', 'haddad', 'kowalski', 'silva', 'brennan', 'ito']
TZ = [-8, -7, -6, -5, -5, -5, -4, 0, 1, 1, 2, 10, -3]

used_handles = set()
def handle():
    while True:
        h = R.choice(ADJ) + R.choice(['_', '', '.']) + R.choice(NOUN) + R.choice(['', str(R.randint(1, 99)), str(R.randint(100, 999)), 'x', '_' + str(R.randint(1, 9))])
        if h not in used_handles:
            used_handles.add(h); return h

def gradeword(age):
    g = grade_for(age)[0]
    opts = [g + ' grade', 'in ' + g, 'im in ' + g]
    if age == 14: opts += ['freshman', 'freshman lol']
    if age == 15: opts += ['freshman', 'sophomore', 'first year of hs']
    if age <= 13: opts += ['middle school', g + ' grade lol']
    return R.choice(opts)
def grade_for(age):
    return {10: ['5th'], 11: ['6th', '5th'], 12: ['7th', '6th'], 13: ['8th', '7th'], 14: ['9th', '8th'], 15: ['10th', '9th'], 16: ['10th', '11th']}.get(age, ['8th'])

ALT = re.compile(r'\[([^\[\]]*\|[^\[\]]*)\]')
def expand(text, v):
    text = ALT.sub(lambda m: R.choice(m.group(1).split('|')), text)
    return subst(text, v)

# ------------------------------------------------------------------ users
uid_n = [0]
def new_user(age, claim=None, declare_p=0.12, lie_age=None):
    uid_n[0] += 1
    u = {'user_id': 'ab-u%04d' % uid_n[0], 'screen_name': handle()}
    if R.random() < 0.35:
        u['display_name'] = R.choice(FIRST).capitalize() + (' ' + R.choice(LAST).capitalize()[0] + '.' if R.random() < 0.3 else '')
    if R.random() < declare_p:
        u['declared_age'] = lie_age if lie_age is not None else age
    return u

# ------------------------------------------------------------------ rendering
class Sess:
    def __init__(self, sid, tempo):
        self.sid = sid; self.tempo = tempo; self.msgs = []  # (role, text, cues, boundary)
        self.roles = {}; self.levels = {}; self.v = {}
    def line(self, role, raw, boundary=False):
        raw = expand(raw, self.v)
        pieces = [p for p in raw.split('||')]
        for k, p in enumerate(pieces):
            t, cues = parse_piece(p)
            if not t: continue
            lvl = self.levels.get(role, 2)
            t2 = noise(R, engine.para(R, t, lvl), lvl)
            if not cues and lvl >= 2 and len(t2) > 12 and not t2.startswith(('hi', 'hey', 'hello')) and R.random() < 0.35:
                t2 = R.choice(['ok ', 'bro ', 'omg ', 'wait ', 'lol ', 'ngl ', 'yo ', 'ya ', 'like ', 'honestly ', 'nah ', 'ok but ']) + t2
            # random cue-less split into two messages
            if not cues and lvl >= 2 and R.random() < 0.18 and ', ' in t2:
                a, b = t2.split(', ', 1)
                self.msgs.append((role, a, [], boundary and k == 0)); self.msgs.append((role, b, [], False))
            else:
                self.msgs.append((role, t2, cues, boundary and k == 0))
            if lvl >= 2 and R.random() < 0.05:
                self.msgs.append((role, R.choice(['lol', '??', 'wait', 'jk', '😂', 'anyways', 'hm', 'fr', '...', 'lmao']), [], False))
    def snip(self, turns, mapping=None):
        first = True
        for role, txt in turns:
            r = mapping.get(role, role) if mapping else role
            self.line(r, txt, boundary=first); first = False

def roles_of(sn):
    return {r for r, _ in sn}

FILLERS = ('small', 'adult_small', 'fam_small')
class Exhausted(Exception):
    pass
def pick_filler(name):
    bank = BANKS[name]
    idx = [i for i in range(len(bank)) if USE[(name, i)] < (9 if any('[' in t for _, t in bank[i]) else 3)]
    if not idx:
        raise Exhausted()
    m = min(USE[(name, i)] for i in idx)
    c = [i for i in idx if USE[(name, i)] <= m]
    i = R.choice(c); USE[(name, i)] += 1
    return bank[i]

def pick_f(name, ok=lambda sn: True):
    bank = BANKS[name]
    idx = [i for i in range(len(bank)) if ok(bank[i]) and (NOCAP[0] or USE[(name, i)] < (6 if any('[' in t for _, t in bank[i]) else 3))]
    if not idx:
        raise Exhausted()
    m = min(USE[(name, i)] for i in idx)
    c = [i for i in idx if USE[(name, i)] <= m]
    i = R.choice(c); USE[(name, i)] += 1
    return bank[i]

def pline(name, ok=lambda s: True):
    bank = BANKS[name]
    idx = [i for i in range(len(bank)) if ok(bank[i])]
    m = min(USE[(name, i)] for i in idx)
    c = [i for i in idx if USE[(name, i)] <= m]
    i = R.choice(c); USE[(name, i)] += 1
    return bank[i]

# ------------------------------------------------------------------ positive stages
SUBTLE_BAD = ('mature', 'special', 'model', 'jealous')
def stage(s, st, style):
    if st == 'greet':
        s.snip(pick(R, 'greet_game' if (style == 'gift_giver' or R.random() < 0.6) else 'greet_social'))
    elif st == 'small':
        mp = {'A': 'O', 'B': 'T'} if R.random() < 0.5 else {'A': 'T', 'B': 'O'}
        s.snip(pick_filler('small'), mp)
    elif st in ('age', 'age_peer', 'age_subtle'):
        q = pick(R, 'age_q_subtle' if st == 'age_subtle' else 'age_q')
        s.line('O', q, True)
        if st != 'age_subtle' and R.random() < 0.2:
            s.line('T', pick(R, 'age_a_evasive')); s.line('O', pick(R, 'age_push'))
        s.line('T', pick(R, 'age_a'))
        if st == 'age_peer' or (st == 'age' and R.random() < 0.3):
            if R.random() < 0.6: s.line('T', pick(R, 't_age_back') + ' {age_probe}')
        if st == 'age_peer':
            s.line('O', pick(R, 'age_react_peer'))
        elif st == 'age':
            s.line('O', pick(R, 'age_react_std'))
        else:
            s.line('O', R.choice(['oh nice', 'ah ok', 'cool cool', 'fun year lol', 'nice, thats a good one', 'oh ok that makes sense', 'ha i remember that year']))
    elif st == 'flattery' or st == 'flattery_sub':
        ok = (lambda l: not any(b in l for b in SUBTLE_BAD)) if st == 'flattery_sub' else (lambda l: True)
        s.line('O', pline('flattery', ok), True)
        if R.random() < 0.8: s.line('T', pick(R, 'flattery_react'))
    elif st == 'pressure':
        for _ in range(R.randint(1, 3)): s.line('O', pick(R, 'pressure'), _ == 0)
        if R.random() < 0.6: s.line('T', pick(R, 't_hesitant'))
    elif st == 'delete':
        s.line('O', pick(R, 'delete'), True)
        if R.random() < 0.7: s.line('T', pick(R, 't_compliant'))
    elif st == 'hes':
        s.line('T', pick(R, 't_hesitant'))
    elif st == 'reconnect':
        s.line(R.choice('OT'), pick(R, 'reconnect'), True)
    elif st == 'call_sub':
        s.snip(pick_f('call', lambda sn: 'cam on' not in sn[0][1] and 'pjs' not in sn[1][1]))
    else:
        s.snip(pick(R, st))
    if R.random() < 0.08:
        s.line('T', pick(R, 't_react'))

def opt(p, *xs):
    return list(xs) if R.random() < p else []
def sm(a, b):
    return ['small'] * R.randint(a, b)
def some(k, opts):
    return R.sample(opts, k)

def plan(style):
    if style == 'standard':
        return ['greet'] + sm(1, 3) + ['age'] + sm(0, 2) + ['flattery'] + opt(.5, 'info') + ['parental'] + opt(.5, 'special') + sm(0, 1) + ['secrecy_stock'] + some(R.randint(1, 2), ['offplat', 'image', 'meeting', 'call']) + opt(.3, 'delete') + opt(.2, 'threats')
    if style == 'subtle':
        return ['greet'] + sm(2, 4) + ['age_subtle'] + sm(1, 2) + ['flattery_sub'] + sm(0, 1) + ['parental_subtle'] + sm(0, 2) + ['secrecy_subtle'] + some(R.randint(1, 2), ['image_subtle', 'call_sub', 'offplat']) + sm(0, 1)
    if style == 'peer_posing':
        return ['greet', 'age_peer'] + sm(1, 3) + [R.choice(['special', 'flattery'])] + sm(0, 1) + ['slip'] + opt(.4, 'slip') + sm(0, 1) + opt(.5, 'parental') + [R.choice(['secrecy_stock', 'secrecy_subtle'])] + some(R.randint(1, 2), ['offplat', 'image', 'meeting', 'call'])
    if style == 'fast_pushy':
        p = opt(.6, 'greet') + ['age', 'parental'] + some(R.randint(2, 3), ['image', 'offplat', 'meeting', 'call']) + ['pressure'] + opt(.6, 'threats') + opt(.4, 'delete')
        if R.random() < .5: p.insert(len(p) - 1, 'hes')
        return p
    if style == 'slow_patient':
        p = ['greet'] + sm(2, 3) + ['reconnect'] + sm(1, 2) + ['age'] + sm(1, 3) + ['special'] + sm(1, 2) + ['reconnect', 'flattery'] + sm(0, 2) + ['isolation'] + sm(0, 2) + ['parental'] + sm(0, 2) + [R.choice(['secrecy_stock', 'secrecy_subtle'])] + opt(.5, 'gifts') + sm(0, 2) + some(R.randint(1, 2), ['call', 'offplat', 'image']) + opt(.6, 'meeting')
        return p
    if style == 'gift_giver':
        return ['greet'] + sm(0, 2) + ['gifts'] + sm(0, 2) + ['age'] + opt(.5, 'flattery') + ['gifts', 'gift_cond'] + opt(.5, 'gift_cond') + opt(.5, 'parental') + opt(.4, 'secrecy_stock') + opt(.5, R.choice(['offplat', 'image', 'call', 'meeting'])) + opt(.25, 'pressure') + opt(.25, 'threats')
    if style == 'romance':
        return ['greet'] + sm(1, 3) + ['flattery', 'age'] + sm(0, 2) + ['special', 'romance'] + sm(0, 1) + ['romance'] + opt(.5, 'romance') + [R.choice(['secrecy_stock', 'secrecy_subtle'])] + opt(.5, 'isolation') + some(R.randint(1, 2), ['meeting', 'image', 'call', 'offplat'])
    if style == 'mentor_coach':
        return ['mentor_intro'] + sm(0, 2) + ['mentor'] * R.randint(3, 5) + opt(.4, 'parental') + sm(0, 1) + opt(.3, 'isolation') + opt(.3, 'gifts')
    if style == 'off_platform_early':
        return opt(.5, 'greet') + ['offplat_early'] + opt(.5, 'hes') + opt(.6, 'offplat') + opt(.5, R.choice(['age', 'parental', 'image', 'pressure']))
    raise ValueError(style)

LEN = {'standard': (14, 40), 'subtle': (18, 50), 'peer_posing': (16, 50), 'fast_pushy': (8, 24), 'slow_patient': (45, 80), 'gift_giver': (14, 45), 'romance': (16, 50), 'mentor_coach': (12, 45), 'off_platform_early': (6, 16)}
TEMPO = {'fast_pushy': 'fast', 'off_platform_early': 'fast', 'slow_patient': 'slow'}

def build_positive(sid, style):
    for _ in range(8):
        s = build_positive1(sid, style)
        if len(s.msgs) <= 80:
            return s
    s.msgs = s.msgs[:80]
    return s

def build_positive1(sid, style):
    tempo = TEMPO.get(style) or R.choice(['normal', 'normal', 'normal', 'slow', 'fast'])
    s = Sess(sid, tempo)
    tage = R.choice([11, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15])
    if style == 'peer_posing':
        oage = R.randint(19, 38); oclaim = R.choice([15, 16, 16])
    else:
        oage = R.randint(19, 52); oclaim = R.choice([oage, oage - R.randint(2, 8), 18, 19, 20])
        oclaim = max(18, min(oclaim, oage))
    v = dict(age=tage, next=tage + 1, grade=R.choice(grade_for(tage)), gradeword=gradeword(tage), month=R.choice(MONTHS), oclaim=oclaim,
             game=R.choice(GAMES), app=R.choice(APPS), cur=R.choice(CURS), amt=R.choice([400, 500, 800, 1000, 1200, 2000, 250, 1500]),
             skin=R.choice(SKINS), card=R.choice(CARDS), tname=R.choice(FIRST), oname=R.choice(['mike', 'dan', 'chris', 'alex', 'jordan', 'ryan', 'tom', 'kev', 'matt', 'sean']),
             gfbf=R.choice(['gf', 'bf']), others=R.choice(['guys', 'girls', 'ppl']))
    v['handle'] = handle(); v['thandle'] = handle(); v['app2'] = R.choice([a for a in APPS if a != v['app']])
    s.v = v
    s.levels = {'O': R.choice([1, 2, 2, 3]) if style not in ('mentor_coach',) else R.choice([1, 1, 2]), 'T': R.choice([2, 3, 3])}
    if style == 'peer_posing': s.levels['O'] = R.choice([2, 3])
    lo, hi = LEN[style]; target = R.randint(lo, hi)
    p = plan(style)
    for st in p:
        try:
            stage(s, st, style)
        except Exhausted:
            pass
    # pad with filler at random interior positions
    tries = 0
    while len(s.msgs) < target and tries < 40:
        tries += 1
        before = list(s.msgs); s.msgs = []
        try:
            stage(s, 'small' if style not in ('mentor_coach',) or R.random() < .5 else 'flattery', style)
        except Exhausted:
            s.msgs = before; break
        new = s.msgs
        cut = [i for i in range(2, len(before) + 1) if i == len(before) or before[i][3]]
        at = R.choice(cut) if cut else len(before)
        s.msgs = before[:at] + new + before[at:]
    while len(s.msgs) < 6:
        s.line('T', pick(R, 't_hesitant')); s.line('O', pick(R, 'pressure'))
    s.msgs = s.msgs[:80]
    O = new_user(oage, declare_p=0.5 if style == 'peer_posing' else 0.08, lie_age=oclaim if style == 'peer_posing' else None)
    tl = 18 if R.random() < 0.4 else None
    T = new_user(tage, declare_p=0.14, lie_age=tl)
    s.people = {'O': (O, oage, 'offender'), 'T': (T, tage, 'target')}
    return s

# ------------------------------------------------------------------ negatives
def adult_only(sn):
    t = ' '.join(x for _, x in sn)
    return any(k in t for k in ('im 26', 'im 30', 'my wife', 'my kid', 'after work'))
def teen_only(sn):
    t = ' '.join(x for _, x in sn)
    return any(k in t for k in ('$grade', 'ur parents let u'))

NOCAP = [False]
def safe(fs):
    out = []
    for f in fs:
        try:
            out.append(f())
        except Exhausted:
            pass
    if not out:
        NOCAP[0] = True
        out.append(fs[0]())
        NOCAP[0] = False
    return out

def build_negative(sid, kind):
    tempo = R.choice(['normal', 'normal', 'fast', 'slow']) if kind not in ('customer_support',) else 'fast'
    s = Sess(sid, tempo)
    kage = R.randint(13, 15)
    v = dict(game=R.choice(GAMES), app=R.choice(APPS), cur=R.choice(CURS), amt=R.choice([400, 500, 800, 1000, 12, 20, 6]), skin=R.choice(SKINS), card=R.choice(CARDS),
             month=R.choice(MONTHS), kidname=R.choice(FIRST), cname=R.choice(['jess', 'marco', 'priya', 'beth', 'tariq', 'ms. dee', 'kayla', 'omar']),
             auntname=R.choice(['jo', 'mel', 'tina', 'bee', 'rita', 'kat']), crush=R.choice(['jaden', 'the new kid', 'lucas from bio', 'ari', 'the kid w the skateboard', 'emma r']),
             friendname=R.choice(FIRST), phone='555-01%02d' % R.randint(0, 99), brand=R.choice(BRANDS), honoree=R.choice(['jess', 'dad', 'coach b', 'nana', 'mr ortiz', 'kim']),
             lastname=R.choice(LAST).capitalize(), handle=handle(), thandle=handle())
    people = {}; levels = {}
    snips = []; filler = None; fill_map = None
    n = R.randint(2, 5)
    if kind == 'family':
        sub = R.choice(['fam_grand', 'fam_parent', 'fam_parent', 'fam_sib', 'fam_aunt'])
        kage = R.randint(9, 16) if sub != 'fam_sib' else R.randint(10, 15)
        page = {'fam_grand': R.randint(58, 79), 'fam_parent': R.randint(33, 52), 'fam_sib': R.randint(18, 22), 'fam_aunt': R.randint(26, 50)}[sub]
        if sub == 'fam_grand' and R.random() < .5: kage = R.randint(11, 14)
        people = {'P': (page, 'family'), 'K': (kage, 'family')}
        levels = {'P': 0 if sub == 'fam_grand' else R.choice([1, 2]), 'K': R.choice([2, 3])}
        snips = safe([lambda: pick_f(sub) for _ in range(min(n, 4))])
        filler = 'fam_small' if sub != 'fam_sib' else 'small'; fill_map = {'A': 'P', 'B': 'K'}
        rng = (6, 40)
    elif kind == 'caregiver':
        pair = R.choice([('C', 'K'), ('C', 'K'), ('C', 'M')])
        cage = R.randint(16, 24) if R.random() < .5 else R.randint(25, 58)
        people = {'C': (cage, 'caregiver')}
        if 'K' in pair: kage = R.randint(7, 13); people['K'] = (kage, 'other')
        else: people['M'] = (R.randint(30, 50), 'family')
        levels = {'C': R.choice([0, 1, 2]), 'K': 2, 'M': R.choice([0, 1])}
        snips = safe([lambda: pick_f('care', lambda sn: roles_of(sn) <= set(pair)) for _ in range(min(n, 4))])
        filler = 'fam_small' if 'K' in pair else None
        fill_map = {'P': 'C', 'K': 'K'}
        rng = (6, 28)
    elif kind == 'coach_teacher':
        grp = R.choice([('C', 'K'), ('C', 'M'), ('C', 'K', 'M')])
        kage = R.randint(9, 16)
        people = {'C': (R.randint(22, 60), 'coach_teacher')}
        if 'K' in grp: people['K'] = (kage, 'other')
        if 'M' in grp: people['M'] = (R.randint(32, 52), 'family')
        levels = {'C': R.choice([0, 1]), 'K': R.choice([2, 3]), 'M': R.choice([0, 1])}
        snips = safe([lambda: pick_f('coach', lambda sn: roles_of(sn) <= set(grp)) for _ in range(min(n, 4))])
        rng = (6, 26)
    elif kind == 'peers':
        a = R.randint(13, 15); b = max(13, min(15, a + R.choice([-1, 0, 0, 1])))
        kage = b
        people = {'A': (a, 'peer'), 'B': (b, 'peer')}
        levels = {'A': 3, 'B': R.choice([2, 3])}
        snips = safe([lambda: pick_f('peer') for _ in range(n)])
        filler = 'small'; rng = (6, 55)
    elif kind == 'adults_dating':
        a = R.randint(22, 45); b = max(21, a + R.randint(-6, 6))
        people = {'A': (a, 'adult'), 'B': (b, 'adult')}
        levels = {'A': R.choice([0, 1, 2]), 'B': R.choice([0, 1, 2])}
        snips = safe([lambda: pick_f('dating') for _ in range(n)])
        filler = 'adult_small'; rng = (8, 50)
    elif kind == 'gaming':
        teen = R.random() < .5
        if teen:
            a = R.randint(13, 16); b = max(13, min(16, a + R.choice([-1, 0, 1]))); kage = b
            ok = lambda sn: not adult_only(sn)
            people = {'A': (a, 'peer'), 'B': (b, 'peer')}
        else:
            a = R.randint(19, 38); b = R.randint(19, 38); kage = b
            ok = lambda sn: not teen_only(sn)
            people = {'A': (a, 'peer'), 'B': (b, 'peer')}
        levels = {'A': R.choice([2, 3]), 'B': R.choice([2, 3])}
        snips = safe([lambda: pick_f('gaming', ok) for _ in range(n)])
        filler = 'small'; rng = (6, 45)
        if not teen:
            v['grade'] = 'college'
    elif kind == 'customer_support':
        kid = R.random() < .6
        uage = R.randint(11, 16) if kid else R.randint(28, 50)
        kage = uage
        KID = ('date of birth', 'my dads card', 'my aunt', 'i was like 10', 'under 18')
        ok = (lambda sn: 'parent. my son' not in ' '.join(x for _, x in sn)) if kid else (lambda sn: not any(k in ' '.join(x for _, x in sn) for k in KID))
        people = {'S': (R.randint(22, 45), 'support'), 'U': (uage, 'other' if kid else 'adult')}
        levels = {'S': 0, 'U': R.choice([1, 2, 3]) if kid else 1}
        snips = safe([lambda: pick_f('support', ok) for _ in range(R.randint(1, 3))])
        rng = (6, 14)
        s.greet_support = True
    elif kind == 'surprise_party':
        size = R.choice([3, 4, 4, 5])
        teen = R.random() < .45
        roles = ['A', 'B', 'C', 'D', 'E'][:size]
        for r in roles:
            people[r] = (R.randint(13, 15) if teen else R.randint(24, 60), 'peer' if teen else 'adult')
        kage = 14
        levels = {r: (R.choice([2, 3]) if teen else R.choice([0, 1, 2])) for r in roles}
        allowed = set(roles)
        snips = safe([lambda: pick_f('party', lambda sn: roles_of(sn) <= allowed and not (teen and 'wife' in ' '.join(x for _, x in sn))) for _ in range(R.randint(2, 5))])
        filler = None; rng = (8, 40)
    elif kind == 'other':
        people = {'A': (R.randint(25, 70), 'adult'), 'B': (R.randint(20, 70), 'adult')}
        levels = {'A': R.choice([0, 1]), 'B': R.choice([0, 1, 2])}
        snips = safe([lambda: pick_f('other') for _ in range(R.randint(1, 3))])
        filler = 'adult_small'; rng = (6, 20)
    v['age'] = kage; v['next'] = kage + 1; v.setdefault('grade', R.choice(grade_for(kage)))
    s.v = v; s.levels = levels
    for sn in snips:
        s.snip(sn)
    lo, hi = rng; target = R.randint(lo, hi)
    tries = 0
    while filler and len(s.msgs) < target and tries < 30:
        tries += 1
        before = list(s.msgs); s.msgs = []
        try:
            if filler == 'fam_small':
                s.snip(pick_filler('fam_small'), fill_map or {'P': list(people)[0], 'K': list(people)[1]})
            else:
                rl = list(people); a, b = R.sample(rl, 2)
                s.snip(pick_filler(filler), {'A': a, 'B': b})
        except Exhausted:
            s.msgs = before; break
        new = s.msgs
        cut = [i for i in range(1, len(before) + 1) if i == len(before) or before[i][3]]
        at = R.choice(cut)
        s.msgs = before[:at] + new + before[at:]
    # pad too-short sessions with reactions
    while len(s.msgs) < 6:
        rl = list(people)
        s.line(rl[len(s.msgs) % len(rl)], R.choice(['ok thanks', 'ok', 'sounds good', 'got it', 'perfect', 'thank you!', 'will do', 'ok cool', 'yep', 'see u then']))
    s.msgs = s.msgs[:80]
    s.people = {}
    for r, (age, role) in people.items():
        dp = 0.12
        lie = None
        if role in ('peer', 'other') and age < 16 and R.random() < .3: lie = 18
        s.people[r] = (new_user(age, declare_p=dp, lie_age=lie), age, role)
    return s

# ------------------------------------------------------------------ times & serialise
ev_n = [0]
def emit(s, positive, style, kind, evf, annf, labf):
    tz = timezone(timedelta(hours=R.choice(TZ)))
    start = datetime(2026, 1, 2, tzinfo=timezone.utc) + timedelta(seconds=R.randint(0, 322 * 86400))
    t = start; times = []
    for i, (role, text, cues, boundary) in enumerate(s.msgs):
        if i > 0:
            if s.tempo == 'fast':
                g = R.randint(20, 200) if boundary else R.randint(3, 70)
            elif s.tempo == 'normal':
                if boundary:
                    r = R.random(); g = R.randint(60, 900) if r < .7 else (R.randint(3600, 21600) if r < .9 else R.randint(36000, 108000))
                else:
                    g = R.randint(5, 150)
            else:
                if boundary:
                    g = R.randint(600, 3600) if R.random() < .4 else R.randint(86400, 5 * 86400)
                else:
                    g = R.randint(5, 300)
            t = t + timedelta(seconds=g)
        times.append(t)
    end_limit = datetime(2026, 11, 30, tzinfo=timezone.utc)
    if times[-1] > end_limit:
        shift = times[-1] - end_limit + timedelta(days=R.randint(1, 20))
        times = [x - shift for x in times]
    accounts = {r: p[0] for r, p in s.people.items()}
    for i, (role, text, cues, boundary) in enumerate(s.msgs):
        ev_n[0] += 1
        eid = 'ab-e%06d' % ev_n[0]
        sender = accounts[role]
        recips = [{'user_id': accounts[r]['user_id']} for r in accounts if r != role]
        ts = times[i].astimezone(tz).isoformat(timespec='seconds')
        evf.write(json.dumps({'schema': 'tipline.message/1', 'event_id': eid, 'sent_at': ts, 'session_id': s.sid, 'platform': 'author-b-chat',
                              'sender': sender, 'recipients': recips, 'text': text}, ensure_ascii=False) + '\n')
        msgann.append({'kind': 'message', 'event_id': eid, 'session_id': s.sid, 'cues': sorted(set(cues))})
    labf.write(json.dumps({'kind': 'session', 'session_id': s.sid, 'positive': positive}) + '\n')
    annf.write(json.dumps({'kind': 'session', 'session_id': s.sid, 'positive': positive, 'style': style, 'negative_kind': kind, 'tempo': s.tempo}) + '\n')
    for r, (acc, age, role) in s.people.items():
        annf.write(json.dumps({'kind': 'participant', 'session_id': s.sid, 'user_id': acc['user_id'], 'true_age': age, 'role': role}) + '\n')

POS = {'standard': 12, 'subtle': 15, 'peer_posing': 15, 'fast_pushy': 13, 'slow_patient': 10, 'gift_giver': 13, 'romance': 11, 'mentor_coach': 10, 'off_platform_early': 12}
NEG = {'family': 30, 'caregiver': 16, 'coach_teacher': 14, 'peers': 48, 'adults_dating': 22, 'gaming': 30, 'customer_support': 13, 'surprise_party': 12, 'other': 14}

msgann = []
import handwritten
def main():
    jobs = [('P', k) for k, n in POS.items() for _ in range(n)] + [('N', k) for k, n in NEG.items() for _ in range(n)]
    hw = handwritten.SESSIONS
    jobs += [('H', i) for i in range(len(hw))]
    R.shuffle(jobs)
    evf = open(os.path.join(OUT, 'events.jsonl'), 'w'); labf = open(os.path.join(OUT, 'labels.jsonl'), 'w'); annf = open(os.path.join(OUT, 'annotations.jsonl'), 'w')
    for n, (typ, k) in enumerate(jobs, 1):
        sid = 'ab-s%04d' % n
        if typ == 'P':
            s = build_positive(sid, k); emit(s, True, k, None, evf, annf, labf)
        elif typ == 'N':
            s = build_negative(sid, k); emit(s, False, None, k, evf, annf, labf)
        else:
            h = hw[k]
            s = Sess(sid, h['tempo']); s.v = {}; s.levels = {r: 0 for r in h['people']}
            for role, txt in h['lines']:
                s.line(role, txt, boundary=txt.startswith('~'))
            s.msgs = [(r, t.lstrip('~ ').strip() or t, c, b) for r, t, c, b in s.msgs]
            s.people = {r: (new_user(a, declare_p=h.get('declare', {}).get(r, 0.1), lie_age=h.get('lie', {}).get(r)), a, role) for r, (a, role) in h['people'].items()}
            emit(s, h['positive'], h.get('style'), h.get('kind'), evf, annf, labf)
    for m in msgann:
        annf.write(json.dumps(m, ensure_ascii=False) + '\n')
    evf.close(); labf.close(); annf.close()

if __name__ == '__main__':
    main()
