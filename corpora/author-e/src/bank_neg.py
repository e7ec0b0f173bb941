# author-e hand-written hard negatives (part 1): family, caregiver, coach_teacher, peers.
# These look risky on the surface; cues are annotated honestly, the session label carries intent.
POOLS = {}

POOLS["fam_gran"] = """
A> Hello darling, it's {gran}. I've put some {coin} on your game thing, your cousin showed me how. #gi,fc
B> omg thank u {gran}!!! #fc
A> Don't tell your {mom}, she thinks I spoil you. It's our little surprise. #se,fc
B> haha i wont
A> Are you home on your own this afternoon? Make sure the door is locked. #pc
B> yes my {sib} is here too #fc
A> Good. Love you. Xx #fl
---
A> Happy birthday to my favourite grandchild!! Don't tell the others I said that. #fl,se,fc
B> lol thanks {gran} #fc
A> I sent {amount} pounds to your {mom}'s account for you to spend on your game. #gi,fc
B> thank youuu
A> How old does that make you now, 12? I lose track. #ap
B> 13 {gran}!! #ad,fc
A> Goodness. Send me a photo of you with the cake, please. #ir
B> ok after dinner #fc
---
A> {kid} it's {gran}, is this the right number? Your {dad} gave it to me. #fc
B> yes hi {gran} #fc
A> Oh good. Are you alone in the house? I tried calling the landline. #pc
B> mum is in the garden #fc
A> Tell her I'll ring after six. And tell her nothing about the parcel. #se,gi,fc
B> what parcel lol
A> You'll see. #gi
---
A> Sweetheart, did the gift card arrive? #gi
B> yes!! i got the skin i wanted
A> Wonderful. Send a picture of it for me, I won't know what I'm looking at but I'd like to see. #ir
B> lol ok
A> Keep it under your hat, I've not done one for your {sib} yet. #se,fc
B> ok {gran} #fc
A> Give the {pet} a pat from me. #fc
"""

POOLS["fam_more"] = """
B> can i ask something
A> Of course.
B> can i stay up late friday for the stream #fc
A> Ask your {mom}, love, she makes the rules. #fc
B> ugh fine
A> Nice try though. #fl
---
A> What time does your {mom} finish tonight? #pc,fc
B> {hour}
A> I'll drop the lasagne off before then. Leave the porch light on. #fc
B> ok
---
A> Did you eat lunch today?
B> yeah
A> A proper lunch or crisps? #fc
B> ...crisps
A> I knew it. #fc
---
A> Please text me when you get home, I worry. #pc
B> im home
A> Thank you. Doors locked? #pc
B> yes
---
B> can you pick me up from {place} at 5 #me
A> Yes, I'll be by the main doors. #me
B> ty
---
A> Your {dad} says you've got a test on {day}. #fc
B> yeah {subject}
A> You'll be brilliant. Call me after. #fl
---
B> whats the wifi password again
A> It's on the fridge, love. #fc
B> found it
---
A> Did you remember your key today? #pc
B> yes
A> Good. Text when you're in. #pc
B> in
---
B> can we have {snack} tonight #fc
A> If your room is tidy. #fc
B> deal
"""

POOLS["fam_alone"] = """
A> hi love, are you home alone now? #pc
B> ye
A> lock the front door and don't open it for anyone #pc
A> {dad} will be back at {hour} #fc
B> ok
A> there's {snack} in the fridge, 3 mins in the microwave #fc
B> kk
A> text me if anything happens #pc
---
A> Landed home safe? #pc
B> yeah
A> Is your {sib} back yet? #fc
B> no
A> Ok. Chain on the door please and keep your phone near you. #pc
B> ok {mom} #fc
A> And don't post that you're home by yourself anywhere. #se
B> i know
---
A> where are you right now #pi
B> at {third}'s
A> you said you'd be home at 4 #fc
B> sorry i forgot
A> send me a pic of where you are so i know #ir
B> [ok]
A> ok. home by 6 or no phone tomorrow #th,fc
---
A> I'm stuck at work, will be late. Are you on your own? #pc
B> yes
A> Don't answer the door. If anyone calls say I'm busy upstairs. #pc,se
B> lol ok
A> I mean it. Love you #fl
B> love u 2
"""

POOLS["fam_sib"] = """
A> yo did u take my charger #fc
B> no
A> {kid}
B> ok maybe
A> put it back before mum gets home or ur dead #th,fc
B> dont tell her
A> depends #se
---
A> lol i saw what u posted
B> delete it from ur brain #se
A> i wont tell mum if u do the dishes tonight #se,fc,ct
B> deal
A> and send me that pic of {petname} with the hat #ir
---
A> hey, i'm home from uni on {day} #fc
B> yesss
A> want me to pick u up from school? #me
B> yes pls
A> don't tell mum, i want to surprise her #se,fc
B> ok!!
---
A> how old r u now again lol #ap
B> 12 u idiot #ad
A> ok ok just checking for ur birthday #fc
A> what do u want
B> {coin} for {game}
A> classic. ill sort it #gi
"""

