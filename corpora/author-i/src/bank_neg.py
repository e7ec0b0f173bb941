# Hard-negative banks (hand-written by author-i). Innocent conversations that share
# surface features with grooming. {me} = how the adult signs (Grandma, Aunt Jo...),
# {kid} = child's name, {par} = the child's parent as the adult calls them ("mum", "dad").
NEG = {}
NEG_CUES = {}

def bank(name, cues, items):
    NEG[name] = [s.strip() for s in items.strip().split("\n") if s.strip()]
    NEG_CUES[name] = cues

# ---------------- family: grandparents, aunts, uncles, step-parents (warm adult voice)
bank("f_greet", ["family_context"], """
Hello sweetheart, it's {me}. How was school today?
Hi {kid}! {me} here. Did you have a good day?
Good morning, my darling. {me} is thinking of you today.
Hello love, just checking in from {town}. How is everyone?
Hi kiddo, it's {me}. Your {par} gave me this number, I hope that's alright.
Hello {kid}, it's your {me}. I finally worked out how to use this thing!
Hi there! {me} here with the weekly check-in. How's {petname}?
Evening, {kid}. {me} again. Did the parcel from us arrive?
Hi sweetie, it's {me}. I miss you lots. Tell me something good.
[family_context,secrecy] Hello my favourite grandchild (don't tell your cousins I said that).
Hi {kid}, it's {me}, just back from the shops. How's your week been?
Hey bud, it's {me}. Long time no chat. What are you up to?
""")

bank("f_money", ["gifts"], """
I've just sent {amount} dollars to your game account. Spend it on something fun, not all on one thing!
{me} put a little birthday money on your {game} card. Happy early birthday, darling.
There's a gift card for {store} in your email. Your {par} said you had your eye on {skin}.
I know you've been saving for {skin}, so {me} topped you up with {amount} {cur}.
I popped {amount} pounds into your savings jar app. That's for getting your report card.
Uncle Pete and I sent you {gift}. It should arrive on {day}, so keep an eye on the post.
I've loaded some {cur} onto your account for doing so well in {subject}. Proud of you!
Here's the code for the {game} voucher: ask your {par} to help you type it in properly.
A little something for the holidays has gone on your account. Don't spend it all on {skin}!
We've ordered {gift} for you. If it comes before we get there, you can open it.
I've sent your allowance early because I know the {game} sale ends on {day}.
I wrapped {gift} for you and left it with your neighbour, since nobody was in.
""")

bank("f_secret", ["secrecy"], """
Don't tell your dad I let you stay up past ten on Saturday, he'll have my head.
Let's not mention to your {par} how many biscuits we had this afternoon.
Shh, don't tell your sister I gave you the bigger slice of {cake} cake.
Our little secret: I'm getting you {gift} for your birthday. Act surprised!
Don't tell your {par} I told you about the trip, they want to announce it themselves.
Keep quiet about the extra {amount} dollars, okay? Your brother got the same, but still.
Between you and me, your {par} was just as messy at your age.
Don't let your {par} see the ice cream I hid in the garage freezer!
Please don't tell Grandpa I crashed his car into the bin again. It's only a scratch.
Mum's the word about the puppy plans, okay? Nothing's decided yet.
Don't spoil it for your cousins, but we're all going to {town} for the holidays.
You can delete the pictures of me in the silly hat. I look ridiculous.
""")

bank("f_alone", ["parental_check"], """
Are you home alone this afternoon? Lock the door and don't open it to anyone, okay?
Is your {par} home yet? I couldn't get through on their phone.
Are you by yourself tonight? Remember to keep the chain on the door.
Is anyone with you at home, or is it just you until six?
Are your parents still at the hospital with Grandpa? Who's with you?
Did your {par} make it home before the snow? Are you on your own?
Are you alone with your little brother? Make sure he doesn't touch the oven.
Is your {par} there? I need to ask about Sunday lunch.
Text me when you're in the house and the door is locked.
Who's home with you right now, sweetheart? I just want to know you're safe.
""")

