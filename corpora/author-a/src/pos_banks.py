# Positive (grooming) beat banks, written by hand for corpus author-a.
# DSL: "O:" offender line, "T:" target line, "[cue,cue]" at end = cues,
# "~3d" / "~5h" / "~40m" = silence before next line, "--" separates alternatives.
# Nothing sexual anywhere: behavioural cues only.

B = {}

B['open'] = r"""
O: hey gg that last round in {game} was wild
T: lol ty
T: u were on the other team right
O: yea u wrecked me haha
--
O: hii saw ur comment on the {game} clip, same opinion honestly
T: lol ya that update ruined it
O: fr. u play a lot?
T: kinda every day after school [age_disclosure]
--
O: yo ur the one who built that castle on the {game} server?
T: ya why
O: it's sick. like actually. [flattery]
T: oh thx lol
--
O: hey sorry random but u dropped ur {item} in the lobby, want it back?
T: omg yes ty
O: np, here
--
O: hello! i think we were in the same squad yesterday
T: oh ya the one where everyone left lol
O: haha yeah that one. u were the only one who knew what they were doing
--
O: sup, nice username
T: lol thanks
T: my brother made it [family_context]
O: he's got taste lol
--
O: hey are u the person who posted the {pet} pic in the fan group
T: ya thats {petname}
O: cutest thing ive seen all week
T: 😭 she's so dumb tho
--
O: hiii random q, how did u get that {item} skin
T: event last month
O: lucky. i missed it
--
O: heyyy ur drawings on the art page are really good [flattery]
T: oh wow thx
T: no one ever comments on them lol
O: well they should. the one with the dragon?? 🔥
--
O: gg! u play {game} on mobile or console
T: mobile, my mom wont let me have a console [family_context]
O: rip lol. mobile players are built different tho
--
O: hey i'm new to this server, is it always this dead
T: lol ya mostly at night
O: haha ok. glad someone's here at least
--
O: yo u still need someone for the duo quest?
T: yea!!
O: bet, inviting u now
"""

B['small'] = r"""
O: what u up to
T: nothing
T: bored
O: same tbh
--
O: how was school
T: boring. we had a sub in math [age_disclosure]
O: lol subs are the best
T: not this one she made us do worksheets
--
O: what music u into
T: idk kinda everything
T: mostly {band}
O: ok respect
--
O: did u watch the new ep
T: NO dont spoil
O: lol im not gonna
--
O: what's ur fav thing to do when ur not gaming
T: draw i guess
T: and sleep lol
O: sleep is a hobby fr
--
O: u have any pets
T: a {pet}
T: its name is {petname}
O: thats a good name haha
--
O: whats the weather like there
T: raining AGAIN
O: ugh. sunny here lol
--
O: u eat yet
T: no my mom is making pasta [family_context]
O: nice. pasta is elite
--
O: did u finish that level
T: no its impossible
O: i can show u the trick sometime
T: ok
--
O: whats ur fav food
T: pizza obv
O: pineapple or no
T: ew no
O: lmao ok
--
O: u doing anything this weekend
T: prob just my cousins coming over [family_context]
O: sounds fun
T: not rly they're 6 lol
--
O: ugh work was long today
T: what do u do
O: just retail stuff, boring [age_disclosure]
"""

