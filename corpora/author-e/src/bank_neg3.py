# author-e hand-written hard negatives (part 3): more family / caregiver / coach / peer material.
POOLS = {}

POOLS["fam_gran"] = """
A> Hello pet, {gran} here. Could we do a video call on Sunday? I want to see your new room. #ir,fc
B> ok!! its all purple now
A> Lovely. Show me the posters too. #ir
B> lol ok
A> Is your {mom} around then or working? #pc,fc
B> she'll be here #fc
A> Good, I'll say hello to her too. #fc
---
A> {kid}, it's {gran}. I've hidden twenty pounds in the birthday card. Don't let your {dad} see, he'll make you save it. #gi,se,fc
B> LOL thank u
A> Spend it on something silly. That's what it's for. #gi
B> i will
A> And ring me on Sunday, I miss your voice. #ir,fc
B> ok {gran} love u #fc
"""

POOLS["ct_tutor"] = """
A> Hello {kid}, your {dad} has booked an extra session on {day} before the exam. #fc
B> ok
A> We'll do it on video as usual, with him in the room at the start. #ir,fc
B> ok
A> Please have your calculator and the past paper ready.
B> will do
---
A> Hi {kid}! Quick question for our lesson: which topics felt hardest this week?
B> percentages
B> and the graph ones
A> Great, that's useful. I'll copy your {mom} in on the plan so she knows what we're doing. #fc
B> ok
A> You're doing much better than you think. #fl
"""

POOLS["ct_coach"] = """
A> Hi {kid}, the minibus for {event} leaves at 7am. Please make sure a parent signs you out at the end. #fc
B> do i need a packed lunch
A> Yes. And bring {gear}.
B> ok
A> I've sent the same details to your parents. #fc
B> thanks coach
"""

POOLS["fam_more"] = """
A> Did the parcel come? #gi
B> yes!!
A> Do you like it?
B> i love it
---
B> can u talk to {mom} about the sleepover #fc
A> I'll try, but no promises. #fc
B> ty
---
A> What are you having for tea? #fc
B> {snack}
A> Lucky. Save me some.
---
B> i miss u
A> Miss you too, chicken. Not long till the holidays. #fl
---
A> Did you walk the {pet}?
B> yes
A> Good. Was {petname} naughty? #fc
B> he rolled in something lol
---
A> Are you all packed for the trip? #fc
B> nearly
A> Don't forget your charger like last time.
"""

POOLS["pe_more"] = """
B> lol my cat just sat on my keyboard
A> hfjsdkfh
B> exactly
---
A> wait what time is it there
B> 9 why
A> my phone says 10 lol its broken
---
B> omg the teacher saw my phone today
A> did u get it taken
B> nah she let me off
---
A> i'm so bored
B> same
B> wanna play {game}
A> ok 5 mins
---
B> whats the homework for {subject}
A> page 40 i think
B> ty
---
A> ur coming to my bday right
B> obv
A> yay
"""

POOLS["cg_more"] = """
A> The {pet} got out again, can you check the garden? #fc
B> found him under the trampoline
A> Hero.
---
B> what time is mum back #fc
A> About 9. You'll be in bed by then. #fc
B> ugh
---
A> Remember to brush your teeth. I'm checking. #fc
B> i did
A> Liar lol
"""

POOLS["ct_more"] = """
A> Reminder to your parents and you: no session next week, it's half term. #fc
B> ok
---
B> can i show you my {piecen} on {day}
A> Of course, at the start of the lesson.
---
A> Nice work today. Rest up this weekend. #fl
B> thanks
"""

POOLS["gm_more"] = """
B> what rank r u
A> gold 2
B> same lol
---
A> duo again?
B> one more then i have to sleep #fc
A> k
"""

POOLS["ad_more"] = """
B> Miss you already.
A> Me too. Sunday can't come soon enough. #fl
---
A> Can I ring you on my lunch break? #ir
B> Yes, after 1.
"""

POOLS["sp_more"] = """
B> does anyone know if {third} is allergic to nuts
A> I'll check quietly. #se
B> ok
---
A> Everyone hide, they're parking! #se
B> omg
B> lights off!!
"""