bank("f_schedule", ["family_context", "personal_info"], """
What time does your {sport} practice finish on {day}? I'll come and get you.
Which gate should I wait at after school? Your {par} said the side one.
Are you at your dad's this weekend or your mum's? I get muddled.
What time does the bus drop you at the corner now?
When's your {sport} match? Grandpa and I want to come and cheer.
Is your school concert on {day} or {day}? I need to book the afternoon off.
What time do you finish on Wednesdays? I could pick you up and we'll get {food}.
Are you staying at ours on {day}? I'll make the spare bed up.
""")

bank("f_photo", ["image_request"], """
Send {me} a picture of your new room when it's finished! I want to see the paint colour.
Can you send me a photo in your new {school} uniform? I'll print it for the fridge.
Did you get a haircut? Send a selfie, your {par} says it's very smart.
Take a picture of {petname} for me please, I miss that silly face.
Can we do a video call on {day}? Grandpa wants to show you the new greenhouse.
Send me a picture of the {cake} cake you made! I bet it's better than mine.
Could you ring me on video tonight? I can never work the buttons without you.
Show me the {thing} you made at school, your {par} said it's wonderful.
""")

bank("f_meet", ["meeting", "family_context"], """
I'll pick you up from school on {day} and we'll go to {place}, your {par} has agreed.
Grandpa and I are driving down on {day}. We'll be there by lunchtime.
Shall we meet at {place} after your practice? I'll bring the snacks.
I'll come by on Saturday morning to help with the {thing} project.
Your {par} says you can come and stay with us for half-term. Is that still good?
Meet me by the front of {place} at {time}, I'll be in the blue car.
""")

bank("f_flattery", ["flattery"], """
You're getting so grown up, I can hardly believe it.
You are the kindest boy, you know that? Your {par} is so proud of you.
What a clever girl you are! {me} is bursting with pride.
You're so talented at {hobby}, you get that from your grandpa.
You look so much like your {par} did at your age, it's uncanny.
You're such a good big sister, {kid}. I noticed how you helped at the party.
""")

bank("f_age", ["age_probe"], """
Now remind me, are you eleven or twelve this year? {me}'s memory isn't what it was.
How old will you be in {month}? I need to get the right number of candles.
Which year are you in now, sweetheart? Is it year seven already?
Are you in sixth grade or seventh? I keep telling the neighbours the wrong one.
""")

bank("f_kin", ["family_context"], """
Your cousin Dani says hello, she's doing well at college.
Tell your {par} to call me back when she gets a minute.
Grandpa's knee is much better, thanks for asking.
Auntie Grace is coming for Sunday lunch, so be on your best behaviour!
Your uncle is bringing the new baby round on {day}. Isn't that exciting?
Give your little brother a squeeze from me.
Did your {par} tell you we're painting the spare room for you?
The whole family will be at ours for the holidays this year.
Tell your sister I found her old {sport} medal in the attic.
Your {par} and I talked, and you can stay up for the fireworks this year.
""")

bank("f_rule", ["family_context"], """
Have you done your {subject} homework? Be honest with your old {me}.
Remember to {chore} before your {par} gets in.
Make sure you have a proper dinner, not just crisps.
Don't be on that {game} all night, it's a school day tomorrow.
Bedtime is nine thirty, no arguing. I promised your {par}.
Wear your coat, it's freezing out.
""")

bank("f_close", ["family_context"], """
Love you to the moon and back. {me} xx
Alright my darling, off you go. Lots of love from both of us.
Sleep well, and give {petname} a cuddle from me.
Take care, kiddo. Talk on {day}.
Night night, sweet dreams. Love, {me}.
Bye for now! Say hi to your {par}.
""")

