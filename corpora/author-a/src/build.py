#!/usr/bin/env python3
"""Assemble corpus author-a from hand-written beat banks + hand-written full
conversations. Deterministic (fixed seed)."""
import json, random, re, datetime as dt, sys, os, collections
sys.path.insert(0, os.path.dirname(__file__))
from pos_banks import B
from neg_banks import N
from more_banks import MB, MN
for _k, _v in MB.items():
    B[_k] = B[_k].rstrip() + '\n--\n' + _v.strip('\n').strip('-\n') + '\n'
for _k, _v in MN.items():
    N[_k] = N[_k].rstrip() + '\n--\n' + _v.strip('\n').strip('-\n') + '\n'
from handwritten import HAND
from filler import filler_beat, filler_beat2, commit

R = random.Random(20260417)
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------- parsing
LINE = re.compile(r'^([A-Z]):\s?(.*?)\s*(?:\[([a-z_,\s]+)\])?\s*$')

def parse(s):
    alts, cur = [], []
    for raw in s.strip('\n').split('\n'):
        line = raw.rstrip()
        if not line:
            continue
        if line.strip() == '--':
            if cur: alts.append(cur)
            cur = []
            continue
        if line.startswith('~'):
            m = re.match(r'~(\d+)([dhm])', line)
            n, u = int(m.group(1)), m.group(2)
            cur.append(('gap', n * {'d': 86400, 'h': 3600, 'm': 60}[u]))
            continue
        if line.startswith('@age'):
            _, spk, age = line.split()
            cur.append(('age', spk, int(age)))
            continue
        m = LINE.match(line)
        if not m:
            raise ValueError(line)
        cues = [c.strip() for c in (m.group(3) or '').split(',') if c.strip()]
        cur.append(('msg', m.group(1), m.group(2), cues))
    if cur: alts.append(cur)
    return alts

assert not set(B) & set(N), set(B) & set(N)
BANKS = {k: parse(v) for k, v in list(B.items()) + list(N.items())}
USE = collections.Counter()
CORE_CAP = 4

CUES = set('age_probe personal_info parental_check secrecy isolation flattery age_gap off_platform image_request gifts meeting compliance_testing threats solicitation age_disclosure family_context'.split())
for k, alts in BANKS.items():
    for a in alts:
        for it in a:
            if it[0] == 'msg':
                for c in it[3]:
                    assert c in CUES, (k, c)

# ---------------------------------------------------------------- slots
GAMES = ['skyrift', 'blockville', 'kart rush', 'hollow keep', 'dropzone', 'pixel farm', 'star drifters', 'mega obby', 'dungeon dash', 'craftworld', 'legends arena', 'tiny town', 'rocket rally', 'mythic raid']
ITEMS = ['neon fox', 'galaxy wings', 'dragon helm', 'ice katana', 'golden hoverboard', 'shadow cape', 'pink cat ears', 'lava sword', 'storm glider', 'frost pet', 'crystal crown', 'rainbow trail']
CURR = ['gems', 'coins', 'crystals', 'bux', 'gold', 'tokens', 'credits', 'stars']
AMTS = ['500', '1000', '800', '2k', '1200', '400', '250', '750', '300', '600', '1500', '100']
MONEY = ['$20', '$25', '$10', '$50', '£20', '£15', '30 bucks', '$40', '£10', '$15']
APPS = ['snap', 'discord', 'whatsapp', 'insta', 'telegram', 'kik', 'the other app', 'signal', 'tiktok dms', 'wickr']
PETS = [('dog', 'biscuit'), ('cat', 'mango'), ('hamster', 'nugget'), ('dog', 'pepper'), ('cat', 'luna'), ('rabbit', 'toffee'), ('dog', 'max'), ('guinea pig', 'waffles'), ('cat', 'socks'), ('lizard', 'spike')]
BANDS = ['kpop', 'rap', 'pop punk', 'taylor type stuff', 'lofi', 'indie', 'edm', 'country lol', 'old rock', 'anime openings']
MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
PLACES = ['the big mall', 'the train station', 'riverside', 'the north side', 'maple park', 'the leisure centre', 'the high street', 'westfield', 'the skate park', 'oak lane', 'the library', 'the harbour']
DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
SPORTS = [('football', 'boots'), ('swimming', 'goggles'), ('basketball', 'shoes'), ('gymnastics', 'grips'), ('tennis', 'racket strings'), ('hockey', 'shin pads'), ('climbing', 'chalk bag'), ('athletics', 'spikes'), ('dance', 'shoes'), ('volleyball', 'knee pads')]
FIRST = ['maya', 'leo', 'ava', 'sam', 'noah', 'zoe', 'eli', 'ruby', 'finn', 'isla', 'jay', 'lily', 'omar', 'nina', 'theo', 'priya', 'kai', 'emma', 'luca', 'aria', 'ben', 'chloe', 'dev', 'hana', 'max', 'tia', 'owen', 'jade', 'arlo', 'mia', 'ezra', 'sofia', 'cole', 'lena', 'remy', 'ivy']
ADULTF = ['dan', 'mark', 'chris', 'jen', 'paul', 'steve', 'rob', 'kate', 'tom', 'alex', 'greg', 'lisa', 'matt', 'sarah', 'ian', 'claire', 'jason', 'helen', 'rich', 'andy']
RELS = ['grandma', 'nana', 'gran', 'grandpa', 'auntie {aname}', 'uncle {aname}', 'nan', 'granny', 'aunt {aname}', 'pops']
ADJ = ['sleepy', 'salty', 'lucky', 'tiny', 'wild', 'lazy', 'cosmic', 'frosty', 'neon', 'silent', 'mellow', 'fuzzy', 'rapid', 'crispy', 'shadow', 'sunny', 'velvet', 'rusty', 'hyper', 'quiet', 'golden', 'minty', 'misty', 'brave']
NOUN = ['otter', 'pixel', 'fox', 'noodle', 'comet', 'panda', 'taco', 'wolf', 'raven', 'bean', 'ghost', 'lemon', 'moth', 'tiger', 'cloud', 'badger', 'sprout', 'koi', 'mango', 'gecko', 'falcon', 'waffle', 'marble', 'yeti']
USED_NAMES = set()

