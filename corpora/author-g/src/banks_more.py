# author-g: more hand-written paraphrases, appended to existing banks so no sentence carries too many sessions.
from banks_pos import P
def more(key, text):
    P[key][1].extend(l.strip() for l in text.strip().split("\n") if l.strip())

more("secret_ans", """
ok but why does it matter
i mean i wasnt gonna tell anyone anyway
fine whatever, nobody asks me stuff anyway
+family_context my mom never looks at my chats so its ok
ok ok i get it
i already cleared it
ok... kinda weird but ok
+secrecy i wont say anything to anyone
+secrecy deleted. happy now lol
Ok, I understand. I will not say
why would i tell them lol
+family_context my sister reads over my shoulder sometimes tho
i dont really talk to my parents about this stuff
+secrecy ok i took it off my phone
is it bad that we talk?
ok promise
i wasnt planning to
+secrecy yeah my mom wouldnt get it anyway
sure. why are u worried tho
+secrecy ok its gone
""")
more("offplat_ans", """
+off_platform ok whats ur username
+off_platform i think i have it, my cousin made me get it
+family_context my dad said no new apps this year
+off_platform ok i sent u a request
my phone is out of storage lol
+off_platform ok im {handle} there
i only have this and the school one
+off_platform downloading it now
+family_context i have to hide it from my mom then
whats the difference tho
+off_platform found u i think, the one with the cat pic?
+off_platform Ok I installed it. It asks my birthday
+off_platform accepted ur request
i dont know how that app works
+off_platform ok add me back
can we just stay here
+off_platform i can use my brothers old phone for it
""")
more("imgreq_ans", """
my camera is broken lol
+image_request ok here but dont laugh
i dont really like pics of me
+family_context my mom is in the room
+image_request this is my desk its messy
cant rn im at dinner
+image_request sent u one from last week
why do u want to see
+image_request there. its just my room lol
i dont do video calls
+image_request ok i turned it on
+family_context my dad would see the light on lol
maybe another day
+image_request here's the view, its just parking lots
not today im tired
idk i look weird in pics
+image_request Ok I send one photo. Only one
""")
more("flatter_ans", """
nobody ever told me that before
ur just saying that lol
wait really? thanks
+family_context my mom says im immature lol
thats nice of u to say
omg ok thank u
hehe thx
ok now im blushing lol
i guess?
Thank you, you are very kind
u think so?
my friends would laugh at that
i dont feel mature at all
that actually made my day
""")
more("offplat", """
i hate this chat, it keeps deleting stuff. u got {app}?
we can talk better on {app}, u can send voice notes there
the mods here are so nosy, lets go to {app}
do u have a phone number i can text? this site logs out every hour
i made a {app} just for us lol, {handle}
I think {app} is more safe than this place, you want to try?
download {app}, ill wait
if ur on {app} i can message u when im on break
theres a {app} group for {g} people, ill add u but msg me there first
my account here might get banned for no reason, {app} is easier
ok move to {app}, i'll send u a link
""")
more("imgreq", """
whats ur room look like lol
pic of ur desk? i wanna see the setup
can u call later, typing is so slow
i wanna see who im talking to
send me a photo from ur window
i'd love to see your face just once
Show me your new haircut you told me about
just a quick pic, nothing weird
video call for five minutes?
show me the poster u talked about
let me see the drawing and u with it
""")
more("parental", """
is anyone around u rn
do u have ur own room?
do ur parents know ur on here
so ur mom works late every day?
do they look at ur phone at night
is the door to ur room closed
Where are your parents now?
r u by yourself after school usually
will ur dad see this
does ur mom have ur password
when does everyone go to bed at ur house
""")
more("parental_ans", """
my mom is at work til 7
my parents are divorced so its just my dad mostly
they went to the store
my grandpa lives with us but he doesnt use phones
yeah my room has a lock lol
my mom checks my screen time but not messages
dad falls asleep on the couch at like 9
my brother is home but hes always gaming
they trust me i guess
My mother works night shifts in hospital
just me and the dog rn
they look sometimes on weekends
""")
more("secret", """
lets not tell ur mom about this ok
this stays here yeah?
maybe dont mention me to ur friends
if anyone asks say im someone from school
clear the chat before bed ok
i dont want u getting in trouble so keep it quiet
Nobody must know we talk, they will think bad things
people wouldnt understand so dont tell anyone
remember to erase our messages
just between u and me ok
dont show anyone our chat pls
promise u wont tell anyone about me
""")
more("reply_open", """
who r u lol
hi! yeah i made that
oh wow hello
thanks!! i worked on it all week
hey whats up
heyy thanks
oh hi yes thats me
how did u find my profile
hi sorry i dont check this much
yes it's me!
""")
more("age_probe", """
wait ur not like 10 right lol
how old r u anyway
is this for high school or middle
what year r u in school
so ur what, 12? 13?
How many years do you have?
u in high school?
ok but seriously how old
i bet ur like 14
ur still a kid right haha
""")
more("age_ans", """
{age} u?
just turned {age}
{age} lol dont judge
im {age}, whys it matter
{grade}th grade, so {age}
{age}... almost {age1}
My age is {age}
{age} since {month}
""")
more("age_ans_school", """
+age_disclosure im in {grade}th grade
+age_disclosure year {yr}
+age_disclosure i just finished elementary lol
+age_disclosure still in middle school
+age_disclosure my school is only up to {grade}th grade
+age_disclosure we have a field trip for the {grade}th graders next week
""")
more("age_back", """
how old r u tho
what about u
ur age?
and how old are u
u old? lol
""")
more("flatter", """
ur smarter than most of the people i work with honestly
u talk like someone way older
You are much more mature than other children
honestly ur one of the coolest people on here
u have such a good vibe
ur way too good for those people at ur school
I never meet someone so kind like you
u get jokes that adults dont even get
i love how u think about things
ur so easy to talk to
""")
more("age_probe", """
wait remind me what grade
""")
more("small_A", """
did you eat yet
how's the weather there
u watching anything good
what did u have for lunch
busy day?
did the teacher give back the test
how's ur weekend going
what are u listening to rn
any new drawings
still stuck on that level?
did u sleep ok
what's new with u
how was the trip
u been practicing?
what was the best part of ur day
""")
more("small_B", """
good we had pizza at school
+family_context my grandma visited
i finally beat the boss
i got a B on the test!!
its so hot here
nothing just scrolling
i learned a new chord
+family_context my mom took us to the lake
im bored out of my mind
we have a sub tomorrow yay
i watched that show everyone talks about
+family_context cleaning my room bc my dad said so
i made slime
i have a cold
i have practice in an hour
""")
more("slow_back_B", """
hi sorry my phone got taken
hey yeah school started again
omg hiii its been forever
i was at camp lol
sorry i was grounded
hey! i thought u left
yeah im still here lol
""")
more("slow_back_A", """
hey, sorry for the silence, things got busy
hi! been a few weeks huh
happy new year btw, been a while
Hello, I return. The winter was long here
hey u, did i miss anything
sorry i disappeared, lost my phone
""")
more("meet_ans", """
+family_context my mom drives me everywhere tho
i dont know if i can get there
what would we even do
+family_context i have to be home by 6
+meeting maybe if i say im at the library
idk that seems like a lot
+family_context my dad would ask a lot of questions
im not allowed to go to the mall alone
""")
more("meet", """
we could grab a snack after ur practice
i could meet u at the park near ur school
if u ever come to {town} lets meet
I will be near your school next week, I can say hello
we should just hang out for real one day
theres a concert in {town} on {day}, i could drive u
""")
more("isolate_ans", """
+family_context maybe ur right, my mom never listens
idk theyre my friends tho
+family_context my dad tries at least
yeah sometimes i feel like that
they're not that bad lol
+family_context my sister is ok most of the time
""")
more("isolate", """
honestly it sounds like ur friends only call u when they need something
ur family doesnt see how smart u are
ur mom would just take ur phone, she doesnt get it
you dont need those kids from school
i'm the only one who actually listens to you
your parents only care about your grades
""")
more("special", """
i never talk to anyone like i talk to u
ur the highlight of my day honestly
we just click u know
You are the only one who understands me really
i'm lucky i found u on here
talking to u is the best part of my week
""")
more("pinfo", """
so where do u live, like which city
whats the name of ur school
do u go home right after school
what street is the park on
what time does ur practice finish
which bus do u take
""")
more("pinfo_ans", """
+personal_info the one near the train station
+personal_info i get home at 3 usually
+personal_info {town}
+personal_info i walk with my friend
why do u need to know
+personal_info practice ends at 5
""")
more("gift_ans", """
no way thank u!!!
+gifts it worked!!
u didnt have to do that
+gifts i got the email
+family_context my mom will ask where i got it
wait is that real
""")
more("gift", """
i'll send u {amt} {cur}, no big deal
want me to get u the skin u wanted
I can send some money for your new strings
here's a code for {amt} {cur}
if u want the {item} i can order it
""")
more("threat_ans", """
im sorry i didnt mean to
please dont be mad
i just got scared
no dont do that
ok ill do it
+family_context my mom was calling me thats why
""")
more("threat", """
i cant believe u would do this to me
maybe i should just block u
I gave you so much of my time
ok so u dont care about me
i'll just find someone who appreciates me
fine then, ill tell everyone what u said
""")
more("comply", """
just once, for me
its nothing, everyone does it
if u trust me ull do it
dont be a baby lol
do it and ill stop asking
""")
more("meet_ans", """
maybe after exams
i dont have a bike lol
""")
more("romance_ans", """
i dont know what that means
u cant say that lol
ok thats kinda sweet
wait seriously
im only a kid tho
i dont think of u like that
i like u too i guess
""")
more("romance", """
i wish i could see u every day
u mean so much to me
i think ur the one for me
I dream about our future together
ur all i think about at work
""")
more("agegap", """
i know im older but i feel like a teenager with u
the years dont matter when people connect
when ur 18 no one can say anything
""")
more("pp_notice", """
u talk like an adult sometimes
bro ur not 16
""")
more("pp_slip", """
ugh mortgage payment day
my ex took the couch when she moved out
i had two coffees at the office already
my coworker is so annoying
ugh my back hurts from work lol
i remember when phones had buttons
""")
more("pp_cover", """
lol i was joking obviously
+age_gap ok im 20 but its basically the same
i help my uncle with his paperwork sometimes
i meant my brothers car, he lets me sit in it
""")
more("pp_notice_ans", """
ur weird lol
ok if u say so
fine lol
that makes no sense but ok
""")
more("pp_open", """
hey saw ur comment lol same
heyy r u new here
omg u like {g} too?
sup
""")
more("pp_claim", """
im 16 lol wbu
15. u?
+age_disclosure in 10th grade this year
""")
more("sub_kidshare", """
+family_context my mom said my drawing was a waste of time
i didnt get picked for the team
+family_context nobody remembered my birthday except my grandma
my friends made a group chat without me
+family_context my parents only talk about my brother's grades
i got in trouble for something i didnt do
""")
more("sub_react", """
that must have felt awful
well i think your drawing is worth a lot
i would've picked you, for what it's worth
that doesnt sound fair at all
I understand this feeling very well
you always say it's fine but i can tell it isn't
""")
more("ack_B", """
ok cool
lol why
ya same
hmm ok
idk lol
""")
more("mc_praise", """
you work like someone who has been studying ten years
I have many students. You are the best one, really
your instinct for this is better than mine was at your age
you solved that faster than my university students
""")
more("mc_isolate", """
the group lessons are too slow for you
your mom doesnt really get music, right?
I think your friends distract you from practice
you should stop wasting time with the school orchestra
""")
more("mc_nofam", """
the extra lessons can just be our thing
no need to mention this to the other students
""")
more("mc_private", """
lets do a call tonight, just ur camera on so i see the bow
send me a practice video every night
""")
more("gg_offer", """
check ur inbox, sent u the pass
I put {amt} {cur} on your account for your good grades
want me to get u the {item}? dont worry about price
""")
more("gg_ans", """
ur literally the nicest person ever
+family_context my parents never buy me anything like that
wait how much did that cost
+gifts it's in my account!!
""")
more("gg_return", """
a thank you pic would be nice lol
you owe me a video call for that
""")
more("slow_trust", """
i feel like i know u better than people i see every day
i'm glad we kept talking all this time
""")
more("ope", """
lol this app is for boomers, u have {app}?
hey, easier on {app}, can u add me
ur cool, add my {app} so we dont lose each other
""")
more("fp_push", """
reply
u there?????
come onnn
""")
more("esl_idiom", """
We say in my country that a good friend is like a second family
My teacher said to me once, the tree with fruits gets the stones
Sorry if my words are strange, I translate in my head
""")
