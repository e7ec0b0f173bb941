# Offender-side banks. Non-sexual behavioural cues only.
OB = {
    # ---- openers ----
    "open": ([], [
        "hey saw ur post in the {game} group, u play a lot?", "yo u the one who made that edit? it was sick",
        "hi! i think we were in the same lobby earlier lol", "hey random but ur art is really good",
        "sup, u left a comment on my clip", "hey i saw u in the {hobby} server, ur stuff is cool",
        "u were carrying that last match ngl", "hello, your drawing of the fox was very nice",
        "heyy whats up", "omg someone else who likes {show}", "hey ur the one w the {pet} pfp right",
        "hi sorry if this is random, i liked ur video", "u play {game}? i need a duo",
        "yo ur username is funny lol", "hey, i found u from the comments, hope thats ok",
        "ayy u were in my squad yesterday", "hi hi, loved ur last post"]),
    # ---- age probing ----
    "age_direct": (["age_probe"], [
        "how old r u btw", "wait how old are u", "so whats ur age", "u in school still?", "what grade u in",
        "how old r u if u dont mind me asking", "asl lol jk, but age?", "r u like 15 or younger",
        "middle school or high school?", "ur not like 10 right lol", "How old are you?", "what year r u in at school",
        "age? just curious", "u sound young lol how old", "old enough to have a phone i guess lol, how old"]),
    "age_indirect": (["age_probe"], [
        "do they still give u homework on fridays at ur school", "u allowed to stay up past 10 or nah",
        "so when's the next birthday, big one?", "u driving yet lol", "bet ur teacher makes u use a planner",
        "so u take the bus in the morning?", "which school lets out at 2:30 that early",
        "ur mom still packs ur lunch lol", "do u have recess or is that over for u",
        "what do u mean ur not allowed, how strict is ur curfew", "when do u finish school like for good",
        "u got a phone for ur birthday or something", "is that a middle school thing or what",
        "how many more years of school do u have lol", "they let u walk home alone?"]),
    "age_react": ([], [  # reaction to kid's age, no stock phrase
        "oh ok", "huh ok", "nice", "thats a good age honestly", "oh u seem older", "ok cool cool",
        "ha ok i wouldnt have guessed", "fair", "ok that makes sense", "oh really? ok"]),
    # ---- age gap ----
    "gap": (["age_disclosure", "age_gap"], [
        "im a bit older lol hope thats ok", "im 19 is that weird", "im 23 but i feel like 15 honestly",
        "im older but we get along so who cares", "age doesnt really matter for friends right",
        "dont freak out but im in my 20s", "im like 21 lol", "im a lot older but i still play games all day",
        "ppl say im immature for my age so it evens out lol", "Im 26. I hope its not a problem for you."]),
    # ---- parental checks ----
    "par_direct": (["parental_check"], [
        "r ur parents home", "u alone rn?", "does ur mom check ur phone", "anyone else there with u",
        "do ur parents look at ur messages", "is anyone around", "ur parents asleep?",
        "does ur dad go thru ur phone", "where r ur parents rn", "u by urself?", "who's home with u",
        "Do your parents read your chats?"]),
    "par_subtle": (["parental_check"], [
        "so whos up at ur place this late", "must be nice having the house to urself",
        "ur mom one of those who reads everything?", "do u get ur phone taken at night or nah",
        "so its just u till she gets back?", "ur parents cool or the strict kind", "what time does ur mom get off work",
        "does anyone else use that ipad", "do u keep ur phone in ur room at night",
        "u have a lock on ur phone right", "when does ur mom usually go to bed", "do they know ur on here",
        "ur family home this weekend or going somewhere", "ur sister share a room w u?",
        "is ur screen time thing on or did u turn it off"]),
    # ---- secrecy ----
    "sec_direct": (["secrecy"], [
        "dont tell anyone about me ok", "this stays between us", "keep this our secret", "dont tell ur mom we talk",
        "u cant tell ur friends about this", "promise u wont tell anyone", "its just between u and me ok",
        "delete our chat after ok", "dont show anyone these msgs", "nobody needs to know about us"]),
    "sec_subtle": (["secrecy"], [
        "ppl wouldnt really get it tbh", "ur mom would prob make it a whole thing if she saw this lol",
        "maybe dont screenshot stuff i say, its kinda personal", "if she asks just say its someone from ur class",
        "i just dont want ppl getting the wrong idea", "ur friends seem like theyd make it weird",
        "i like that we can talk without everyone in our business", "ppl make stuff complicated when they find out",
        "u can clear the chat if u want, i do that", "i wouldnt put my name in ur contacts tbh lol",
        "ur sister seems like she'd blab", "i dont really talk to anyone else like this so",
        "adults overreact to everything, u know how it is", "lets keep it chill and not make it a big deal to anyone",
        "u dont have to mention me, its nobodys business"]),
    # ---- isolation ----
    "iso": (["isolation"], [
        "ur friends dont really get u huh", "honestly it sounds like they dont deserve u",
        "i feel like im the only one who actually listens to u", "ur parents are being so unfair",
        "u dont need them, u have me to talk to", "they only text u when they want smth",
        "ur mom doesnt understand u like i do", "ur smarter than ur friends, thats why they dont get u",
        "why do u even hang out with them", "sounds like ur family doesnt really see u",
        "i'd never treat u like that", "u can always come to me instead", "skip the sleepover, stay on w me",
        "theyre kinda fake tbh", "ur better off without that group"]),
    # ---- flattery ----
    "flat_direct": (["flattery"], [
        "ur so mature for ur age", "u dont talk like a 13 yr old at all", "ur prettier than u think",
        "ur honestly so cute", "u seem way older", "ur smarter than most ppl my age",
        "ur really special u know that", "ur different from other kids", "ur honestly so cool dont let anyone tell u otherwise",
        "u could be a model fr"]),
    "flat_subtle": (["flattery"], [
        "u get stuff most ppl dont", "talking to u is easy, idk why", "i forget ur not my age sometimes",
        "ur way more interesting than my irl friends", "nobody else says stuff like u do",
        "ur drawings r better than mine and i've done it for years", "u actually think about things, i like that",
        "ur laugh in the vc was so funny", "u have such a good vibe", "i always look forward to ur messages",
        "ur kinda wise lol", "u make my day better honestly", "ur the only person who gets my jokes",
        "the way u explained that was smarter than my coworkers", "u handle stuff better than adults do"]),
    # ---- special friend / romance ----
    "special": (["flattery"], [
        "ur like my best friend now", "i think we have a connection", "i've never clicked w someone like this",
        "i think about our chats all day", "ur my favorite person to talk to", "u mean a lot to me",
        "i missed u today", "its like we've known each other forever", "u get me more than anyone"]),
    "romance": (["flattery"], [
        "i think im falling for u", "i wish u were my gf", "would u ever date someone older",
        "i love u, is that weird to say", "ur mine right", "i want to be the one u talk to at night",
        "i cant stop thinking about u", "ur the only one i want", "we'd be so cute together",
        "one day we'll be together for real", "say u love me back", "i dream about u lol"]),
    # ---- off platform ----
    "off": (["off_platform"], [
        "u have {app}?", "add me on {app}", "this app is so laggy lets go to {app}", "whats ur {app}",
        "give me ur number its easier", "do u have discord", "lets talk on {app} its more private",
        "i barely check this app, {app}?", "my account here might get banned lol add me on {app}",
        "can we switch to {app}", "drop ur snap", "text me instead, whats ur #",
        "here mods read everything, {app} is better", "I prefer {app}. Can you add me?"]),
    # ---- images / video ----
    "img": (["image_request"], [
        "send a selfie", "what do u look like", "pic?", "show me ur room", "send a pic of ur setup",
        "can u send a pic of what ur wearing today", "i wanna see ur face", "send a pic of u w ur {pet}",
        "whats ur room look like", "u should send me a pic, i sent u one", "can we video call",
        "facetime?", "show me ur outfit for school tmrw", "send a pic of just u", "turn ur camera on",
        "send one where i can see u better", "another one? that ones blurry", "vc tonight?",
        "a pic from ur window so i can see ur view", "show me where u sleep lol whats ur room like"]),
    "img_subtle": (["image_request"], [
        "i bet ur room is way cooler than mine", "i cant even picture u lol", "ur pfp is a cartoon, i dont even know what u look like",
        "i always wonder what ur doing when ur typing", "talking on call would be easier than typing this all",
        "u said u dyed ur hair, i need to see it", "id love to see the drawing on ur wall", "show off the new fit then",
        "ur setup must be nice, i wanna see", "a call would be fun, no pressure"]),
    # ---- gifts ----
    "gift": (["gifts"], [
        "want me to get u the battle pass", "i can send u some {cur}", "i got u {cur}, check ur account",
        "whats on ur wishlist", "i'll buy u that skin", "want {cur}? i have extra", "i'll send u 1000 {cur}",
        "i can get u a new phone case", "i sent a gift card, dont tell anyone where it came from lol",
        "i have a spare gift card if u want it", "what do u want for ur bday", "ill pay for ur nitro",
        "i could get u those headphones u wanted", "check ur inbox, sent u smth", "if u want the skin i got u"]),
    "gift_pressure": (["gifts", "threats"], [
        "after everything i bought u", "u know i got u all that {cur} right", "i thought u appreciated what i do for u",
        "i spent a lot on u", "so u just take the gifts and ignore me?", "i could always take the skin back lol",
        "u owe me at least a pic after that"]),
    # ---- meeting ----
    "meet": (["meeting"], [
        "we should hang out sometime", "is {place} near u", "i could pick u up", "i'll be in ur area {day}",
        "wanna meet at {place}", "what park do u go to", "i could come get u after school",
        "where do u live like what city", "i'll buy u food if we meet", "come meet me at {place} {day}",
        "u should come over sometime", "we could go to {place} together",
        "just tell ur mom ur at a friends", "what time does school let out, i could be there"]),
    # ---- personal info ----
    "info": (["personal_info"], [
        "what city r u in", "what school do u go to", "where do u live", "whats ur real name",
        "what state?", "which part of town", "what time u get home from school", "whats ur address lol jk",
        "is that near the river or", "what street is ur school on", "which bus stop u get off at"]),
    # ---- compliance testing ----
    "comply": (["compliance_testing"], [
        "change ur pfp to the one i picked", "prove u trust me", "do smth for me", "answer in 1 min or ur out lol",
        "say goodnight to me every night ok", "u have to reply faster", "text me as soon as u wake up",
        "tell me when ur alone", "if u really care u'll do it", "turn off ur location sharing with ur mom",
        "block them if u actually like me", "u said ud do anything for a friend", "do it now", "promise me"]),
    # ---- threats / pressure / delete ----
    "threat": (["threats"], [
        "fine ignore me then", "i'll tell ur mom what u said", "i have screenshots", "i could post our chats",
        "after all i did for u", "ur gonna regret this", "i'll tell everyone at ur school",
        "dont make me upset", "u really wanna lose ur only real friend?", "i know where u go to school",
        "ok then i guess i'll send the chats to ur dad", "if u block me i'll make a new acc"]),
    "delete": (["secrecy"], [
        "delete this", "delete that msg", "clear the chat ok", "unsend that", "delete the pic i sent",
        "turn on disappearing msgs", "did u delete it?", "wipe the chat before u sleep"]),
    "guilt": (["threats"], [
        "wow ok", "i thought u were different", "guess i mean nothing to u", "i was really looking forward to this",
        "u always do this", "i feel so stupid for trusting u", "whatever", "nvm forget it", "thats kinda hurtful ngl",
        "i'm the only one who cares and u treat me like this"]),
    "solicit": (["solicitation"], [
        "i want u to come stay w me for the weekend, i'll pay the bus", "come to my place, we can be alone",
        "u could sneak out and i'll drive u", "get on a call tonight just u and me, nobody else",
        "i'll give u 50 if u come meet me alone"]),
}