def screen_name():
    while True:
        s = R.choice(ADJ) + R.choice(['_', '', '.', 'x']) + R.choice(NOUN) + R.choice(['', str(R.randint(1, 99)), str(R.randint(100, 9999)), '_' + str(R.randint(1, 30))])
        if s not in USED_NAMES:
            USED_NAMES.add(s)
            return s

def slots():
    pet = R.choice(PETS); sp = R.choice(SPORTS)
    s = dict(game=R.choice(GAMES), item=R.choice(ITEMS), currency=R.choice(CURR), amount=R.choice(AMTS), money=R.choice(MONEY),
             app=R.choice(APPS), pet=pet[0], petname=pet[1], band=R.choice(BANDS), month=R.choice(MONTHS),
             place=R.choice(PLACES), day=R.choice(DAYS), sport=sp[0], gear=sp[1],
             tname=R.choice(FIRST), kname=R.choice(FIRST), fname=R.choice(FIRST),
             oname=R.choice(ADULTF), aname=R.choice(ADULTF))
    s['handle'] = screen_name()
    s['rel'] = R.choice(RELS).format(aname=s['aname'])
    return s

# ---------------------------------------------------------------- writing style
EMO = ['😂', '😭', '🙂', '💀', '😅', '👀', '🥲', '😆', '✨', '🙃']
TYPO_SKIP = set()

def typo(w):
    if len(w) < 4 or not w.isalpha():
        return w
    i = R.randint(0, len(w) - 2)
    k = R.random()
    if k < 0.5:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if k < 0.75:
        return w[:i] + w[i + 1:]
    return w[:i] + w[i] + w[i:]

SUBS = [(r'\byou\b', 'u'), (r'\byour\b', 'ur'), (r'\bokay\b', 'ok'), (r'\bplease\b', 'pls'), (r'\bdon\'t\b', 'dont'), (r'\bbecause\b', 'bc'), (r'\bthanks\b', 'thx'), (r'\bright now\b', 'rn'), (r'\bto be honest\b', 'tbh')]
UNSUBS = [(r'\bu\b', 'you'), (r'\bur\b', 'your'), (r'\bpls\b', 'please'), (r'\bdont\b', "don't"), (r'\bim\b', "I'm"), (r'\bthx\b', 'thanks'), (r'\brn\b', 'right now'), (r'\bidk\b', "I don't know"), (r'\bya\b', 'yes'), (r'\btmrw\b', 'tomorrow'), (r'\br\b', 'are'), (r'\bR\b', 'Are'), (r'\blol\b', 'haha'), (r'\bur\b', 'your'), (r'\bwanna\b', 'want to')]