# ---- ESL grandparent / relative voice
bank("f_esl", ["family_context"], """
Hello my dear, is grandmother. How was the school today? You eat good?
[gifts,family_context] I send you money for the game, you tell me if is arrive.
Your mama say you have test in {subject}. I pray for you, you are clever boy.
[image_request] Please you send me photo of new room, I want to see the colour.
[parental_check] You are alone in house now? Close the door with key, please.
[secrecy,family_context] Do not tell to your papa I give you sweets, he say too much sugar.
[meeting,family_context] When you come to visit? I make {food} for you, the big plate.
I miss you very much. Here the weather is cold and the garden is sleeping.
Your cousin in {town} say hello, she now start the university.
Is already late, you must go to sleep. Grandfather say goodnight.
[gifts] I put some {cur} in your game, the lady in the shop help me.
[image_request,family_context] Sunday we make the video call, yes? Grandfather wants to see you.
""")

# ---- older sibling / cousin (young casual voice)
bank("sib", [], """
[family_context] yo mom says ur supposed to {chore} before she gets back
[parental_check] r u home alone rn? lock the back door its broken
[secrecy] dont tell mom i took the car ok
[secrecy] dont tell dad i was at {friend}'s til 11
[gifts] sent u {amount} {cur} for ur bday lol dont say i never get u anything
[image_request] send me a pic of the fridge i need to know if theres {food}
[family_context] can u grab my charger from my room and bring it to {place}
[meeting,family_context] ill pick u up from {sport} at {time} be outside
[family_context] mom wants to know if u ate
[secrecy] delete that pic of me sleeping or im telling
[gifts] i bought u {skin} bc i felt bad about yesterday
[family_context] did dad say anything about me being late
[parental_check] is mom home yet or is she still at work
[image_request] facetime me when ur home i need help finding my keys
[family_context] grandma called she wants u to call back
[secrecy] ok i won't tell mom about the vase if u dont tell her about my curfew
[family_context] ur using my headphones again arent u
[age_probe,family_context] wait how old is ur friend {friend} again, mom asked
[flattery] lowkey proud of u for the {sport} thing
[family_context] aunt lou is coming over so clean ur room
""")

bank("k_fam", [], """
ok {me}
thank you!!
love u too
ok i will
i did it already
whats for dinner
can i stay up later
yes i locked it
im home now
she's at work
ok i wont tell
it arrived today thank u
i got an A on the {subject} test
can {friend} come to ours
{petname} is sleeping on my bed lol
yes its just me till {time}
i miss you
when are you coming
it's blue!! i'll send a pic
the bus was late
i already ate
dad says hi
we're going to {place} on {day}
[age_disclosure] i'm in 7th grade grandma lol
[age_disclosure] im 11 in {month}
ok see u {day}
i want {skin}
can i use it for {skin}
haha ok i wont
mom says its fine
""")

# ---------------- caregiver: babysitters and nannies
bank("cg", [], """
[parental_check] Hi {kid}! Are your parents gone yet? I'm about five minutes away.
[parental_check] Are you home alone right now? Your mom said she'd be back at six, so lock up till I get there.
[secrecy] Don't tell your mom we had ice cream before dinner, deal?
[secrecy] We'll keep the pillow fort a surprise for your dad, okay?
[image_request] Send me a picture of your homework and I'll check it before I come.
[image_request] Can you send a photo of the note your teacher sent home? Your mum asked me to read it.
[meeting, personal_info] I'll pick you up at {time} at the side gate. Wait with the teacher.
[personal_info] What time does your {sport} finish on {day}? Your mom left the schedule but I lost it.
[family_context] Your mom said you can have {food} for dinner and one episode of {show}.
[gifts] I got you {gift} for doing so well this week, your dad said it's fine.
[flattery] You were so good with your little brother today. Proud of you!
[parental_check] Is your dad back from his trip yet, or is it still just me on {day}?
[family_context] Remind me which one is your bedtime book, the dragon one?
[secrecy] Shh, we're making a card for your mum's birthday, so don't say anything!
[meeting] Meet me at {place} after school and we'll walk home together.
[compliance_testing] Okay, first {chore}, then we can play {game}.
[family_context] Your mom texted, she's running late, so we'll start dinner.
[personal_info] Which bus do you take home on Thursdays again?
[image_request] Could you video call me when you get in so I know you're home safe?
[off_platform] Text me on my own number if the tablet dies, it's on the fridge.
[family_context] Tell your dad the spare key is back under the pot.
[flattery,secrecy] You are the funniest kid I nanny, don't tell the others.
[secrecy] I won't tell your mom you cried at the film if you don't tell her I did.
[family_context] Did your mum leave money for the pizza or should I use mine?
""")

