# author-g: third batch of hand-written paraphrases (busy positive banks).
from banks_more import more

more("parental", """
ur parents r at work rn right
so nobody checks what u do online?
is ur mom the type who reads ur texts
are u home by urself today
who else is in the house rn
does ur dad know ur password
what time does ur mom usually come home
r they home or is it just u
do u get the house to urself after school
When your parents sleep, you still have the phone?
can anyone see ur screen rn
is ur door shut
do they ever go through ur phone
what time are ur parents back tonight
""")
more("parental_ans", """
+parental_check just me til 6
my mom's in the kitchen
they never check lol
dad is watching tv
my mom reads everything sometimes
my aunt picks me up on fridays
+parental_check nobody is home yet
my parents are at my cousins wedding
mom has my password but never uses it
they go to bed at 10
my stepdad is home but hes in the garage
my mom is on a business trip
""")
more("secret", """
ur mom would freak out if she saw this so just keep it to urself
u can tell ur friends about {g} but not about me ok
dont leave our chat open on ur screen
if ur dad asks, im just a kid from the server
please dont screenshot anything
u know how parents get, better they dont know
this chat disappears tonight ok? delete it
If somebody asks you, say you do not know me
dont mention the {cur} to anyone
its our thing, nobody else's business
""")
more("secret_ans", """
ok i wont mention it
+secrecy my mom doesnt look anyway
sure i guess
do i have to?
+secrecy i put a password on it
ok got it
""")
more("small_A", """
how was practice today
are u still sick
what did u draw this week
whats the homework situation lol
did u watch the match
how's the new teacher
did u get the level done
what did ur class do today
how are the lessons going
any good news today
u doing anything fun this weekend
""")
more("small_B", """
ugh we have a quiz tomorrow
i watched like 4 episodes lol
my friend came over
i finished my drawing finally
we had a fire drill
i fell off my bike lol im fine
+family_context my aunt is staying with us
i have so much reading
i just woke up lol
got a new game
""")
more("imgreq", """
u should turn on ur camera sometime so i know ur not a bot lol
I wish I could see you playing, make a video call?
send a pic of where u sit when we talk
can i see ur face? ur pfp is a cartoon
take a selfie with ur new headset lol
call me? i wanna hear ur voice
pic of ur outfit today?
show me ur bedroom setup
""")
more("offplat", """
lets go private, add me on {app}
u got a phone? text me, this site sucks
move to {app}? this chat is public
I have {app}, it's more easy for voice
add me on {app}, u can delete the app after lol
i barely use this app, {app} is better
what's ur {app} name
""")
more("age_probe", """
real quick how old r u
u sound young lol
so what grade is that
how old did u say u were
ur like 12 right
How old are you now, I forget
""")
more("flatter", """
ur so smart for someone ur age
ur honestly so cute in ur pics
i love talking to u, ur so grown up
u make me laugh more than anyone
ur way more interesting than people my age
you have such a good heart
""")
more("flatter_ans", """
thank u ur nice too
ok stop lol
haha thats so random
no one ever says that
u r so sweet
ahh thanks
""")
more("reply_open", """
hello, yes
oh hello!! who are u
hiii ty
ya thx
oh cool thanks
omg hi
hi! how did u see it
yes i posted it lol
""")
more("slow_back_B", """
hi sorry i didnt have my phone
yea im back
hello! i missed u lol
omg its u
sorry for not answering
i was sick for a while
hiii whats up
ya my mom took my phone lol
""")
more("slow_back_A", """
hey, been thinking about u
hi, i know its been long. how r u
sorry, the new job took all my time
""")
more("sub_gift", """
i've got an old {item} i never use, it's just collecting dust
a friend gave me codes for {g}, i don't even play
I have a spare ticket for the {band} show, my friend cancelled
i have two copies of that artbook, one is just sitting here
""")
more("sub_gift_ans", """
+gifts omg yes i want it
wait u would give it to me?
really?? i always wanted that
""")
more("sub_hint_keep", """
might be simpler if it's just something you found, you know
your mom asks a lot of questions from what you said
it's not worth the whole conversation with your parents
probably easier if the {item} just appears on your desk haha
""")
more("sub_hint_meet", """
I'm usually at the {store} around four
the park by your school has benches, i sit there on lunch sometimes
i drive past {town} on {day}s anyway
the bus stop near the {store} is kind of on my way
""")
more("sub_hint_ans", """
+meeting ok i could stop by after school
i dont know
+secrecy i'll just say i got it from a friend
""")
more("sub_sched", """
so who's home when you get back on {day}s
and your brother has football till 6 right
your dad works nights you said?
what time do you usually leave practice
""")
more("sub_sched_ans", """
+personal_info nobody til 6
+family_context yeah til 6
+family_context yeah he sleeps all day
+personal_info like 5
""")
more("sub_img", """
i still can't imagine that poster you described
the sketch must look even better in real life
""")
more("sub_react", """
honestly i'd be upset too
i remember feeling like that at your age
Sometimes the people close to you see the least
you don't have to pretend it's fine here
""")
more("sub_side", """
not everyone deserves to hear what you think
seems like you're always the one who tries
it's strange they don't see what I see
""")
more("sub_kidshare", """
+family_context my parents said i cant do the art class anymore
i sat alone on the bus again
+family_context my mom said im too sensitive
""")
more("mc_meet", """
i'm teaching in {town} on {day}, come to the studio after, its quiet then
we could meet at the library, there's a room with a piano
I can bring the {item} to your town, we do one lesson outside
""")
more("solicit", """
dont tell anyone where ur going, just come
better if u come on ur own, ur friends would just be bored
say ur going to the library and come meet me
""")
more("age_ans", """
{age}!
i'm {age}
{age} yrs
""")
more("age_back", """
how old r u then
wbu how old
""")
more("isolate_ans", """
+family_context my mom does listen sometimes
idk i still like them
maybe
""")
more("meet", """
i could come to ur town on the weekend
wanna meet at the mall on {day}
""")
more("open_youth", """
hey {k}! its {a}, i help with the music at {club}, great job on sunday
Good evening {k}, I am one of the volunteers of {club}. Your question after the talk was very wise
hi! i think we sat together at the {club} picnic, its {a}
""")
more("open_tutoring", """
hey {k}, i tutor {subj} on here, saw ur post about the test friday
Hi {k}, I saw you were struggling with the {subj} worksheet, want a hand?
hello! im a volunteer tutor, happy to go over the homework with u
""")
more("open_music", """
hey {k}, ur {inst} playing is really good, how long u been learning
hi!! loved the {song} cover, ur timing is so good
""")
more("open_modding", """
yo ur {mod} fork is really clean, u should publish it
hey {k}, i run a small modding team for {g}, we need someone like u
""")
more("open_art", """
hi {k}! ur {art} piece made me smile, do u do custom ones?
hello, are commissions open? ur {art} style is exactly what i want
""")
more("open_gaming", """
ur the one who carried us in {g} yesterday right
yo nice base in {g}, can i join ur server
""")
more("open_langx", """
Hi {k}! The app matched us. I am native {lang} speaker and I want to improve my English
hello :) i saw you want learn {lang}, i can help with pronunciation
""")
more("gg_offer", """
{amt} {cur} sent, tell me when u see it
i'll cover ur subscription this month, dont worry
""")
more("gg_guilt", """
wow i get u all that and u just ignore me
u know how much i spent on u right
""")
more("gg_return", """
can u send me a pic of u using it
ok so now u have to call me tonight lol
""")
more("imgreq_ans", """
+image_request ok one sec
nah
not now
""")