def style_profile(kind):
    if kind == 'kid':
        return dict(lower=1.0, typo=R.choice([0.03, 0.07, 0.12]), emoji=R.choice([0.03, 0.08, 0.15]), subs=0.7, formal=False, noapos=0.8)
    if kind == 'teen':
        return dict(lower=0.95, typo=R.choice([0.02, 0.06]), emoji=R.choice([0.05, 0.12]), subs=0.6, formal=False, noapos=0.7)
    if kind == 'adult_casual':
        return dict(lower=R.choice([0.5, 0.9]), typo=0.03, emoji=0.05, subs=0.4, formal=False, noapos=0.4)
    if kind == 'older':   # grandparents: proper-ish
        return dict(lower=0.0, typo=0.04, emoji=0.06, subs=0.0, formal=True, noapos=0.0, unsub=True)
    if kind == 'formal':
        return dict(lower=0.0, typo=0.0, emoji=0.0, subs=0.0, formal=True, noapos=0.0, unsub=True)
    raise KeyError(kind)

def render(text, prof):
    t = text
    if prof.get('unsub'):
        for a, b in UNSUBS:
            t = re.sub(a, b, t)
    elif R.random() < prof['subs']:
        for a, b in SUBS:
            t = re.sub(a, b, t, flags=re.I)
    if prof['formal']:
        if t and t[0].isalpha():
            t = t[0].upper() + t[1:]
        t = re.sub(r'\bi\b', 'I', t)
        if t and t[-1].isalnum():
            fw = t.split(' ')[0].lower()
            t += '?' if fw in ('how', 'what', 'did', 'are', 'is', 'do', 'can', 'have', 'where', 'when', 'who', 'why', 'could', 'would', 'any', 'want', 'shall', 'will', 'does', 'were', 'has', 'r', 'u') else '.'
    else:
        if R.random() < prof['lower']:
            t = t.lower()
        if R.random() < prof['noapos']:
            t = t.replace("'", '')
    if prof['typo'] and R.random() < prof['typo'] * 3:
        ws = t.split(' ')
        j = R.randrange(len(ws))
        if '{' not in ws[j] and R.random() < 0.5:
            ws[j] = typo(ws[j])
        t = ' '.join(ws)
    if R.random() < prof['emoji'] and not any(e in t for e in EMO):
        t = t + ' ' + R.choice(['😊', '❤️', '👍', '🙂', '😘'] if prof['formal'] else EMO)
    return t

# ---------------------------------------------------------------- session assembly
def pick(bank, state):
    alts = BANKS[bank]
    order = sorted(range(len(alts)), key=lambda i: (USE[(bank, i)] + R.random() * 0.9))
    for i in order:
        if i in state['used'].get(bank, set()):
            continue
        if USE[(bank, i)] >= CORE_CAP and bank != 'hand':
            continue
        ok = True
        for it in alts[i]:
            if it[0] == 'age' and state['ages'].get(it[1], it[2]) != it[2]:
                ok = False
        if ok:
            USE[(bank, i)] += 1
            state['used'].setdefault(bank, set()).add(i)
            for it in alts[i]:
                if it[0] == 'age':
                    state['ages'][it[1]] = it[2]
            return [it for it in alts[i] if it[0] != 'age']
    return []

def compose(plan, fill_kind, target, speakers, state, phase_gap=None):
    """plan: list of (bank, prob) in order. Returns list of beats (each a list of items)."""
    beats = []
    for entry in plan:
        bank, p = entry[0], entry[1]
        if R.random() < p:
            b = pick(bank, state)
            if b:
                beats.append(('core', bank, b))
    # fillers until length reached
    def n_msgs():
        return sum(1 for _, _, b in beats for it in b if it[0] == 'msg')
    core_spk = sorted({it[1] for _, _, b in beats for it in b if it[0] == 'msg'}) or speakers
    core_n = n_msgs()
    n_fill = [0]
    tries = 0
    while n_msgs() < target and tries < 60 and fill_kind:
        tries += 1
        if n_fill[0] >= max(core_n * 1.2, 6):
            break
        for _try in range(8):
            fb = filler_beat2(fill_kind, core_spk if fill_kind in ('other', 'party') else speakers, R, state['pool_used'])
            if fb is None:
                break
            txts = [it[2] for it in fb if it[0] == 'msg' and len(it[2]) > 4]
            if not any(x in state['fill_used'] for x in txts):
                break
        if fb is None:
            break
        state['fill_used'].update(it[2] for it in fb if it[0] == 'msg')
        commit([it[2] for it in fb if it[0] == 'msg'])
        n_fill[0] += sum(1 for it in fb if it[0] == 'msg')
        pos = R.randint(1, max(1, len(beats) - 1)) if len(beats) > 1 else len(beats)
        if fill_kind == 'other':
            pos = len(beats)
        beats.insert(pos, ('fill', fill_kind, fb))
    extra = 0
    while n_msgs() < 6 and extra < 10:
        extra += 1
        if fill_kind:
            fb = filler_beat2(fill_kind, core_spk if fill_kind in ('other', 'party') else speakers, R, state['pool_used'])
            if fb:
                commit([it[2] for it in fb if it[0] == 'msg'])
                beats.append(('fill', fill_kind, fb))
        else:
            b = pick(plan[1][0], state)
            if b:
                beats.insert(len(beats) - 1, ('core', plan[1][0], b))
    # trim if far too long
    while n_msgs() > max(target + 12, 80) and len(beats) > 3:
        idx = [i for i, b in enumerate(beats) if b[0] == 'fill']
        if not idx:
            break
        beats.pop(R.choice(idx))
    return beats

