# author-g: style-specific positive banks (hand-written).
from banks_pos import bank, P

# ---------- SUBTLE: no stock phrase, only implication and reaction to what the child says
bank("sub_kidshare", "", """
+family_context my parents were yelling again last night
+family_context my mom said i cant go to {sib}s party bc of my grades
nobody at school even noticed i got a haircut lol
+family_context my dad forgot my concert again
i had lunch alone today, whatever
+family_context my brother gets everything and i get nothing
my best friend is hanging out with new people now
+family_context my mom took my phone for a week thats why i didnt answer
""")
bank("sub_react", "", """
that's rough. you handled it better than i would have
hm. and no one asked how you felt about it?
you didn't deserve that, for what it's worth
I am sorry. It is not fair for you, you did nothing wrong
wow. i noticed, for the record
that sounds lonely. i'm here most evenings anyway
well their loss honestly
you can vent here whenever, i dont mind at all
I read it twice. You write very honest, not many people can
""")
bank("sub_side", "isolation", """
sounds like they only notice you when something goes wrong
funny how the adults who are supposed to listen never do
i guess some people just aren't on your wavelength
maybe she was never really that close to you
They will understand you one day. Maybe not soon
""")
bank("sub_sched", "personal_info", """
so {day}s you're back before anyone else?
what time does the bus drop you usually
is that the school with the green fence near the rink?
you said your mom works late, is that every day or just some
do you still walk past the {store} on the way home
""")
bank("sub_sched_ans", "", """
+personal_info yeah like 2 hours before my mom
+personal_info 3:40 ish
+personal_info yeah lol how did u know
+family_context just tues and thurs
+personal_info every day
""")
bank("sub_gift", "gifts", """
i ended up with a spare code from the bundle, no use to me
i have an old {inst} pedal just sitting in a box
my cousin gave me too many {cur}, i can pass some on if it helps
I have some extra art markers, I never use them
""")
bank("sub_gift_ans", "", """
wait rly??
u sure?
+gifts omg yes pls
that would be so cool
""")
bank("sub_hint_keep", "secrecy", """
your dad would probably turn it into a whole thing though, right
maybe easier if it just shows up and you say you won it
no need to make it a big announcement
i'd rather your mom didn't think i'm weird for it lol
""")
bank("sub_hint_meet", "meeting", """
the {store} on main is like five minutes from your school i think
i'm near there on {day}s anyway for work
it'd be easier to just hand it over than mail it
I pass by your area sometimes. Would be more simple by hand
""")
bank("sub_hint_ans", "", """
oh ok
maybe
+meeting i could go after school i guess
thats close to me
i dunno
+secrecy ok i wont say anything
""")
bank("sub_img", "image_request", """
i can't picture your desk setup from that description lol
would love to see how the drawing came out
what does the view from your window even look like
""")

# ---------- PEER POSING: claims 15/16, then slips
bank("pp_open", "", """
heyy ur in the {g} server too right
yo whats up, saw u in the {club} chat lol
hiii i like ur pfp
ayy another {band} fan finally
hey ur profile says u like {art} too!!
""")
bank("pp_claim", "age_disclosure", """
im 15 lol
16 but i feel 12 sometimes haha
im in 10th grade so 15 yeah
16, my bday was last month
15 going on 16
""")
bank("pp_slip", "age_disclosure", """
ugh gotta go my shift starts at 6
sorry was driving
my landlord is being so annoying about the heating
just paid rent and im broke lol
doing my taxes rn kill me
i remember when {g} first came out like in 2009, good times
omg my boss made me close again
i had a work meeting all day
my car broke down again lol
when i was in college we used to stay up all night playing this
""")
bank("pp_notice", "", """
wait what?? ur 16 tho
u said u were 15...
how does a 15 yr old have that lol
thats such an adult thing to say
wait how old r u really
ok that doesnt sound like someone in 10th grade
hold on ur supposed to be my age
lol u sound like my dad
that makes no sense for a 16 yr old
hmm u said u were in high school
Sorry but you said you are 15, no?
u keep saying grown up stuff lol
""")
bank("pp_cover", "", """
lol i meant my moms car
+age_disclosure its a part time job, lots of 15 yr olds work
i meant my older brothers rent haha
+age_disclosure i just look older and i work at my uncles shop
lol i was joking
ok fine im a bit older but im still young
+age_gap im 19 ok but thats basically the same
i mean my dad's taxes, im helping him
""")
bank("pp_notice_ans", "", """
ok lol
weird but ok
hm
oh ok
that makes sense i guess
sus but ok
""")