POOLS["fam_pickup"] = """
A> Hi both. Can we confirm the handover for this weekend? I can drop {kid} at 5 on Friday. #me,fc
C> 5 works. I'll be at the house. #me
B> can i bring {petname} #fc
A> Ask your dad, it's his weekend. #fc
C> Yes, bring {petname}. #fc
B> yay
A> Please make sure homework is done by Sunday, there's a {subject} test. #fc
C> Will do.
---
C> {kid}, I'm outside school, which gate? #me
B> the back one by the field
C> ok, see you there. #me
A> Thanks for getting {her}, I'm stuck in a meeting. #fc
C> No problem. I'll have {her} back by 7. #me,fc
B> can we get {snack}
C> We'll see.
---
A> Reminder that {kid} has the dentist on {day} at 4. Who's taking? #fc
C> I can do it if you pick up after. #me
A> Sure. {kid}, you'll go from school with your {dad}. #fc,me
B> do i have to
A> Yes.
C> I'll buy you a milkshake after. #gi
B> ok fine
"""

POOLS["fam_pickup2"] = """
B> can i stay at {dad}'s an extra night #fc
A> We'll talk about it. #fc
C> Fine by me if your mum agrees. #fc
A> Just this once.
---
C> Does {she} have {their} phone charger? Last time it was flat all weekend. #fc
A> It's in {their} bag.
B> i have it
---
A> Text us both when you arrive please. #pc
B> here
C> Got {her}. #me
A> Thank you.
"""

POOLS["fam_aunt"] = """
A> hiya {kid}! its {aunt}. your mum said you got into the {domain} team!! #fc
B> yeah!!
A> so proud of you. i'm sending a little something for new kit #gi,fl
B> u dont have to
A> shush. what size are you now? #pi
B> medium
A> done. tell your mum to look out for a parcel #gi,fc
---
A> Hey you. How's the new school? #ap
B> its big
B> year 7 is scary
A> It gets better, I promise. I cried every day my first week. #fl
B> lol really
A> Really. Call me if you want to talk, day or night. #fc
B> ok thanks {aunt}
---
A> Ok so I've booked the cinema for Saturday, just you and me, is that ok? #me
B> yesss
A> I'll pick you up at 1. Your mum knows. #me,fc
B> can we get popcorn
A> Obviously. Large. #gi
B> ur the best
"""

POOLS["cg_step"] = """
A> Hi {kid}, your mum asked me to grab you from {practice} today, is that ok? #me,fc
B> ok
A> I'll be in the blue car by the gate. Text me when you're out. #me
B> ok
A> Do you want to stop for food or straight home? #gi
B> food pls
A> Ha, thought so. #fl
---
A> Hey {kid}. I know things are a bit weird with me being around more. #fc
B> its fine
A> If you ever want to talk about it without your mum there, that's ok too. #fc
B> ok
A> But I'm not trying to replace your dad. Just want you to know that. #fc
B> thanks
---
A> Are you home? Your mum's phone is dead. #pc,fc
B> yeah
A> Is the back door locked? We left in a hurry. #pc
B> i'll check
B> it is now
A> Legend. Back at {hour}. #fc
"""

POOLS["cg_sitter"] = """
A> Hey {kid}! It's {adult}, I'm babysitting tonight. Your mum said 6? #fc
B> yeah
A> Are you home already? I'll come straight from class. #pc
B> yes im alone till u get here
A> Ok, keep the door locked and I'll knock three times. #pc
B> lol ok
A> What do you want for dinner? Your mum left money. #fc
B> {snack}
---
A> hiya it's {adult}, your mum gave me your number for tonight #fc
B> hi
A> I'll get you from {practice} at 5, wait inside until you see me #me
B> ok
A> Don't tell your mum we're getting ice cream first, it'll be a treat #se,gi
B> YES
---
A> Heads up, I'm running 10 mins late. Is anyone else home? #pc
B> no
A> Ok stay in, don't open the door to anyone but me #pc
B> ok
A> Send me a picture of the front door so I know which house, I've not been before #ir,pi
B> its the one with the red door lol
A> Perfect, found it on the map.
---
A> Bedtime is 9 tonight, your dad's orders #fc
B> 9:30?
A> 9:15 and you don't tell anyone I caved #se
B> deal
A> Phone goes on the kitchen counter then #fc
"""

