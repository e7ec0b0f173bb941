import re, random
from collections import defaultdict

CUES = {"age_probe","personal_info","parental_check","secrecy","isolation","flattery","age_gap",
        "off_platform","image_request","gifts","meeting","compliance_testing","threats","solicitation",
        "age_disclosure","family_context"}
TAG = re.compile(r'\s*\{([a-z_,\s]+)\}\s*$')

def parse_piece(s):
    m = TAG.search(s); cues = []
    if m:
        cues = [c.strip() for c in m.group(1).split(',') if c.strip()]
        s = s[:m.start()]
    for c in cues:
        assert c in CUES, (c, s)
    return s.strip(), cues

def snippets(block):
    out = []
    for para in re.split(r'\n\s*\n', block.strip()):
        turns = []
        for ln in para.strip().split('\n'):
            ln = ln.strip()
            if not ln or ln.startswith('#'):
                continue
            role, txt = ln.split(':', 1)
            turns.append((role.strip(), txt.strip()))
        if turns:
            out.append(turns)
    return out

def lines(block):
    return [l.strip() for l in block.strip().split('\n') if l.strip() and not l.strip().startswith('#')]

BANKS = {}
USE = defaultdict(int)

def pick(R, name, avoid=None):
    bank = BANKS[name]
    m = min(USE[(name, i)] for i in range(len(bank)))
    cands = [i for i in range(len(bank)) if USE[(name, i)] <= m]
    i = R.choice(cands)
    USE[(name, i)] += 1
    return bank[i]

VAR = re.compile(r'\$([a-z_][a-z_0-9]*)')
def subst(text, v):
    return VAR.sub(lambda m: str(v[m.group(1)]), text)

ABBR = [(r"\byou're\b", 'ur'), (r'\byour\b', 'ur'), (r'\byou\b', 'u'), (r'\bare\b', 'r'),
        (r'\bbecause\b', 'bc'), (r'\breally\b', 'rly'), (r'\btomorrow\b', 'tmrw'), (r'\bplease\b', 'pls'),
        (r'\bokay\b', 'ok'), (r'\bthough\b', 'tho'), (r"\bdon't\b", 'dont'), (r"\bi'm\b", 'im'),
        (r'\bsomething\b', 'smth'), (r'\bpeople\b', 'ppl'), (r'\bwith\b', 'w'), (r'\bto be honest\b', 'tbh'),
        (r"\bi don't know\b", 'idk'), (r'\bright now\b', 'rn'), (r'\bfor real\b', 'fr'),
        (r'\bnot gonna lie\b', 'ngl'), (r"\bcan't\b", 'cant'), (r"\bthat's\b", 'thats'), (r"\bit's\b", 'its'),
        (r'\babout\b', 'abt'), (r'\bthanks\b', 'thx'), (r'\bprobably\b', 'prob'), (r'\bwhat are you doing\b', 'wyd'),
        (r'\bhow about you\b', 'hbu'), (r"\bi don't care\b", 'idc'), (r'\bsee you\b', 'cya'), (r'\bbefore\b', 'b4'),
        (r"\bwon't\b", 'wont'), (r"\bdidn't\b", 'didnt'), (r"\bdoesn't\b", 'doesnt'), (r'\bnothing\b', 'nothin'),
        (r'\bsomeone\b', 'someone'), (r'\bwhatever\b', 'wtv'), (r'\bbrother\b', 'bro'), (r'\bsister\b', 'sis')]
EMO = ['😂', '😭', '💀', '🙄', '😅', '👀', '❤️', '🥺', '😊', '🔥', '👍', '😳', '🤷', '💯', '✨', '😎', '🙃', '😬', '🤣', '😩', '🫶', '😤']
TAILS = ['lol', 'lmao', 'fr', 'ngl', 'tbh', 'lolol', 'haha', 'ahah', 'lmfao', 'frfr']
STRETCH = [('so ', 'sooo '), ('omg', 'omggg'), ('yes', 'yesss'), ('no ', 'nooo '), ('hey', 'heyyy'), ('lol', 'lolll'), ('ok', 'okk'), ('hi', 'hii'), ('bro', 'broo')]