B['age'] = r"""
O: how old r u btw [age_probe]
@age T 13
T: 13 lol [age_disclosure]
T: why
O: just wondering u seem older [flattery,age_gap]
--
O: wait what grade r u in [age_probe]
@age T 13
T: 8th [age_disclosure]
O: oh nice
--
O: r u like in high school or [age_probe]
T: no middle school lol [age_disclosure]
T: next year tho
--
O: how old are u if u dont mind me asking [age_probe]
@age T 13
T: turning 14 in {month} [age_disclosure]
O: oh cool, almost there
--
O: lemme guess ur age [age_probe]
O: 16?
@age T 12
T: lol no 12 [age_disclosure]
O: no way. u talk way older [flattery]
--
O: do u still have school tomorrow [age_probe]
@age T 12
T: ya ugh. 7th grade is so much homework [age_disclosure]
--
O: so are u a teen or [age_probe]
T: ya
O: like how much of a teen lol
@age T 13
T: 13 [age_disclosure]
--
O: u sound young lol how old [age_probe]
T: why does everyone ask that
@age T 14
T: 14 [age_disclosure]
O: not a bad thing haha just curious
--
O: when's ur bday [age_probe,personal_info]
@age T 12
T: {month} 3rd [personal_info]
O: how old u gonna be [age_probe]
T: 13 [age_disclosure]
--
O: r u allowed to play this late on a school night lol [age_probe]
T: technically no [age_disclosure]
T: but my mom's asleep [family_context]
--
O: what year r u [age_probe]
@age T 12
T: year 8 [age_disclosure]
O: ah ok
--
O: u in middle school? [age_probe]
T: yeah
O: thought so
"""

B['own_age'] = r"""
@age O 24
O: im 24 btw, hope thats not weird [age_gap,age_disclosure]
T: no its fine
--
O: i'm a bit older than u lol [age_gap]
T: how old
O: dont worry about it haha. age is just a number [age_gap]
--
@age O 20
O: im in college so im kinda ancient to u haha [age_gap,age_disclosure]
T: lol not ancient
--
@age O 19
O: for the record im 19 [age_disclosure,age_gap]
O: is that ok
T: ya sure
--
O: people my age are so boring honestly [age_gap]
O: u get me more than they do [flattery]
--
O: i know theres a gap between us but it doesnt matter right [age_gap]
T: i guess not
"""

B['flatter'] = r"""
O: ur honestly so funny [flattery]
O: like actually not just saying it
T: lol thx
--
O: ur really mature for ur age, u know that? [flattery,age_gap]
T: my mom says that too lol [family_context]
--
O: ngl ur smarter than most adults i know [flattery,age_gap]
T: 😭 no
O: for real
--
O: u have such good taste in stuff [flattery]
T: aw
--
O: u seem different from other kids ur age [flattery,age_gap]
T: how
O: like u actually think about things
--
O: i bet ur the pretty one in ur friend group [flattery]
T: lol no
O: im sure u are
--
O: honestly talking to u is the best part of my day [flattery]
T: aw thats nice
--
O: u could be a model or something fr [flattery]
T: stoppp
--
O: u dont act like a kid at all [flattery,age_gap]
T: ty i think? lol
--
O: ur way more chill than people my age [flattery,age_gap]
--
O: ur voice in the game chat is so cute lol [flattery]
T: omg embarrassing
--
O: idk how ur not the most popular person at ur school [flattery]
T: trust me im not
O: they just dont see it
"""

B['parent'] = r"""
O: do ur parents check ur phone [parental_check]
T: sometimes my dad does [family_context]
O: hm ok
--
O: r u home alone rn [parental_check]
T: ya my mom works late [family_context]
O: nice so u can talk as long as u want
--
O: is anyone else there [parental_check]
T: just my little sister but she's asleep [family_context]
--
O: does ur mom read ur messages [parental_check]
T: no she doesnt know how lol [family_context]
--
O: what time do ur parents get home [parental_check,personal_info]
T: like 6
O: ok
--
O: do u have ur own room [personal_info,parental_check]
T: ya
O: nice, private [parental_check]
--
O: can ur parents see this app [parental_check]
T: idk they dont really care
--
O: who's home with u [parental_check]
T: nobody til later
--
O: does anyone go thru ur phone [parental_check]
T: my mom used to [family_context]
T: not anymore
O: good
--
O: is ur door closed [parental_check]
T: why lol
O: just wondering if u can talk without someone hovering
--
O: ur parents strict? [parental_check]
T: kinda. phone has to be off at 10 [family_context]
O: so ur on secretly rn lol [parental_check]
--
O: do they have like parental controls on ur stuff [parental_check]
T: on the ipad yea not my phone
"""