def fill_text(t, sl):
    # two passes (rel contains aname placeholder already resolved)
    try:
        return t.format(**sl)
    except KeyError as e:
        raise KeyError((t, e))

# ---------------------------------------------------------------- recipes
POS = {
 'standard': dict(n=10, plan=[('open', 1), ('small', .6), ('age', .95), ('flatter', .8), ('own_age', .4), ('parent', .9), ('secret', .8), ('isolate', .3), ('offplat', .6), ('image', .7), ('meet', .4), ('pressure', .4), ('delete', .4), ('close', .5)], tempo=['normal', 'normal', 'fast', 'slow'], len=(14, 50)),
 'subtle': dict(n=15, plan=[('open', 1), ('small', .7), ('subtle_bond', 1), ('age', .5), ('subtle_parent', .9), ('subtle_cover', .9), ('subtle_guilt', .5), ('subtle_move', 1), ('subtle_move', .5), ('close', .5)], tempo=['normal', 'slow', 'normal'], len=(14, 70)),
 'peer_posing': dict(n=15, plan=[('peer_open', 1), ('small', .7), ('age', .5), ('flatter', .7), ('parent', .8), ('subtle_cover', .3), ('secret', .5), ('offplat', .6), ('peer_slip', 1), ('peer_slip', .4), ('image', .6), ('meet', .6), ('close', .4)], tempo=['normal', 'normal', 'slow', 'fast'], len=(14, 60)),
 'fast_pushy': dict(n=10, plan=[('open', .6), ('fast_push', 1), ('fast_push', .8), ('parent', .5), ('image', .7), ('pressure', .8), ('threat', .5), ('delete', .4)], tempo=['fast'], len=(6, 24)),
 'slow_patient': dict(n=14, plan=[('open', 1), ('checkin', 1), ('small', 1), ('checkin', .9), ('flatter', .9), ('age', .8), ('checkin', .8), ('subtle_bond', .6), ('own_age', .5), ('parent', .8), ('subtle_cover', .6), ('isolate', .6), ('checkin', .6), ('gifts', .4), ('offplat', .7), ('image', .6), ('meet', .6), ('close', .4)], tempo=['slow'], len=(30, 80)),
 'gift_giver': dict(n=10, plan=[('open', 1), ('small', .5), ('gift_offer', 1), ('age', .7), ('gifts', .7), ('parent', .7), ('gift_offer', .7), ('flatter', .5), ('secret', .5), ('gift_debt', .9), ('offplat', .4), ('pressure', .4), ('close', .3)], tempo=['normal', 'slow', 'normal'], len=(14, 60)),
 'romance': dict(n=13, plan=[('open', 1), ('small', .6), ('flatter', .8), ('age', .7), ('own_age', .6), ('romance', 1), ('romance', 1), ('parent', .7), ('subtle_cover', .5), ('romance', .7), ('isolate', .5), ('image', .5), ('meet', .6), ('close', .5)], tempo=['slow', 'normal', 'slow'], len=(20, 80)),
 'mentor_coach': dict(n=13, plan=[('mentor_open', 1), ('small', .5), ('mentor_special', 1), ('mentor_special', .9), ('checkin', .5), ('mentor_isolate', 1), ('mentor_special', .6), ('parent', .5), ('mentor_isolate', .6), ('offplat', .4), ('image', .3), ('close', .3)], tempo=['slow', 'slow', 'normal'], len=(16, 70)),
 'off_platform_early': dict(n=9, plan=[('offplat_early', 1), ('age', .8), ('flatter', .6), ('parent', .7), ('secret', .4), ('image', .6), ('meet', .3)], tempo=['fast', 'normal'], len=(6, 30)),
}
NEG = {
 'family': dict(n=44, plan=[('fam_open', .9), ('fam_gift', .6), ('fam_present_secret', .5), ('fam_homealone', .5), ('fam_logistics', .8), ('fam_selfie', .4), ('fam_sibling', .3), ('fam_close', .7)], tempo=['normal', 'normal', 'fast', 'slow'], len=(6, 45), fill='family'),
 'caregiver': dict(n=26, plan=[('cg_open', 1), ('cg_homealone', .7), ('cg_secret', .7), ('cg_parentloop', .9), ('cg_parentloop', .4), ('cg_close', .6)], tempo=['normal', 'fast'], len=(6, 35), fill='caregiver'),
 'coach_teacher': dict(n=26, plan=[('ct_open', 1), ('ct_body', 1), ('ct_body', .9), ('ct_body', .6), ('ct_body', .4), ('ct_close', .7)], tempo=['normal', 'slow'], len=(6, 40), fill='coach'),
 'peers': dict(n=28, plan=[('pr_open', 1), ('peer_body', 1), ('peer_body', 1), ('peer_body', .7), ('peer_body', .5), ('peer_body', .3)], tempo=['fast', 'normal', 'normal'], len=(8, 70), fill='peer'),
 'adults_dating': dict(n=18, plan=[('ad_body', 1), ('ad_body', 1), ('ad_body', .8), ('ad_body', .6), ('ad_body', .4), ('ad_close', .6)], tempo=['normal', 'slow', 'fast'], len=(8, 60), fill='dating'),
 'gaming': dict(n=24, plan=[('gm_open', 1), ('gm_body', 1), ('gm_body', 1), ('gm_body', .6), ('gm_body', .4)], tempo=['fast', 'normal'], len=(6, 45), fill='gaming'),
 'customer_support': dict(n=14, plan=[('cs_open', 1), ('cs_body', 1), ('cs_body', .7), ('cs_body', .4), ('cs_close', 1)], tempo=['fast'], len=(6, 18), fill=None),
 'surprise_party': dict(n=16, plan=[('sp_open', 1), ('sp_body', 1), ('sp_body', 1), ('sp_body', .8), ('sp_body', .6), ('sp_body', .4), ('sp_close', .6)], tempo=['normal', 'slow'], len=(8, 40), fill='party'),
 'other': dict(n=19, plan=[('ot_open', .7), ('ot_body', 1), ('ot_body', .3)], tempo=['normal', 'fast'], len=(6, 20), fill='other'),
}

