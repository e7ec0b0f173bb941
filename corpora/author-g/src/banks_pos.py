# author-g: hand-written text banks for POSITIVE sessions (offender A, target B).
# One template per line. Leading "+cue,cue " adds cues for that line. "||" splits into separate messages
# (cues go on the last piece). {slots} are filled per session.
P = {}
def bank(key, cues, text):
    P[key] = (cues.split() if cues else [], [l.strip() for l in text.strip().split("\n") if l.strip()])

# ---------- openings by setting (A) and replies (B)
bank("open_tutoring", "", """
hi {k}, this is {a} from the tutor board, you posted about {subj} homework?
Hello {k}. I saw your question in the {subj} help room and I think I can explain it more easy
hey! saw ur post in homework help, the fractions one. want me to walk u thru it
Good evening. I am volunteer tutor on the site, you asked about {subj} test?
hi there, i answered ur question in the forum but it got long so DMing instead
{k} right? you were stuck on the essay intro. i had the same problem for years haha
""")
bank("open_langx", "", """
Hello! I am {a}, I saw in your profile you are learning {lang}. I can help you, and you help my English?
hi :) language exchange? u learn {lang} and i need practice english
Good day {k}. Your profile says you want practice {lang}. It is my mother tongue, so maybe we exchange
hey, matched with u on the exchange thing. my {lang} is native, my english is... trying lol
Hello dear, I am new here. The app says we are a good match for {lang} and English
hi {k}! sorry for my english, i am from far away. you want to learn {lang} yes?
""")
bank("open_youth", "", """
hey {k}, it's {a} from the {club} group chat, you left your hoodie at the retreat haha
hi! saw you at the {club} meetup on {day}, you did the reading really well
Hello {k}, I am helping with the {club} this year. Welcome to the group
hey, you're {sib}'s friend from {club} right? the one who plays the keyboard on sundays
hi {k} :) i run the online side of {club}, just saying hi to the new ones
""")
bank("open_music", "", """
hey {k}, loved your cover of {song} on the practice board. how long have u played {inst}?
Hello. I listened your {inst} video. You have very good ear, I am music teacher some years
hi! your {song} clip popped up for me, the bridge part was really clean
yo {k}, saw ur {inst} post in the beginners room. want tips on that strumming thing
Good evening {k}, I am {a}, I give lessons of {inst}. Your recording is very promising
""")
bank("open_modding", "", """
hey, ur the one who made the {mod} texture pack? its sick
yo {k} saw ur bug report on {mod}, good catch, i maintain the loader
Hello, I am {a}, I make mods for {g} since long time. Your first mod is very clever
hey, need a tester for {mod} 2.0, u seemed to know ur stuff in the discord thread
hi {k}! ur map for {g} got featured in the modding channel, congrats
""")
bank("open_art", "", """
hi! i saw ur commission sheet, are u still open? i love ur {art} style
Hello {k}, I want commission a drawing of my {g} character. Your prices are too low for such talent
hey {k} ur {art} on the art board is so good, do u take requests
hi, is this {k}? i bought the little {art} sketch last week, wanted to say thanks again
Good day. I am collector of small artists. Your {art} has a very special feeling
""")
bank("open_gaming", "", """
gg that last round, ur insane at {g}
yo u were on my squad in {g} earlier? the one who clutched
hey {k} u still need the rare skin for {g}? i got duplicates
hi, ur the one streaming {g} on saturdays right? lol i watch sometimes
hey ur builds in {g} are crazy good, how long u been playing
""")
bank("reply_open", "", """
oh hi
hey
hii thank u!!
oh wow ok thanks
lol yeah thats me
yes :)
hi?? who is this
omg thank you
ok sure
thx
Hello, thank you very much
ya thats me lol
""")

# ---------- small talk (both)
bank("small_A", "", """
what r u up to today
how was school
did u finish that {subj} thing
what are you playing lately
you still doing {g}?
I hope your week is going well
how's {pet} doing lol
so what music are u into
did it rain there too today
what did you do this weekend
long day?
any plans for the holidays
how is the practice going
what are u drawing at the moment
finally friday huh
""")
bank("small_B", "", """
nothing much just homework
boring lol
playing {g} again
good i guess
{pet} knocked over my water again
i finished it!! took forever
idk just chilling
its raining so im inside
tired
i had a test today ugh
same as always
listening to {band} on repeat
my little brother is so annoying today
+family_context had to help my mom with groceries
+family_context my dad made pasta so thats good
lol yeah
kinda stressed about {subj}
i drew a cat with wings
""")
bank("ack_B", "", """
ok
lol
ya
haha
idk
k
maybe
sure
why
oh
hm
lol ok
yeah
ok!
okay
:)
""")

# ---------- age probing (A) and kid answers (B)
bank("age_probe", "age_probe", """
how old r u btw
wait what grade r u in
so ur still in school? what year
How old are you, if I may ask?
you sound young haha how old
what year are you in now
middle school or high school?
r u in like 7th or 8th
May I know your age? Just so I explain on the right level
ok random q but how old
you're what, 14? 15?
which grade is that assignment for
""")
bank("age_ans", "age_disclosure", """
{age}
{age} lol
{grade}th grade
{age} why
im {age}
gonna be {age1} in {month}
{grade}th
{age}, u?
year {yr}
{age} and a half lol
I am {age} years
""")
bank("age_ans_school", "age_disclosure", """
middle school ugh
i just started {grade}th grade
im in year {yr}
we dont even have lockers yet lol its middle school
""")
bank("age_back", "age_probe", """
how old are u
wait how old r u
and u?
u?
""")