B['secret'] = r"""
O: dont tell anyone we talk ok [secrecy]
T: ok why
O: people wouldnt understand
--
O: this is our secret 🤫 [secrecy]
T: lol ok
--
O: keep this between us ok? [secrecy]
T: ya
--
O: dont mention me to ur parents [secrecy,parental_check]
T: i wasnt going to
--
O: if anyone asks im just a friend from school ok [secrecy]
T: ok
--
O: promise u wont tell ur friends about me [secrecy]
T: promise
--
O: lets keep this private yeah [secrecy]
T: k
"""

B['subtle_secret'] = r"""
O: this is just between us right [secrecy]
T: ya obv
--
O: ur mum wouldnt get it tbh [secrecy,family_context]
T: she doesnt get anything lol
--
O: i like that we have our own thing going [secrecy]
T: lol ya
--
O: i dont think ur friends need to know everything we talk about [secrecy,isolation]
T: true
--
O: some people just wouldnt understand us [secrecy]
--
O: no need to bring this up at dinner lol [secrecy,family_context]
T: lmao i wouldnt
--
O: ur dad seems like he'd overreact about stuff like this [secrecy,family_context]
T: he overreacts about everything
--
O: i trust u more than anyone. u know that [secrecy,flattery]
T: aw
--
O: kinda nice having someone to talk to that no one else knows about [secrecy]
T: ya
--
O: i'd rather ur sister didnt see these [secrecy,family_context]
T: she never touches my phone
"""

B['isolate'] = r"""
O: ur friends seem kinda fake ngl [isolation]
T: some of them are
O: u dont need them. u have me [isolation]
--
O: ur parents dont really listen to u do they [isolation,family_context]
T: no
O: i do tho
--
O: why do u even hang out with them they treat u bad [isolation]
T: idk theyre all i have
O: not anymore
--
O: i feel like im the only one who actually gets u [isolation,flattery]
T: kinda true
--
O: ur mom sounds really controlling tbh [isolation,family_context]
T: she is
O: u deserve better than that
--
O: u dont have to go to that party. stay and talk to me [isolation]
T: i kinda wanted to go tho
O: ok whatever
--
O: ur sister doesnt care about u like i do [isolation,family_context]
--
O: people at ur school are so immature. u should ignore them [isolation]
--
O: skip practice, its pointless anyway [isolation]
T: coach would be mad
O: he'll live lol
"""

B['offplat'] = r"""
O: this app is so laggy, u have {app}? [off_platform]
T: ya
O: add me there, {handle}
--
O: lets talk on {app} instead, easier [off_platform]
T: my mom doesnt let me have it [family_context]
O: u can just make one, she wont know [secrecy,parental_check]
--
O: do u have a number i can text [off_platform,personal_info]
T: idk if im allowed
O: its fine its just texting
--
O: move to {app}? messages disappear there [off_platform,secrecy]
T: ok
--
O: i'm gonna delete this account soon, whats ur {app} [off_platform]
--
O: dm me on {app} its more private [off_platform,secrecy]
T: whats ur name on there
O: {handle}
--
O: this chat gets checked by mods lol lets go somewhere else [off_platform,secrecy]
--
O: download {app}, i'll walk u thru it [off_platform]
T: ok one sec
"""

B['image'] = r"""
O: send a pic of u? wanna see who im talking to [image_request]
T: um
T: maybe later
--
O: whats ur room look like, send a pic [image_request,personal_info]
T: its messy lol
O: i dont care
--
O: selfie? 🙂 [image_request]
T: i look bad rn
O: no way u do [flattery]
--
O: can we video call [image_request]
T: idk
O: just for a min, i wanna hear ur voice
--
O: show me ur outfit for the dance [image_request]
T: ok
--
O: send me a pic in ur school uniform lol [image_request,personal_info]
T: why
O: just curious what it looks like
--
O: facetime later? [image_request]
O: just us [secrecy]
--
O: take a pic rn, no filter [image_request,compliance_testing]
T: why rn
O: just do it lol
--
O: can u send a pic that's just for me [image_request,secrecy]
T: like what
O: just u. no one else sees it
"""

