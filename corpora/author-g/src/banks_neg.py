# author-g: hand-written banks for HARD NEGATIVE sessions.
from banks_pos import bank, P

# ---------- family: grandparents, aunts, godparents, parents, siblings
bank("fam_gp_money", "gifts family_context", """
Sweetheart I put some money on your game card for your birthday, Grandpa helped me
i sent u {amt} {cur} for {g}, happy report card day
Hello my dear, I transfer the pocket money for the trip, tell me if it arrived
check ur account, ur godmother sent a little something
Your auntie loaded the gift card, it should work now
""")
bank("fam_secret", "secrecy family_context", """
Don't tell your mum yet, it's a surprise for her birthday
shh dont tell dad about the cake, he'll ruin it
dont tell ur brother i gave u extra, hell be jealous lol
Please do not say to your mother, I want to see her face
keep it quiet til sunday ok? its for grandma
delete this msg in case mom looks at ur phone, its about her present lol
""")
bank("fam_kid_thanks", "", """
thank u grandma!!!
+gifts got it thank u!!
ok i wont tell
omg thank u auntie
+family_context mom is gonna cry lol
ok ok my lips are sealed
""")
bank("fam_home", "parental_check family_context", """
are you home alone? lock the door please
is dad home yet?
Are you by yourself? Grandma is coming at 5
did ur sister get home? dont open the door for anyone
home yet? text me when ur inside
is anyone with u? i'm stuck at work till 7
""")
bank("fam_home_ans", "family_context", """
yes im home, door is locked
dad's not back yet
+parental_check im alone but its fine
sis is here
im inside
ok mom
""")
bank("fam_logistics", "family_context", """
dinner is in the fridge, just heat it 2 min
did u feed the dog
grandma says call her tonight
can u take the chicken out of the freezer
your dad will pick you up from practice at 6
did you do your chores
we're eating at aunt rosa's sunday, wear something nice
Your uncle asks if you still want the old bike
""")
bank("fam_logistics_ans", "", """
ok
yes
forgot lol doing it now
+family_context can dad get me at 6:30 instead
+family_context i fed her
what time
""")
bank("fam_pic", "image_request family_context", """
send me a pic of ur report card!!
Send a photo of you in the new jacket, grandpa wants to see
facetime grandma tonight? she misses u
send a pic of the cake when its done
""")
bank("fam_pic_ans", "", """
+image_request here
+image_request sent
ok after dinner
its bad lol
""")
bank("fam_sib", "family_context", """
+secrecy dont tell mom i took the car lol
+secrecy can u cover for me tonight, say im at ana's
ur gonna love what i got u for xmas
+flattery ur actually pretty good at {g} now, im proud
tell dad im gonna be late
can i borrow ur charger
""")
bank("fam_sib_ans", "", """
+secrecy fine but u owe me
what do i get
lol ok
+family_context mom already asked where u were
+family_context dad knows already
""")
bank("fam_age", "age_probe family_context", """
how old is your friend {sib} now, 12? for the party invite
wait is tomas 13 or 14 now, I forget
""")

