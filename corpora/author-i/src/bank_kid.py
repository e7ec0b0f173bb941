# Child / teen voice banks (short, lowercase, typos). Hand-written by author-i.
KID = {}
KID_CUES = {}

def bank(name, cues, items):
    KID[name] = [s.strip() for s in items.strip().split("\n") if s.strip()]
    KID_CUES[name] = cues

bank("k_ack", [], """
ok
lol
ya
yeah
idk
hmm
same
why
maybe
k
fr?
sure
haha ok
lmao
oh
ok cool
yh
mhm
nice
true
wdym
oh ok
lol ok
yep
ig
omg
hahaha
nah
wait what
ok ok
""")

bank("k_hi", [], """
hey
hi
heyy
hii
oh hey
um hi
hey whats up
hello?
yo
hiya
oh hi lol
""")

bank("k_age", ["age_disclosure"], """
13
12
14
im 13
12 lol
7th grade
8th
year 8
year 7
13 in {month}
12 but 13 soon
im 14 in {month}
im in 7th
turning 13 this {month}
6th grade why
im 12 and a half lol
""")

bank("k_school", [], """
{school}
i go to {school}
its in {town}
the bus gets in like {time}
i walk home mostly
practice is {day}s
near {place}
i get home around {time}
my mom picks me up on {day}
why do u wanna know lol
the one by {place}
idk its just a normal school
""")

bank("k_parents", [], """
my mom works till {time}
nah they dont check
my dad's asleep
they're at work
its just me and my brother rn
my mom sometimes looks but not really
they never check lol
my stepdad is downstairs
mom's at her night shift
idk why
dad gets home at like {time}
my parents are out til late on {day}
my gran is here but shes watching tv
""")

bank("k_small", [], """
i mostly play {game}
i like {food} the most
i do {sport} on {day}s
i've been doing {hobby} for like a year
{show} is the best show ever
my {pet} is called {petname}
i hate {subject} so much
nothing much just homework
i got a new skin in {game} yesterday
my friend {friend} got me into it
i was at {place} with my cousins
we had {food} for dinner
im so bored
i have a {subject} test tmrw
i stayed up too late playing {game}
my mom made me clean my room all day
school was boring as usual
{friend} is coming over later
i want {skin} so bad
im trying to get better at {hobby}
""")

bank("k_sad", [], """
my mom yelled at me again
{friend} ignored me at lunch
i had a really bad day
nobody at school talks to me
my parents were fighting
i got a bad grade in {subject}
my sister always gets her way
i feel like no one gets me
i got left out of the group chat
my dad said i cant go to {place}
everyone was being mean today
i didnt get picked for {sport}
""")

bank("k_flattered", [], """
lol thanks
aw ty
no im not lol
really?
stop ur making me blush
thank u
haha thanks
aww
ur nice
lol u dont even know me
thats so nice
idk about that lol
""")

bank("k_hesitant", [], """
idk
thats kinda weird
i dont think my mom would let me
im not allowed
maybe
i'll think about it
why do u want that
idk if i should
um
im kinda nervous
ok but why
can i ask my mom first
idk u that well yet
""")

bank("k_gift", [], """
omg thank u!!
wait fr?
thats so much
u didnt have to
thank youuu
omg i got it
no way
ur the best
i love it
how did u know i wanted that
thanks so much
""")

bank("k_offplat", ["off_platform"], """
i have {app}
ok i'll download it
i dont have a phone number just an ipad
my user there is {kidname}_{game}
ok add me
i think i can get {app}
""")

bank("k_image", [], """
maybe later
im in my pjs lol
my room is so messy
ok wait
i look bad today
why
my camera is broken
i cant rn my mom is here
""")

bank("k_guilt", [], """
sorry
no i do care
pls dont be mad
i was at dinner
im sorry i didnt answer
my mom took my phone
i didnt mean it like that
ok ok im here
""")

bank("k_meet", [], """
idk if i can
my mom would ask where im going
maybe saturday
wheres that
i'd have to lie to my mom
i dont know
is it far
i could say im at {friend}'s
""")

bank("k_secret", [], """
ok i wont
why tho
i promise
ok
i wont say anything
fine
my mom doesnt read them anyway
""")

bank("k_uneasy_end", [], """
i have to go
my mom is calling me
gtg
im going to bed
i dont want to talk rn
bye
""")