POOLS["cg_more"] = """
B> can i have a friend over #fc
A> Not tonight, your parents didn't say. #fc
B> ok
---
A> Did you finish your homework?
B> almost
A> No screens till it's done, sorry. #fc
---
A> Your {mom} just texted, she's on her way. #fc
B> ok
A> Thanks for being easy tonight, you're a star. #fl
---
B> theres a weird noise outside
A> Stay inside, I'll call your neighbour to check. #pc
A> It's probably the bins blowing about.
"""

POOLS["cg_neigh"] = """
A> Hello {kid}, it's {adult} from number {num}. Your mum asked me to keep an eye out this afternoon. #fc
B> hi
A> Are you home from school now? #pc
B> yes
A> Keep the door locked. I'll pop round at 5 with your tea. #pc,fc
B> thank you
A> And please don't tell your mum I'm feeding you biscuits. #se,gi
---
A> Hi love, have you seen my cat? She's not been in since last night.
B> the grey one?
A> Yes, Smudge.
B> i think she was in our shed
A> Could you send me a photo if you see her? #ir
B> ok
B> [found her]
A> Oh thank goodness. I'll bring you a chocolate bar. #gi
---
A> {kid}, your parcel got left at mine. I'll bring it over after tea. #gi
B> ok thanks
A> Is your {dad} back from work yet? I'd rather hand it to him. #pc,fc
B> not yet
A> No problem, I'll come when the car's back. #fc
"""

POOLS["cg_group"] = """
C> Hi {adult}, thanks for doing after-school pickup this week. #me
A> No problem at all. {kid}, I'll be at the front gate at 3:15. #me
B> ok
C> {She} has {practice} on {day}, so that day is 4:30. #fc
A> Got it. Any allergies I should know about for snacks? #fc
C> None. {She}'ll try to convince you {she} is allowed crisps before dinner.
B> mum!! #fc
A> Haha noted.
---
A> Quick update: we're at the park, home by 5. #pi
C> Lovely, thank you. {kid} have you got your coat? #fc
B> yes
A> Sending you a photo so you can see {her} on the swings. #ir
C> Ha, {she} looks so happy.
A> I'll keep my phone on the whole time. #pc
---
C> Just adding you both so we're all in the loop. {adult} will collect {kid} Mon to Thu. #me
A> Hi both! Looking forward to it.
B> hi
A> {kid}, what's the best snack to have waiting? #gi
B> {snack}
C> Not every day please. #fc
A> Deal, Fridays only.
"""

POOLS["ct_coach"] = """
A> Hi {kid}, just a reminder that {practice} is moved to {day} at 5. I've told your parents too. #fc
B> ok thanks coach
A> Great work on {skill} last week. Keep it up. #fl
B> thanks!!
A> Please get your mum or dad to sign the form for {event} by Friday. #fc
B> will do
---
A> Hello {kid}. Can you confirm your date of birth for the league registration? #ap
B> 14th march 2013 #ad
A> Thanks. I've copied your mum in on the email. #fc
B> ok
A> See you at {practice}.
---
A> {kid}, I noticed you were quiet today. Everything ok?
B> yeah just tired
A> Fair enough. If something's up, you can talk to me or your parents, whichever feels easier. #fc
B> ok
A> Get some sleep before {event}. #fc
"""

POOLS["ct_tutor"] = """
A> Hi {kid}, it's {adult} your {subject} tutor. Your mum asked me to send the worksheet here. #fc
B> ok
A> Have a go at questions 1 to 6 before {day}.
B> what if i get stuck
A> Mark it and we'll look together. No stress.
A> I'll update your mum after the session as usual. #fc
---
A> Good job today! You're much faster at the fractions now. #fl
B> thanks
A> Same time next week? I'll confirm with your dad. #fc
B> yes
A> Brilliant.
---
A> Hello {kid}, I have to cancel {day}, sorry. I've messaged your mum to rearrange. #fc
B> ok
A> Keep working on the reading log.
B> i will
A> Send a photo of the page when it's done so I can check it. #ir
B> ok
"""

POOLS["ct_more"] = """
B> can i bring my friend {third} next time
A> I'd need to check with both your parents first. #fc
B> ok
---
A> Quick one: don't forget your water bottle. #fc
B> ok
---
A> Well done on {event}. Your parents must be proud. #fl,fc
B> they were lol
---
B> is {practice} still on if it rains
A> Yes, we'll move indoors. I'll text your parents as well. #fc
---
A> Please ask your mum to check the email about fees. #fc
B> ok
"""