def typo(R, s):
    ws = s.split(' ')
    idx = [i for i, w in enumerate(ws) if len(w) > 4 and w.isalpha()]
    if not idx:
        return s
    i = R.choice(idx); w = ws[i]; j = R.randrange(1, len(w) - 2)
    ws[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return ' '.join(ws)

def noise(R, s, level):
    if level <= 0:
        return s
    if level == 1:
        if R.random() < 0.7: s = s.lower()
        for pat, rep in ABBR:
            if R.random() < 0.15: s = re.sub(pat, rep, s, flags=re.I)
        return s
    s = s.lower() if R.random() < 0.95 else s
    p = 0.5 if level == 2 else 0.85
    for pat, rep in ABBR:
        if R.random() < p: s = re.sub(pat, rep, s)
    if R.random() < (0.3 if level == 2 else 0.6):
        s = s.replace("'", '')
    if R.random() < 0.5:
        s = s.rstrip('.')
    if level >= 3 and R.random() < 0.18:
        s = typo(R, s)
    if R.random() < (0.1 if level == 2 else 0.2):
        a, b = R.choice(STRETCH)
        s = s.replace(a, b, 1)
    r = R.random()
    if r < (0.12 if level == 2 else 0.22):
        s = s + ' ' + R.choice(EMO)
    elif r < (0.2 if level == 2 else 0.33):
        if not s.endswith(('lol', 'lmao', 'fr', '?', '😂')):
            s = s + ' ' + R.choice(TAILS)
    return s

SYN = [
 (r'\bpic\b', ['pic', 'photo', 'picture', 'pic']), (r'\bselfie\b', ['selfie', 'selfie', 'pic of u', 'quick selfie']),
 (r'\bsend\b', ['send', 'send', 'snap', 'shoot']), (r'\btonight\b', ['tonight', 'tn', 'later tonight', 'tonite']),
 (r'\bok\b', ['ok', 'okay', 'k', 'okk', 'ok']), (r'\bso\b', ['so', 'so', 'soo', 'sooo']), (r'\bfr\b', ['fr', 'for real', 'frfr']),
 (r'\bngl\b', ['ngl', 'not gonna lie', 'tbh']), (r'\bhonestly\b', ['honestly', 'tbh', 'lowkey']), (r'\bkinda\b', ['kinda', 'kind of', 'lowkey']),
 (r'\bweird\b', ['weird', 'weird', 'strange', 'odd']), (r'\bcool\b', ['cool', 'cool', 'nice', 'dope']), (r'\bnice\b', ['nice', 'nice', 'cool', 'sick']),
 (r'\bjust\b', ['just', 'just', 'jus']), (r'\bwanna\b', ['wanna', 'want to', 'wana']), (r'\bgonna\b', ['gonna', 'going to', 'gunna']),
 (r'\bparents\b', ['parents', 'parents', 'rents', 'folks']), (r'\bmom\b', ['mom', 'mom', 'mum', 'mama']), (r'\bdad\b', ['dad', 'dad', 'pops']),
 (r'\bsometime\b', ['sometime', 'soon', 'one day']), (r'\bmaybe\b', ['maybe', 'mayb', 'possibly', 'prob']), (r'\bthe best\b', ['the best', 'the goat', 'the best']),
 (r'\bomg\b', ['omg', 'omgg', 'oh my god', 'omfg']), (r'\blol\b', ['lol', 'lol', 'lmao', 'haha', 'lolol']), (r'\bya\b', ['ya', 'yea', 'yeah', 'yh']),
 (r'\bidk\b', ['idk', 'i dunno', 'idk tbh']), (r'^same\b', ['same', 'same', 'samee', 'me too']), (r'\bbro\b', ['bro', 'bro', 'dude', 'bruh']),
 (r'\bu\b', ['u', 'u', 'u', 'you']), (r'\bur\b', ['ur', 'ur', 'ur', 'your']), (r'\bfriends\b', ['friends', 'friends', 'homies', 'friend group']),
 (r'\bsuper\b', ['super', 'so', 'really']), (r'\bwhy\b', ['why', 'why', 'y', 'whyy']), (r'\bright now\b', ['right now', 'rn']),
 (r'\bvc\b', ['vc', 'voice', 'call']), (r'\bcall\b', ['call', 'call', 'ft', 'vc']), (r'\bhang\b', ['hang', 'hang out', 'chill']),
 (r'\bthank you\b', ['thank you', 'thanks', 'thx', 'ty']), (r'\bty\b', ['ty', 'thx', 'thank u', 'tysm']), (r'\bpls\b', ['pls', 'plz', 'please', 'plss']),
 (r'\bsorry\b', ['sorry', 'sry', 'my bad', 'srry']), (r'\bhey\b', ['hey', 'hey', 'heyy', 'hi']),
 (r'\bactually\b', ['actually', 'acc', 'actually']), (r'\bliterally\b', ['literally', 'lit', 'literally']), (r'\bprobably\b', ['probably', 'prob', 'probs']),
]
FORMAL_SYN = [
 (r'\bThank you\b', ['Thank you', 'Thanks', 'Thank you so much']), (r'\bGreat\b', ['Great', 'Perfect', 'Wonderful']), (r'\bPlease\b', ['Please', 'Kindly', 'Please']),
 (r'\bOk\b', ['Ok', 'Okay', 'OK']), (r'\bsweetie\b', ['sweetie', 'honey', 'dear', 'sweetheart']), (r'\bhoney\b', ['honey', 'sweetie', 'dear']),
 (r'!!', ['!!', '!', '!!!', '!!']), (r'\bgot it\b', ['got it', 'noted', 'understood']), (r'\bsee you\b', ['see you', 'see ya', 'talk soon']),
 (r'\bI\'ll\b', ["I'll", 'I will', "I'll"]), (r'\bcan you\b', ['can you', 'could you', 'would you']), (r'\bCan you\b', ['Can you', 'Could you', 'Would you']),
 (r'\breally\b', ['really', 'so', 'truly']), (r'\bgood\b', ['good', 'good', 'great', 'lovely']),
]
def para(R, s, level):
    table = FORMAL_SYN if level <= 1 else SYN
    p = 0.45 if level <= 1 else 0.4
    for pat, opts in table:
        if R.random() < p:
            s = re.sub(pat, lambda m: R.choice(opts), s, count=1)
    return s
