# author-e hand-written positive banks (part 2): subtle and peer_posing.
# Subtle blocks avoid every stock phrase; only implication and reaction.
POOLS = {}

POOLS["sub_open"] = """
A> Your comment on the {band} thread made me laugh. Nobody else noticed the drummer changed.
B> lol right?? its so obvious
A> Good ear. Do you play anything yourself?
B> a bit of keyboard
B> badly lol
---
A> Thanks for the tip about the hidden cave in {game}. Saved me an hour.
B> np!! took me ages to find it
A> You clearly have more patience than me.
B> or more free time lol
---
A> Hello again. I think you were the one who answered my question about the {pet} food?
B> yeah that was me
B> {petname} eats the same one
A> Then I owe you one. Mine finally stopped being fussy.
---
A> That sketch you posted in the art channel has stuck with me all day.
B> the one with the lighthouse?
A> Yes. The fog was done really well.
B> thank u i wasnt sure about it
---
A> Hi, I saw you asking about the level 40 puzzle. Did you get through it in the end?
B> nope still stuck
A> Do you want a hint or the whole thing?
B> hint pls
A> Look at the clock in the hallway.
B> OH
---
A> I enjoyed reading your story in the writing group. The ending surprised me.
B> really? ppl said it was too short
A> Short isn't a flaw. It left room to think.
B> ok that makes me feel better
---
A> Good morning. Are you the one who made the {game} map with the floating islands?
B> yeah!
A> It's lovely. I've been wandering around it for a while.
B> omg someone actually plays it
"""

POOLS["sub_react"] = """
B> ugh my {mom} made me delete my other account #fc
A> That's a shame. You'd put so much work into it.
B> i know
B> she just doesnt get it #fc
A> It's hard when the people closest to you don't see what something means to you. #is
---
B> sorry im in a bad mood
B> got shouted at for my grades #fc
A> I'm sorry. One report doesn't define you.
A> For what it's worth, you're one of the sharpest people in this server. #fl
B> thanks
---
B> my friends went to the cinema without me
A> That stings. Did they say why?
B> no
A> Some people only notice what they've got once it's gone. #is
B> yeah
---
B> i think everyone at school thinks im weird
A> The people worth knowing usually are a little weird at that point. #fl
A> You'd be surprised how many people here look forward to your messages. #fl
B> lol doubt it
A> I'm one of them.
---
B> my {dad} said i spend too much time online #fc
A> Parents say that. They mean well.
A> Though I suppose the online people are the ones you actually talk to. #is
B> kind of true lol
---
B> cant really talk to my {sib} about stuff #fc
A> Different wavelengths?
B> just laughs at everything
A> Well, I won't laugh. Whatever it is. #fl
---
B> my {mom} is so strict with screen time #fc
A> How strict are we talking? #pc
B> phone off at 9 on school nights
A> Ah. So evenings before that are when you're free. #pi
B> basically
"""

POOLS["sub_home"] = """
A> What does a normal weekday look like for you after school? #pi
B> get home walk the {pet} then game
A> Just you and the {pet} for a while then? #pc
B> till like {hour} yeah
---
A> You're always on at the same time. Do you get the bus home? #pi
B> walk
B> its like 15 mins
A> That's not bad. Which end of {town} are you? #pi
B> near the big tesco lol
---
A> Is it busy at yours tonight or quiet? #pc
B> quiet my {mom} is on nights #fc
A> That must make for long evenings.
B> i dont mind
---
A> Your {dad} sounds like he works a lot. #fc
B> yeah hes never really here #fc
A> That's a lot to handle on your own. #is
---
A> Do you have your own room or share with your {sib}? #pi
B> my own
A> Lucky. A bit of privacy at least.
B> yeah
---
A> Do you usually have the house to yourself on {day}s? #pc
B> till my {mom} gets back #fc
A> What time is that, roughly? #pc
B> {hour}ish
---
A> Does anyone else use that laptop or is it just yours? #pc
B> just mine
A> Good. Sharing is such a pain.
"""

POOLS["sub_bond"] = """
A> I put that song you mentioned on while working. It's been on repeat. #fl
B> omg yay
A> You have better taste than most adults I know. #fl,ag
B> haha
---
A> I told a colleague about your map. Well, not who made it, just the map.
B> lol why not who made it
A> Some things are nicer kept between the people who were there. #se
---
A> You always make my day a bit easier. #fl
B> aw
A> I mean it. Talking to you is the best part of my evening. #fl
---
A> I saved the lighthouse picture as my lock screen, I hope that's alright. #fl
B> lol really?
A> It reminds me of our chat.
---
A> I've noticed you tell me more than you tell your friends. #is
B> yeah i guess
A> That means a lot to me. #fl
---
A> You know you can tell me anything. I won't judge. #fl
B> ok
B> its just stuff at home #fc
A> I'm here whenever you want to talk about it.
---
A> I think you understand me better than most people my age do. #ag,fl
B> haha how old are you
A> Old enough to have boring hobbies. #ag
B> lol
"""

POOLS["sub_move"] = """
A> This app keeps logging me out. I'm mostly on {app} in the evenings, if that's easier. #op
B> i dont have that
A> No pressure. It's quicker to set up than this one. #op
---
A> I'd love to see the new drawing when it's done. Even just a quick photo of your desk while you work. #ir
B> its so messy lol
A> Messy desks are the best kind.
---
A> I'll be in {town} on {day}, near the library as it happens. Funny coincidence. #me,pi
B> oh thats near my school
A> Is it? Small world. #pi
---
A> It might be better not to post our chats in the group, people read into things. #se
B> i wasnt going to
A> Good. I knew you'd understand. #fl
---
A> I've got a spare pair of headphones, much better than the ones you described. I could post them. #gi,pi
B> omg really
A> I'd just need an address. #pi
---
A> It'd be nice to hear your voice sometime instead of text. #ir
B> like a call?
A> Only if you want to. Whenever suits.
---
A> The screenshots of our chats, you haven't shown those to anyone? #se
B> no why
A> No reason. Just nice to have something that's ours. #se
"""

