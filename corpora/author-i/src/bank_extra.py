# Extra banks (hand-written by author-i): peer-posing offender voice, slips, parent-in-the-loop,
# support openers/closers, sibling replies, sitter replies to parents.
EXTRA = {}
EXTRA_CUES = {}

def bank(name, cues, items):
    EXTRA[name] = [s.strip() for s in items.strip().split("\n") if s.strip()]
    EXTRA_CUES[name] = cues

bank("p_open", [], """
heyy u were in my {game} squad earlier right
hi lol ur the one with the {skin}
hey do u go to {school}? i think i saw u on the page
omg u like {show} too?? nobody i know watches it
yo wanna duo in {game}
hey ur art is rly good, how do u do the shading
hii sorry random but ur videos are so funny
hey i just started {game} can u help me
""")

bank("p_rapport", [], """
my mom is so annoying she took my phone for a whole day
ugh i have a {subject} test too
what do u want for ur bday
i literally only eat {food} lol
my little brother keeps stealing my {pet}'s toys
school is so boring i swear
do u have a crush on anyone
my friends are kinda fake lately
what r u doing this weekend
ur so funny lol
i got grounded for staying up playing {game}
whats ur fav song rn
""")

bank("p_cover", ["age_disclosure"], """
lol no i meant my older brothers car
haha i just say rent bc my mom makes me pay for my phone
wait did i say work? i meant school lol
ok fine im a bit older than 15 but does it matter
i'm actually 19 but i didnt want u to freak out
my job is just like helping my uncle lol
""")

bank("k_slip", [], """
wait u have a job?
u drive??
i thought u were 15
rent? how old r u actually
wait what
thats weird for a 15 yr old
u said u were in 10th grade tho
huh
""")

bank("k_sib", [], """
ok fine
no u
im telling mom
lol ok
did u get me anything
whatever
ok but u owe me
where r u
ok im outside
its already locked
""")

bank("par_fam", ["family_context"], """
Thanks for the money, Mum, that's very generous. {kid}, say thank you properly!
{kid}, don't forget Grandma's call on {day} at {time}.
Yes, we'll all be there by two. I'll bring the salad.
We're out until six tonight, so {kid} will be on their own for an hour. The neighbours are in.
Haha, he's already asked me about {skin} three times today.
She loved the {gift}. It hasn't left her side.
Can you two sort out the weekend? I'm at work till late on {day}.
Photos from the weekend are in the family album now.
""")

bank("cg_sitter", ["family_context"], """
All good here! Dinner done, homework done, {kid} is reading.
No problem at all, I can stay until eleven.
Yes, I'll take them to {sport} on {day}.
We're back from the park, everyone's had a bath.
Found the spare key, thanks!
""")

bank("par_loop", ["family_context"], """
Thanks coach, I'll drop {kid} off at {time}.
Yes that's fine with us, {kid} has been looking forward to it.
I've signed the form and put it in the kit bag.
Could you send the schedule to me as well? Thanks!
{kid} can't make {day}, we have a family thing. Sorry!
Thanks for all the extra encouragement this term.
I'll be doing the carpool on {day}.
Great, we'll see you at the bus station.
""")

bank("cs_open", [], """
Hi, I bought {skin} but it never showed up in my account.
Hello, my gift card code for {store} says it's already used.
Hi, I got locked out of my {game} account.
Hey, someone charged {amount} dollars to my account and it wasn't me.
Hello, my password reset email never arrives.
Hi, the {cur} I bought disappeared after the update.
""")

bank("cs_close", [], """
Is there anything else I can help you with today?
Your ticket has been resolved. Have a great day!
Thanks for your patience. The item should now appear in your inventory.
I've escalated this to our billing team. You'll get an email within two days.
""")

