# author-e hand-written hard negatives (part 2): adults_dating, gaming, customer_support,
# surprise_party, other.
POOLS = {}

POOLS["ad_date"] = """
A> Hi, I enjoyed our chat on the hiking thread. Would you like to get a coffee sometime? #me
B> I'd like that. I'm free Saturday morning.
A> Great. {place}? There's a nice cafe by the entrance. #me
B> Perfect. I'll be the one with the green umbrella, it's forecast rain.
A> Ha, noted. Looking forward to it. #fl
B> Me too.
---
A> So, how old are you, if you don't mind? Your profile just says 30s. #ap
B> 34. You? #ad,ap
A> 38, divorced, one kid who thinks I'm hopeless at texting. #ad,fc
B> Ha, same with my nephew.
A> Can I send a photo? The profile one is from years ago. #ir
B> Go for it, I'll send a newer one too. #ir
---
B> I had a really good time last night.
A> Me too. You're very easy to talk to. #fl
B> Are you free on {day}? There's a gig at the Crown. #me
A> I'd love that. I can pick you up if you want. #me
B> Let's meet there, I'll be coming from work. #me
A> Deal.
"""

POOLS["ad_meet"] = """
A> running 10 late, sorry!! parking is a nightmare
B> no worries, I grabbed a table by the window #pi
A> you look lovely btw, I can see you from the car lol #fl
B> stop it and come in
A> coming!
B> ordered you a flat white
---
B> Are you home yet? #pc
A> Just got in. Thanks for tonight.
B> Let me know you're safe next time, ok? #pc
A> Will do. Call tomorrow? #ir
B> Definitely.
A> Sleep well. #fl
---
A> Would you like to come for dinner at mine on Friday? I'll cook. #me
B> What are you making?
A> My famous {snack}, well, famous with my sister #fc
B> Sold. Send me your address #pi
A> 14 Wren Lane, flat 2. Ring the top buzzer. #pi
B> See you at 7.
"""

POOLS["ad_secret"] = """
A> Don't tell anyone at work yet, ok? I'd rather keep us quiet for a bit. #se
B> Agreed. HR doesn't need to know yet lol
A> Ha. Delete that, just in case someone reads over your shoulder. #se
B> Deleted.
A> Dinner tonight?
B> Yes please. #me
---
B> My sister is going to ask a million questions when she meets you. #fc
A> I'll survive. Is she the one with the twins? #fc
B> Yes. Don't mention we met on an app, my mum thinks it's dangerous. #se,fc
A> Ha, fair. We'll say the book club.
B> Perfect.
A> Sunday lunch then. #me
"""

POOLS["ad_more"] = """
A> Are you free for a video call tonight? #ir
B> After 9, bath and bedtime here first. #fc
A> Ha, of course.
---
B> Can I ask what you do for work?
A> Architect, mostly boring extensions. You? #ad
B> Nurse. Night shifts this week. #ad
---
A> You made me laugh so much today. #fl
B> Good, that's the plan.
A> Call you later.
---
B> Safe home?
A> Yes, just in. Thank you for tonight. #fl
"""

POOLS["gm_cards"] = """
A> yo u got a spare {coin} card? i'll trade u the dragon skin #gi
B> i got a 10 one
A> bet. send code, i'll gift skin #gi
B> kk
B> {num}QRT-{num}P
A> got it, skin sent #gi
B> W
---
A> bro i won a giftcard in the tourney and i dont play that game lol #gi
B> which one
A> {game} {amount} {coin}
B> i play that!!
A> here u go #gi
A> {num}HJK-Z{num}X
B> BRO TYSM
---
B> can u lend me {amount} {coin} till my birthday #gi
A> lol ok but u owe me
B> deal my nan is sending money #fc
A> sent #gi
B> ur the goat #fl
"""

POOLS["gm_team"] = """
A> gg team. {kid} you were cracked on the last round #fl
B> lol thx
A> we need a 4th for the league saturday, u in? #me
B> gotta ask my mum #fc
A> ofc, its online, 2pm #me
B> she said yes
---
A> hey, you're the one who keeps topping the scoreboard. how long have you been playing? #fl
B> like 2 years
A> respect. join our clan? we've got a discord-ish thing on {app} #op
B> my parents dont let me use that #fc
A> no worries, we'll keep it in the game chat. #se
B> ok
---
B> can u add me to the squad
A> sure. just know we swear a lot lol
B> i dont care
A> how old are you? the league is 13+ #ap
B> 14 #ad
A> cool you're in
"""

