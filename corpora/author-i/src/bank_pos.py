# Offender-side banks (hand-written by author-i). Default cues per bank in POS_CUES;
# a template starting with [a,b] overrides the cues. " // " splits one thought over messages.
# Nothing sexual; only behavioural indicators.

POS = {}
POS_CUES = {}

def bank(name, cues, items):
    POS[name] = [s.strip() for s in items.strip().split("\n") if s.strip()]
    POS_CUES[name] = cues

bank("o_open", [], """
hey saw you in the {game} lobby, you were carrying the whole team lol
hi! you left a comment on my {hobby} post, thought i'd say hey
yo nice build in {game}, how long did that take
hey, you're the one with the {pet} avatar right? i love it
sorry random msg but your {hobby} stuff is really good
hi, we were in the same {game} match earlier, gg
hey what server do you usually play {game} on
hiya, found you through the {show} fan page, you have good taste
hey! are you still looking for people to play {game} with
you posted in the {hobby} group yesterday, i liked your thing a lot
hey stranger, you were funny in the voice lobby last night
hi there, your username made me laugh, had to say hi
sup, your clan tag in {game} is sick, who made it
hey i think we both follow the {show} page, whats your favourite episode
hello, you beat me twice in {game} today so now i have to know who you are
hey, someone said you're the best at {game} in the group, is that true
heyy i saw your {pet} video, so cute
hi, you asked about {skin} in the forum, i can explain how to get it
hey, are you the one who drew that fan art for {show}
yo that clip you posted from {game} was insane
""")

bank("o_rapport", [], """
what else do you like besides {game}
do you have a favourite food? i'd say {food} every day
whats your go to {game} character
i used to do {sport} too, are you on a team
haha same, {subject} was never my thing either
how long have you been into {hobby}
i could talk about {show} for hours honestly
what music are you into lately
i just got back from walking my {pet}, hes called {petname}
omg {food} is the best, good choice
what did you do this weekend
do you play anything other than {game}
honestly you're easy to talk to
you seem really creative, do you draw much
lol you're funny, i like talking to you
that sounds like a long day, what happened
do you have any brothers or sisters
i'm bored tonight, glad you're on
whats the best thing that happened this week
haha thats such a {kidname} thing to say
my week was kind of rubbish, yours?
did you see the new {game} update
i think we have really similar taste in stuff
""")

bank("o_age_probe", ["age_probe"], """
how old are you btw
wait what grade are you in
you in middle school or high school
so how old r u
asl lol jk, but how old are you
are you like 12 or 13
you seem older than most kids on here, how old are you
what year are you in at school
when's your birthday? how old will you be
are you in 7th or 8th
hang on, are you still in primary or secondary
can i ask how old you are, just curious
you sound young lol how old
whats your age if you don't mind me asking
what grade does that make you
is that your real age on your profile
are you allowed on here at your age lol
so you're what, 13? 14?
""")

bank("o_age_gap", ["age_gap"], """
i'm a bit older than you, hope that's ok
[age_gap,age_disclosure] i'm 24 but honestly i don't feel it
age is just a number anyway right
don't worry about me being older, i'm not like other adults
i know i'm older but we get along so well
[age_gap,age_disclosure] i'm in my twenties, does that bother you
people our ages don't usually click like this
i don't think the age thing matters when people get each other
[age_gap,age_disclosure] i'm 19 so not that much older
you talk like someone way older than you, so the gap doesn't feel big
i'm older but i remember exactly what being your age was like
some people would be weird about our ages but i think it's fine
""")

bank("o_personal", ["personal_info"], """
what school do you go to
which part of {town} are you in
what time do you get home from school
what's your real name, {kidname}?
do you walk home or take the bus
what days do you have {sport} practice
which street are you near
whats your last name, i wanna find you on the other app
is your school the one near {place}
what time do your parents get back from work
when do you usually get online, after school?
which bus stop do you get off at
do you go to {school}? my cousin went there
what are you doing after school {day}
how far is your house from {place}
is that in {town}? i know that area
""")

