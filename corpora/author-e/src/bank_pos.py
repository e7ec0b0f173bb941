# author-e hand-written positive banks (part 1). Behavioural indicators only; nothing sexual.
from bank_pos2 import POOLS as _P2
from bank_pos3 import POOLS as _P3

POOLS = {}

# ------------------------------------------------------------------ standard
POOLS["std_open"] = """
A> hey! saw you in the {game} lobby earlier, you carried that round
B> lol thx
B> i was lagging so bad tho
A> didnt look like it. you play every night?
B> most nights ya
---
A> hi {kid}, that drawing you posted of the {pet} is honestly really good
B> omg thank u
B> its my {pet} {petname}
A> you can tell you spent ages on the whiskers haha
B> like 3 days lol
---
A> yo gg, you were the only one on our team who knew what they were doing
B> haha the others kept running off
A> right?? want to squad up again tmrw
B> sure
B> if im allowed on
---
A> hello, you left a comment on my {band} cover video and it made my day
B> oh hi!! i love that song
A> not many people even know them. what else do you listen to?
B> mostly them and random playlists
"""

POOLS["std_age"] = """
A> wait how old are u anyway #ap
B> 13
A> oh nice. you seem older tbh #fl
---
A> what grade are you in? #ap
B> 7th
B> why
A> just curious, you type like my friends lol #fl
---
A> are you still in school or done? #ap
B> lol still in school
B> year 8
A> ahh ok. im a bit older but dont worry about it #ag
B> how old
A> old enough to know a good gamer when i see one haha #ag,fl
---
A> you sound like you're in high school #ap
B> nope not yet lol
B> im 12
A> honestly wouldnt have guessed, you're way more switched on than that #fl
"""

POOLS["std_flat"] = """
A> you're seriously one of the funniest people i talk to on here #fl
B> lol no im not
A> you are. most people your age are so boring #fl,ag
B> haha ok
---
A> i like talking to you, you actually listen #fl
B> aw
A> feels like we've been friends for ages #fl
---
A> ngl you're really mature for your age #fl
B> my {mom} says that too lol #fc
A> she's right for once haha #fc
---
A> you're different from the others on this server. in a good way #fl
B> different how
A> smarter. calmer. you get things #fl
B> lol thanks i guess
"""

POOLS["std_check"] = """
A> so who's home with you right now #pc
B> no one my {mom} is at work till 7 #fc
A> oh nice so you've got the place to yourself #pc
---
A> do your parents look at your phone? #pc
B> sometimes my {dad} does #fc
A> like every day or just random #pc
B> random
---
A> r u alone rn #pc
B> ya why
A> just easier to chat when nobody is reading over your shoulder lol #pc
---
A> when do your folks usually go to bed #pc
B> like 10
A> so you're on after that sometimes? #pc
B> sometimes lol
"""

POOLS["std_secret"] = """
A> btw don't mention me to your parents ok #se
A> they'd make it weird and then we couldn't talk #se,th
B> ok
---
A> this chat is just between us yeah? #se
B> yeah
A> good. people wouldnt understand #se,is
---
A> delete our messages after ok? just to be safe #se
B> why
A> adults freak out about nothing, you know what they're like #is
B> true
---
A> keep this our secret ok #se
B> ok lol
A> promise? #ct
B> promise
"""

POOLS["std_img"] = """
A> send me a pic of your setup, wanna see your room #ir
B> its messy lol
A> i dont care, just wanna see #ir,ct
---
A> can we video call later? #ir
B> idk my {dad} might hear #fc
A> use headphones, he wont know #se,pc
---
A> take a selfie, i wanna see who i'm talking to #ir
B> no im ugly in pics
A> no way. just one. for me #fl,ct
---
A> what do you look like? send a pic #ir
B> why
A> you've seen my avatar, fair is fair #ct
"""

POOLS["std_meet"] = """
A> i'm actually not far from {town}. we could meet at {place} one day #me,pi
B> idk
A> just to hang out, no big deal #me
---
A> if you ever want to get out of the house i can pick you up #me
A> wouldnt have to tell anyone #se
B> maybe
---
A> what school do you go to? i might be around there friday #pi,me
B> {town} academy
A> cool, i'll let you know #me
---
A> you should come to mine sometime, i've got every console #so,gi
B> where do u live
A> not far. i'd come get you #me
"""