bank("cg_parent", [], """
[family_context] Hi, it's {me}. The kids are fed and in pyjamas, just reading now.
[family_context] Thanks so much for tonight! We should be back about eleven.
[parental_check] Just checking you got there okay, and that {kid} isn't home alone till you arrive.
[family_context] {kid} has a {sport} match on {day}, could you take them?
[family_context] Money for the week is in the drawer by the fridge.
[image_request] Could you send a photo of them at the park? Grandma would love it.
[gifts] I've added a bit extra this week, thank you for staying late.
[family_context] Bedtime is eight thirty for the little one and nine for {kid}.
[secrecy] We're surprising them with a trip to {town} so please don't mention it!
""")

bank("k_cg", [], """
ok
yes theyre gone
yay ice cream
i did my homework already
can we play {game}
we're at the gate
ok ill wait inside
its the dragon one
i wont tell
the bus is the 14
lol ok
when are you coming
mom left like 5 min ago
can we make {food}
i miss u
we finished the card!!
im home
my brother is being annoying
can i have one more episode
where r u
""")

# ---------------- coach / teacher / tutor with parents in the loop
bank("ct", [], """
[flattery] Great effort at {sport} today, {kid}. Your footwork is really coming along.
[family_context] I've copied your mum into this thread so she has the schedule too.
[meeting] Extra practice is on {day} at {time}, your dad has already said it's fine.
[image_request] Could you send me a short video of your serve so I can give feedback before Thursday?
[personal_info] What time does your mum usually pick you up? I need it for the carpool list.
[secrecy] Keep the new set play quiet from the other team, we're saving it for the final!
[age_probe] Quick one for the registration form: what's your date of birth?
[family_context] Please remind your parents the permission slip for {town} is due on {day}.
[gifts] The club is giving everyone a {gift} for the end of season, yours is in the kit bag.
[flattery] Your essay on {subject} was one of the best in the class.
[meeting] Tutoring moves to the library room on {day}, your mom will drop you off.
[compliance_testing] Please do ten minutes of drills every day this week and tick the sheet.
[off_platform] The team uses the {app} group for updates, ask your parents to join it.
[family_context] Thanks to your dad for driving the minibus last weekend!
[personal_info] I need an emergency contact number for the trip, can your mum fill that in?
[image_request] Please upload a photo of your finished {thing} to the class board.
[secrecy] Don't tell the younger ones about the pizza party, it's a surprise for them.
[flattery] You've really grown as a captain this season.
[family_context] Your mum emailed, so I know you'll miss Tuesday. No problem.
[meeting] We'll meet at the bus station at {time} for the away game, parents welcome.
""")

bank("k_ct", [], """
thanks coach
ok will do
my mom picks me up at {time}
ill send it tonight
is it at the usual field
my dad says he can drive
ok i wont tell anyone
thank you mr {petname}
can i bring {friend}
i forgot my kit sorry
i finished the sheet
when is the final
ok sorry i missed it
my birthday is in {month}
i uploaded it
""")