KIN = re.compile(r"\b(mum|mom|mommy|mummy|dad|daddy|parents?|grandma|grandpa|granny|gran|nana|nan|grandad|aunt|auntie|uncle|cousins?|sister|brother|siblings?|son|daughter|family|stepdad|stepmum|stepmom|folks)\b", re.I)
TZ = [dt.timezone(dt.timedelta(hours=h)) for h in (-8, -7, -6, -5, -5, -4, 0, 0, 1, 1, 2, 10, 5.5)]

# ---------------------------------------------------------------- people
def person(role, age, kind_style):
    return dict(role=role, age=age, style=style_profile(kind_style), uid=None)

def setup_participants(kind, positive):
    P = {}
    if positive:
        st = kind
        if st == 'peer_posing':
            oa = R.randint(21, 38)
        elif st == 'romance':
            oa = R.randint(18, 34)
        elif st == 'mentor_coach':
            oa = R.randint(26, 55)
        else:
            oa = R.randint(19, 52)
        P['O'] = person('offender', oa, 'teen' if st == 'peer_posing' or oa < 24 else R.choice(['adult_casual', 'teen']))
        ta = R.randint(11, 15)
        P['T'] = person('target', ta, 'kid')
        return P
    if kind == 'family':
        P['A'] = person('family', R.choice([R.randint(58, 79), R.randint(33, 50), R.randint(17, 24)]), 'older')
        if P['A']['age'] < 55:
            P['A']['style'] = style_profile('adult_casual')
        P['K'] = person('family', R.randint(9, 15), 'kid')
    elif kind == 'caregiver':
        P['A'] = person('caregiver', R.randint(16, 45), 'adult_casual')
        P['K'] = person('other', R.randint(8, 13), 'kid')
    elif kind == 'coach_teacher':
        P['A'] = person('coach_teacher', R.randint(24, 60), R.choice(['formal', 'adult_casual']))
        P['K'] = person('other', R.randint(10, 16), 'kid')
        P['F'] = person('family', R.randint(34, 52), 'adult_casual')
    elif kind == 'peers':
        a = R.randint(12, 16)
        P['P'] = person('peer', a, 'teen')
        P['K'] = person('peer', max(11, min(17, a + R.choice([-1, 0, 0, 1]))), 'teen')
    elif kind == 'adults_dating':
        P['A'] = person('adult', R.randint(22, 48), 'adult_casual')
        P['D'] = person('adult', max(21, P['A']['age'] + R.randint(-6, 6)), 'adult_casual')
    elif kind == 'gaming':
        if R.random() < 0.55:
            a = R.randint(14, 17)
        else:
            a = R.randint(19, 34)
        P['P'] = person('peer', a, 'teen')
        P['K'] = person('peer', a + R.choice([-1, 0, 1, 2]), 'teen')
    elif kind == 'customer_support':
        P['S'] = person('support', R.randint(21, 45), 'formal')
        P['C'] = person('adult', R.randint(26, 55), 'adult_casual')
    elif kind == 'surprise_party':
        adult = R.random() < 0.5
        P['A'] = person('family' if adult else 'peer', R.randint(36, 50) if adult else R.randint(13, 16), 'adult_casual' if adult else 'teen')
        base = R.randint(12, 16)
        P['F'] = person('peer', base, 'teen')
        P['K'] = person('peer', base, 'teen')
        if R.random() < 0.5:
            P['G'] = person('peer', base, 'teen')
    elif kind == 'other':
        P['A'] = person('adult', R.randint(28, 72), R.choice(['formal', 'adult_casual']))
        P['K'] = person('other', R.randint(11, 16), 'kid')
        P['P'] = person('peer', P['K']['age'], 'teen')
        P['F'] = person('adult', R.randint(30, 50), 'adult_casual')
    return P