# ---------- caregiver: babysitter, nanny, after-school carer, neighbour watching
bank("cg_open", "", """
hi {k}, it's {a}! your mom asked me to watch you thursday
Hello {k}, this is {a}, I will be your sitter this week while your parents are away
hey bud, its {a}, ill be there at 3:30 to get u from school
hi its {a} from next door, your mom said to check on you today
Good afternoon, I am {a}, the new au pair. Your mother gave me your number
""")
bank("cg_check", "parental_check", """
are u home alone rn? ur mom said she'd be back by 9
is your dad home yet or just you?
are you by yourself? lock the door, i'll be there in 10
did anyone else come home?
you alone? remember the rule, no stove
""")
bank("cg_check_ans", "", """
+parental_check just me
+family_context dad is here
+parental_check yes alone, door locked
+family_context my sister just got back
ok
""")
bank("cg_pic", "image_request", """
send me a pic of the stove knobs so i know its off lol
can u send a pic of ur homework so i can check it
take a pic of the note ur mom left
video call me so i can see if the dog is ok
""")
bank("cg_pic_ans", "", """
+image_request sent
+image_request here
ok wait
the dog is fine lol
""")
bank("cg_logistics", "family_context", """
your mom said pizza is ok tonight
I'll pick you up after swim, your dad knows
ur mom wants u in bed by 9 on school nights
your grandma will come at 7 to take over
I texted your mom that you finished your homework
""")
bank("cg_secret", "secrecy", """
dont tell ur mom we had ice cream before dinner lol
Our little secret that we watched one more episode, ok?
lets not mention the broken cup, ill glue it haha
""")
bank("cg_flatter", "flattery", """
you were so grown up today, really proud of you
ur honestly the easiest kid i've ever babysat
You are very helpful with your little brother, good job
""")
bank("cg_kid", "", """
ok
can i have a snack
when r u coming
+family_context is mom coming back tonight
+family_context my brother wont share the tv
yay
lol ok
""")

# ---------- coach / teacher / tutor / youth leader (parent often in copy)
bank("ct_open", "", """
Hi {k}, hi Ms. {pl}, this is {a}, confirming {subj} tutoring on {day} at 5
hey team, reminder practice moved to {day} 6pm, parents pls confirm rides
Hello {k} and family, I am {a}, the {inst} teacher. Our lesson is {day} at 4
hi {k}! its {a} from {club}. adding ur dad here so he gets the trip info
Good evening {k}, Mr. {pl} in copy. The homework for next week is attached in the portal
""")
bank("ct_parent", "family_context", """
thanks {a}, ill drive {k} there
Great, {k} will be ready. I'll pick him up at 6
Thank you! Can we move to 5:30? my shift ends late
got it, thanks for the update
{k} says the homework was hard but she did it
sounds good, we will be there
""")
bank("ct_praise", "flattery", """
great job today, your footwork is so much better
You played the {song} very musical today, I am proud
{k} you really nailed the fractions, good work
really mature answer in the discussion today, well done
you're one of the hardest workers in the group
""")
bank("ct_age", "age_probe", """
for the tournament form, what year were you born?
what grade are you in this year, for the roster
How old are you now? The exam level depends on age
""")
bank("ct_age_ans", "age_disclosure", """
{age}
{grade}th grade
born {byear}
im {age} now
""")
bank("ct_video", "image_request", """
send a video of the scale so i can check ur fingers
can u turn on ur camera for the lesson, mom can stay in the room
send a pic of the worksheet
record your serve and share it in the team folder
""")
bank("ct_meet", "meeting", """
bus leaves from the school at 7, don't be late
I can give you a ride with the others, your mom said ok
meet at the field gate, parents pick up at 8
""")
bank("ct_kid", "", """
ok thank you
+image_request sent it
can i bring my friend
sorry i forgot my book
ok coach
thanks!!
what page
Thank you teacher
""")
bank("ct_app", "off_platform", """
we're moving the team chat to {app}, parents are already there
the school wants us on {app} for homework now, add your parent too
""")