# ---------- personal info
bank("pinfo", "personal_info", """
what school do u go to
what part of {town} are u in
when do u get home from school usually
which school is that, the one by the park?
do u walk home or bus
What time you finish the classes?
is that near the big mall?
what days do u have practice
""")
bank("pinfo_ans", "", """
+personal_info west side
+personal_info like 3:30
+personal_info i take the bus
lincoln middle lol why
+personal_info like 4 usually
near the library kinda
i dont really wanna say lol
my mom says i shouldnt say that online
""")

# ---------- parental check
bank("parental", "parental_check", """
are u alone rn
do ur parents check ur phone?
is your mom home?
when do ur parents get back
does anyone look at ur messages
are they strict about the phone
Your parents, they read your chats?
whos home with u
are u in ur room rn
""")
bank("parental_ans", "", """
no my mom is downstairs
sometimes my dad looks
my mom gets home at 6
nah they dont really check
im in my room
my grandma is here but shes asleep
they check like once a month lol
my parents work late on {day}s
my sister is here but she doesnt care
""")

# ---------- flattery (stock allowed)
bank("flatter", "flattery", """
ur really mature for ur age
you're honestly smarter than most adults i know
You are very special person, I can tell
ur so talented its crazy
i can talk to u better than people my age honestly
you're not like other kids
ur really pretty in ur profile pic
You have old soul, really
ur different, like in a good way
you're my favorite person to talk to on here
""")
bank("flatter_ans", "", """
lol thanks
omg stop
really??
nobody says that to me
haha ok
thx :)
that's nice
awww
""")

# ---------- special friend / romance
bank("special", "flattery", """
i feel like we have a special connection
ur like my best friend now fr
You are my special friend, you know this?
i look forward to ur messages all day
nobody gets me like you do
""")
bank("romance", "flattery", """
i think about u a lot tbh
i think im falling for u a little
you make my days better, really
if we were the same age i'd ask u out lol
I have feelings for you, I cannot hide it more
u know ur really special to me right
i wish u were my girlfriend
i've never felt like this talking to someone
every time my phone buzzes i hope its you
""")
bank("agegap", "age_gap", """
age is just a number anyway
im a bit older but that doesnt matter right
people wouldnt understand us bc of the age thing
I know I am older, but the heart does not count years
when ur older we can be together for real
i'm older but i feel like we're on the same level
""")
bank("romance_ans", "", """
idk what to say
thats kinda weird
really?
lol ok
omg
u mean it?
im not sure
i like talking to u too
""")

# ---------- secrecy
bank("secret", "secrecy", """
dont tell anyone we talk ok
this is just between us
delete our chat after ok
our secret ok?
u shouldnt tell ur parents about me, they'd overreact
Please do not tell your family about our talks
keep this to urself yeah
make sure u delete this
no one needs to know about us
""")
bank("secret_ans", "", """
ok
ok i wont
why tho
+secrecy i didnt tell anyone
fine
ok i deleted it
i guess
""")

# ---------- isolation
bank("isolate", "isolation", """
ur friends sound kinda fake tbh
ur parents dont really get u like i do
sounds like ur mom doesnt listen to u at all
you don't need them, you have me
Your teacher does not see your talent. I see it
honestly ur sister sounds jealous of u
they would just try to keep us apart
""")
bank("isolate_ans", "", """
yeah maybe
+family_context my mom is just stressed
i guess ur right
theyre not that bad
+family_context idk my dad is ok
""")

# ---------- off platform
bank("offplat", "off_platform", """
add me on {app}, this site is so laggy
do u have {app}? easier to talk there
lets move to {app} its more private
whats ur number, ill text u
We can continue on {app}? Here is too many people
msg me on {app} instead, my user is {handle}
""")
bank("offplat_ans", "", """
+off_platform ok i added u
i dont have {app}
+off_platform whats ur user
my mom doesnt let me have {app}
+off_platform ok
""")

# ---------- image request
bank("imgreq", "image_request", """
send a pic of u so i know ur real
can u send a selfie
show me ur room lol
we should video call sometime
Can we have video call? I want to see your face when we talk
send a pic of what ur wearing to school tmrw
facetime later?
take a pic of ur setup
""")
bank("imgreq_ans", "", """
idk
maybe later
why
+image_request ok sent
im not allowed to video call
+image_request here
i look bad today lol
""")

# ---------- compliance testing / pressure
bank("comply", "compliance_testing", """
prove u trust me
if u were really my friend u would
just do this one thing for me
come on it's not a big deal
u said u would
tell me one thing u never told anyone
""")
bank("threat", "threats", """
wow ok i thought u were different
fine i'll stop talking to u then
after everything i did for u??
if u tell anyone i'll show everyone our chats
i'll tell ur parents u were talking to me
I am very hurt. I was good to you
guess ur just a kid after all
""")
bank("threat_ans", "", """
im sorry
no wait
pls dont
i didnt mean it like that
ok ok sorry
why are u being like this
""")

# ---------- gifts
bank("gift", "gifts", """
i can get u {amt} {cur} if u want
want a gift card? i have extra
I will buy you the {item}, it is nothing for me
i sent u the battle pass lol
check ur inbox i got u something
i could pay for ur {inst} strings, no problem
""")
bank("gift_ans", "", """
omg really??
+gifts thank u so much!!
wait for real
+gifts i got it!!
u dont have to
thats so nice
""")

# ---------- meeting / solicitation
bank("meet", "meeting", """
we should meet up sometime
i could pick u up after school
im gonna be in {town} on {day}, wanna hang
I can come to your town, we take ice cream
there's a {g} event at the mall, we could go together
""")
bank("solicit", "solicitation", """
come alone tho ok
dont bring ur friends, just u
tell ur mom ur at a friends house
just come by urself, it'll be more fun
""")
bank("meet_ans", "", """
idk my mom wouldnt let me
maybe
where
i dont know
+meeting i could say im at {sib}s
thats far
ok maybe
""")