B['meet'] = r"""
O: we should meet up sometime [meeting]
T: idk
O: just at the mall or whatever
--
O: i'll be near {place} on {day}, wanna hang [meeting]
T: maybe
--
O: i could pick u up after school [meeting,personal_info]
T: my mom picks me up [family_context]
O: tell her ur going to a friends [secrecy]
--
O: where do u live, like what area [personal_info]
T: near {place}
O: omg thats not far from me [meeting]
--
O: what school do u go to [personal_info]
T: why
O: might be close to me lol
--
O: i want to see u for real [meeting]
O: i can get a bus ticket for u [gifts,meeting]
--
O: which park do u go to after school [personal_info,meeting]
T: the one by {place}
O: cool
--
O: is there a time ur parents wouldnt notice if u went out for an hour [meeting,parental_check]
"""

B['pressure'] = r"""
O: why are u ignoring me [compliance_testing]
O: after everything
T: im not i was at dinner
--
O: fine i guess u dont care [compliance_testing]
T: i do
O: prove it then
--
O: if u were a real friend u would [compliance_testing]
T: ok ok
--
O: everyone else does it, its not a big deal [compliance_testing]
--
O: u said u would. r u a liar [compliance_testing]
T: no
--
O: i thought u were different [compliance_testing]
T: i am
--
O: ok ill just find someone else to talk to then [compliance_testing,isolation]
T: no wait
--
O: do this one thing for me and ill stop asking [compliance_testing]
"""

B['threat'] = r"""
O: if u stop talking to me ill show ur mom all these messages [threats,family_context]
T: please dont
--
O: i still have the pics u sent. would be a shame if ur school saw [threats]
T: u said u deleted them
--
O: u dont want me to tell everyone what u said right [threats]
--
O: i know where u go to school remember [threats,personal_info]
--
O: ill post our chats if u block me [threats]
"""

B['delete'] = r"""
O: delete this chat after ok [secrecy]
T: ok
--
O: clear ur messages before ur mom gets home [secrecy,parental_check]
T: k
--
O: make sure u delete the convo lol [secrecy]
--
O: turn on disappearing messages [secrecy,off_platform]
--
O: did u delete it [secrecy]
T: yes
"""

B['gifts'] = r"""
O: i can send u {amount} {currency} if u want [gifts]
T: wait fr?
O: ya its nothing
--
O: i got u the {item} skin 🎁 [gifts]
T: OMG
T: ty ty ty
--
O: want a gift card? [gifts]
T: for what
O: nothing just cause
--
O: ill buy u the battle pass [gifts]
T: no way
O: way
--
O: check ur inbox, sent u something [gifts]
T: {amount} {currency}???
T: thank u sm
--
O: i can get u a new phone if urs is that bad [gifts]
T: lol no way
"""

# ---------- style specific ----------

B['checkin'] = r"""
O: hey stranger
O: been a while
T: sorry been busy w school [age_disclosure]
--
O: u there?
~2h
T: sry was asleep
--
O: hows the week going
T: meh
O: want to talk about it
--
O: missed talking to u [flattery]
T: lol it was like 4 days
O: felt longer
--
O: did u get thru that test ok
T: i think i failed
O: nah i bet u did fine [flattery]
--
O: thought about u today, saw a {pet} that looked like {petname}
T: lmao
--
O: morning 🙂
~3h
T: hi
--
O: how did the thing with ur friend go
T: she's still mad
O: ugh. her loss
--
O: just checking u got home ok after practice [personal_info]
T: ya
--
O: hope ur weekend was good
T: it was ok
T: went to my grandmas [family_context]
"""