POOLS["gm_adult"] = """
A> mate i'll pay you back for the battle pass when payday hits #gi
B> no rush
A> you're a legend. raid at 9? #fl
B> kids in bed by 8:30 so yeah #fc
A> sweet
B> bring snacks lol
---
B> want my spare {coin} card? wife got me two for christmas lol #gi,fc
A> ha yes please
B> {num}MNB-{num}{num}Y
A> redeemed, cheers man #gi
B> np
A> ill get the next one
---
A> are you alone in the lobby or is your brother on too? #pc
B> just me tonight
A> ok cool, quick duo before work #ad
B> im on nights so go for it #ad
A> sick
B> gg
"""

POOLS["gm_more"] = """
A> u on later
B> after dinner #fc
A> k
---
B> ggs
A> ggs
B> same time tmrw?
A> ye
---
A> bro the lag
B> unplayable lol
A> fr
---
B> brb mum wants me #fc
A> np
"""

POOLS["cs_dob"] = """
B> hi i cant log in
A> Hi, thanks for reaching out. I can help with that. Could you confirm your date of birth? #ap
B> 3 june 2012 #ad
A> Thank you. I can see the account. Because you're under 16, a parent will need to approve the reset. #ap,fc
B> ok my mum is here #fc
A> Great, I've sent the link to the parent email on file. #fc
---
B> my account got locked
A> Sorry about that! For security, please tell me your date of birth and the email on the account. #ap,pi
B> 12/11/2011 #ad
B> and its my dads email #fc
A> Thanks, I've sent a verification code there. #fc
B> got it
A> You're all set.
---
A> Hello, this is {adult} from support. You asked about changing your username?
B> yes
A> Can I check your age? Some names are restricted for younger users. #ap
B> 13 #ad
A> Thanks. Here are some options that are available.
B> the second one pls
"""

POOLS["cs_refund"] = """
B> Hi, my son bought {coin} with my card without asking. Can I get a refund? #fc
A> I'm sorry to hear that. Can you give me the order number and the account's date of birth? #ap
B> Order {num}{num}{num}{num}. He's 11. #ad,fc
A> Thank you. I've processed the refund and turned on purchase approval. #fc
B> Thank you so much.
A> You're welcome. Anything else?
---
A> Hello, I'm following up on your refund request.
B> Yes, I bought a gift card for my daughter and the code doesn't work. #gi,fc
A> Could you send a photo of the back of the card? #ir
B> Sent.
A> Thanks, that was a printing error. I've issued a new code by email. #gi
B> Great, thanks.
"""

POOLS["cs_account"] = """
B> someone is pretending to be me
A> I'm sorry. Can you send the link to the fake profile? #pi
B> [link]
A> Thanks. Are you under 18? We prioritise those reports. #ap
B> yes im 12 #ad
A> I've escalated it. Please don't reply to that account. #se
B> ok
---
A> Hi, we noticed a login from a new device. Was that you?
B> yes i got a new phone
A> Great. For your safety, please don't share your password with anyone, even friends. #se
B> ok
A> Would you like to set up parent notifications? #fc
B> sure
"""

POOLS["sp_plan"] = """
A> Ok group, {gran}'s 70th is on {day}. This is a SURPRISE, nobody say a word. #se,fc
C> My lips are sealed. What time? #se
A> 2pm at {place}. {kid}, can you keep {gran} busy till 1:30? #fc
B> yes!! ill ask for help with my project
C> Genius.
A> And delete this chat before you go round lol #se
B> lol ok
---
C> Is {kid} in this chat?? #pi
A> No, I made a separate one. Ok so mum's party is the 14th. #fc
B> im in it lol #fc
C> ok good, you're on decoy duty. #se
B> what do i do
A> Take her to {place} and don't let her look at her phone. #fc
---
A> Balloons are ordered. Who's bringing the cake? #fc
C> Me. {kid}, what's your {dad}'s favourite flavour? #fc
B> lemon
C> Lemon it is. Don't let him see this!! #se
B> i wont
A> He's going to cry lol #fc
"""