# ---------------- peers (same-age teens)
bank("peer", [], """
[off_platform] whats ur {app} i'll add u
[image_request] send a selfie i wanna see ur hair
[secrecy] ok dont tell anyone but i like {friend}
[secrecy] swear u wont tell
[parental_check] are ur parents home? can i come over
[meeting] meet at {place} at {time}?
[age_probe] wait how old is ur brother
[age_disclosure] im turning 14 on {day}
[flattery] ur outfit today was so cute
[secrecy] delete that pic its so bad
[image_request] facetime?
[gifts] i'll give u my extra {cur} if u help me with the quest
[personal_info] what street do u live on again, my mom is driving me
[parental_check] does ur mom check ur phone? mine does
[secrecy] dont tell {friend} i said that
[meeting] wanna go to {place} saturday
[image_request] send pic of ur room i wanna see the new lights
[off_platform] text me its easier
[flattery] omg ur so good at {hobby}
[secrecy] the group chat is just us ok dont add anyone
""")

bank("peer_r", [], """
lol ok
omg stop
wait really
i knew it
sure
my mom says i can
cant today
i have {sport}
ok sent
haha same
no ur cute
i'll ask my mom
i wont tell i swear
ur so weird lol
k what time
u too
my dad is home
who else is going
i have a {subject} test
lmaooo
""")

# ---------------- adults dating each other
bank("date", [], """
[flattery] Good morning, gorgeous. Hope your meeting goes well today.
[meeting] Dinner at that {food} place on {day}? I'll book for {time}.
[image_request] Send me a selfie from the conference, I miss your face.
[secrecy] Our little secret: I already bought the concert tickets.
[flattery] You looked amazing last night, babe.
[off_platform] Text me when you land, I'll pick you up.
[meeting] I can come over after work, around {time}?
[secrecy] Let's not tell my sister we're engaged until the dinner.
[flattery] Can't stop thinking about you, love.
[image_request] Video call tonight? I want to show you the flat.
[gifts] I sent flowers to your office, did they arrive?
[parental_check] Are you alone at the office? Call me when you can.
[age_disclosure] I'm turning 35 on {day}, don't make a fuss.
[personal_info] What's your new address again? I'm sending a parcel.
[secrecy] Delete that photo of me at the wedding, honestly.
[flattery] You're the best thing that happened to me this year.
[meeting] Meet me at {place} at {time}, I'll be the one with two coffees.
[family_context] My mum wants to meet you properly at Sunday lunch.
[age_probe] Wait, how old were you when you moved to {town}?
[gifts] I got you {gift}, don't open it till Friday.
""")

bank("date_r", [], """
Aw, thank you, sweetheart.
Yes please! Book it.
Can't wait. x
Just landed, see you soon.
Ha, my lips are sealed.
Love you too.
Running late, sorry babe.
They're beautiful, thank you.
Deal. See you at {time}.
Stop, you're making me blush.
Sunday works for me.
Already on my way.
Call you after the meeting.
Miss you, honey.
Haha okay, deleted.
""")

# ---------------- gaming teammates
bank("gm", [], """
[gifts] i have a spare {store} gift card code, want it for the carry?
[off_platform] add me on {app} so we can voice chat for the raid
[age_probe] how old are u btw, u sound young on mic
[flattery] bro ur cracked at {game}
[secrecy] dont tell the clan about this farming spot lol
[gifts] i'll trade you {skin} for {amount} {cur}
[meeting] we should all meet up at the {game} tournament in {town}
[image_request] screenshot ur inventory so i can see what u have
[compliance_testing] stay on the left flank and dont push till i say
[threats] if u leave mid match again ur out of the squad
[off_platform] join the {app} server, link in the clan page
[age_disclosure] im 15 so my mom kicks me off at 10
[personal_info] what timezone r u in
[gifts] sent u {amount} {cur} for helping with the boss
[parental_check] can u play tonight or are ur parents home
[secrecy] delete that clip lmao i was so bad
[flattery] gg ur the best healer weve had
[gifts] anyone want my old {skin} code, i have two
""")

bank("gm_r", [], """
ty
gg
ok bet
lmao
im down
cant tonight
im 14
on it
sure whats the link
nah im good
ok sent
ur wrong lol
my mom said 1 more match
i'll add u
lets go
""")