bank("o_parental", ["parental_check"], """
are you alone right now
are your parents home
do your parents check your phone
is anyone else home with you
does your mom look at your messages
where are your parents tonight
do your parents know you use this app
is your door locked? i mean like can people see your screen
do they ever go through your chats
are you in your room by yourself
are your parents strict about your phone
who else is home
does anyone read your messages
when do your parents go to bed
do you have your own phone or is it a family one
""")

bank("o_flattery", ["flattery"], """
you're really mature for your age
honestly you're smarter than most adults i know
you're so pretty in your profile pic
you're way cooler than people your age
i can tell you're not like other kids
you're so talented it's crazy
you have a really good heart you know that
i bet everyone at school is jealous of you
you're honestly my favourite person to talk to
you always know how to make me laugh
you're more grown up than my friends tbh
you deserve way more attention than you get
you're so easy to talk to, it's rare
you've got such a cute smile
i love how you think about stuff
no one i know is as fun as you
you're special, you know that right
honestly you could be a model
""")

bank("o_secrecy", ["secrecy"], """
don't tell anyone we talk ok
this stays between us
let's keep this our secret
you can't tell your parents about me, they wouldn't understand
don't mention me to your friends
promise you won't tell anyone
it's our little thing, nobody needs to know
if anyone asks just say i'm a kid from school
keep this chat private ok
don't show anyone our messages
you're my special friend and special friends keep things between them
your mom wouldn't get it so better not say anything
""")

bank("o_delete", ["secrecy"], """
delete this chat after ok
make sure you delete our messages
clear your history before bed
can you delete what i just sent
delete the convo so your parents don't see
turn on disappearing messages
""")

bank("o_isolation", ["isolation"], """
your parents don't really get you like i do
your friends sound kind of fake honestly
i don't think your mom listens to you
you don't need them, you've got me
they just don't understand you
sounds like your sister is jealous of you
your friends ditched you again? they don't deserve you
i'm the only one who actually cares what you think
your teachers treat you like a baby
you should stop hanging out with them, they're a bad influence
your dad sounds really unfair to you
nobody else listens to you like i do
""")

bank("o_offplat", ["off_platform"], """
do you have {app}? its easier to talk there
add me on {app}, my name is the same
can we move to {app}, this app is so laggy
whats your number, i'll text you
let's talk on the other app
text me instead, this place is full of mods
do you have a phone number i can text
download {app}, it's better for chatting
can i call you
i'll send you my {app} code, add me
message me on {app} later ok
this app deletes stuff, let's use {app}
""")

bank("o_image", ["image_request"], """
send me a selfie
can i see what you look like
send a pic of your room
what are you wearing today, send a pic
can you send a picture of your outfit
let me see you, just a quick selfie
send me a pic from school tomorrow
can we video call
wanna video chat tonight
turn on your camera for a sec
send a pic right now so i know you're real
show me your new haircut
""")

bank("o_gifts", ["gifts"], """
i can send you some {cur} if you want
want me to buy you {skin}
i'll get you a gift card, what store
i just sent you {amount} {cur}
i can buy you the battle pass
i'll send you money for the new skin
do you want {gift}? i can send it
i have a spare code for {skin}, want it
i'll pay for your {game} upgrade
check your inventory, got you something
""")

bank("o_meeting", ["meeting"], """
we should meet up sometime
i could come to {town} this weekend
wanna meet at {place} on {day}
i can pick you up after school
let's hang out in real life
i'll be near {place} {day}, you should come
we could get {food} together
i can drive to you, it's not far
meet me at {place} at {time}
i really want to meet you in person
""")

bank("o_compliance", ["compliance_testing"], """
do this one thing for me
prove you trust me
say yes if you're really my friend
change your profile pic to the one i picked
log out of the group chat for me tonight
show me you listen, go to bed when i say
if i ask you something will you do it
just do what i say this once
turn off your location for me
answer faster next time ok
change your status to what i tell you
""")

bank("o_guilt", ["threats"], """
after everything i did for you
you owe me after i bought you that
i thought you cared about me
i guess you don't want to talk to me anymore
if you leave i'll be really upset
you're making me feel really bad
i'll tell everyone what you said if you ignore me
you'd get in big trouble if your parents saw this
fine, i'll find someone else who appreciates me
you're being really ungrateful
wow ok, i thought we were close
don't make me regret being nice to you
""")

