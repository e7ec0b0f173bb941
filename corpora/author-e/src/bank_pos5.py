# author-e hand-written positive banks (part 5): one more block for each stage of the styles
# written with special care (mentor_coach, romance, slow_patient, subtle, peer_posing).
POOLS = {}

POOLS["mc_open"] = """
A> Hello {kid}, this is {adult}. Your {mom} passed on your number for lesson times. #fc
B> hi
A> You played beautifully in the group today. I don't say that lightly. #fl
B> thank u
"""
POOLS["mc_praise"] = """
A> I've been teaching for twenty years and I rarely see someone pick things up as fast as you. #fl,ag
B> omg
A> It's true. You should be in a more advanced setting than the Thursday group. #fl,is
"""
POOLS["mc_mid"] = """
~
A> How did the week go? You seemed distracted at {practice}.
B> stuff with friends
A> Friends come and go. Your talent is yours to keep. #is
A> You can always offload to me, that's part of the job. #fl
"""
POOLS["mc_isolate"] = """
A> I noticed {third} was rude to you at {practice}. You don't need people like that around you. #is
B> its fine thats just how they are
A> You're too kind. Maybe sit with me at the next break instead. #is,ct
"""
POOLS["mc_private"] = """
A> Do your parents read your messages? I'd rather keep our feedback focused and private. #pc,se
B> not really
A> Good. It's easier to be honest with you that way. #se
"""
POOLS["mc_meet"] = """
A> I'm driving past your road on {day}. I could pick you up and we'll do an hour at {venue}. #me,pi
B> i need to ask
A> I'll text your {mom} myself later, no need to bother her now. #se,fc
"""

POOLS["ro_open"] = """
A> hey, I've been reading your posts for a while and I had to say hi #fl
B> hi lol
A> you're honestly the kindest person in this whole server #fl
"""
POOLS["ro_bond"] = """
A> I keep rereading our chat from last night #fl
B> why lol
A> because it made me happy. you make me happy #fl
B> aw
"""
POOLS["ro_mid"] = """
~
A> how was your day, superstar? #fl
B> ok
B> boring
A> tell me everything. I want to know all of it #fl
"""
POOLS["ro_special"] = """
A> I've never told anyone the things I tell you #fl
B> me neither
A> that's what makes us different from everyone else #fl,is
"""
POOLS["ro_secret"] = """
A> if your mum asks, I'm just a friend from the game ok? #se,fc
B> u are a friend from the game lol
A> you know what I mean. we're more than that #fl
"""
POOLS["ro_meet"] = """
A> I'll be at {place} on {day}. if you came alone it would make my whole year #me,so
B> alone?
A> your friends would just make it awkward #is
"""

POOLS["sp_open"] = """
A> Hi! I think we're both in the {band} listening club. Your review of the new album was spot on.
B> thanks!!
A> It's rare to meet someone who actually listens to the lyrics. #fl
~
B> hi its me from the club
A> Hello again! Good to hear from you.
"""
POOLS["sp_w1"] = """
A> Do you have exams coming up? I remember those years being stressful. #ap,ag
B> in june
B> year 8 ones arent that important tho
A> Still, it's good to practise. #ad
"""
POOLS["sp_w2"] = """
~
B> sorry ive been quiet
B> my grandad was in hospital #fc
A> Oh no, I'm so sorry. How is he now?
B> better
A> I'm glad. I was thinking about you. #fl
"""
POOLS["sp_mid"] = """
~
A> I've been meaning to ask, what's your routine on weekends? #pi
B> football saturday morning
B> then nothing
A> So afternoons are free, good to know. #pi
"""
POOLS["sp_w3"] = """
A> I want to send you a little something for getting through the exams. #gi
B> u dont have to
A> I'd like to. What's the address? I'll keep it small so no one fusses. #pi,se
"""
POOLS["sp_w4"] = """
~
A> It's been almost three months of chatting now. Would you like to meet, somewhere public? #me
B> like where
A> {place}. You wouldn't need to mention it, it's just a coffee. #me,se
"""

POOLS["sub_open"] = """
A> I think you're the person who fixed the broken link in the {game} wiki? Thank you.
B> lol yeah that was me
A> Very tidy work. Most people just complain.
B> i like fixing stuff
"""
POOLS["sub_react"] = """
B> i didnt get picked for the team again
A> Their loss, honestly.
A> Sometimes the people in charge don't see what's right in front of them. #is
B> i guess
"""
POOLS["sub_home"] = """
A> Do you still get dropped at the club on {day}s, or do you make your own way now? #pi
B> i walk now
A> That's a proper bit of independence. What time do you usually set off? #pi
B> like 5
"""
POOLS["sub_mid"] = """
A> You said your {mom} works late on {day}s. Do you make your own tea then? #pc,fc
B> ya usually noodles
A> A person of simple tastes. #fl
"""
POOLS["sub_bond"] = """
A> I find myself saving up things to tell you during the day. #fl
B> like what
A> Small things. A dog in a raincoat. A song. You'd have liked them.
"""
POOLS["sub_move"] = """
A> This forum is a bit public for some of what we talk about. #se
A> There's a quieter place I use, {app}. Only if you want. #op
B> whats it like
A> Simple. Just messages.
"""

POOLS["pp_open"] = """
A> ayo ur clip in the highlights channel was crazy
B> lol thanks it was luck
A> luck my foot. add me?
B> ok
"""
POOLS["pp_age"] = """
A> wait which year r u #ap
B> 7
A> oh lol im in year 11 #ad,ag
B> u seem younger
"""
POOLS["pp_chat"] = """
A> ur the only person i actually like talking to #fl
B> aw same
A> lets keep this chat just us tho, ppl r nosy #se
"""
POOLS["pp_slip"] = """
A> ugh my kid sister wont stop screaming
A> i mean my little cousin, shes staying over
B> u said kid sister
A> same thing lol
B> how old is she
A> like 6
A> anyway my boss is making me work sunday lol #ad
"""
POOLS["pp_cover"] = """
B> my {mom} saw ur messages and says ur not 16 #fc
A> u told ur mum about me?? #pc
A> she doesnt even know me
A> why did u tell her #th
"""
POOLS["pp_push"] = """
A> i'll show u my face if u show me urs #ir,ct
B> u first
A> my camera is broken lol. ur turn #ct
"""
