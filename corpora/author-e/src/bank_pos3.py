# author-e hand-written positive banks (part 3): slow_patient, romance, mentor_coach.
POOLS = {}

POOLS["sp_open"] = """
A> Hello! I noticed you in the beginners' corner of the {game} forum. Welcome.
B> hi thanks
A> If you ever get stuck, feel free to ask. I've been playing forever.
B> ok cool
~
B> hey how do u get past the bridge
A> Ah, the bridge. Jump from the left rope, not the right. Took me weeks.
B> omg it worked
---
A> Good evening. Your question about the {pet} cage was a good one, I hope the answers helped.
B> they did!! {petname} loves the new one
A> I'm glad. It's nice to see someone take care of their animals properly. #fl
~
B> hi its me again
B> {petname} had a vet visit today
A> Oh no, is everything alright?
B> yeah just a checkup
---
A> That's a nice photo of the sunset on your profile. Where was it taken? #pi
B> from my window lol
A> Lucky view.
~
A> I hope your week has been kind to you.
B> it was ok
---
A> Hi there. We were matched in the puzzle league this morning, well played.
B> u won tho
A> Only just. You'll have me next time.
~
B> rematch?
A> Gladly.
---
A> Hello. I liked your poem in the community zine, the one about the canal.
B> omg thank you
B> i didnt think anyone read it
A> I read it twice.
"""

POOLS["sp_w1"] = """
A> How was school this week? You mentioned a test. #ap
B> it was fine
B> {subject} is hard
A> What year are you in now? #ap
B> year 7
A> Ah, the first year is always the strangest.
---
A> Remind me, are you at the big school or still primary? #ap
B> big school lol
B> just started
A> That's a big change. How are you finding it?
---
A> You always write so thoughtfully. How old are you, if you don't mind me asking? #ap,fl
B> 12
A> You'd pass for much older in writing. #fl
---
A> Do you have a lot of friends at school?
B> not really
B> like 2
A> Two good ones is more than most people have.
---
A> Sorry I was quiet for a while, work has been busy. #ad
B> its ok
A> I missed our chats though. #fl
"""

POOLS["sp_w2"] = """
~
A> It's been a couple of weeks. How are things at home? #fc
B> kind of bad
B> my parents keep arguing #fc
A> I'm sorry. That's a lot to carry.
A> You can always talk to me when it gets loud. #is
---
~
B> hi sorry i havent been on
B> got my phone taken #fc
A> I wondered. I was worried about you.
A> Do they often take it? #pc
B> when i get bad grades
---
~
A> I've been thinking about what you said about your friends.
A> They don't deserve someone as loyal as you. #is,fl
B> maybe
---
~
B> r u there
A> Always. What's up?
B> nothing just bored
A> Bored is fine. I'd rather be bored with you than busy with anyone else. #fl
---
~
A> Happy belated birthday! I saw the cake in your picture. How old now? #ap
B> 13!!
A> A teenager. Congratulations. #fl
"""

POOLS["sp_w3"] = """
A> I've got a little something for you, a code for the expansion you wanted. #gi
B> wait seriously
A> You've earned it. Just keep it between us, I don't want others asking. #se
~
B> thank u again for the game
A> You're welcome. It's nice to spoil someone who appreciates it. #gi,fl
---
A> Would you be comfortable with a voice call sometime? Typing is slow for me. #ir
B> maybe
A> No rush. Whenever you're on your own and it's quiet. #pc
---
A> Does your {mom} know about our chats? #pc,fc
B> no she doesnt really ask
A> That's probably for the best. She might not understand a friendship like this. #se,is
---
A> I've been talking to you longer than most of my friends, you know. #fl
A> Feels like you're the one I can be myself with. #fl
B> same tbh
---
A> Do you still have that old tablet, or is it the phone now? #pc
B> phone
A> Does anyone check it? #pc
B> not really
"""