# ---- innocent child replies chosen by the cue of the adult message (hard negatives)
bank("r_gifts", [], """
thank you so much!!
omg thank uuu
i'm gonna get {skin} with it
yay it came through
thanks {me} love u
woah thats a lot thank u
can i spend it on {game}
i'll save some i promise
mom said to say thank you properly so THANK YOU
it's already in my account thanks
""")
bank("r_secrecy", [], """
haha ok i wont say
my lips are sealed
ok deal
lol ok
i won't tell i promise
ok but only if i get some too
she's gonna be so surprised
i already forgot lol
""")
bank("r_parental", [], """
yes i locked it
mom's back at {time}
dad's home now
yeah just me and {petname}
the chain is on
she's in the shower
yes im inside
my brother is here too
theyre at the shops
""")
bank("r_image", [], """
ok ill send it later
its blue!!
ok one sec
can we call on {day} instead
my room is kinda messy lol
ok i'll ask mom to help with the camera
sent it
haha ok
""")
bank("r_meeting", [], """
yay!!
can we get {food}
ok ill be at the gate
see u then
i'll tell mom
ok!! cant wait
what time again
""")
bank("r_info", [], """
it finishes at {time}
the side gate
i'm at dad's this weekend
the bus is at like {time}
its on {day}
idk ask mom
""")
bank("r_flattery", [], """
aw thanks
stoppp
haha thank u
ok {me}
thanks lol
""")
bank("r_age", ["age_disclosure"], """
im 11 {me}
12!! u know that
i'll be 12 in {month}
i'm in 7th grade lol
year 6 still
10 and a half
im turning 11
""")
bank("r_offplat", [], """
ok i'll tell mom
ok
where is the number
the tablet is charging
""")