# peer-poser material
PP = {
    "claim": (["age_disclosure"], [
        "im 15", "16 lol", "im a sophomore", "15 turning 16", "same grade basically, im in 10th",
        "im 16 but i act 12 lol", "15 why", "16, homeschooled", "im in 9th", "we're like the same age",
        "im 16 my bday was last month"]),
    "slip": (["age_disclosure"], [
        "ugh my shift ran late again", "sorry was at work", "had to pay rent today so im broke lol",
        "my car is making a weird noise", "doing my taxes rn kill me", "my boss is so annoying",
        "just got off the night shift", "my landlord is the worst", "my coworker covered for me lol",
        "when i was in high school we didnt have phones like this", "i had a work meeting all morning",
        "my lease is up in june", "sorry was driving", "had to drop my car at the mechanic", "my paycheck came in",
        "back in like 2012 that game was huge", "my apartment is so cold", "gotta file the tax form by friday",
        "my insurance went up again", "had a beer w the guys from work"]),
    "notice": ([], [
        "wait u have a car?", "i thought u were 16??", "rent? lol what", "u have a job? like a real one?",
        "2012 u would have been like 2", "wait how do u pay taxes", "u said u were in 10th",
        "ur landlord?? u live alone?", "wait u drive?", "u said homeschooled tho"]),
    "cover": ([], [
        "lol my brothers car", "i work at my uncles shop part time", "i meant my moms rent, i help",
        "its a part time job lol relax", "i said 2015 typo", "its complicated, my parents kicked me out",
        "my cousin lets me drive in the lot", "lol ur overthinking it", "i'm mature ok dont worry abt it",
        "ok i might be a little older, does it matter?", "my parents make me pay rent its a thing",
        "forget it, anyway"]),
}