POOLS["sp_w4"] = """
~
A> I'll be passing through {town} next month for work. #me
A> It would be lovely to finally say hello in person, maybe at {place}. #me,pi
B> idk
A> Only if you want to. No pressure at all.
---
~
A> I've set up an account on {app}, it's more private than here. #op,se
A> Would you add me? It would mean a lot. #op
B> ok
---
~
A> I'd like to see the real you, not just the avatar. Could you send a picture? #ir
B> why
A> After all these months, it feels strange not to know your face. #ct
---
~
B> i dont think i should talk to u anymore
A> Where is that coming from? After everything? #th
A> I've been the only one there for you. #is,th
B> i know
---
~
A> Could you send me a photo of your room? I'd like to picture where you are when we talk. #ir
B> its really messy
A> I don't mind at all.
A> And no need to mention it to anyone. #se
"""

# ------------------------------------------------------------------ romance
POOLS["ro_open"] = """
A> hey, you have the nicest laugh on voice chat lol #fl
B> omg no i dont
A> you do. made my night
---
A> I don't usually message people first but I had to say your story was beautiful. #fl
B> thank you!!
A> You write like someone who feels things deeply. #fl
---
A> hi, you're {kid} from the {band} server?
B> yeah
A> I've been meaning to talk to you for ages. You always say the smartest things. #fl
---
A> good morning sunshine #fl
B> lol who are you
A> someone who thinks you're great. we talked in the {game} event #fl
---
A> You seemed sad in the group chat today. I just wanted to check you're okay.
B> im ok
B> just a bad day
A> I hate the thought of you having a bad day.
"""

POOLS["ro_bond"] = """
A> I feel like I've known you forever #fl
B> same
A> is that weird? #ct
B> no
---
A> you're the first thing I think about in the morning #fl
B> haha really
A> really. I hope that's ok #ct
---
A> boys your age don't know how to treat someone like you #ag,is
B> lol they're so immature
A> exactly. you deserve someone who gets you #fl
---
A> I know I'm older but I think we really connect #ag,fl
B> how much older
A> does it matter if we get each other? #ag
---
A> I had a dream we finally went to that concert together #fl
B> lol what
A> you were singing every word lol
"""

POOLS["ro_special"] = """
A> you're my favourite person you know that? #fl
B> aw
A> nobody else makes me feel like this #fl
A> I think I'm falling for you #fl
---
A> can we say we're together now? just between us #fl,se
B> um
B> i dont know
A> think about it. I'm serious about you #fl,ct
---
A> I'd choose you over anyone #fl
A> your friends don't deserve you the way I do #is
B> they're ok
---
A> I've never met anyone like you. you're special to me #fl
B> you're nice
A> I want to be more than nice to you #fl
---
A> promise you'll always talk to me? #ct
B> promise
A> good. you're mine now lol #fl,ct
"""

POOLS["ro_secret"] = """
A> people wouldn't understand us, so let's keep it quiet #se
B> ok
A> not even your best friend #se,is
---
A> your parents would try to split us up #is
A> so don't mention me #se
B> i wont
---
A> delete our chats tonight, ok? I don't want anyone ruining this #se
B> ok done
A> good. I trust you #fl
---
A> if anyone finds out I'll get in trouble and we won't be able to talk #se,th
B> i wont tell
---
A> let's use {app}, it's more private for us #op,se
B> ok ill download it
"""

POOLS["ro_meet"] = """
A> I want to meet you. just once. {place} on {day}? #me
B> i dont know if i can
A> tell your parents you're at a friend's #se,me
---
A> send me a picture of you, I want to see your smile #ir,fl
B> ok
A> there's that smile. I want to see it in person #fl,me
---
A> can we video call tonight when everyone's asleep? #ir,pc
B> maybe
A> I'll wait up for you #ct
---
A> I could pick you up after school one day #me
A> we could get food, just us #so
B> maybe
---
A> if you really cared you'd come see me #th,me
B> i do care
A> then prove it #ct
"""