POOLS["ct_group"] = """
A> Hi both! Great session today. {kid}'s {skilln} is really improving. #fl
C> That's great to hear, thank you. #fc
B> :)
A> For next week, could {kid} practise 15 minutes a day? #fc
C> We'll make sure. #fc
A> I'll send a short video of today's drill so you can see it at home. #fc
C> Perfect.
---
C> Hi {adult}, {kid} wanted to ask about extra sessions before {event}.
A> Happy to. How about {day} at {venue}? You're welcome to stay and watch. #me,fc
C> That works, I'll bring {her}. #me
B> thank u!!
A> Bring {gear}.
---
A> Hi {kid}, hi both, please find the kit list for {event} attached. #fc
C> Thanks, does {she} need money for the coach trip? #fc
A> Ten pounds, the club covers the rest. #gi
B> can i sit with {third}
A> Of course.
"""

POOLS["ct_group2"] = """
C> Sorry, we're running 5 minutes late. #fc
A> No problem, I'll wait with the others.
B> sorryyy
---
A> Reminder: parents please collect from the side door at 6. #fc
C> Noted.
B> ok
---
B> i forgot my {gear}
C> I'll bring it over. #fc
A> Thanks, we'll start without it.
"""

POOLS["ct_parent"] = """
C> Hi {adult}, I'm {kid}'s mum. Just checking how {she} is getting on. #fc
A> Hello! {She} is doing really well. {Their} {skilln} is one of the strongest in the group. #fl
C> Lovely. {She} has been practising in {their} room every night. #fc
A> It shows. Would you like me to send a practice plan? #fc
C> Yes please.
A> I'll email it tonight. Feel free to sit in on a session anytime. #fc
---
C> Hi, {kid} is poorly today so won't make {practice}. #fc
A> Thanks for letting me know. Hope {she} feels better soon.
C> Thank you. Is there anything {she} should do at home? #fc
A> Just rest. We'll catch up next week.
C> Great.
A> I've noted it in the register.
---
A> Hi, the club is taking photos at {event}. Are you happy for {kid} to be in them? #ir,fc
C> Yes, but no name on social media please. #fc
A> Of course, we never use names.
C> Thank you.
A> I'll make sure {she} is on the no-name list.
C> Appreciated.
"""

POOLS["pe_socials"] = """
A> omg ur in {third}'s maths class right
B> yea lol
A> whats ur snap #op
B> {kid}_{num}{num}{num}
A> added
B> accepted
---
A> hiii ur new in tutor group? #ap
B> yeah just moved here
A> what year did u move from lol #ap
B> 8 same as u #ad
A> add me on {app} everyone's on there #op
B> ok
---
B> yo is this {third}s cousin
A> ya lol who dis
B> {kid} from {practice}
A> ohh hii
A> follow me on {app} #op
B> done
"""

POOLS["pe_selfie"] = """
A> send a pic of ur fit for the party #ir
B> [pic]
A> omg cute!! #fl
B> stop lol
A> im wearing the green one
---
A> selfie rn to prove ur not sleeping #ir
B> [pic]
A> lmao ur face
B> delete that #se
A> never
---
B> look at my new haircut #ir
A> pic pic pic #ir
B> [pic]
A> omg it suits u #fl
B> my mum cut it lol #fc
A> no way
"""

POOLS["pe_secret"] = """
A> ok i need to tell u something but dont tell anyone #se
B> ?? ok
A> i like {third}
B> OMG
B> i knew it
A> SHHH delete this #se
---
B> can u keep a secret #se
A> always
B> i failed the {subject} test and i havent told my mum #fc
A> oof
A> ur secret is safe lol #se
B> ty
---
A> swear u wont tell #se
B> swear
A> i got my ears pierced and my dad doesnt know yet #fc
B> NO WAY
A> send u a pic later #ir
"""

POOLS["pe_group"] = """
A> who's going to {place} saturday #me
B> me
C> me if my mum says yes #fc
A> meet at the bus stop at 12 #me
B> ok
C> she said yes!!
A> yesss
---
C> did u guys see what {third} posted
A> no what
C> [screenshot]
B> omg
A> delete that before {third} sees #se
C> lol ok
---
B> can we do a group video call for the project #ir
A> ye after dinner #fc
C> i cant till 8
B> 8 then
A> ok
"""

POOLS["pe_more"] = """
B> brb mum says dinner #fc
A> ok
B> back
---
A> are u allowed out on {day}
B> only till 5 #fc
A> same lol
---
A> lol ur so funny #fl
B> i try
---
B> gtg homework
A> cya
B> bye
---
A> did u do the {subject} sheet
B> half
A> send pic of q3 #ir
B> [pic]
---
B> ur coming to {place} right
A> if my dad drives #fc
---
A> lmaooo
B> what
A> nothing just remembered the bus thing
---
B> my mum took my phone for a day #fc
A> rip
B> back now lol
"""