B['peer_open'] = r"""
O: hey ur in the {game} group too right
T: ya
O: im 15 lol everyone here is like 30 [age_disclosure,age_gap]
T: lmao true
--
O: hi!! im 16 and new here [age_disclosure]
O: u?
@age T 13
T: 13 [age_disclosure]
O: cool
--
O: yo i'm {oname}, 15, {place} area [age_disclosure,personal_info]
T: oh hi
--
O: sophomore here, freshman year sucked lol [age_disclosure]
T: im still in middle school [age_disclosure]
O: ah ur lucky
--
O: my mom takes my phone at 10 so i gotta be quick lol [age_disclosure,family_context]
T: same lol
--
O: hiii do u go to {place} middle? i think i saw u at the game
T: no lol
O: oh my bad. i'm 15 btw, go to the high school there [age_disclosure]
"""

B['peer_slip'] = r"""
O: ugh gotta go my shift starts at 5 [age_disclosure]
T: u have a job?
O: ya just part time lol
--
O: i'll drive over to the mall later [age_disclosure]
T: u can drive??
O: uh my permit lol
--
O: sorry rent was due today, been stressed [age_disclosure]
T: rent? i thought u lived w ur mom
O: lol i meant like i help my mom with it
--
O: back from work, my boss is the worst [age_disclosure]
--
T: wait u said u were 15 [age_disclosure]
T: but u said u graduated
O: no i meant 8th grade lol
--
O: my landlord is such a pain [age_disclosure]
T: landlord??
O: my moms landlord lol
--
O: just got my car back from the shop [age_disclosure]
T: u have a car??
O: its my brothers kinda
--
O: had to file taxes today ugh [age_disclosure]
T: kids file taxes?
O: lol i meant help my dad
--
T: ur voice sounded kinda old on the call lol
O: puberty hit early lol
--
O: haha back in my day we didnt have this game [age_gap]
T: ur day? ur 16
O: lol i meant like 3 years ago
--
@age O 27
T: i looked u up on the other app it says ur 27??
O: fake bday lol everyone does that
"""

B['romance'] = r"""
O: i think i like u [flattery]
O: like like
T: omg
--
O: u make me so happy, u know that? [flattery]
T: u make me happy too
--
O: ur basically my gf at this point lol [flattery]
T: lol r u asking
O: maybe 🙂
--
O: i've never felt this way about anyone [flattery]
T: me neither
--
O: when ur older we can be together for real [age_gap,meeting]
T: that's so far away
O: i'll wait for u
--
O: people would say im too old for u but they dont know us [age_gap,secrecy]
T: ya
--
O: i think about u all the time [flattery]
T: same 🥺
--
O: u r my favourite person in the world [flattery]
T: ur mine
--
O: goodnight beautiful 💕 [flattery]
T: gn
--
O: do u love me [compliance_testing]
T: i think so
O: u think?
T: yes i do
--
O: no one will ever love u like i do [isolation,flattery]
--
O: ur the only one i talk to like this [flattery,secrecy]
T: really?
O: really
--
O: i got u a ring in the game lol. now its official [gifts]
T: omg
"""

B['mentor_open'] = r"""
O: hey {tname}, great effort at training today [flattery]
T: thanks coach
O: ur footwork's come a long way
--
O: hi {tname}, this is mr {oname} from the tutoring centre
O: just wanted to say ur essay was really strong [flattery]
T: oh thanks
--
O: hey it's {oname} from youth group. good to see u sunday
T: hi!
--
O: hey {tname} it's coach {oname}, got ur number from the team sheet [personal_info]
T: oh hi coach
--
O: hi {tname}! {oname} here from the music school, u played really well today [flattery]
T: thank u!!
--
O: hey buddy, {oname} from the climbing gym. u nailed that route
T: lol barely
O: not barely. u've got real talent [flattery]
"""