POOLS["sub_end"] = """
B> wait why do you want to know that
A> Fair question. Forget I asked.
A> I'm just interested in your day, that's all.
B> ok
---
B> i have to go, my {mom} is calling me #fc
A> Of course. Same time tomorrow?
B> maybe
---
B> thats kind of weird tbh
A> You're right, I didn't phrase it well. Sorry.
B> its ok
---
A> You've gone quiet. Everything alright?
B> yeah just tired
A> Get some rest. I'll be here.
---
B> my {dad} is asking who im texting #fc
A> Just say it's someone from the art group. That's true, after all. #se
B> ok
---
A> I hope I didn't upset you earlier.
B> no its fine
A> Good. I'd hate to lose our chats. #th
"""

# ------------------------------------------------------------------ peer_posing
POOLS["pp_open"] = """
A> yo ur the one with the {petname} banner right
B> lol yea
A> thats sick. u play {game} a lot?
B> every day basically
---
A> heyy saw u in the {band} fan chat
B> omg hi
A> finally someone else who likes them lol
B> fr nobody at my school does
---
A> hey random but u were in my lobby and u were insane
B> lmao thx
A> wanna duo
B> sure
---
A> hii do u still need someone for the {game} event
B> yea!
A> im down, my mates all quit lol
---
A> ur drawings r so good omg
B> thank uuu
A> i wish i could draw like that
B> practice lol
---
A> omg we have the same fav show
B> {show}?? yesss
A> s3 episode 4 wrecked me
B> SAME
"""

POOLS["pp_age"] = """
A> how old r u btw #ap
B> 13
A> oh cool im 15 #ad
B> nice
---
A> wat year r u in #ap
B> year 8
A> ahh im year 10 so not much older lol #ad,ag
---
A> im 15 lol wbu #ad,ap
B> 12 nearly 13
A> thats basically the same #ag
---
A> asl jk lol. age tho? #ap
B> 14
A> same-ish, im 16 #ad
B> ok cool
---
A> ur in middle school right? #ap
B> yeah 7th
A> ah i remember 7th lol. 10th now #ad
---
B> how old are u
A> 15 #ad
A> u? #ap
B> 13
A> cool
"""

POOLS["pp_chat"] = """
A> ur honestly so easy to talk to #fl
B> lol u too
A> ppl at my school are so fake #is
B> same
---
A> does ur mom check ur phone #pc
B> sometimes
A> mine did at ur age lol so annoying #pc
---
A> who do u talk to most on here
B> u and my friend {third}
A> {third} seems kinda annoying ngl #is
B> nah {third} is ok
---
A> u should send me ur snap or {app} #op
B> i have {app}
A> add me there its better #op
---
A> what school u go to #pi
B> {town} high
A> omg thats near me #pi
---
A> whats ur schedule like after school #pi
B> home by 4 usually
A> same lol #pi
"""

POOLS["pp_slip"] = """
A> ugh just got off a double shift #ad
A> my manager is such a pain
B> wait u have a job?
A> ya like part time lol
---
A> sorry was driving #ad
B> ur 15 tho
A> i mean my brother was driving lol
A> i was in the car
---
A> gotta sort rent this week, landlord keeps messaging #ad
B> rent??
B> u live by urself?
A> lol no i mean my mums rent
---
A> my back is killing me lol getting old #ad
B> ur 16 lmao
A> lol u know what i mean
---
A> remember when {game} first came out, like 2014 #ad
B> i wasnt even born lol
B> wait how did u play it in 2014 if ur 15
A> i had an older cousin, i watched him lol
---
A> doing my taxes is so boring #ad
B> wait kids dont do taxes
A> lol i meant my homework
A> i call it taxes
"""

POOLS["pp_cover"] = """
B> ur being kinda weird
A> sorry sorry
A> ok honestly im a bit older than i said #ag
A> but it doesnt change anything, we're still friends right #ag,ct
B> how old
A> does it matter? #ag
---
B> r u actually 15
A> ...ok im 19 #ad,ag
A> but i act like 15 lol
A> please dont be weird about it #th
---
B> something doesnt add up
A> ok fine, im older. i just didnt think u'd talk to me if i said #ag
A> age is just a number anyway #ag
---
B> ur lying about something
A> i just said 16 bc ppl judge #ag
A> dont tell anyone ok, they'd block me #se
B> idk
---
B> wait so how old r u really
A> older than u but that's fine, i'm nice #ag
A> u trust me right? #ct
---
A> ok confession, im not 15 #ag
A> but u know me, thats what matters #fl
A> keep it between us ok #se
"""

POOLS["pp_push"] = """
A> send a selfie so i know ur real lol #ir
B> ur the one who lied
A> thats why, we both prove it #ct
---
A> i could come to {town} on the weekend, we could meet at {place} #me,pi
B> idk
A> come on dont ghost me now #th
---
A> if u stop talking to me i'll be really upset #th
B> im not stopping
A> then add me on {app} and delete this chat #op,se
---
A> dont tell ur parents about me ok? they wont get it #se,is
B> ok
A> promise #ct
---
A> can u video call tonight #ir
B> my mum will hear #fc
A> wait till she's asleep then #pc,ct
---
A> i bought u something, just tell me where to send it #gi,pi
B> u didnt have to
A> i wanted to. address? #pi
"""