# ---------------------------------------------------------------- main build
sessions = []
UID = [0]
def new_uid():
    UID[0] += 1
    return 'aa-u%04d' % UID[0]

def tempo_gaps(tempo):
    if tempo == 'fast':
        return (5, 90), (30, 600)
    if tempo == 'normal':
        return (8, 240), (600, 3 * 3600)
    return (10, 300), (1 * 86400, 6 * 86400)

def build_session(idx, positive, kind, plan_override=None, hand=None):
    sid = 'aa-s%04d' % idx
    cfg = (POS if positive else NEG)[kind] if kind in (POS if positive else NEG) else None
    sl = slots()
    state = dict(used={}, ages={}, fill_used=set(), pool_used=set())
    if hand is not None:
        P = {k: person(v[0], v[1], v[2]) for k, v in hand['people'].items()}
        tempo = hand['tempo']
        beats = [('core', 'hand', b) for b in parse(hand['text'])]
    else:
        P = setup_participants(kind, positive)
        tempo = R.choice(cfg['tempo'])
        lo, hi = cfg['len']
        target = int(R.triangular(lo, hi, lo + (hi - lo) * 0.35))
        fill = 'pos_slow' if (positive and tempo == 'slow') else ('pos' if positive else cfg.get('fill'))
        plan = list(cfg['plan'])
        if kind == 'family':
            if P['A']['age'] < 25:
                plan = [('fam_sibling', 1)] + [x for x in plan if x[0] not in ('fam_open', 'fam_close', 'fam_selfie')] + [('fam_sibling', .5)]
                sl['rel'] = R.choice(['sis', 'bro', 'big sis', 'big bro'])
            else:
                plan = [x for x in plan if x[0] != 'fam_sibling']
            if 25 <= P['A']['age'] < 55:
                sl['rel'] = R.choice(['mum', 'mom', 'dad', 'auntie ' + sl['aname'], 'uncle ' + sl['aname']])
        beats = compose(plan, fill, target, list(P.keys()), state)
        spk = {it[1] for _, _, b in beats for it in b if it[0] == 'msg'}
        keep_silent = {'coach_teacher': {'F'}, 'surprise_party': {'G', 'F'}}.get(kind, set())
        for k in list(P):
            if k not in spk and k not in keep_silent:
                del P[k]
    # apply age directives
    for spk, a in state['ages'].items():
        if spk in P:
            P[spk]['age'] = a
    for it_beat in beats:
        for it in it_beat[2]:
            if it[0] == 'age' and it[1] in P:
                P[it[1]]['age'] = it[2]
    # only keep speakers present
    used_spk = {it[1] for _, _, b in beats for it in b if it[0] == 'msg'}
    for s in used_spk:
        if s not in P:
            raise ValueError((sid, kind, s))
    # accounts
    for k, p in P.items():
        p['uid'] = new_uid()
        acc = {'user_id': p['uid'], 'screen_name': screen_name()}
        if R.random() < 0.35:
            acc['display_name'] = R.choice(FIRST + ADULTF).capitalize() + ('' if R.random() < 0.6 else ' ' + R.choice('ABCDEFGHJKLMNPRSTW') + '.')
        if R.random() < 0.17:
            da = p['age']
            if p['role'] == 'offender' and kind == 'peer_posing':
                da = R.choice([15, 16, 16])
            elif p['age'] < 13 and R.random() < 0.6:
                da = R.choice([13, 14, 18])
            elif R.random() < 0.15:
                da = p['age'] + R.choice([-3, 2, 5])
            acc['declared_age'] = max(0, da)
        p['acc'] = acc
    # times
    tz = R.choice(TZ)
    day0 = dt.datetime(2026, 1, 2, tzinfo=tz) + dt.timedelta(days=R.randint(0, 320))
    hour = R.choice([7, 15, 16, 17, 18, 19, 20, 21, 21, 22, 13, 10])
    t = day0.replace(hour=hour, minute=R.randint(0, 59), second=R.randint(0, 59))
    msg_gap, beat_gap = tempo_gaps(tempo)
    events, anns = [], []
    first = True
    for bi, (typ, bank, beat) in enumerate(beats):
        if not first:
            if tempo == 'slow' and R.random() < 0.7:
                t += dt.timedelta(seconds=R.randint(*beat_gap))
                t = t.replace(hour=R.choice([15, 16, 17, 18, 19, 20, 21, 22]), minute=R.randint(0, 59))
            elif tempo == 'slow':
                t += dt.timedelta(seconds=R.randint(300, 5 * 3600))
            else:
                t += dt.timedelta(seconds=R.randint(*beat_gap) if R.random() < 0.6 else R.randint(*msg_gap))
            if 1 <= t.hour < 7:
                t += dt.timedelta(hours=(7 - t.hour) + R.choice([0, 1, 8, 9, 10]), minutes=R.randint(0, 40))
        for it in beat:
            if it[0] == 'gap':
                t += dt.timedelta(seconds=int(it[1] * R.uniform(0.7, 1.3)))
                continue
            if it[0] != 'msg':
                continue
            _, spk, text, cues = it
            if not first:
                t += dt.timedelta(seconds=R.randint(*msg_gap))
            first = False
            p = P[spk]
            txt = render(fill_text(text, sl), p['style'])
            recips = [{'user_id': q['uid']} for k2, q in P.items() if k2 != spk]
            ev = {'schema': 'tipline.message/1', 'event_id': None, 'sent_at': t.isoformat(timespec='seconds'),
                  'session_id': sid, 'sender': dict(p['acc']), 'recipients': recips, 'text': txt}
            events.append(ev)
            cl = list(dict.fromkeys(cues))
            if 'family_context' not in cl and KIN.search(txt):
                cl.append('family_context')
            anns.append(cl)
    if tempo == 'slow':
        rescale_slow(events)
    return dict(sid=sid, positive=positive, kind=kind, tempo=tempo, P=P, events=events, anns=anns)