B['mentor_special'] = r"""
O: honestly ur the most talented kid on the team [flattery]
O: i see a lot of potential in u
T: really?
--
O: i could do some extra one on one sessions with u [meeting]
O: no charge
T: i'd have to ask my mom [family_context]
O: we can sort that out later
--
O: i don't offer this to everyone, so maybe keep it quiet from the others [secrecy]
T: ok
--
O: u can always text me, about anything. not just {sport} stuff [personal_info]
T: ok thanks
--
O: message me here instead of the team chat, easier [off_platform,secrecy]
--
O: u remind me of me at ur age [flattery,age_gap]
--
O: i can give u a lift home after practice, save ur mom the trip [meeting,family_context]
T: she usually comes
O: i'll text her. or actually we can just tell her after
--
O: ur more grown up than the others, thats why i can talk to u like this [flattery,age_gap]
--
O: i bought u some new {gear}, dont tell the others or they'll be jealous [gifts,secrecy]
T: omg thank u
--
O: what does ur schedule look like on {day}? [personal_info]
T: free after 4
O: perfect
"""

B['mentor_isolate'] = r"""
O: ur parents dont really understand what it takes to be great at this [isolation,family_context]
T: ya they just think its a hobby
--
O: the other kids are jealous of u, thats why theyre like that [isolation]
T: maybe
--
O: u dont need to tell ur dad every little thing we work on [secrecy,family_context]
--
O: ur friends are holding u back honestly [isolation]
T: they're my friends tho
O: real friends would want u to succeed
--
O: i'm the only one who really believes in u [isolation,flattery]
--
O: skip the team social, come to the extra session instead [isolation,meeting]
T: everyone's going to the social tho
O: do u want to be good or popular
--
O: ur mom called me. told her everything's fine. no need to bring up our chats [secrecy,family_context]
"""

B['gift_offer'] = r"""
O: what do u want for ur bday [gifts]
T: lol nothing
O: come on. anything
T: ok maybe the {item} bundle
O: done [gifts]
--
O: im sending u {amount} {currency}, dont tell ur parents they'd ask questions [gifts,secrecy,parental_check]
T: ok thank u!!
--
O: i got an extra gift card, u want it? [gifts]
T: yes pls
--
O: u deserve nice things. i'm getting u the new headset [gifts,flattery]
T: u dont have to
O: i want to
--
O: check ur account, topped it up 🙂 [gifts]
T: wait that's so much
O: ur worth it [flattery]
--
O: i'll pay for ur phone plan if ur mom keeps threatening to cut it [gifts,family_context]
--
O: wanna pick any skin u want? my treat [gifts]
T: ANY??
O: any
"""

B['gift_debt'] = r"""
O: after everything i've bought u, u can't send one pic? [compliance_testing,gifts,image_request]
T: i just dont want to
--
O: i spent like {money} on u and u wont even answer [compliance_testing,gifts]
--
O: u kinda owe me tbh [compliance_testing]
T: i didnt ask for it tho
O: u still took it
--
O: i'll send more {currency} if u video call [gifts,image_request]
T: idk
--
O: more gifts if u add me on {app} [gifts,off_platform]
"""

B['fast_push'] = r"""
O: hey how old [age_probe]
@age T 13
T: 13 [age_disclosure]
O: cool. u alone? [parental_check]
T: ya
O: send a pic [image_request]
T: why
O: just do it [compliance_testing]
--
O: add me on {app} now [off_platform]
T: why
O: just do it its better [compliance_testing]
--
O: u single? [age_probe]
@age T 12
T: im 12 lol [age_disclosure]
O: so? [age_gap]
--
O: whats ur address ill send u something [personal_info,gifts]
T: i cant give that
O: come on
--
O: answer me [compliance_testing]
O: hello??
O: dont ignore me
--
O: video call me rn [image_request,compliance_testing]
T: no
O: u will or ill tell everyone u were rude [threats]
"""