# ------------------------------------------------------------------ fast_pushy
POOLS["fp_open"] = """
A> hi
A> how old r u #ap
B> 12
A> cool. where u from #pi
B> {town}
A> nice nice. u got snap or {app}? #op
---
A> heyy ur the funny one from the lobby #fl
B> who is this
A> a friend lol. u on ur own? #pc
B> yeah
A> age? #ap
B> 11
---
A> saw ur profile, ur art is sick #fl
B> um thanks
A> how old #ap
B> 13
A> perfect haha. parents around? #pc
---
A> hey {kid} right?
B> yea who r u
A> we played {game} together last week. how old are you again #ap
B> 14
A> cool. u home alone? #pc
"""

POOLS["fp_push"] = """
A> send a pic #ir
A> now
B> why
A> just do it, i wont show anyone #ir,se
A> come on dont be boring #th,ct
---
A> video call me rn #ir
B> i cant
A> yes you can, ur alone you said #pc,ct
A> 5 mins, thats all #ct
---
A> give me ur number #op
B> i dont really give it out
A> everyone does lol. just type it #ct,op
A> ill give u {amount} {coin} #gi
---
A> add me on {app} it's easier #op
A> username is {adult}{num}{num}
B> my {mom} doesnt let me have it #fc
A> make one she won't know #se,op
"""

POOLS["fp_escalate"] = """
A> why are u ignoring me #th
A> ???
A> fine ill tell everyone ur a liar #th
B> i didnt do anything
A> then answer. and delete this chat #se
---
A> ur wasting my time #th
A> i thought u were cool #th
B> sorry
A> prove it then. one pic #ct,ir
B> ok wait
---
A> where do u live exactly #pi
B> why do u need that
A> so i can come see u. ill bring u something #me,gi
A> dont tell ur parents tho #se
B> i have to go
A> answer me #th
---
A> u still there
A> hello
A> dont make me screenshot this and post it #th
B> please dont
A> then do what i said #ct
"""

# ------------------------------------------------------------------ gift_giver
POOLS["gg_open"] = """
A> nice build! you only have the starter skin though?
B> yeah i dont have any {coin}
B> my {mom} wont buy them #fc
A> thats rough. i have loads i never use #gi
---
A> gg! you should have that new glider, it'd suit how you play
B> its like {amount} quid lol i cant
A> i could sort it for you honestly #gi
B> wait really?
---
A> you ok? you sounded annoyed in voice
B> my {dad} took my card off my account #fc
B> cant get the battle pass now
A> ah man. i can get it for you if you want #gi
---
A> hey, you're the one who helped me in the raid last night
B> oh ya lol
A> let me pay you back. what's on your wishlist? #gi
B> nothing really
B> maybe the dragon bundle
"""

POOLS["gg_gift"] = """
A> check your inventory #gi
B> OMG
B> thank you so much!!!
A> you deserve it. just don't go telling everyone where it came from #se,gi
B> ok i wont
---
A> sent you {amount} {coin} #gi
B> why are you being so nice lol
A> because you're worth it #fl
A> our little thing, yeah? #se
---
A> there's a gift card code coming your way #gi
A> {num}X{num}Q-{num}LMT #gi
B> it worked!!
A> told you i look after my friends #fl
---
A> done. gifted it #gi
B> tysm i cant believe it
A> if your parents ask just say you won it in an event #se
B> lol ok
"""

POOLS["gg_more"] = """
A> want the matching emote too? #gi
B> i mean yeah lol
A> send me a quick selfie wearing your headset first, i wanna see the gamer face #ir,ct
B> lol why
A> just fun #ct
---
A> i could top you up every week if you like #gi
B> for real?
A> course. just need you to be on when i'm on #ct
A> and keep it quiet, others will get jealous #se
---
A> i'll get you the new {game} expansion when it drops #gi
B> no way
A> but i want to see your reaction on video when you open it #ir
B> maybe
---
A> your birthday is soon right? #pi
B> next month
A> tell me your address and i'll post something real, not just {coin} #pi,gi
B> idk if im allowed
"""