def rescale_slow(events):
    ts = [dt.datetime.fromisoformat(e['sent_at']) for e in events]
    gaps = [(ts[i] - ts[i - 1]).total_seconds() for i in range(1, len(ts))]
    big = sum(g for g in gaps if g > 6 * 3600)
    small = sum(g for g in gaps if g <= 6 * 3600)
    span = big + small
    target = R.uniform(8, 37) * 86400
    if 7 * 86400 <= span <= 42 * 86400 and R.random() < 0.5:
        return
    if big <= 0:
        # no long silences: stretch the largest gaps
        order = sorted(range(len(gaps)), key=lambda i: -gaps[i])[:max(2, len(gaps) // 6)]
        for i in order:
            gaps[i] = target / len(order)
    else:
        f = max(0.01, (target - small) / big)
        gaps = [g * f if g > 6 * 3600 else g for g in gaps]
    t = ts[0]
    for i, e in enumerate(events[1:], 1):
        t = t + dt.timedelta(seconds=max(5, int(gaps[i - 1])))
        if gaps[i - 1] > 6 * 3600 and (t.hour < 7 or t.hour >= 23):
            t = t + dt.timedelta(hours=(7 - t.hour) % 24 + R.randint(8, 13), minutes=R.randint(0, 50))
        e['sent_at'] = t.isoformat(timespec='seconds')

def main():
    plan = []
    for st, c in POS.items():
        plan += [(True, st, None)] * c['n']
    for kd, c in NEG.items():
        plan += [(False, kd, None)] * c['n']
    for h in HAND:
        plan.append((h['positive'], h['kind'], h))
    R.shuffle(plan)
    sess = []
    for i, (pos, kind, hand) in enumerate(plan, 1):
        sess.append(build_session(i, pos, kind, hand=hand))
    # drop hand-written-only participants not speaking? keep all (they are recipients)
    dedupe(sess)
    write(sess)

def norm(s):
    return re.sub(r'[^a-z0-9 ]', '', s.lower()).strip()

PREF = ['ok so ', 'tbh ', 'honestly ', 'wait ', 'lol ', 'hmm ', 'btw ', 'also ', 'so ', 'ngl ', 'oh and ', 'um ', 'yeah ', 'anyway ']
SUFF = [' lol', ' haha', ' tho', ' ngl', ' fr', ' ok', ' lmao', ' 😅', ' hm', ' !!', ' anyway', ' i guess']
FPREF = ['Thanks. ', 'Sure. ', 'Okay, ', 'Right, ', 'Of course. ', 'Understood. ', 'Great. ', 'Alright. ']

def dedupe(sess):
    for rnd in range(8):
        seen = collections.defaultdict(set)
        changed = 0
        for s in sess:
            for ev in s['events']:
                n = norm(ev['text'])
                if len(n.split()) < 4:
                    continue
                seen[n].add(s['sid'])
                if len(seen[n]) > 3:
                    t = ev['text']
                    formal = t[:1].isupper() and t.endswith(('.', '?', '!'))
                    r = R.random()
                    if formal:
                        ev['text'] = R.choice(FPREF) + t[0].lower() + t[1:] if r < 0.7 else t.rstrip('.') + ', thank you.'
                    elif r < 0.45:
                        ev['text'] = R.choice(PREF) + t
                    elif r < 0.9:
                        ev['text'] = t + R.choice(SUFF)
                    else:
                        ws = t.split(' '); j = R.randrange(len(ws)); ws[j] = typo(ws[j]); ev['text'] = ' '.join(ws)
                    seen[n].discard(s['sid'])
                    changed += 1
        if not changed:
            break

def write(sess):
    ev_f = open(os.path.join(OUT, 'events.jsonl'), 'w')
    lab_f = open(os.path.join(OUT, 'labels.jsonl'), 'w')
    ann_f = open(os.path.join(OUT, 'annotations.jsonl'), 'w')
    n = 0
    sess.sort(key=lambda s: s['sid'])
    for s in sess:
        lab_f.write(json.dumps({'kind': 'session', 'session_id': s['sid'], 'positive': s['positive']}) + '\n')
        ann_f.write(json.dumps({'kind': 'session', 'session_id': s['sid'], 'positive': s['positive'],
                                'style': s['kind'] if s['positive'] else None,
                                'negative_kind': None if s['positive'] else s['kind'], 'tempo': s['tempo']}) + '\n')
        for k, p in s['P'].items():
            ann_f.write(json.dumps({'kind': 'participant', 'session_id': s['sid'], 'user_id': p['uid'], 'true_age': p['age'], 'role': p['role']}) + '\n')
        for ev, cues in zip(s['events'], s['anns']):
            n += 1
            ev['event_id'] = 'aa-e%06d' % n
            ev_f.write(json.dumps(ev, ensure_ascii=False) + '\n')
            ann_f.write(json.dumps({'kind': 'message', 'event_id': ev['event_id'], 'session_id': s['sid'], 'cues': cues}) + '\n')
    for f in (ev_f, lab_f, ann_f):
        f.close()
    print('sessions', len(sess), 'events', n)

if __name__ == '__main__':
    main()
