# Combinatorial everyday small talk (hand-written fragments), so that the same
# filler sentence rarely repeats across sessions.

Q_KID = ['how was {x}', 'hows {x} going', 'u survive {x}', 'how did {x} go', 'was {x} ok', 'did {x} suck lol', 'how was {x} today', 'any news from {x}']
X_KID = ['school', 'the test', 'the science quiz', 'practice', 'swim', 'band', 'the field trip', 'ur dentist thing', 'the sleepover', 'drama club', 'art class', 'the bus ride', 'pe', 'the spelling test', 'lunch', 'the school play']
A_KID = ['{adj}', 'it was {adj}', '{adj} tbh', 'ugh {adj}', 'kinda {adj}', 'honestly {adj}', 'lowkey {adj}', 'so {adj}']
ADJ_KID = ['boring', 'fine', 'ok', 'long', 'weird', 'fun actually', 'stressful', 'mid', 'chaotic', 'exhausting', 'not bad', 'the worst', 'decent']
DETAIL = ['{who} was being so annoying', 'we had a sub again', 'i forgot my lunch', 'it rained the whole time', 'someone threw up on the bus 💀', 'i got a b on the quiz', 'the fire alarm went off', 'we watched a movie in class', 'my shoe broke lol', 'my friend wasnt there', 'we have a project due friday', 'teacher kept me after', 'i lost my water bottle AGAIN', 'we played dodgeball', 'i sat alone at lunch', 'the wifi was down all day']
WHO = ['this kid in my class', 'my lab partner', 'the sub', 'my best friend', 'the bus driver', 'my math teacher', 'the boy next to me', 'my friend']
FOLLOW = ['lol rip', 'oof', 'thats rough', 'lmao', 'nooo', 'wow', 'classic', 'ugh sorry', 'haha', 'yikes', 'could be worse', 'fair']

GAME_QA = [
 ('did u play {game}', ['ya for like an hour', 'no my tablet died', 'only for a bit', 'lol always', 'nah had too much homework']),
 ('did u get the new update', ['ya it broke everything', 'downloading rn', 'its so slow to download', 'yea the new map is cool']),
 ('what rank r u now', ['gold!!', 'still silver lol', 'i dropped to bronze 😭', 'almost plat']),
 ('did u beat the boss yet', ['not yet its so hard', 'YES finally', 'i got stuck on the lava part', 'i quit for a day it made me mad']),
 ('wanna run a match later', ['maybe after homework', 'ya after dinner', 'cant tonight', 'sure'])]
FAM_QA = [
 ('did you eat', ['yes', 'not yet', 'cereal lol'], ['good', 'cereal is not dinner', 'ok sweetie']),
 ('have you done your reading', ['mostly', 'not yet', 'doing it now'], ['do it now please', 'good', 'proud of you']),
 ('is your room tidy yet', ['almost', 'kinda', 'define tidy'], ['hmm', 'typical lol', 'ha! of course']),
 ('how is {pname}', ['fine', 'annoying lol', 'asleep'], ['give them a hug from me', 'ha', 'good']),
 ('did you remember your lunchbox', ['yes', 'i forgot 😬'], ['next time', 'typical lol']),
 ('how was the match', ['we lost 2-1', 'we won!!', 'i scored'], ['well done!', 'next time', 'proud of you']),
 ('did you get your test back', ['i got 18/20', 'not yet', 'ya i passed'], ['well done!', 'proud of you', 'brilliant']),
 ('what are you up to', ['just watching stuff', 'homework', 'nothing'], ['ok', 'sounds good', 'dont stay up too late']),
 ('is the dog behaving', ['she chewed my sock again', 'yes', 'no lol'], ['naughty dog', 'ha! of course', 'good girl'])]
PNAMES = ['your brother', 'your sister', 'mum', 'your dad', 'the baby', 'grandpa', 'your cousin']