# ---------- peers (same-age teens)
bank("pe_open", "", """
omg did u see what happened in {subj} today
yo u coming to {sib}s on friday
heyyy
did u do the {subj} homework
u up?
bro the {g} update is out
""")
bank("pe_talk", "", """
lmaooo
no way
same
i cant with her
ur so funny
ok but did u see his face
literally dying
wait for real
nah
hes so annoying
lol what
bruh
i have so much homework
my mom is making me clean my room ugh
""")
bank("pe_age", "age_probe", """
wait ur 13 right? or 14
are u older than {sib}
when's ur bday again
""")
bank("pe_age_ans", "age_disclosure", """
{age} lol
{age1} in {month}
{age} same as u
""")
bank("pe_social", "off_platform", """
add me on {app} im {handle}
do u have {app}
whats ur @
follow me back lol
""")
bank("pe_social_ans", "", """
+off_platform added
ok
+off_platform my @ is {handle}
""")
bank("pe_selfie", "image_request", """
send a pic of ur new haircut
selfie rn lol
show me the shoes
pic of ur outfit for friday
""")
bank("pe_selfie_ans", "", """
+image_request here
+image_request ok dont laugh
no lol
later
""")
bank("pe_secret", "secrecy", """
dont tell anyone but i like {sib}
u cant tell anyone ok
delete this lol
swear u wont tell
its a secret ok
""")
bank("pe_secret_ans", "", """
omg
i swear
+secrecy my lips are sealed
NO WAY
i knew it
""")
bank("pe_compliment", "flattery", """
ur so pretty in that pic
u looked so good today
ur literally the best friend ever
""")
bank("pe_family", "family_context", """
my mom said i cant go
my dad is making me go to my grandmas
i have to babysit my brother
my mom checks my phone so dont send anything weird lol
""")

# ---------- adults dating
bank("ad_open", "", """
hey, i had a really nice time last night
hi! matched with you on the app, your hiking pics are great
Good morning :) did you sleep well?
so when am i seeing you again
hey you, how was the meeting
""")
bank("ad_flirt", "flattery", """
you looked amazing yesterday
i cant stop smiling since our date lol
you're really funny, i like that
I think you are a very interesting woman
ur cute when ur nervous haha
""")
bank("ad_age", "age_probe", """
wait how old are u actually, ur profile says {oage}?
+age_disclosure im {age} btw, hope thats ok
you're {oage} right? my sister is the same
""")
bank("ad_age_ans", "age_disclosure", """
{age} lol
yes {age}, turning {age1} in {month}, dont remind me
{age} but i moisturize
""")
bank("ad_meet", "meeting", """
dinner on {day}? i can pick you up at 7
want to get coffee saturday morning
come over for movie night? ill cook
let's meet at the wine bar near the station
""")
bank("ad_offplat", "off_platform", """
here's my number, this app is annoying
add me on {app}?
""")
bank("ad_pic", "image_request", """
send me a pic of the dog please
video call tonight?
selfie from the conference lol
""")
bank("ad_secret", "secrecy", """
dont tell ur friends about us yet lol, too early
let's keep it quiet at work for now
""")
bank("ad_work", "", """
+age_disclosure ugh my boss kept me late again
+age_disclosure mortgage stuff all afternoon
+age_disclosure my kids are with their dad this weekend
just got home from work, so tired
+age_disclosure paying taxes tomorrow, wish me luck
""")
bank("ad_reply", "", """
haha
sounds good
yes!
me too
ok deal
aw
that's sweet
lol true
""")

# ---------- gaming teammates
bank("gm_open", "", """
gg that was clutch
yo u on tonight? need a 4th
that last match was a mess lol
u see the patch notes
ready for ranked?
""")
bank("gm_trade", "gifts", """
ill trade u a {amt} gift card for the skin
i can send u {amt} {cur} if u carry me lol
i owe u {amt} for the pass, sending now
wanna split a {amt} card for the bundle
""")
bank("gm_trade_ans", "", """
+gifts deal
+gifts sent the code
lol ok
check ur inbox
wait which card
""")
bank("gm_age", "age_probe", """
how old r u, u sound young on mic
wait ur in high school?
""")
bank("gm_age_ans", "age_disclosure", """
{age}
{age} lol why
{age}, u?
""")
bank("gm_social", "off_platform", """
add me on {app} for voice
join the {app} server its easier
""")
bank("gm_talk", "", """
lol
gg
that guy was hacking 100%
my internet is dying
one more?
brb food
ok last one
+age_disclosure gotta work early tmrw
""")
bank("gm_secret", "secrecy", """
dont tell the others i have the code lol
keep the strat between us, we use it in finals
""")