POOLS["gg_debt"] = """
A> after everything i've bought you, you can't even reply? #th,gi
B> sorry i was at dinner #fc
A> i just feel used sometimes #th
---
A> you owe me one you know #th
B> i know
A> so add me on {app} and we're even #op,ct
---
A> i spent like {amount}0 on you #gi,th
A> least you can do is a video call #ir,ct
B> ok but only for a bit
A> and don't tell your {mom} #se,fc
---
A> if you stop talking to me i'll just take it all back #th
B> can you even do that
A> and i'll tell your parents you stole the card #th
"""

# ------------------------------------------------------------------ off_platform_early
POOLS["op_open"] = """
A> hey, this app is so laggy. you on {app}? #op
B> no
A> get it, way better. add {adult}_{num}{num} #op
---
A> hi! loved your video. do you have another account i could message you on? #fl,op
B> i have {app}
A> what's your @ #op
---
A> yo, mods here are super strict lol, come to {app} #op
B> why does it matter
A> just easier to talk without getting flagged #op,se
---
A> hey! this site deletes dms after a bit. whats your number? #op
B> i dont know you though
A> we played {game} together like three times lol
"""

POOLS["op_move"] = """
A> added you. accept it #op
B> ok did
A> good. use this one from now on, not the other #op,se
B> why
A> more private. no one reads it #se
---
A> got your {app}, cute profile pic #fl
B> lol thanks
A> how old r u btw #ap
B> 12
A> cool. do your parents know you have it? #pc
---
A> msg me there, i'll be on at night #op
B> my phone goes downstairs at 9 #fc
A> just sneak it back up lol #ct,se
---
A> this app has disappearing messages. better right? #op,se
B> i guess
A> now we can talk about anything #se
"""

POOLS["op_after"] = """
A> where do you go to school #pi
B> why
A> just wondering what part of {town} you're in #pi
A> send me a pic of your street lol #ir,pi
---
A> are you home by yourself after school? #pc
B> till like {hour}
A> perfect, call me then #ir,pc
---
A> dont add anyone else from the game here ok? this is just us #se,is
B> ok
A> they'd only cause drama #is
---
A> send me a selfie so i know it's really you #ir
B> why would it not be me
A> people fake stuff. prove it #ct
"""

# ------------------------------------------------------------------ shared drift / filler (cap 3 each)
POOLS["chat_any"] = """
A> did you end up finishing that {subject} homework?
B> nope
B> gave up lol
A> ha, fair enough
---
B> my {pet} just knocked my drink over #fc
A> classic
A> what's its name again?
B> {petname}
---
A> watching {show}?
B> yesss season 2
B> the ending was so sad
A> no spoilers lol
---
B> sorry was at {gran}'s #fc
A> no worries, nice time?
B> it was ok we had {snack} #fc
---
A> any plans this weekend?
B> not really
B> maybe {place}
---
B> had the worst day
A> oh no what happened
B> got a detention for talking
B> wasnt even me
---
A> you heard the new {band} song yet?
B> no is it good
A> it's alright, not their best
---
B> sorry i was gone so long
B> phone died
A> figured, no stress
---
A> how's the weather there
B> raining again
A> same here lol
---
B> guess what
A> what
B> i beat the last boss in {game}
A> no way, finally!
---
A> what did you have for dinner?
B> {snack}
A> nice
---
B> we got a sub teacher today and she was so strict
A> sounds painful lol
B> it was
---
B> my {sib} ate my leftovers #fc
A> rude
B> ikr
---
A> did you get outside today at all?
B> walked the {pet}
A> good, fresh air haha
"""

POOLS["chat_teen"] = """
A> bro {game} servers are down again
B> ugh
B> every single night
---
B> lol did u see what happened in the lobby
A> the guy who rage quit?
B> yess
---
A> cant sleep
B> same
B> its so hot
---
B> my {sib} keeps hogging the tv
A> lol classic
---
A> school tomorrow ugh
B> dont remind me
---
A> whats ur fav map
B> the ice one
A> ew lol
---
B> brb food
A> k
B> back
---
A> u watched {show}
B> ya
B> its mid tbh
"""
POOLS.update(_P2)
POOLS.update(_P3)