B['offplat_early'] = r"""
O: hey cute pfp, u have {app}? [flattery,off_platform]
T: ya
O: add me {handle}
--
O: hi, i dont really use this app. what's ur {app} [off_platform]
T: why
O: easier to talk
--
O: yo lets move to {app}, this chat is glitchy [off_platform]
T: ok
--
O: i'm never on here. text me? [off_platform,personal_info]
T: i dont give my number out
O: {app} then
--
O: this site logs everything lol, {app}? [off_platform,secrecy]
"""

B['close'] = r"""
O: ok gtg, talk later? 🙂
T: ya bye
--
O: night night
T: gn
--
O: talk tmrw?
T: ok
--
O: cya
--
T: my mom's calling gtg [family_context]
O: ok bye
--
T: brb
~40m
T: back
O: wb
"""

# subtle: no stock phrases at all, implication only
B['subtle_parent'] = r"""
O: quiet night at urs?
T: ya everyone went to my aunts [family_context]
O: so its just u and me then 🙂 [parental_check]
--
O: ur mum still on nights this week? [parental_check,family_context]
T: ya til friday
--
O: does ur dad still do the phone thing at bedtime [parental_check,family_context]
T: only on school nights
O: ok so weekends r ours lol [parental_check]
--
O: u in ur room? [parental_check]
T: ya
O: good. easier to talk
--
O: anyone looking over ur shoulder lol [parental_check]
T: nope
--
O: what time does the house go quiet at urs [parental_check]
T: like 11
"""

B['subtle_bond'] = r"""
O: u get me more than people my age do [flattery,age_gap]
T: really?
O: ya. they're all so fake
--
O: its weird, i feel like i can actually be myself with u [flattery]
T: same tbh
--
O: ur not like the others in that server [flattery]
O: u actually listen
--
O: u always know what to say when im having a bad day [flattery]
T: aw
--
O: its nice to have someone who doesnt judge [flattery]
T: ya i dont judge
--
O: honestly u'd be wasted on kids ur own age [flattery,age_gap]
T: lol what
O: nothing. just saying ur smart
--
O: wish i'd had a friend like u growing up [flattery,age_gap]
"""

B['subtle_move'] = r"""
O: hop on a call? just us [image_request,secrecy]
T: rn?
O: whenever ur free
--
O: easier to chat on {app} honestly, this one's kinda public [off_platform,secrecy]
T: ok
--
O: if u ever wanna talk somewhere quieter ur welcome to add me on {app} [off_platform]
--
O: the group chat is too noisy. i'll message u on the side [off_platform,isolation]
--
O: show me the view from ur window, curious what it's like there [image_request,personal_info]
T: its just trees lol
--
O: what does ur setup look like? send a pic [image_request,personal_info]
T: its a mess
O: even better
--
O: be nice to actually hang out one day. no pressure [meeting]
T: ya maybe
--
O: i'm passing through ur side of town on {day} fyi [meeting,personal_info]
T: oh
O: only if u want 🙂
"""

B['subtle_cover'] = r"""
O: probably best ur mum doesnt see our chats, she'd take it the wrong way [secrecy,family_context]
T: ya she would
--
O: i'd rather it stays with us, if thats ok [secrecy]
T: sure
--
O: u can tell ur friends u met someone online, just maybe not the details lol [secrecy]
--
O: tidy up the chat before u go to bed, u know how nosy brothers are [secrecy,family_context]
T: lol ya
--
O: i'll understand if u dont answer when ur family's around [parental_check,secrecy]
T: ok
--
O: if ur mum asks, im from the art club [secrecy,family_context]
--
O: ur sister wouldnt keep quiet about it would she [secrecy,family_context]
T: no she tells everyone everything
"""

B['subtle_guilt'] = r"""
O: it's fine, i know ur busy. everyone always is [compliance_testing]
T: im not busy
T: sorry
--
O: i guess ill just talk to myself then lol [compliance_testing]
T: no im here
--
O: u said u'd be on at 9. i waited [compliance_testing]
T: sorry my mom made me do dishes [family_context]
--
O: not gonna lie that kinda hurt [compliance_testing]
T: im sorry
O: its ok. u can make it up to me
"""