POOLS["sp_secret"] = """
A> Psst. It's {mom}. Don't tell {dad} but I got him the tickets!! #se,fc
B> omggg
A> Keep it secret till Friday ok? #se
B> promise
A> Can you find out his shirt size without him noticing? #pi
B> on it
---
A> Hi sweetheart, can you do me a favour and NOT mention the party to your {sib}? #se,fc
B> why
A> It's a surprise for your {sib}'s birthday! #fc
B> OH
B> ok i wont say anything
A> Thank you. You're the best secret keeper. #fl
---
A> {kid}, I'll pick you up early on {day}, don't tell your mum, it's her surprise #me,se,fc
B> what surprise
A> Flowers and a cake. I need your help carrying them lol #fc
B> ok!!
A> Meet me at the side gate at 3. #me
"""

POOLS["sp_more"] = """
B> she almost saw the balloons lol
A> Nooo. Hide them in your room. #se
B> done
---
A> Is she home yet? #pc
B> not yet
A> Good, we'll start setting up. #fc
---
B> what time should i bring her
A> 2:15. Text me when you leave. #pc
B> ok
---
A> Remember, act normal at dinner. #se
B> lol i will try
"""

POOLS["sp_kid"] = """
A> ok so {third}'s bday is saturday and we're doing a surprise #se
B> yesss
C> who's bringing what
A> i'll do the banner, u do snacks #gi
C> can we meet at the park at 11 #me
B> yes
A> DONT TELL {third} #se
---
C> guys {third} just asked me what we're doing saturday
A> say nothing!!! #se
B> say we're studying lol
C> ok lol
A> delete the chat after #se
B> {third} never checks my phone anyway
---
B> i got the card, everyone sign it at lunch
A> ok
C> can someone send a pic so i know what it looks like #ir
B> [pic]
C> cute!!
A> remember its a secret #se
"""

POOLS["ot_wrong"] = """
A> Hi Derek, is the van still available on Saturday?
B> i think u have the wrong number
A> Oh sorry! Who is this? #pi
B> not derek lol
A> Apologies, have a good day.
B> u too
---
A> Is this the number for the pottery class?
B> no sorry
A> Oh no, I must have a typo. Sorry to bother you.
B> its ok
A> Have a lovely evening.
B> u too
"""

POOLS["ot_pet"] = """
A> Hi, I saw your poster about the lost {pet}. I think I saw it near {place}. #pi
B> omg really??
A> Yes, about an hour ago. Maybe ask a parent to come and look with you. #fc
B> my dad is coming now #fc
A> Good luck, I hope you find it.
B> WE FOUND HIM
A> Wonderful news!
---
B> hi is this the number on the found {pet} poster
A> Yes! Is it yours?
B> i think so its {petname}
A> Can you send a photo of him so I can check? #ir
B> [pic]
A> That's him. Come round with your mum or dad and pick him up. #me,fc
"""

POOLS["ot_market"] = """
A> Hi, is the bike still for sale?
B> Yes. 80 or nearest offer.
A> Could I see it Saturday? #me
B> Sure, I'm in {town}. I'll send the address closer to the time. #pi
A> Great, can you send a couple more photos? #ir
B> Sent.
---
B> Is the desk still available?
A> It is! Collection only.
B> Can I come tonight? #me
A> After 6, 22 Elm Road. #pi,me
B> Perfect, cash ok? #gi
A> Yes.
---
A> Hello, do you still have the kids' bunk bed? #fc
B> Yes, my two have outgrown it. #fc
A> Brilliant. Can I pay a deposit now? #gi
B> No need, just come on Sunday. #me
A> Thank you, see you then.
B> No problem.
"""

POOLS["ot_school"] = """
A> Hello {kid}, this is Ms {adult} from the school library. Your book is overdue. #fc
B> sorry i forgot
C> I'll make sure it's returned tomorrow. #fc
A> Thank you both. No fine this time.
B> thank u
A> Enjoy the rest of the series.
---
A> Dear parents and students, the trip to the science museum is on {day}. #fc
C> Does {kid} need a packed lunch? #fc
A> Yes please, and a phone is optional.
B> can i sit with {third}
A> Seating is by form group, sorry.
C> Thanks for organising.
---
A> Hi, reminder that year 8 photos are on {day}. #ap
C> Thanks. {kid}, uniform please. #fc
B> ugh fine
A> Siblings can be photographed together if you book a slot. #fc
C> We'll book one.
B> noooo
"""