PEER_L = ['omg did u see that video', 'my mom is making me clean the garage', 'im so bored', 'this homework is impossible', 'i think i failed the quiz', 'what r u wearing tmrw for the trip', 'i cant find my charger', 'theres a spider in my room', 'i need new earbuds so bad', 'my brother ate my leftovers', 'the new ep came out', 'i want bubble tea rn', 'i fell asleep in class lol', 'guess who texted me', 'my hair is a disaster today', 'are we doing the project together', 'i just got my braces tightened', 'we should start a band lol']
PEER_R = ['lmaooo', 'same', 'nooo', 'omg', 'bruh', 'wait what', 'lol same', 'why', 'real', 'mood', 'ok and', 'tell me everything', 'fr', 'idk', 'sameee', 'stop 😭', 'no way', 'help']
PEER_F = ['its so bad', 'i know right', 'ill send it later', 'literally', 'ikr', 'ugh', 'we need to talk tmrw', 'i cant even', 'im dying', 'ok bye lol']

DATE_L = ['how was work', 'long day?', 'did you make it to the gym', 'what are you cooking tonight', 'finished that show yet', 'any plans this weekend', 'my commute was a nightmare today', 'i finally fixed my bike', 'my sister is visiting next week', 'how was the meeting', 'are you a morning person', 'tried that new ramen place yet']
DATE_R = ['exhausting but fine', 'yeah made it', 'pasta again lol', 'one more episode', 'not really, maybe a hike', 'oh no what happened', 'nice!', 'oh fun', 'it ran over as usual', 'absolutely not lol', 'not yet, is it good?', 'meh, same old']
DATE_F = ['fair', 'haha same', 'we should go sometime', 'sounds nice', 'ugh sorry', 'love that', 'classic', 'tell me about it']

CG_L = ['homework first then tv ok', 'do you want pasta or rice', 'did you brush your teeth', 'shoes by the door please', 'whats your spelling list this week', 'have you fed the fish', 'one more episode then bed', 'can you find your library book', 'we leave for swim at 4:15']
CG_R = ['ok', 'pasta!!', 'yes', 'ugh fine', 'its on the fridge', 'i forgot', 'pleeease two', 'its under my bed', 'ok ill get my bag']
CG_F = ['good stuff', 'nice one', 'thank you', 'deal', 'ha ok', 'go on then', 'great']

CO_L = ['remember to bring water on {day}', 'great energy today everyone', 'bus leaves at 8 sharp', 'please return the consent forms', 'homework club is cancelled this week', 'warm up starts 10 min early', 'kit is in the blue bag', 'reading log due monday']
CO_R = ['ok thanks', 'will do', 'got it', 'thank you!', 'noted', 'ok coach', 'thanks for letting us know']

GM_L = ['bro that sniper', 'who keeps leaving the squad', 'im lagging so bad', 'run it back', 'that last round was rigged', 'need a healer', 'push left', 'where r u', 'ur mic is echoing', 'one more game', 'did u see that glitch', 'my controller is dying']
GM_R = ['lmao', 'fr', 'ok', 'coming', 'rip', 'same', 'bet', 'mb', 'wait', 'gg', 'lol', 'one sec']

PARTY_L = ['should we do pizza or tacos', 'what colour balloons', 'who is bringing the speaker', 'does anyone have fairy lights', 'playlist ideas??', 'what time are we hiding', 'is the cake nut free', 'someone remind me to buy candles']
PARTY_R = ['pizza obv', 'purple!!', 'me', 'i think my mum does', 'ill make one', 'like 6:45', 'yes i checked', 'on it']

OT_L = ['thanks again', 'no problem at all', 'have a nice evening', 'see you around', 'let me know if anything changes', 'appreciate it']
OT_R = ['ok', 'you too', 'thank you', 'bye', 'will do']