# ---- more hand-written lines appended to existing banks (same default cues)
bank("f_greet", ["family_context"], """
Hi darling, it's {me}. We just got back from the garden centre and I thought of you.
Hello pet, {me} here. Your {par} says you've had a busy week.
Morning, {kid}! It's raining buckets here in {town}. Is it the same with you?
Hi sweetpea, just a quick hello from {me} before my programme starts.
Hello {kid}, hope you're keeping warm. {me} has the heating on full blast.
Hiya love, it's {me} on my new phone. Let me know this one works!
Hey there, {me} checking in. Did you survive the {subject} test?
Good evening, young {kid}. How's life in the big school?
""")
bank("f_money", ["gifts"], """
Grandpa wanted me to tell you he's put {amount} {cur} in your game thing. He says not to buy anything silly.
I've sent a little pocket money for the school trip to {town}. Buy yourself a treat.
There's a voucher for {store} in the card, so you can choose your own {skin}.
I've paid for your {game} membership for another year, your {par} said you'd been asking.
Consider the {amount} dollars an early reward for all that practice.
I'm sending {gift} in the post. Please write me a little note when it arrives!
The money is for the {sport} boots, not the game, but I won't check.
""")
bank("f_alone", ["parental_check"], """
Your {par} said she's stuck in traffic. Are you in the house by yourself? Keep the door locked, love.
Is your big brother home with you or have you got the place to yourself?
Just checking, is anyone there with you tonight? Ring me if you get scared.
Are you on your own after school this week? Remember the spare key rules.
Has your {par} got back from the airport yet, or are you still by yourself?
""")
bank("f_secret", ["secrecy"], """
I'm getting your {par} a new bike for her birthday, so not a word, okay?
Keep it under your hat, but Grandpa and I are coming to your concert after all.
Don't tell your {par} I gave you the last of the {cake} cake. She'll say I spoil you.
Not a word to your sister about her present, she's terrible at waiting.
I'll let you stay up for the match, but that's just between us and the dog.
""")
bank("f_photo", ["image_request"], """
Can you send me a photo of your {sport} medal? I want to show the ladies at church.
Give me a quick video call when you're home, I've forgotten how to use the photo thing.
Send a picture of your Halloween costume, I want to see the whole thing.
Could you take a photo of the recipe card in your {par}'s kitchen for me?
""")
bank("f_meet", ["meeting", "family_context"], """
We're taking you to {place} on {day} for your birthday treat. Wear something warm.
I can collect you from {sport} on {day}, then we'll go to ours for {food}.
Shall I come and watch your match on {day}? I'll stand at the back and cheer quietly.
Pack a bag for Friday, you're staying with us for the long weekend.
""")
bank("f_kin", ["family_context"], """
Your {par} told me about the tooth, so the tooth fairy owes you double.
Did your little cousin like the drawing you sent?
Grandpa has finally fixed the swing in the garden, so it's ready for you.
We're doing the family quiz again at Christmas, start studying!
Tell your {par} the casserole dish is ready to collect.
Your uncle says the new puppy chewed his slipper already.
""")
bank("cg", [], """
[parental_check] Are your mum and dad out yet? I'm on the bus, should be there in ten.
[secrecy] Our secret: we're baking {cake} cupcakes for your dad's welcome home.
[image_request] Take a picture of the fridge so I know what we have for dinner.
[meeting] I'm parked outside {place}, come out when you're ready.
[personal_info] What's the door code for your building again? I wrote it on my hand and it rubbed off.
[gifts] I brought you a little {gift} from my holiday, it's in my bag.
[flattery] You were so brave at the dentist today!
[family_context] Your mum says screens off at eight, sorry, I don't make the rules.
[parental_check] Are you home yet? Text me once you're inside and the door's shut.
[compliance_testing] Teeth, pyjamas, then one chapter. That's the deal.
[secrecy] Don't tell your brother there's one brownie left, it's for you.
[image_request] Send me a pic of the spelling list, we'll practise before your mum gets home.
[meeting] I'll meet you off the school bus at {time}, look for the green umbrella.
[family_context] Your grandma is picking you up Friday instead of me.
""")
bank("ct", [], """
[flattery] That was your best time this season, {kid}. Well done.
[meeting] Reminder: early start on {day}, bus leaves school at {time}.
[image_request] Can you film your routine at home so we can go through it on {day}?
[personal_info] Which size kit do you need? I'm placing the order tonight.
[family_context] I've spoken to your dad about moving you up to the older group.
[secrecy] Don't share the quiz answers with the other class, they sit it tomorrow!
[gifts] You've earned a merit voucher for the school shop, well done.
[age_probe] For the tournament form I need your age on the first of {month}.
[compliance_testing] Water bottle, shin pads, and no phones on the bench please.
[off_platform] Your mum asked for my number, so I've added her to the parent group on {app}.
[flattery] Your {subject} project was very thoughtful. I've shown it to the head.
[meeting] Parents' evening is {day} at {time}, please bring your reading log.
""")
bank("peer", [], """
[off_platform] ur {app} isnt working, did u change ur name
[image_request] pic of ur nails? i wanna copy them
[secrecy] swear on ur life u wont tell {friend} i cried
[meeting] my mom can drive us to {place} after school
[parental_check] is ur mom gonna be home? i need to borrow ur charger
[gifts] i got u {skin} for ur bday!!
[secrecy] ok this is so embarrassing but i like someone in {subject}
[age_probe] is ur cousin in 8th or 9th
[flattery] ur voice in choir was so good today
[image_request] send pic of the homework i left mine at school
[meeting] sleepover at mine friday? my mom said yes
[secrecy] dont tell ur sister i broke her headband
[personal_info] whats ur address for the party invite
[off_platform] make a group on {app} with us
""")
bank("date", [], """
[flattery] You make Mondays bearable, you know that?
[meeting] Picnic at {place} on {day} if it stops raining?
[image_request] Send me a picture of the new haircut, I'm dying to see.
[secrecy] Don't tell the others at work about us yet, I want to enjoy it first.
[gifts] There's a little parcel at your door, don't open it in front of your flatmate.
[off_platform] Call me when you get in, I want to hear your voice.
[flattery] Sweetheart, you were brilliant at the presentation.
[meeting] I'll meet you at the station at {time}, then {food}?
[secrecy] Our little secret: I told your mum I'd cook and I can't.
[parental_check] Is your roommate home or can I come over?
[image_request] Selfie please, I need proof you're wearing the scarf.
[family_context] My brother wants us both at his birthday on {day}.
""")
bank("gm", [], """
[gifts] yo i just got a free {store} code from the event, u want it?
[off_platform] voice on {app}? typing is too slow for this raid
[flattery] that clutch was insane bro
[secrecy] keep the glitch quiet or they'll patch it
[meeting] the whole squad is going to the {game} meetup in {town}, u coming?
[age_probe] r u old enough for the ranked league? its 13+
[image_request] send a screenshot of the leaderboard lol
[compliance_testing] everyone ready check, type 1 when ur in
[gifts] trade? my {skin} for ur {skin}
[parental_check] is ur dad gonna kick u off at 10 again lol
[threats] if u ghost the tournament again we're replacing u
[personal_info] whats ur timezone for the scrim schedule
""")
bank("s_rapport", [], """
Did your gran enjoy the {food} you made?
Is the new {subject} teacher any better?
What did you end up naming the {game} town?
Did you get to the end of the book you were reading?
How did the sleepover go in the end?
You said {friend} was moving away. How are you feeling about that?
Did the rain ruin {sport} again?
What's the thing you're most looking forward to this month?
""")
bank("s_notice", ["flattery"], """
You went a bit {feel} when I asked about the weekend. We don't have to talk about it.
You've had a rough few weeks. I think you've handled it better than most adults would.
You always apologise when you haven't done anything wrong. I've noticed that.
Something's different tonight. You don't have to say what.
""")
bank("s_gets", ["flattery"], """
I feel like you can actually be yourself here.
You never have to perform for me. I like you as you are.
You listen better than anyone I've met in years.
Some people are just easy to understand. You're one of them, for me.
""")
bank("s_wedge", ["isolation"], """
It sounds like your family has a lot going on and you end up last on the list.
I don't think {friend} would have noticed you were upset. I did.
Your brother seems to get away with everything, from what you say.
You shouldn't have to shrink yourself so your friends feel comfortable.
""")
bank("s_between", ["secrecy"], """
I'd keep our chats off the family computer. Your dad sounds like he'd ask a hundred questions.
Probably best if {friend} doesn't hear about the {cur}. She'd want some too.
Maybe don't mention the voice calls. People hear "voice call" and panic.
I'd rather you didn't screenshot our chats. They're just for us.
""")
bank("s_routine", ["personal_info"], """
Do you still have the house to yourself until your mum's shift ends?
What time do you usually walk {petname}? Same route every day?
Is {sport} still on {day} evenings, or did it change?
Which bus stop is nearest your house, the one by {place}?
""")
bank("s_favour", ["compliance_testing"], """
Would you try to message me first thing when you get home? It makes my day.
Could you leave the group chat muted tonight? They always pull you away.
Will you wear the blue hoodie on {day}? Just a silly thing.
Can you answer within the hour tomorrow? I get worried otherwise.
""")
bank("s_guilt", ["threats"], """
I've turned down plans to be online for you. I'm not complaining, just saying.
I suppose I'll wait and see if you remember me tomorrow.
It's alright. Everyone gets tired of me eventually.
I was looking forward to tonight. Never mind.
""")
bank("o_rapport", [], """
what are you watching these days
lol your {pet} sounds like a menace
do you like school or nah
if you could have any {game} skin which one
that's actually really cool that you do {hobby}
i'm just chilling, kind of lonely tonight
what's your room like, gamer setup or cozy
do you get along with your parents
""")
bank("o_flattery", ["flattery"], """
you're honestly funnier than anyone in my real life
i can't believe nobody at school sees how cool you are
you act way older than 13
you could do anything you want when you're older
""")

bank("r_greet", [], """
hi {me}!!
hiii
school was ok
good!! we had {food}
its raining here too
hi its me
i got a gold star in {subject}
{petname} says hi
yes it works
im good hbu
""")