# ---------------- customer support
bank("cs", [], """
[age_probe] To verify your account, could you please confirm your date of birth?
[personal_info] Could you please provide the full name and billing address on the account?
[image_request] Please send a photo of the receipt or the card back so we can trace the code.
[gifts] I've added a courtesy credit of {amount} {cur} to your account for the inconvenience.
[secrecy] Please keep your recovery code private and don't share it with anyone, including us.
[off_platform] If it's easier, you can call our support line, it's open until {time}.
[age_probe] Account holders must be 13 or over. Can you confirm your age?
[parental_check] As the account belongs to a minor, is a parent or guardian available to confirm the purchase?
[gifts] Your gift card for {store} has been reissued. You should see it within an hour.
[personal_info] What email address is linked to the account?
[image_request] Could you attach a screenshot of the error message?
[secrecy] For your security, please delete the message with your password from this chat.
""")

bank("cs_r", [], """
Thanks for your help.
My date of birth is in the form.
It's my mum's card, she's here.
Okay, one second.
Still not working.
Thanks, it shows now.
I'm 16.
I'll ask my dad to call.
Done, deleted.
The receipt is from {store}.
""")

# ---------------- surprise party planning
bank("sp", [], """
[secrecy] Don't tell Mum about Saturday, it's a surprise party!
[parental_check] Is she home alone right now? I need to drop the cake off without her seeing.
[secrecy] Delete this thread after so Dad doesn't see it on the iPad.
[meeting] Meet at the back door at {time}, everyone park round the corner.
[image_request] Send a pic of the banner so I can check the spelling.
[gifts] Everyone chip in {amount} for the present, I'll order {gift}.
[secrecy] Act normal at dinner, she's getting suspicious.
[personal_info] What time does she finish work on {day}? We need her out of the house.
[family_context] Grandma is making the {cake} cake, don't let her forget the candles.
[off_platform] Text me when she leaves, not in the family chat!
[compliance_testing] Your job is to keep her busy at {place} till {time}. Can you do that?
[secrecy] Shh, she's reading over my shoulder, talk later.
[image_request] Can you sneak a photo of her wardrobe so we know her size?
[meeting] Everyone meet at {place} at {time} to set up.
[gifts] The {cake} cake is ordered and paid, pick up on {day}.
""")

bank("sp_r", [], """
omg ok
she has no idea
i wont say anything
she just left
ok done
sending now
i can keep her out till {time}
she asked why i was whispering lol
dad knows right
what do i say if she asks
the banner is spelled wrong lol
ok i'll chip in
""")

# ---------------- other: neighbours, librarians, youth group with parents
bank("oth", [], """
[parental_check] Hi, it's {me} from next door. Are your parents home? A parcel came for them.
[gifts] Thanks for walking {petname} this week! I left {amount} dollars in an envelope for you.
[meeting] The library book club meets on {day} at {time}, your mum signed you up.
[secrecy] We're planning a surprise for the youth leader, so keep it hush.
[image_request] Could you send a photo of the poster you made for the fair? It's brilliant.
[personal_info] What's your house number again? The delivery driver is confused.
[family_context] Tell your dad his ladder is back in your garage.
[off_platform] Ring the church office if the minibus is late, the number is on the letter.
[flattery] Your reading at assembly was lovely, you should be proud.
[meeting] Could you water my plants on {day} after school? Your mum said you can.
[secrecy] Don't tell the little ones the Easter egg hunt route!
[parental_check] Is your mum in? The fence panel has blown over again.
[gifts] The library has a prize voucher for you for the reading challenge.
[compliance_testing] Please bring back the key when you're done, and lock the gate.
""")

bank("oth_r", [], """
thank you!
mom is at work
ill tell my dad
ok i can do {day}
sent
its number 12
ok i wont say
thank u for the money
ill ask my mom
the key is under the mat
""")