# ---------- SLOW PATIENT check-ins
bank("slow_back_A", "", """
hey stranger, been a while
Hello again my friend, sorry for the long silence, work was crazy
sorry i vanished, family stuff
hey u still around?
back from my trip finally! how have u been
long time no talk lol
I was thinking about our talk from last month
hi {k}, hope exams went ok
""")
bank("slow_back_B", "", """
hii
yeah sorry i had exams
omg hi
still here lol
i thought u forgot me
hey!! i was at my grandmas
yes im here
""")
bank("slow_trust", "", """
you can tell me anything, i wont judge
I remember you said you don't like the new school. Is it better now?
you know you're one of the few people i actually enjoy talking to
i always feel better after we talk honestly
we've been talking for months now huh, crazy
""")

# ---------- GIFT GIVER
bank("gg_offer", "gifts", """
whats ur {g} id, ill send the skin
i got u {amt} {cur}, check ur account
want the new battle pass? on me
i have a {amt} dollar gift card i wont use, want the code?
I bought you the {item}. It arrives soon
saw ur wishlist lol, ill get u something from it
i topped up ur {cur} again
""")
bank("gg_ans", "", """
omg thank u thank u
+gifts got it!!!
wait that's so much
ur the best
+gifts i cant believe u got it
my mom would kill me if she knew lol
""")
bank("gg_return", "compliance_testing", """
so what do i get in return lol
just send a quick selfie to say thanks
now u owe me one haha
the least u could do is call me
I only ask that you keep talking with me every day
""")
bank("gg_guilt", "threats", """
i spent {amt} on u and u cant even reply?
i guess u only liked me for the {cur}
after all the stuff i sent u, wow
maybe i should ask for it all back then
""")

# ---------- MENTOR / COACH who isolates
bank("mc_praise", "flattery", """
you have more talent than my adult students, honestly
Your level is already better than people who study years
i don't say this to many students but you could go really far
you pick things up so fast, it's almost scary
your work is cleaner than half the adults i teach
""")
bank("mc_isolate", "isolation", """
your school teacher is holding you back, you know that right
your parents want you to do {subj} but this is your real gift
the other kids in the group are just jealous of you
I think your old teacher did not understand you
you dont need the club, i can teach you more one on one
""")
bank("mc_private", "image_request", """
we should do a private video lesson, just us
turn on ur camera so i can see ur hand position
show me the room you practice in, the sound matters
Send a video of you playing, only for me
""")
bank("mc_private_ans", "", """
+family_context i have to ask my mom
+image_request ok
my mom usually sits in on lessons
i dont have a good camera
+family_context my dad pays for my lessons already
sure i guess
""")
bank("mc_nofam", "secrecy", """
no need to tell your parents, they'd just ask to pay
Let us keep these extra lessons between teacher and student
dont mention it to ur other teacher ok
don't tell the group, they'd all want free lessons
""")
bank("mc_meet", "meeting", """
i could give u a lesson in person, im close to u
there's a practice room at the community center on {day}s
I will be in {town} for a concert, you come meet me after
""")

# ---------- OFF PLATFORM EARLY
bank("ope", "off_platform", """
this app sucks, u on {app}?
quick, add me on {app} before they delete my account lol
i dont really use this site, whats ur {app}
text me instead, here's my number
lets talk on {app}, its better for voice
""")

# ---------- FAST PUSHY
bank("fp_push", "compliance_testing", """
answer me
why r u ignoring me
hello??
just do it rn
u have 5 min
stop being boring
""")

# ---------- ESL idioms (offender or adult, long-paragraph writers)
bank("esl_idiom", "", """
As we say in my country, slowly slowly the egg will walk
My grandmother always told, patient cat eats the fat mouse
In my language we say, the tongue has no bones, so I speak too much sorry
We have a saying, a friend in the need is friend indeed, is it the same in English?
Excuse my writing, I learn English only from films
I hope I do not disturb you with my long messages, it is my character
""")