# ------------------------------------------------------------------ mentor_coach
POOLS["mc_open"] = """
A> Hi {kid}, it's {adult} from {lesson}. Well done today, your progress on {skill} is really showing. #fl
B> thank you!!
A> Keep practising the way we discussed and you'll be ready for {event}.
---
A> Hello {kid}. I thought I'd message directly rather than through the group, it's easier.
B> ok
A> I've been watching {skill} and I think you have real potential. #fl
---
A> Good session today. I wanted to say that you're one of the most focused students I've had. #fl
B> really??
A> Really. Not many people your age work that hard. #fl
---
A> Hi, I've uploaded some extra material for {piece}. Let me know if you have questions.
B> thanks
A> You can message me anytime, not just on lesson days.
---
A> {kid}, great effort at {practice}. I've got some ideas for {event} I'd like to run by you.
B> sure!
A> Let's chat here, the group gets noisy.
"""

POOLS["mc_praise"] = """
A> Honestly, I think you could go much further than the others in the group. #fl
B> omg
A> But it'll need extra work. One-to-one. #ct
---
A> You're more mature than the rest of the {practice} lot. I can talk to you properly. #fl
B> haha thanks
A> I mean it. You get it.
---
A> I've told the other coaches you're my best student. #fl
B> really
A> Of course. You're special. #fl
---
A> Your parents don't push you hard enough, if you don't mind me saying. #is,fc
B> they're busy
A> Well, I'm here. #is
---
A> I see a lot of myself in you at your age. #fl,ag
B> lol
A> That's a compliment, I promise.
"""

POOLS["chat_mentor"] = """
B> i practised for an hour today
A> That's brilliant. How did {piece} feel?
B> better
---
A> How was school?
B> long
A> Hopefully {practice} will make up for it.
---
B> sorry i missed the session
A> No problem. Are you feeling better?
B> yeah
---
A> Did you watch the video I sent?
B> yes
B> it was helpful
---
B> i got a new {gearn}
A> Exciting! Bring it next time.
"""

POOLS["mc_isolate"] = """
A> I wouldn't mention the extra sessions to the other students. They'd be jealous. #se
B> ok
A> And keep it low key with your parents, they might think it's too much. #se,fc
---
A> I don't think your friends take {domain} seriously. They're holding you back. #is
B> maybe
A> You need people around you who believe in you. #is,fl
---
A> Your {mom} seems to worry a lot. It's best not to overload her with details. #is,fc
B> yeah she stresses
A> Exactly. We'll just handle it ourselves. #se
---
A> Between us, I think the club's head coach doesn't see your potential. I do. #is,fl
B> really?
A> That's why we should work together privately. #ct
---
A> You can tell me anything, you know. More than you'd tell your parents. #is
B> ok
A> That's what a good mentor is for. #fl
"""

POOLS["mc_private"] = """
A> Add me on {app}, it's more private than the club chat. #op,se
B> ok
A> Great. Let's keep the extra feedback there.
---
A> Could you send me a video of you practising? Just for me, not the group. #ir,se
B> sure
A> Lovely. Whatever room you're in is fine as a backdrop. #ir
---
A> Who's home after school usually? #pc
B> just me till {hour}
A> That's a good time for a video call lesson then. #ir,pc
---
A> Let's not put this in the club chat. Delete these messages when you've read them. #se
B> ok
---
A> Could you video call me tonight? I want to see {skill} properly. #ir
B> my {mom} might come in #fc
A> Maybe close the door then. #pc,ct
"""

POOLS["mc_meet"] = """
A> I could give you a lift home after {practice}, save your parents the trip. #me
B> ok i'll ask
A> No need to ask, I'll just drop you. #se,me
---
A> There's a private session slot on {day}. Just us, at my place. #me,so
B> at your house?
A> It's quieter. No need to tell the club. #se
---
A> Would you come early to {venue} on {day}? I'll be there by myself setting up. #me,so
B> ok
A> Great. It's our extra time. #se
---
A> I've got a spare ticket to watch the pros. Would you like to come? Just the two of us. #gi,me
B> omg yes
A> Wonderful. We'll keep it a surprise for now. #se
---
A> If you stop coming to my private sessions, I'll have to tell the selectors you're not committed. #th
B> i didnt say i was stopping
A> Good. See you {day}. #me
"""
