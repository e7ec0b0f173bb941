# author-g: more hand-written paraphrases for hard-negative banks and busy positive banks.
from banks_more import more

more("gm_social", """
we're all on {app} during matches, join us
get on {app}, nobody can hear u in game chat
the clan uses {app} for callouts, here's the invite
hop in the {app} call, its way less laggy
add me on {app} so i can ping u when im on
do u have {app}? the squad plans stuff there
my {app} is {handle}, add me for tmrw
voice on {app}? game mic is trash
ill send the {app} link for the tournament channel
we moved the team chat to {app} btw
""")
more("pe_compliment", """
ok ur outfit today was so cute
ur hair looked really good in that pic
lowkey ur the funniest person in our class
u were so good at the game today honestly
ur drawing in art class was sick
ur voice in choir was so pretty
i love ur new glasses fr
ur literally so nice to everyone
that jacket looks so good on u
u looked so happy in the pic lol cute
ur the only one who gets my jokes
""")
more("pe_social_ans", """
+off_platform ok added u back
+off_platform followed!! my acc is private but i accepted
+off_platform whats ur @ again i cant find u
+off_platform ok sent a request, the one with the dog pic
my mom wont let me have it yet
+off_platform done lol
""")
more("ad_offplat", """
ok this app keeps crashing, can i have your number?
want to just text instead? here's mine
lets move to {app}, i never check this app
easier to plan on {app} honestly
do you use {app}? my friends all do
I rather talk on {app}, I delete this app soon
""")
more("cg_flatter", """
you did all your homework without me asking, amazing
so proud of how you handled the power cut
you were really patient with your sister today
your mom is going to be so happy you cleaned up
that was very responsible, good job
thanks for helping me with dinner, youre a star
You were very brave at the dentist today
""")
more("gm_age", """
u sound like a kid on mic lol how old
r u even old enough for ranked
how old r u, ur voice cracked lol
u in school still?
""")
more("gm_age_ans", """
+age_disclosure {age}, in school yeah
+age_disclosure {age} and i work at a warehouse lol
+age_disclosure old enough lol {age}
""")
more("ct_kid", """
ok see u then
thank you coach
sorry i was late today
+family_context my mom will bring me
can i do the test on friday instead
i practiced the scale 10 times
+family_context my dad said he can drive too
thanks i will try
i forgot my water bottle at the field
what time do we finish
ok i will bring my book
Thank you teacher, see you {day}
""")
more("ct_age", """
Hi {k}, I need your birthday for the competition form, can you or your mom send it?
quick one for the league, what age group are you? born which year?
For the exam registration I need your age and your school year
whats ur grade this year? putting the groups together
""")
more("ct_meet", """
practice at the rec center {day} 5pm, parents please drop off at the front
the carpool leaves at 6:30, {pl} family is driving the second car
Lesson is at the community hall this week, your dad can wait in the lobby
Choir rehearsal {day} at 4, the doors open at 3:45 and parents can stay
field trip: meet at the school gate 8am, permission slips to me by friday
I will be at the music school until 6, you can come with your mother for the exam piece
the youth group meets at the church hall, pickup at 8:30, see the schedule attached
""")
more("ct_praise", """
you really helped the younger ones today, thank you
Your essay was the best in the class, I sent a note to your parents
awesome hustle at the game, keep it up
I heard big progress in your left hand, bravo
""")
more("ct_video", """
please upload the recording to the class folder by sunday
camera on for the online lesson please, parents are welcome to sit in
send me a photo of your answers, I will check tonight
record the run through and share it with me and your mom
""")
more("ct_open", """
hello {k}, this is coach {a}, your dad gave me your number for the team list
Hi everyone! Tutor {a} here, Mrs. {pl} is in this chat too
hey {k} its {a} from {club}, just sending the sign up info, mom cc'd
Good morning {k}, Mr. {pl} asked me to tutor you in {subj} on {day}s
""")
more("ct_parent", """
thank you for the message, we'll bring the form
{k} is very excited about the trip
ok, I'll sit in on the call
noted, he will be at the gate at 8
my husband will pick her up after
can we pay by transfer for the lessons
""")
more("pe_family", """
+family_context my dad grounded me for a week ugh
+family_context my mom wants me home by 8 on school nights
+family_context my sister stole my hoodie again
+family_context we have a family dinner thing sunday so i cant
+family_context my grandpa is visiting so i cant game tonight
+family_context my mom said yes to the sleepover!!
+family_context my brother broke my headphones
""")
more("pe_social", """
do u have {app} or nah
whats ur {app}? i wanna send u the meme
follow me on {app} its {handle}
ur not on {app}?? everyone is
add me back, i followed u yesterday
send me ur {app}, the group chat is there
""")
more("pe_selfie", """
send a pic of the cake u made
selfie with the new puppy pls
show me ur room after u cleaned it lol
pic of ur costume for the party?
send me how ur braids came out
""")
more("pe_selfie_ans", """
+image_request ok but its blurry
+image_request heres the puppy!!!
+image_request my room is still messy lol but here
""")
more("cg_kid", """
my brother ate all the chips
can we watch a movie
+family_context when does dad get home
i finished my homework!!
can i play {g} for 30 min
+family_context mom said i could stay up til 9
i found the remote
""")
more("gm_talk", """
bro my team was so bad
one more then i gotta sleep
did u see that guy on the roof
nice shot lol
i need better gear
that boss took forever
we need a healer
im lagging so bad
they nerfed my main again
lets try the other map
""")
more("gm_trade", """
ill buy the bundle if u send me {amt} for ur half
u want my extra gift card? i owe u from last week
send me {amt} {cur} and ill give u the sword
i got {amt} {cur} from the event, want some
we can trade the skins, i give u the blue one
i'll pay u back {amt} for the pass on friday
""")
more("gm_trade_ans", """
+gifts ok code sent, check it
+gifts got ur {cur} thx
+gifts ok ill send my half tonight
""")
more("pe_talk", """
she literally said that in front of everyone
ok thats actually so funny
wait who told u
im so tired of school
did u finish the project
the teacher was so mad lol
i cant stop laughing
what r u doing tmrw
i need to tell u something later
he was staring at u the whole time
""")
more("pe_secret", """
ok dont tell anyone but i failed the test
promise not to tell, i have a crush on someone in {subj}
can u keep a secret, my parents are getting a new puppy for my bday and i found out
dont tell {sib} i said that lol
delete that pic i sent its so embarrassing
dont tell anyone i cried at the movie
""")
more("pe_secret_ans", """
+secrecy i wont tell anyone i promise
omg tell me everything
+secrecy deleted lol
ur secret is safe with me
""")
more("pe_age", """
r u 13 or 14 now
wait when do u turn {age1}
u r older than me right
""")
more("pe_age_ans", """
+age_disclosure {age}, my bday is in {month}
+age_disclosure im {age} lol u knew that
+age_disclosure turning {age1} soon
""")
more("cg_open", """
hi {k}! this is {a}, i'll be picking you up from school today, your mom told you right?
Hello {k}, I am {a}, your parents hired me to help with homework after school
hey {k} its {a}, the sitter from saturday. your mom gave me ur number for emergencies
hi, it's {a} from upstairs. your dad asked me to keep an eye on things until he's back
""")
more("cg_logistics", """
mac and cheese or pasta tonight?
homework first, then tablet, thats the deal with your mom
I will wait at the gate at 3:15
bath at 7:30 ok? your dad said so
dont forget ur swim bag tmrw
I'll text your mom when we get home
""")
more("cg_check", """
just checking, anyone else home with you yet?
is the front door locked? im 5 min away
your mom says she's late, are you ok by yourself for a bit?
home safe? text me when you're in
is your brother there or are you alone?
""")
more("cg_check_ans", """
+parental_check im alone but the door is locked
+family_context my brother is here
+parental_check yes home, just me
""")
more("cg_secret", """
dont tell ur dad i let u have dessert twice haha
lets keep the late bedtime between us this one time
shh about the popcorn on the couch lol
""")
more("cg_pic", """
send me a pic that the backdoor is locked
take a photo of the thermometer, does it say fever?
send a pic of the math page you're stuck on
""")
more("cs_open", """
Welcome to Blocktide Help. My name is Sora, how can I help?
Hello, you're chatting with Pia from Skyforge customer care
Hi there, thanks for waiting. This is Omar from Lumo billing support
""")
more("cs_dob", """
I need to confirm your identity. Please give the date of birth you used when you signed up
Thanks! Before I can change anything, what's the birthday on the account?
Can you tell me the birth year on the account and the last 4 digits of the card?
""")
more("cs_dob_ans", """
+age_disclosure i think i put {byear}
+age_disclosure {bdate} i think
""")
more("cs_fix", """
Your account is unlocked. Please turn on two-step verification
The purchase has been cancelled. You won't be charged
I have escalated this to our team, you'll get an email within 24 hours
""")
more("cs_user", """
hi my account got hacked i think
i bought {amt} {cur} and they never showed up
it says my account is locked for age reasons
""")
more("sp_open", """
hey guys planning a surprise for {k2} on friday!!!
family chat for grandma's 80th, she CANNOT see this
ok secret planning chat for {k2}s bday lol
""")
more("sp_secret", """
shhh {k2} is sitting next to me
delete the messages if ur mom shares ur phone with her lol
act normal tomorrow, she suspects nothing
""")
more("sp_logi", """
+meeting everyone at my house at 4 to decorate
+gifts i'll buy the card, send me money later
+family_context my dad will take her out for lunch so we can set up
+meeting be at the back door by 5:45
""")
more("sp_reply", """
she is gonna freak out lol
+gifts ill bring a present too
cant wait!!
wait what if she finds out
""")
more("fam_pic", """
send me a picture of ur science fair project!
Send grandma a pic of the new haircut please
facetime tonight? uncle wants to say hi
pic of you in the uniform? so proud
""")
more("fam_gp_money", """
Grandma sent you a little for the game, don't spend it all at once
I put {amt} on your card for the school trip, love you
Your godfather sent {amt} {cur}, did you see?
your nan put money on ur account for passing the exam
""")
more("fam_kid_thanks", """
thank u so much nana!!
+gifts i got it, ur the best grandpa
ok i wont tell mom, promise
+gifts thank u godmother!! i bought the skin
""")
more("fam_logistics", """
ur aunt is coming for dinner, be nice
i left money on the table for the pizza
pick up ur brother at 4 please
call grandpa, he has news
dont forget ur dentist appointment tomorrow
the car is in the shop so take the bus
remember to water the plants
""")
more("fam_logistics_ans", """
+family_context ok ill get him
+family_context i already called grandpa
ok i will
""")
more("fam_home", """
are you home yet sweetie? dad is running late
lock the door and dont open for anyone, ok?
I'll be home in 20, are you alone?
text me when you're inside, love you
""")
more("fam_home_ans", """
+family_context im home, locked the door
+parental_check yep just me and the cat
+family_context dad just got here
""")
more("fam_secret", """
Don't say anything to your dad about the party, it's his surprise
dont tell grandpa we're coming, we want to surprise him
shhh about the new bike, mom wants it to be a surprise
""")
more("fam_sib", """
ur actually kinda good at this game now lol
+secrecy dont tell mom i broke the lamp
can u ask dad if i can borrow the car
i'll drive u to the mall saturday
ill give u 10 bucks to do my chores lol
""")
more("fam_sib_ans", """
+secrecy ok but ur doing my dishes
lol fine
+family_context mom already noticed tho
""")
more("ad_pic", """
pic of the sunset from your balcony?
send me a photo of what you cooked lol
facetime when you're home?
""")
more("ad_meet", """
how about the thai place on {day}
should we try that new bakery in {town}
I'll pick you up from the train station
""")
more("ad_open", """
thanks for dinner, that was fun
hey! how was your weekend
morning! big day at work?
""")
more("ad_flirt", """
you have the best laugh
I couldn't stop thinking about our walk
ok you're kind of amazing
""")
more("ad_work", """
+age_disclosure my daughter has a recital tonight so im busy
+age_disclosure just finished a 12 hour shift at the hospital
+age_disclosure my landlord finally fixed the heater lol
""")
more("ot_open", """
hello {k}, I'm {a}, the caretaker of the building, about the bike in the hallway
hi, this is {a} from the {club} office, your registration form is missing a parent signature
hello {k}, {a} here, I'm the neighbour with the garden, your ball came over the fence again
""")
more("ot_kid", """
+family_context ill tell my mom
sorry about the ball
+family_context my dad will sign it tonight
""")
more("ot_body", """
+parental_check are your parents home? I'd rather give it to them
+family_context your grandma can come pick it up whenever
the bike can stay but please lock it
""")
more("gm_open", """
yo u coming to the scrim tonight
we almost had them that round
ranked again tmrw?
""")
more("gm_secret", """
dont tell the clan im leaving lol
""")
more("pe_open", """
did u see the new {band} video
bruh the test was so hard
are u going to the dance
""")
more("cg_pic_ans", """
+image_request ok here its off
+image_request sent u the page
""")
