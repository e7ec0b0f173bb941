# author-e hand-written long hard negatives that run over weeks: a coach's season with parents in
# the loop, a grandparent far away, and a teen friendship. They share the shape of slow positives.
POOLS = {}

POOLS["cs1"] = """
A> Hello {kid}, welcome to the {domain} group this term! I've added your {mom} to the parents' list too. #fc
B> thank u
A> First {practice} is {day} at {venue}. Bring {gear} and a water bottle.
B> ok
A> If you have any worries, tell me or your parents, whichever is easier. #fc
---
A> Hi {kid}, it's {adult}. Your {dad} asked me to message you directly about the timetable. #fc
B> hi
A> We meet {day}s at 5. Parents are welcome to watch from the side. #fc
B> cool
A> What level were you at your last club? #ap
B> intermediate i think
---
A> Hello {kid}! Good to meet you on {day}. You picked things up very quickly. #fl
B> thanks!!
A> I've sent your parents the term plan so everyone knows what's coming. #fc
B> ok
A> See you next week.
---
A> Hi {kid}, I'm the new {domain} coach at the club. How long have you been doing it? #ap
B> 2 years
A> Great. I'll pair you with the group that fits your level.
B> ok
A> I'll let your {mom} know which session that is. #fc
"""

POOLS["cs2"] = """
~
A> {kid}, you've improved a lot over the last few weeks. #fl
B> really?
A> Yes, {skill} especially. Keep doing 10 minutes a day at home.
B> ok i will
---
~
B> can i do extra practice before {event}
A> Good idea. I run an open session on {day}, parents can stay. #fc
B> ok ill ask my {mom} #fc
A> Great, she can message me if she has questions. #fc
---
~
A> Hi {kid}, quick reminder the session is in the big hall this week.
B> ok
A> And please bring your signed photo consent form. #fc
B> forgot it last time lol
---
~
B> im nervous about {event}
A> That's completely normal. Everyone is.
A> Remember what we practised and breathe.
B> ok
A> You'll be fine. Your parents will be there cheering. #fc
"""

POOLS["cs3"] = """
~
A> Hi all, lift-share for {event}: {kid}, your {mom} has offered to drive you and two others. #me,fc
B> yay
A> Meet at the club car park at 8. #me
B> ok
---
~
B> how did i do in the trials
A> You made the squad! I've emailed your parents the details. #fl,fc
B> OMG
B> YES
A> Well earned.
---
~
A> {kid}, I heard you weren't well. Hope you're feeling better. #fc
B> yeah its just a cold
A> Rest up. I've let your {dad} know the video from today is on the club page. #fc
---
~
A> The club is giving everyone in the group a new {gearn} bag for the season. #gi
B> cool!!
A> Your name will be on it. Parents can collect on {day}. #fc
"""

POOLS["cs4"] = """
~
A> End of the season! Thanks for all your hard work, {kid}. #fl
B> thank u for coaching me
A> Pleasure. The awards night is on {day}, families welcome. #fc
B> my {gran} wants to come #fc
A> The more the merrier.
---
~
B> will u be our coach next year too
A> I hope so! I'll confirm with parents in the summer. #fc
B> ok good
A> Enjoy the break, and keep practising a little.
---
~
A> Photos from the tournament are up on the club page, parents only link. #ir,fc
B> am i in them
A> A few. Your {mom} can send you them. #fc
B> ok
---
~
A> Hi {kid}, the club is collecting feedback on the season. Your parents have the form. #fc
B> ok
A> You can add your own comments too. What did you enjoy most?
B> {event}
A> Mine too.
"""

POOLS["gw1"] = """
A> Hello sweetheart, it's {gran}. I've got this chat thing working at last! #fc
B> hi {gran}!!! #fc
A> How are you? How's school? #fc
B> good
B> we have a new teacher
A> Is she nice?
B> yeah
---
A> Hi darling, it's {aunt}. Your {mom} gave me your username. #fc
B> hiii
A> I miss you! How tall are you now? #pi
B> taller than mum lol #fc
A> No! Send me a photo so I can see. #ir
B> [pic]
---
A> {kid}, {gran} here. Did you get my postcard from the seaside? #fc
B> yes its on my wall
A> I've got a surprise for your birthday but it's a secret. #se,gi
B> what is it
A> If I told you it wouldn't be a secret!
"""

POOLS["gw2"] = """
~
A> I've put some money on your game, the card one. Don't tell your {sib}, it's just for you. #gi,se,fc
B> thank u so much
A> Spend it wisely. Or not, ha.
---
~
A> Are you at home by yourself today? Your {mom} said she was working. #pc,fc
B> {sib} is here #fc
A> Good. Lock the door and don't let anyone in. #pc
B> ok
---
~
B> {gran} can we video call #ir,fc
A> Yes! After your tea? #fc
B> ok
A> I'll ask your {mom} to set it up on the big screen. #fc
"""

