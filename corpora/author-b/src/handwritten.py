from engine import snippets
def S(positive, style, kind, tempo, people, text, **kw):
    lines = []
    for ln in text.strip().split('\n'):
        ln = ln.strip()
        if not ln: continue
        r, t = ln.split(':', 1)
        lines.append((r.strip(), t.strip()))
    d = dict(positive=positive, style=style, kind=kind, tempo=tempo, people=people, lines=lines)
    d.update(kw)
    return d

SESSIONS = [
S(True, 'subtle', None, 'slow', {'O': (29, 'offender'), 'T': (13, 'target')}, """
O: that sunset pic u posted in the server was unreal
T: omg ty it was from my balcony
O: u have a good eye fr
T: 😊
O: ~ heyy hows ur week
T: ugh long
T: we have state testing
O: the worst. what subject
T: reading and math
O: u'll crush it, u write better than half the adults in there lol {flattery}
T: lmao no
O: ~ u up?
T: ya cant sleep
O: same. whats keeping u up
T: my parents were yelling again {family_context}
O: that sucks. u ok?
T: ya just annoying
O: u can vent here whenever. i get it more than they would prob {isolation}
T: ty
O: ~ ok honest q, do u have anyone at home u actually talk to {parental_check}
T: not rly
O: ok well now u do lol
O: just maybe dont bring me up when theyre already stressed, itll turn into a whole thing {secrecy, parental_check}
T: ya true
O: ~ what does ur desk setup look like, i always picture u drawing somewhere cozy {image_request}
T: its just my desk by the window lol
O: show me {image_request}
T: ok 1 sec
O: 🥹 cute room
O: we should do a drawing call sometime, just us, no server ppl {secrecy}
T: maybe this weekend
"""),
S(True, 'peer_posing', None, 'normal', {'O': (26, 'offender'), 'T': (14, 'target')}, """
O: yo ur the one w the frog emote right
T: lmao yes
O: iconic. what grade r u {age_probe}
T: 9th {age_disclosure}
O: sameee {age_disclosure}
O: well 10th but basically same lol {age_disclosure}
T: lol ok
O: which school
T: not saying lol
O: fair fair
T: wbu
O: im homeschooled kinda
O: ~ sorry was gone my manager made me close tonight {age_disclosure}
T: manager?? u have a job
O: lol ya at the gas station
T: wait how old r u {age_probe}
O: 16 i told u lol {age_disclosure}
T: u said 10th
O: yea 10th grade is 16 dummy
T: oh lol ok
O: anyway u have Chirpy? this chat is laggy {off_platform}
T: my mom said i cant have it
O: u can get it and just hide the icon lol {off_platform, secrecy, parental_check}
T: idk
O: its fine i do it too
"""),
S(True, 'fast_pushy', None, 'fast', {'O': (34, 'offender'), 'T': (12, 'target')}, """
O: hey cutie
T: who r u
O: a friend lol how old r u {age_probe}
T: 12 {age_disclosure}
O: u home alone {parental_check}
T: why
O: just asking
O: send a pic {image_request}
T: no
O: cmon just one {image_request}
O: i sent u one {image_request}
T: i didnt see anything
O: add me on Nook then {off_platform}
T: no im blocking u
O: wow ok
O: delete this then dont tell ur mom {secrecy, parental_check}
"""),
S(True, 'peer_posing', None, 'slow', {'O': (31, 'offender'), 'T': (15, 'target')}, """
O: ur voice lines in the fan dub were so good
T: ahh thank u!!
O: u gonna do the next episode?
T: if they let me
O: ~ heyyy
T: hii
O: whats up
T: just got back from practice
O: what sport
T: volleyball
O: nice i did track freshman yr {age_disclosure}
T: oh what yr r u now {age_probe}
O: junior lol {age_disclosure}
T: cool
O: ~ how old r u anyway {age_probe}
T: 15 hbu {age_disclosure}
O: 16 lol {age_disclosure}
O: ~ ugh i hate doing my taxes {age_disclosure}
T: wait what
O: lol jk i meant my moms taxes, i help her {family_context}
T: ur so weird 😂
O: ~ u ever do video calls? {image_request}
T: sometimes with my friends
O: we should, i wanna see if u look like ur voice lol {image_request}
T: lol maybe
O: just dont tell ur friends, theyd be annoying abt it {secrecy, isolation}
T: why would they be annoying
O: idk ppl tease lol
"""),
S(True, 'gift_giver', None, 'normal', {'O': (40, 'offender'), 'T': (11, 'target')}, """
O: nice base!!
T: ty it took forever
O: want some sparks for the roof upgrade {gifts}
T: YES pls
O: sent 500 {gifts}
T: omggg ty
O: np 😊 how old r u, u build like a pro {age_probe, flattery}
T: 11 {age_disclosure}
O: wow ur better than my whole clan
T: lol
O: ~ i got u the golden dragon skin {gifts}
T: NO WAY
T: thats like 2000 sparks
O: ur worth it lol {flattery}
O: dont tell ur mom tho, she might think its weird {secrecy, parental_check}
T: ok
O: ~ hey can u do me a favor back
T: what
O: send me a pic of ur room so i can see where my builder buddy works {image_request}
T: um
O: i did give u the skin lol {gifts, compliance_testing}
T: my room is messy
O: i dont care
"""),
S(True, 'subtle', None, 'normal', {'O': (24, 'offender'), 'T': (14, 'target')}, """
O: bro ur commentary on the speedrun was hilarious
T: lmaooo ty
O: u should stream
T: my wifi is trash
O: rip
O: ~ u still awake lol
T: ya
O: same. everyone asleep at ur place? {parental_check}
T: yea
O: nice, quiet is the best time to talk
T: lol true
O: u got school tmrw? {age_probe}
T: ya 8th grade life {age_disclosure}
O: oof that year was rough for me, u seem to handle it way better {age_gap, flattery}
T: not really lol
O: ~ its kinda nice having someone to talk to at night that isnt in my irl circle
T: ya
O: u dont have to mention these chats to anybody btw, its nice as its own thing {secrecy}
T: ok
O: hop on voice for a sec? just us {secrecy}
T: i have to be quiet
O: u can just listen lol
"""),
S(False, None, 'peers', 'fast', {'A': (14, 'peer'), 'B': (14, 'peer')}, """
A: OMG
A: he texted me
A: like actually texted me
B: WHO
A: u know who 🙈
B: NOOOO
B: screenshot rn {image_request}
A: sending
B: "hey whats the hw" thats it??? 😭
A: its a START
B: lmaooo
B: ok ok what r u gonna say
A: idk help
B: tell him the hw and then ask if hes going to the game fri {meeting}
A: ok wait
A: sent
B: 👀👀👀
A: dont tell ANYONE yet {secrecy}
B: who would i even tell lol
A: ur sister {family_context}
B: ok fair shes a snitch
"""),
S(False, None, 'peers', 'normal', {'A': (13, 'peer'), 'B': (13, 'peer')}, """
A: r u allowed on Hollr yet {off_platform, parental_check}
B: my mom said when im 14 {age_disclosure, family_context}
A: ugh lame
B: ikr
A: ok well we made a gc on there
B: without me?? 😭
A: ill add u when ur allowed lol
A: or u can use my old ipad at my house
B: lol she would find out
A: ~ selfie for the project? mr d said we need a team pic {image_request}
B: ya one sec
B: i look so tired
A: u look fine lol
"""),
S(False, None, 'gaming', 'fast', {'A': (28, 'peer'), 'B': (33, 'peer')}, """
A: yo can u hop in vc, need callouts {off_platform}
B: 2 min putting the baby down {family_context, age_disclosure}
A: lol ok
B: ok in
A: gg that was filthy
B: we're actually gold now
A: told u. i owe u that gift card {gifts}
B: lol u dont
A: nah a deal is a deal, check ur email {gifts, personal_info}
B: legend
A: same time thurs? {meeting}
B: if work doesnt kill me {age_disclosure}
"""),
S(False, None, 'adults_dating', 'normal', {'A': (35, 'adult'), 'B': (32, 'adult')}, """
A: so i have to ask, is the kayak pic real or a stock photo
B: haha 100% real, lake trip last summer
A: impressive
B: you?
A: i fell out of a kayak once and never went back
B: lmao
A: ~ ok this might be forward but want to get coffee sunday {meeting}
B: i'd like that
A: there's a place on 5th with good pastries
B: send me the address {personal_info}
A: sending. also whats your number, this app eats my messages {off_platform, personal_info}
B: 555-0143
A: texting you now
"""),
S(False, None, 'family', 'normal', {'P': (67, 'family'), 'K': (12, 'family')}, """
P: Hello dear it's Nana. Is this the right app?? {family_context}
K: yes nana lol {family_context}
P: Oh good. Your mother said you wanted coins for your game {gifts, family_context}
K: ya!! only if its ok
P: How do I do that
K: u can get a card at the store its called a points card {gifts}
P: Ok I will get one tomorrow. Don't tell your cousins, I can't buy for everybody! {secrecy, gifts, family_context}
K: lol ok i wont
P: ~ Got it! Here is the number on the back: I'll read it to you on the phone instead {gifts}
K: ok call me
P: Are you home by yourself? {parental_check}
K: dad is here {family_context}
P: Ok good. Calling now. Love you
"""),
S(False, None, 'surprise_party', 'normal', {'A': (15, 'peer'), 'B': (15, 'peer'), 'C': (14, 'peer'), 'D': (15, 'peer')}, """
A: ok this is the chat for ellas bday DO NOT ADD HER {secrecy}
B: lmao ok
C: whats the plan
A: her mom is taking her out for lunch sat then we all hide at her house at 2 {meeting, family_context}
D: is her mom in on it
A: ya i asked her lol
B: i can bring the speaker
C: ill do the banner
A: everyone send me $5 for the cake {gifts}
D: sent
C: sent
B: wait whats ur @ on the pay app {personal_info}
A: same as my insta lol
A: ~ SHE IS ASKING WHY EVERYONE IS BUSY SAT 😭 {secrecy}
C: say we have a test
D: say ur grounded lol
A: ok ok i said family thing {family_context}
B: delete this chat after sat she looks at my phone all the time {secrecy}
"""),
S(False, None, 'peers', 'slow', {'A': (15, 'peer'), 'B': (15, 'peer')}, """
A: do u still have that pic from the field trip of me and jonah {image_request}
B: the bus one?
A: ya can u send it
B: why 👀
A: no reason 🙂
B: LIAR
A: ok maybe i like him a little {secrecy}
B: i knew it!!!
A: u cannot tell ANYONE not even priya {secrecy}
B: ok ok i swear
A: ~ update: he asked for my @ {personal_info}
B: omg did u give it
A: yea
B: 🥳
"""),
S(False, None, 'other', 'fast', {'A': (44, 'adult'), 'B': (46, 'adult')}, """
A: Hi, this is Dana, Liam's mom from soccer. Are you driving the carpool tomorrow? {family_context, meeting}
B: Yes! Pickup at 7:45 at the school lot {meeting}
A: Perfect. He'll have his booster seat
B: Great, see you then
A: Thank you so much!
B: Of course 😊
"""),
]