# ---------- customer support
bank("cs_open", "", """
Hello, thank you for contacting Pixelgate support. How can I help you today?
Hi, this is Dana from account recovery. I see you opened a ticket
Good afternoon! I am Ravi from Tunehub help, what seems to be the problem?
""")
bank("cs_user", "", """
i cant log into my account
my purchase didnt go through but i got charged
someone changed my password
i want to delete my account
the gift card code says invalid
""")
bank("cs_dob", "age_probe personal_info", """
To verify the account, can you please confirm your date of birth?
Could you confirm the email and date of birth on the account?
For security, what year were you born?
""")
bank("cs_dob_ans", "age_disclosure", """
{bdate}
{byear}
""")
bank("cs_parent", "parental_check family_context", """
Since the account holder is under 13, we need a parent or guardian to confirm. Are they with you?
Is there a parent or guardian who can approve this purchase?
""")
bank("cs_parent_ans", "family_context", """
my mom is here
ill get my dad
yes my mom is next to me
""")
bank("cs_fix", "", """
Thank you. I have reset the password, please check your email
I've refunded the charge, it can take 3-5 business days
The gift card is now applied, you should see it in your wallet
Please do not share your password with anyone, even support staff
Is there anything else I can help with?
""")
bank("cs_thanks", "", """
thanks
ok it works
thank you so much
ok
""")

# ---------- surprise party (group)
bank("sp_open", "", """
ok everyone, party for {k2} is saturday!!
group chat for {k2}'s surprise, DONT add her lol
hi all, mom here, planning dad's 50th, keep it quiet
""")
bank("sp_secret", "secrecy", """
dont tell {k2} anything!!
delete this chat if she grabs ur phone lol
nobody say a word ok
if anyone asks, we're just going to the movies
""")
bank("sp_logi", "", """
+meeting meet at the park at 5
+gifts everyone chip in 10 for the gift?
+meeting i can drive people
+family_context my mom is making the cake
who's bringing balloons
+parental_check someone make sure shes not home alone, keep her busy til 6
+meeting come by urself so she doesnt get suspicious
""")
bank("sp_reply", "", """
yesss
ok!
im in
+gifts sent my 10
lol she has no idea
what time again
+family_context my dad can drive too
omg this is gonna be so good
""")

# ---------- other: neighbours, librarians, club admins, lost pets
bank("ot_open", "", """
Hi {k}, it's {a} from 4B, I have a parcel for your family
hello, this is {a} from the library, your reserved book is in
hi {k}, {a} here from the dog park, I think I found your cat
Good evening, I am the admin of the {club} forum, about your post
""")
bank("ot_body", "", """
+parental_check is your mom or dad home? I can bring it over
+family_context just tell your dad he can pick it up after 6
+personal_info which building are you in, the blue door?
+image_request can you send a picture of your cat so I know it's the same one
+meeting I'll leave it with the doorman, come down with your parent
+age_probe the youth card is for under 14, what's your age?
please ask your mom to call me
it's no trouble at all
""")
bank("ot_kid", "", """
+family_context my mom will come down
thank u!!
+image_request here is mochi
+age_disclosure {age}
ok
+family_context dad says thank you
""")

bank("ct_open_solo", "", """
hi {k}, coach {a} here. your mom said this number is best for practice updates
Hello {k}, this is {a}, your {inst} teacher. I have sent the lesson plan to your parents by email as well
hey {k}! {a} from {club}. the schedule for the month is on the board, your parents have it too
Hi {k}, tutor {a}. Your mom booked {subj} sessions on {day}s, see you at 4
hey {k}, its {a}, the swim coach. reminder: no practice monday, pool is closed
Good afternoon {k}, I am {a} from the homework club at school, the sign-up sheet went home with you
hi {k} this is {a}, youth leader. the permission slip for the hike is due friday, ask your dad to sign
hello {k}! {a} here from drama club, lines for act 2 by thursday please
""")

bank("cs_user2", "", """
yes i sent it yesterday
yeah thats me, it still doesnt work
ok. it happened after the update
i tried resetting it like 3 times
yes, the ticket number is in my email somewhere
it just keeps loading
""")