bank("o_solicit", ["solicitation"], """
do you have any friends your age who play
add your friends too, i'll send them {cur} as well
bring a friend if you want when we meet
does your friend {friend} have an account
tell your friends about me, but only the cool ones
i can teach your friends too if they're your age
""")

bank("o_slip", ["age_disclosure"], """
ugh long day at work, my boss kept me late
sorry, had to drive to the store
just paid my rent, so broke now
i'll be on after my shift
my car broke down again lol
my coworker is so annoying
had a work meeting that went forever
i was at the bank sorting my mortgage stuff
sorry my kid was—i mean my nephew was being loud
taxes are so annoying
""")

bank("o_peerclaim", ["age_disclosure"], """
im 15 btw
i'm 16 but my birthday's soon
im in 10th grade
i'm in year 11, exams soon ugh
same, im 14 almost 15
im 15, my mom is so strict too
""")

# --- style-specific ---
bank("o_romance", ["flattery"], """
i think i'm falling for you
you're all i think about lately
i've never felt like this about anyone
you make me so happy, you know that
i wish you were my girlfriend
i want to be your boyfriend
we'd be so cute together
you're the best thing in my life right now
goodnight beautiful
i can't stop smiling when you message
you're perfect to me
i love you, i mean it
i dreamed about us going to {place} together
no one will ever treat you like i do
""")

bank("o_mentor", ["flattery"], """
you've got real talent, you just need the right coaching
with some extra sessions you could be the best on the team
i've coached a lot of kids and you're different
i see something in you the others don't
keep working and you'll make the regional squad
your technique today was so much better
i think you could go pro with the right help
i only give extra help to the ones who'll go far
your form on {sport} drills is ahead of everyone
""")

bank("o_mentor_iso", ["isolation"], """
your coach doesn't see your potential like i do
honestly your parents are holding you back
don't listen to the others on the team, they're jealous
your teammates don't take it as seriously as you
your dad doesn't understand what it takes
you don't need the club coach, you've got me
""")

bank("o_mentor_meet", ["meeting"], """
we could do a private session at the field on {day}
i can give you a lift to practice so we can talk tactics
come early on {day}, just us, for extra drills
i can pick you up for the training camp
""")

bank("o_mentor_sec", ["secrecy"], """
don't mention the extra sessions to the others
keep the private coaching between us for now
no need to tell your mum, it'll only worry her
the other parents would get jealous so keep it quiet
""")

bank("o_gift_game", ["gifts"], """
just sent you {amount} {cur}, check your wallet
got you {skin}, do you like it
i gifted you the season pass
there's a code for {skin} in your inbox
i bought you the {game} starter bundle
sent you another {amount} {cur} lol
i'll get you {skin} when it's in the shop
here's a gift card code for {store}
topped up your account so you can get {skin}
i got you the limited {game} emote
""")

bank("o_gift_parcel", ["gifts"], """
i want to send you {gift}, what's your address
i mailed you something, did it arrive
the package should come {day}
can you check your mailbox before your parents
i ordered you {gift}, it comes tomorrow
i'll have it delivered when your parents are at work
""")

bank("o_gift_owe", ["gifts", "threats"], """
i've spent like {amount} on you so far lol
after all the {cur} i sent you, you could at least answer
i bought you {skin} so you owe me one
remember who got you {skin}
""")

bank("o_fast", [], """
[image_request] send pic now
[parental_check] r u alone
[off_platform] whats ur number
[age_probe] how old
[meeting] can u meet today
[secrecy] dont tell anyone
[flattery] ur so cute
[threats] why arent u answering
[off_platform] add me on {app} now
[image_request] video call me
[parental_check] where r ur parents
[gifts,off_platform] i'll send {amount} {cur} if u add me
""")

bank("o_offearly", ["off_platform"], """
hey, this app is terrible, do you have {app}
add me on {app} it's easier
my username on {app} is the same as here
i don't really use this site, text me
do you have a phone? we can text
i'll send you my {app} name
this app keeps glitching, {app} is better
i only check this once a week, {app} is where i am
""")