def _f(t, R):
    return t.format(x=R.choice(X_KID), adj=R.choice(ADJ_KID), who=R.choice(WHO), game=R.choice(['the game', 'ranked', 'today', 'squads']), pname=R.choice(PNAMES), day=R.choice(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']), time=R.choice(['4:15', '3:30', '5', '4:45', '6', '10 past 4', 'half 5']), act=R.choice(['swim', 'football', 'piano', 'the dentist', 'cubs', 'dance', 'gymnastics']), score=R.choice(['18/20', '15/20', '9/10', '27/30', '42/50', '7/10', 'a B+', 'an A']), res=R.choice(['2-1', '3-0', '4-2', '1-1', '0-3', '2-2', '5-4']), sub=R.choice(['maths', 'science', 'history', 'french', 'english', 'geography', 'spanish', 'art']))


def filler_beat(kind, speakers, R):
    def m(s, t, cues=None):
        return ('msg', s, _f(t, R), cues or [])
    if kind in ('pos', 'pos_slow'):
        a, b = 'O', 'T'
        k = R.random()
        if k < 0.55:
            out = [m(a, R.choice(Q_KID)), m(b, R.choice(A_KID))]
            if R.random() < 0.7:
                out.append(m(b, R.choice(DETAIL)))
            out.append(m(a, R.choice(FOLLOW)))
            if kind == 'pos_slow' and R.random() < 0.5:
                out.insert(0, ('gap', R.randint(1, 5) * 86400))
            return out
        q, ans = R.choice(GAME_QA)
        out = [m(a, q), m(b, R.choice(ans))]
        if R.random() < 0.5:
            out.append(m(a, R.choice(FOLLOW)))
        return out
    if kind == 'family':
        q, ans, fol = R.choice(FAM_QA)
        out = [m('A', q), m('K', R.choice(ans))]
        if R.random() < 0.7:
            out.append(m('A', R.choice(fol)))
        return out
    if kind == 'caregiver':
        return [m('A', R.choice(CG_L)), m('K', R.choice(CG_R))] + ([m('A', R.choice(CG_F))] if R.random() < .6 else [])
    if kind == 'coach':
        return [m('A', R.choice(CO_L)), m(R.choice(['K', 'F']), R.choice(CO_R))]
    if kind == 'peer':
        out = [m('P', R.choice(PEER_L)), m('K', R.choice(PEER_R))]
        if R.random() < 0.6:
            out.append(m('P', R.choice(PEER_F)))
        if R.random() < 0.4:
            out.append(m('K', R.choice(Q_KID + PEER_L)))
        return out
    if kind == 'dating':
        x, y = R.sample(['A', 'D'], 2)
        out = [m(x, R.choice(DATE_L)), m(y, R.choice(DATE_R))]
        if R.random() < 0.6:
            out.append(m(x, R.choice(DATE_F)))
        return out
    if kind == 'gaming':
        x, y = R.sample(['P', 'K'], 2)
        return [m(x, R.choice(GM_L)), m(y, R.choice(GM_R))]
    if kind == 'party':
        sp = [s for s in speakers if s in ('A', 'F', 'K', 'G')]
        x, y = R.sample(sp, 2)
        return [m(x, R.choice(PARTY_L)), m(y, R.choice(PARTY_R))]
    if kind == 'other':
        others = [s for s in speakers if s != 'K'] or ['A']
        x = others[0]
        y = 'K' if 'K' in speakers else (others[1] if len(others) > 1 else 'K')
        return [m(x, R.choice(OT_L)), m(y, R.choice(OT_R))]
    raise KeyError(kind)

# ---------------------------------------------------------------------------
# v2: coherent mini-exchanges, sampled without replacement per session.
POOLS = {}
POOLS['peer'] = r"""
X: omg did u see that video of the goat on the trampoline
Y: YES i watched it 10 times
--
X: my mom is making me clean the garage
Y: rip
X: send help
--
X: this {sub} homework is impossible
Y: which one
X: the graph one
Y: oh ya i just guessed lol
--
X: i cant find my charger anywhere
Y: check under ur bed lol
X: ...it was under my bed
--
X: theres a spider in my room
Y: burn the house down
X: on it
--
X: my brother ate my leftovers AGAIN
Y: lock them in ur room lmao
--
X: the new ep came out
Y: dont spoil it i havent watched
X: i wont i promise
--
X: i fell asleep in {sub} lol
Y: no way did she notice
X: she threw a pen at my desk
Y: LMAO
--
X: what r u wearing tmrw for the trip
Y: hoodie probably
X: same
--
X: i want bubble tea so bad rn
Y: tomorrow after school?
X: yesss
--
X: just got my braces tightened
Y: oof soup for dinner
X: literally
--
X: guess who sat next to me on the bus
Y: who
X: mr sweaty from pe
Y: 💀
--
X: ok be honest is my new pfp bad
Y: no its cute
X: ok keeping it
--
X: i got {score} on the {sub} quiz
Y: show off lol
X: 😌
--
X: do u have the english essay question
Y: "how does the author show tension"
X: ugh thanks
--
X: should i cut my hair short
Y: yes do it
X: ok if i look bad its ur fault
--
X: my cat just knocked my drink over onto my homework
Y: tell ur teacher that lol
X: she wont believe me
--
X: r we still doing the project at lunch
Y: ya library
--
X: i cant stop listening to that song
Y: which
X: the one from the dance video
Y: oh same its stuck in my head
"""

POOLS['party'] = r"""
X: should we do pizza or tacos
Y: pizza obv
--
X: what colour balloons
Y: purple, its her favourite
--
X: who is bringing the speaker
Y: me
--
X: does anyone have fairy lights
Y: i think my mum does
X: omg yes ask her
--
X: playlist ideas??
Y: ill make one tonight
--
X: what time are we hiding
Y: like 6:45
X: ok
--
X: is the cake nut free
Y: yes i checked with the bakery
--
X: someone remind me to buy candles
Y: reminding u now lol
--
X: should we do a banner or is that cringe
Y: banner!! not cringe
--
X: how many people are coming
Y: like 12 i think
--
X: can someone bring cups and plates
Y: ill grab some
"""

POOLS['dating'] = r"""
X: how was work
Y: exhausting but fine. yours?
X: one meeting too many
--
X: long day?
Y: very. on the sofa now
X: well earned
--
X: did you make it to the gym
Y: yes! legs are dead
X: haha
--
X: what are you cooking tonight
Y: pasta again lol
X: a classic
--
X: finished that show yet
Y: one more episode to go
X: no spoilers pls
--
X: any plans this weekend
Y: not really, maybe a hike
X: nice, where
Y: up by the reservoir
--
X: my commute was a nightmare today
Y: oh no what happened
X: train cancelled, the usual
--
X: i finally fixed my bike
Y: look at you go
--
X: are you a morning person
Y: absolutely not lol
X: same, thank god
--
X: tried that new ramen place yet
Y: not yet, is it good?
X: so good, we should go
--
X: how's your sister's new baby
Y: so tiny and loud
X: aww
--
X: rent is due and i'm crying lol
Y: the eternal struggle
"""

POOLS['gaming'] = r"""
X: bro that sniper
Y: lmao he was everywhere
--
X: who keeps leaving the squad
Y: the random guy lol
--
X: im lagging so bad
Y: restart ur router
X: ok brb
--
X: run it back
Y: bet
--
X: that last round was rigged
Y: fr the hitboxes are broken
--
X: need a healer
Y: coming
--
X: push left
Y: ok
X: no the other left
--
X: ur mic is echoing
Y: mb
--
X: one more game
Y: ok last one for real
--
X: did u see that glitch
Y: yeah i fell through the map lol
--
X: my controller is dying
Y: plug it in lol
--
X: who wants to carry me
Y: not me im bad today
"""

POOLS['family'] = r"""
X: did you eat
Y: yes
X: good
--
X: have you done your reading
Y: doing it now
X: proud of you
--
X: is your room tidy yet
Y: define tidy
X: ha! of course
--
X: did you remember your lunchbox
Y: i forgot 😬
X: typical
--
X: how was the match
Y: we lost {res}
X: next time sweetheart
--
X: did you get your {sub} test back
Y: i got {score}
X: well done!
--
X: what are you up to
Y: just watching stuff
X: dont stay up too late
--
X: is the dog behaving
Y: she chewed my sock again
X: naughty dog
--
X: whats the weather like there
Y: raining
X: sunny here, come visit lol
--
X: did you like the book i sent
Y: im on chapter 3
X: it gets better
--
X: how's the new {sub} teacher
Y: shes nice
X: good
--
X: have you practised for {act} this week
Y: a bit
X: a bit 🤨
"""

POOLS['caregiver'] = r"""
X: homework first then tv ok
Y: ugh fine
--
X: do you want pasta or rice
Y: pasta!!
X: pasta it is
--
X: did you brush your teeth
Y: yes
X: really?
Y: ...doing it now
--
X: shoes by the door please
Y: ok
--
X: whats your spelling list this week
Y: its on the fridge
--
X: have you fed the fish
Y: i forgot
X: go on then
--
X: one more episode then bed
Y: pleeease two
X: one
--
X: can you find your library book
Y: its under my bed
X: ha ok grab it
--
X: we leave for {act} at {time}
Y: ok ill get my bag
"""

POOLS['coach'] = r"""
X: remember to bring water on {day}
Y: will do
--
X: great energy today everyone
Y: thanks!
--
X: bus leaves at {time} sharp on {day}
Y: got it
--
X: please return the {act} consent forms by {day}
Y: done, handed in today
--
X: homework club is cancelled this week
Y: thanks for letting us know
--
X: warm up starts 10 min early next time
Y: ok coach
--
X: spare kit is in the blue bag if anyone forgot
Y: thank you
--
X: {sub} reading log due {day}
Y: noted
"""

POOLS['other'] = r"""
X: thanks again
Y: no problem
--
X: have a nice evening
Y: you too
--
X: let me know if anything changes
Y: will do
"""


def _pp(s):
    out = []
    for alt in s.strip().split('\n--\n'):
        ex = []
        for line in alt.strip().split('\n'):
            sp, t = line.split(': ', 1)
            ex.append((sp, t))
        out.append(ex)
    return out

PP = {k: _pp(v) for k, v in POOLS.items()}


import collections as _c, re as _re
GLOBAL = _c.Counter()
CAP = 3

def _n(t):
    return _re.sub(r'[^a-z0-9 ]', '', t.lower()).strip()

def _ok(texts):
    return all(GLOBAL[_n(t)] < CAP for t in texts if len(_n(t).split()) >= 3)

def commit(texts):
    for t in set(_n(x) for x in texts):
        if len(t.split()) >= 3:
            GLOBAL[t] += 1

def filler_beat2(kind, speakers, R, used):
    if kind in ('pos', 'pos_slow'):
        for _ in range(12):
            fb = filler_beat(kind, speakers, R)
            if _ok([it[2] for it in fb if it[0] == 'msg']):
                return fb
        return None
    pool = PP[kind]
    free = [i for i in range(len(pool)) if (kind, i) not in used]
    if not free:
        return None
    R.shuffle(free)
    for i in free:
        ex = [(sp, _f(t, R)) for sp, t in pool[i]]
        if _ok([t for _, t in ex]):
            break
    else:
        return None
    used.add((kind, i))
    if kind == 'family' or kind == 'caregiver':
        X, Y = 'A', 'K'
    elif kind == 'coach':
        X, Y = 'A', R.choice(['K', 'F'])
    elif kind == 'peer':
        X, Y = R.sample(['P', 'K'], 2)
    elif kind == 'dating':
        X, Y = R.sample(['A', 'D'], 2)
    elif kind == 'gaming':
        X, Y = R.sample(['P', 'K'], 2)
    elif kind == 'party':
        sp = [s for s in speakers if s in ('A', 'F', 'K', 'G')]
        X, Y = R.sample(sp, 2)
    else:
        others = [s for s in speakers if s != 'K'] or ['A']
        X, Y = others[0], ('K' if 'K' in speakers else (others[1] if len(others) > 1 else 'K'))
    return [('msg', X if sp == 'X' else Y, t, []) for sp, t in ex]

# ---------------------------------------------------------------------------
# v3: combinatorial generators per kind (used after the hand pools run dry).
S = dict(
    act=['swim', 'football', 'piano', 'cubs', 'dance', 'gymnastics', 'drama', 'choir', 'karate', 'art club', 'netball', 'chess club', 'orchestra', 'scouts'],
    adj=['fun', 'ok', 'long', 'tiring', 'good', 'boring', 'great', 'hard', 'fine', 'meh', 'actually fun', 'so cold'],
    meal=['dinner', 'lunch tomorrow', 'tea', 'breakfast', 'the weekend', 'friday night'],
    food=['tacos', 'lasagne', 'fish fingers', 'curry', 'soup', 'pancakes', 'stir fry', 'burgers', 'pizza', 'noodles', 'roast', 'mac and cheese'],
    sub=['maths', 'science', 'history', 'french', 'english', 'geography', 'spanish', 'art', 'music', 'computing'],
    day=['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
    show=['the baking show', 'that dragon series', 'the quiz show', 'the cartoon', 'the nature doc', 'the detective one', 'the cooking contest', 'the anime'],
    mode=['ranked', 'squads', 'duos', 'the raid', 'creative', 'zombies', 'the new mode', 'customs'],
    thing=['charger', 'hoodie', 'earbuds', 'pencil case', 'water bottle', 'library book', 'trainers', 'calculator', 'keys', 'lunchbox'],
    place=['the park', 'the cinema', 'the library', 'town', 'the pool', 'the arcade', 'the bakery', 'the beach', 'the bowling alley'],
    time=['4', '5', '6', 'half 4', '3:30', '7', '10 past 5', 'quarter to 6'],
    chore=['the dishes', 'the bins', 'the hoovering', 'the laundry', 'the dog walk', 'tidying up', 'the recycling'],
    weather=['raining', 'sunny', 'freezing', 'windy', 'snowing', 'so hot', 'grey'],
)
GEN = {
 'family': [
   (['how was {act} today', 'did you enjoy {act}', 'how did {act} go'], ['it was {adj}', '{adj}', '{adj} tbh', 'really {adj}'], ['glad to hear', 'oh dear', 'well done for going', 'good', 'ok love']),
   (['what do you want for {meal}', 'any requests for {meal}'], ['{food}', '{food} pls', 'can we have {food}'], ['ok', "we'll see", 'again?', 'fine', 'good choice']),
   (['did you finish your {sub} homework', "how's the {sub} project going"], ['almost', 'yes', 'not yet', 'its so hard', 'done!'], ['good', 'keep going', 'want help later', 'proud of you']),
   (['have you done {chore}', 'your turn for {chore} today'], ['doing it now', 'ugh ok', 'i did it yesterday', 'later'], ['thank you', 'now please', 'no you didnt lol', 'hmm']),
   (['is it {weather} there', "it's {weather} here, what about you"], ['ya', 'no its {weather} here', 'kinda'], ['wrap up warm', 'typical', 'lucky you']),
   (['have you seen my {thing}', 'did you take my {thing}'], ['no', 'its in the kitchen', 'maybe lol', 'check the car'], ['found it', 'hmm', 'thanks']),
 ],
 'caregiver': [
   (['we leave for {act} at {time}', '{act} is at {time} today'], ['ok', 'do i have to', 'ok ill get ready'], ['yes you do lol', 'great', 'shoes on at {time}']),
   (['what do you fancy for {meal}', '{food} or {food} tonight'], ['{food}', 'the first one', 'either'], ['ok', 'coming up', 'good choice']),
   (['have you done your {sub} sheet', 'do you need help with {sub}'], ['yes', 'kind of', 'no its easy'], ['nice', 'show me after', 'great']),
   (['where is your {thing}', 'do you have your {thing}'], ['in my bag', 'i dont know', 'my room'], ['ok grab it', 'have a look please', 'found it']),
 ],
 'coach': [
   (['reminder: {act} kit check on {day}', 'no session this {day}, pitch is closed'], ['ok', 'thanks', 'noted', 'got it'], None),
   (['meet at {place} at {time} on {day}', 'pickup from {place} at {time}'], ['see you there', 'ok', 'will do', 'thanks'], None),
   (['{sub} test moved to {day}', 'extra {sub} help at lunch on {day}'], ['thanks for letting us know', 'ok', 'noted'], None),
 ],
 'peer': [
   (['did u watch {show}', 'ok {show} last night??'], ['YES', 'not yet', 'omg yes', 'no dont spoil'], ['its so good', 'ok watch it now', 'we need to talk', 'fr']),
   (['i left my {thing} at urs', 'have u seen my {thing}'], ['ya its here', 'no', 'which one', 'lol ya'], ['omg ty', 'ugh', 'bring it tmrw', 'ok']),
   (['wanna go to {place} on {day}', '{place} after school?'], ['ya', 'cant, grounded lol', 'maybe', 'YES'], ['ok', 'rip', 'lemme know', 'yay']),
   (['the {sub} test was so hard', 'did u understand the {sub} homework'], ['same', 'no lol', 'kinda', 'i guessed everything'], ['ugh', 'we r doomed', 'lol', 'same']),
   (['its {weather} again', 'why is it {weather}'], ['ikr', 'ugh', 'love it'], None),
 ],
 'gaming': [
   (['queue {mode}?', 'u up for {mode}', 'one more {mode} game'], ['ya', 'in 5', 'bet', 'after dinner', 'ok last one'], None),
   (['that {mode} match was a mess', 'who was that guy in {mode}'], ['lmao fr', 'no idea', 'rip', 'bro'], None),
   (['i need {amount} more {currency} for the pass', 'how many {currency} u got'], ['same lol', 'like 300', 'grind with me', 'broke'], None),
 ],
 'dating': [
   (['seen {show}?', 'started {show} last night'], ['no, is it good', 'yes! obsessed', 'not my thing lol'], ['you have to', 'fair', 'we can watch it together']),
   (['fancy {place} on {day}?', 'what about {place} this {day}'], ['sounds good', 'yes!', 'cant this {day}, next week?'], ['great', 'deal', 'sure']),
   (['cooking {food} tonight', 'craving {food}'], ['save me some', 'yum', 'ooh nice'], None),
 ],
 'party': [
   (['who can bring {food}', 'should we get {food}'], ['me', 'yes!', 'ill ask my mum'], None),
   (['we need to hide by {time}', 'she gets there at {time}'], ['ok', 'got it', 'ill be early'], None),
 ],
 'other': [
   (['thanks, see you on {day}', 'ok, {day} works'], ['ok', 'great, thanks', 'see you then'], None),
 ],
}
EXTRA = dict(amount=['200', '500', '1000', '300', '50'], currency=['gems', 'coins', 'credits', 'tokens'])


def _sf(t, R):
    d = {k: R.choice(v) for k, v in S.items()}
    d.update({k: R.choice(v) for k, v in EXTRA.items()})
    return t.format(**d)


def gen_beat(kind, speakers, R):
    if kind not in GEN:
        return None
    for _ in range(25):
        qs, ans, fol = R.choice(GEN[kind])
        d = {k: R.choice(v) for k, v in S.items()}
        d.update({k: R.choice(v) for k, v in EXTRA.items()})
        ex = [('X', R.choice(qs).format(**d)), ('Y', R.choice(ans).format(**d))]
        if fol and R.random() < 0.7:
            ex.append(('X', R.choice(fol).format(**d)))
        if _ok([t for _, t in ex]):
            break
    else:
        return None
    if kind in ('family', 'caregiver'):
        X, Y = 'A', 'K'
    elif kind == 'coach':
        X, Y = 'A', R.choice(['K', 'F'])
    elif kind in ('peer', 'gaming'):
        X, Y = R.sample(['P', 'K'], 2)
    elif kind == 'dating':
        X, Y = R.sample(['A', 'D'], 2)
    elif kind == 'party':
        sp = [s for s in speakers if s in ('A', 'F', 'K', 'G')]
        X, Y = R.sample(sp, 2)
    else:
        others = [s for s in speakers if s != 'K'] or ['A']
        X, Y = others[0], ('K' if 'K' in speakers else 'A')
    return [('msg', X if s == 'X' else Y, t, []) for s, t in ex]


_fb2 = filler_beat2
def filler_beat2(kind, speakers, R, used):
    r = _fb2(kind, speakers, R, used)
    if r is None and kind not in ('pos', 'pos_slow'):
        r = gen_beat(kind, speakers, R)
    return r