POOLS["gw3"] = """
~
A> Show me your room on the next call, I want to see the new curtains. #ir
B> lol ok
A> Your {mom} says you painted it yourself. #fc
B> with {dad} #fc
---
~
A> Where are you going on the school trip? #pi
B> the castle
A> Oh lovely, I went there when I was a girl. Take photos for me. #ir
---
~
B> i miss u
A> I miss you too. I'll visit at half term, don't tell your {mom}, I want to surprise her. #me,se,fc
B> omg ok
"""

POOLS["gw4"] = """
~
A> I'm coming on the 2 o'clock train on {day}! Can you and your {dad} meet me? #me,fc
B> yes!!!
A> I'll be the one with the big bag of presents. #gi
---
~
A> Thank you for the lovely weekend. Give {petname} a hug from me. #fc
B> i will
A> Call me on Sunday as usual. #ir
---
~
A> Well done on your report! Your {mom} sent me a photo of it. #fl,fc
B> lol she sends u everything #fc
A> She's proud. So am I.
"""

POOLS["tw1"] = """
A> heyy ur in my {subject} set right
B> ya
A> ur the one who drew on the whiteboard lol
B> lmao yes
---
A> hey is this {kid}? its {third} from {practice}
B> oh hi!!
A> wanted to ask about the homework
B> its the worksheet
---
B> hi u dropped ur pencil case on the bus
A> omg thank u
A> i thought i lost it
B> ill bring it tmrw
"""

POOLS["tw2"] = """
~
A> whats ur {app} #op
B> {kid}_{petname}
A> added u
B> accepted lol
---
~
A> can i tell u something
B> ya
A> i think i like someone in our class #se
B> WHO
A> not saying yet
---
~
B> send a selfie of ur new glasses #ir
A> [pic]
B> they look good!! #fl
A> thanks lol
"""

POOLS["tw3"] = """
~
A> ok its {third} dont tell anyone #se
B> i knew it
B> i wont tell i promise #se
---
~
B> do ur parents check ur phone #pc
A> my mum does sometimes #fc
B> mine too its so annoying #fc
---
~
A> wanna go to {place} on saturday #me
B> ill ask #fc
B> she said yes but i have to be back by 5 #fc
A> same
"""

POOLS["tw4"] = """
~
A> that was so fun today
B> ikr
B> we should go again
---
~
B> delete that pic of me from the group #se
A> ok ok deleted
B> ty
---
~
A> happy birthday!!! how old r u now lol #ap
B> 13!! #ad
A> finally lol
"""

POOLS["drift_ka"] = """
B> i made cookies
A> Save me one!
B> too late
---
A> Did you see the rainbow earlier?
B> yes a double one
A> Lucky!
---
B> the class {pet} escaped today
A> Did you catch it?
B> it was in the bin lol
---
A> How's the new bike?
B> so fast
B> i went round the block 10 times
---
B> i got my ears checked, they are fine
A> Good news.
---
A> What are you doing in {subject} at the moment?
B> volcanoes again
A> They do love a volcano.
---
B> can you read my story later
A> Of course. Send it over.
B> ok its 3 pages
---
A> The ice cream van came past and I thought of you.
B> did u get one
A> Of course.
---
B> we got a new sofa
A> What colour?
B> grey
B> the {pet} already loves it
---
A> How was the school disco?
B> loud
B> the music was bad lol
---
B> i need a costume for book day
A> Who are you going as?
B> a wizard probably
A> Classic.
---
A> Are your shoes still too small?
B> yes they hurt
A> We'll sort new ones.
---
B> i scored a goal at lunch
A> Brilliant!
B> it was a bit of a fluke
---
A> I found your old teddy in the cupboard.
B> mr buttons!!
A> He says hello.
---
B> our teacher has a cold so we watched a film
A> Which one?
B> the one with the penguins
---
A> Did you sleep ok after that scary film?
B> kind of
B> i left the light on
"""

POOLS["pe_more"] = """
B> did u get home ok
A> ya my dad picked me up #fc
---
A> omg i just spilled juice on my homework
B> noooo
A> its purple now
---
B> wanna facetime later for the project #ir
A> after 7
B> ok
---
A> whats ur fav song rn
B> anything by {band}
A> same lol
---
B> i had the weirdest dream
A> tell me
B> our school was on a boat
A> lmao
"""

POOLS["drift_teen"] = """
B> lol did u see the teacher's face
A> i was trying so hard not to laugh
---
A> my brother ate my noodles
B> criminal
---
B> cant wait for the holidays
A> 3 weeks
B> dont count it makes it slower
---
A> what did u get on the test
B> b
A> nice i got c lol
---
B> i need a new phone so bad
A> mine has a crack across the whole screen
"""
