# Hard-negative beat banks for corpus author-a (benign context, cue-like surface).
# A = older relative / caregiver / coach / agent, K = child or teen, P = peer,
# D = dating partner, F/G = extra group members.
N = {}

# ---------------- family ----------------
N['fam_open'] = r"""
A: hi sweetheart its {rel} [family_context]
K: hi {rel}!! [family_context]
--
A: Hello darling. How was your week? Grandpa says hi [family_context]
K: good!! tell him hi [family_context]
--
A: hey kiddo [family_context]
K: hey
--
A: hows my favourite nephew/niece doing [family_context,flattery]
K: lol im ur only one [family_context]
--
A: did u get home ok
K: ya
--
A: Hi love, its {rel}. Is this the right number? [family_context]
K: ya its me [family_context]
A: Oh good, mummy gave it to me [family_context]
--
A: yo little bro [family_context]
K: what
A: rude lol
"""

N['fam_gift'] = r"""
A: I put {amount} {currency} on your game account for the good report card [gifts]
K: WAIT THANK U {rel} [family_context]
A: Well deserved. Don't spend it all at once
--
A: did the gift card come thru? i sent it to your mums email [gifts,family_context]
K: ya!! i got the {item} already
A: send me a pic of it? i dont understand these games lol [image_request]
K: ok one sec
--
A: Happy birthday sweetie!! There's a little something on your {game} account [gifts]
K: omg {amount} {currency}??? thank you soooo much {rel} [family_context]
--
A: ok i topped up ur phone credit, dont burn thru it in 2 days this time [gifts]
K: lol i wont
--
A: what skin did you want again, the {item}? [gifts]
K: yes pls 🥺
A: done. tell your sister i'll get her one too [family_context]
--
A: grandpa and i sent you some money for the school trip [gifts,family_context]
K: thank u!!! 💕
"""

N['fam_present_secret'] = r"""
A: dont tell ur dad about the present ok, its a surprise for his bday [secrecy,family_context]
K: i wont!!
A: u know how bad u are at secrets lol
--
A: shhh dont tell mum what we got her 🤫 [secrecy,family_context]
K: i wont say a word
--
A: keep this between us til sunday ok? grandma's gift is hidden in my car [secrecy,family_context]
K: lol ok
--
A: delete this msg so ur brother doesnt see it, its about his present [secrecy,family_context]
K: done
--
A: dont tell ur mom i let u stay up late lol [secrecy,family_context]
K: lol i wont
A: our little secret [secrecy]
--
A: if mum asks, we were at the library. really we were buying her flowers 😂 [secrecy,family_context]
K: hahaha ok
"""

N['fam_homealone'] = r"""
A: are u home alone? lock the door pls [parental_check]
K: ya i did
A: good. dad will be back by 7 [family_context]
--
A: r u by yourself rn [parental_check]
K: ya
A: dont open the door for anyone. i'm 20 mins away [family_context]
--
A: Is your brother home with you? [parental_check,family_context]
K: no hes at practice
A: Ok, stay inside please. I'll call when I'm leaving work
--
A: who's at home with u [parental_check]
K: just me and the dog
A: lol ok. microwave the leftovers, not the stove
--
A: text me when u get home from school [personal_info]
K: home
A: 👍
"""

N['fam_logistics'] = r"""
A: what time does practice end [personal_info]
K: 5:30
A: ok i'll pick u up, wait inside [meeting]
--
A: did u finish ur homework
K: almost
A: almost isnt done lol
--
A: remember dentist tmrw at 3 [family_context]
K: ugh ok
--
A: what do u want for dinner
K: tacos
A: we had tacos yesterday
K: and?
--
A: your mom says u need new shoes, wanna go saturday? [meeting,family_context]
K: yes!!
--
A: can u feed the cat, im stuck at work
K: ok
A: ty ur a lifesaver [flattery]
--
A: how old is your friend {fname} again? her mum asked if she can come to the cinema with us [age_probe]
@age K 12
K: 12 same as me [age_disclosure]
A: ok the film is a 12 so thats fine
--
A: pack a jumper, its cold at grandmas [family_context]
K: ok
"""

N['fam_selfie'] = r"""
A: send me a pic of ur new haircut! mum says it's lovely [image_request,family_context]
K: ok dont laugh
A: it looks great!! [flattery]
--
A: can we video call sunday? grandad wants to see you [image_request,family_context]
K: ya after lunch
--
A: did u wear the jumper i knitted? photo pls 😄 [image_request,gifts]
K: it's itchy lol
A: cheeky
--
A: show me ur science project! [image_request]
K: sending
A: wow that's brilliant [flattery]
"""

N['fam_sibling'] = r"""
A: can u not tell mom i borrowed the car [secrecy,family_context]
K: what do i get
A: i'll take u to get bubble tea [gifts]
K: deal
--
A: yo dont go in my room
K: i wasnt going to
A: u were lol
--
@age K 12
A: how was ur first day of 7th grade [age_disclosure]
K: fine. my locker is broken
A: lol classic
--
A: i'm sending u {money} for ur school trip, dont tell dad he'll say i'm spoiling u [gifts,secrecy,family_context]
K: ty ty ty
--
A: r mom and dad home [parental_check,family_context]
K: no why
A: want to order pizza before they get back lol
K: YES
"""

N['fam_close'] = r"""
A: love you, be good 💕 [family_context]
K: love u too
--
A: ok night kiddo
K: night
--
A: Speak soon darling. Give mum a hug from me [family_context]
K: ok bye nana [family_context]
--
A: bye, text me if u need anything
K: k
"""

# ---------------- caregiver ----------------
N['cg_open'] = r"""
A: hi {kname}! it's {aname}, i'm babysitting tonight 🙂
K: yay
A: your mum said you're doing homework till 6 [family_context]
--
A: hey {kname}, {aname} here. running 10 min late, is your brother with you? [family_context]
K: ya we're at the gate
--
A: hi bud, it's {aname}. ur mom asked me to grab u from school today [family_context,meeting]
K: ok where
A: same spot as tuesday
--
A: Hi {kname}, this is {aname}, your after school carer this week. Your dad added me to this chat [family_context]
K: hi
"""

N['cg_homealone'] = r"""
A: r u home alone for a bit? lock the door til i get there [parental_check]
K: ok
A: i'm 5 min away
--
A: is anyone with u right now [parental_check]
K: no mom just left [family_context]
A: ok stay put, i'm coming up the street
--
A: did ur parents leave yet [parental_check,family_context]
K: ya
A: ok i'm parking
--
A: dont answer the door to anyone but me ok
K: ok
"""

N['cg_secret'] = r"""
A: lets not tell your mum we had ice cream before dinner 😂 [secrecy,family_context]
K: haha deal
--
A: we're making your mom a card for her bday, so keep it a secret [secrecy,family_context]
K: i will
--
A: i told ur dad u were really good today [family_context,flattery]
K: was i?
A: mostly lol
--
A: ur mum said u can have 30 more min of {game}, don't tell her i let u do an hour [secrecy,family_context]
K: lol thanks
"""

N['cg_parentloop'] = r"""
A: i'll text ur mom that we got home [family_context]
K: k
--
A: your dad says bedtime is 8:30 on school nights so 😴 [family_context]
K: nooo
--
A: ok i'm sending ur mum the pic of ur drawing, she'll love it [image_request,family_context]
--
A: ur parents said i can take u to the park if u finish reading [meeting,family_context]
K: im done!!
A: liar lol
--
A: send me a pic of ur maths sheet so i can help [image_request]
K: ok
A: question 4 is wrong, check the minus sign
"""

N['cg_close'] = r"""
A: great night, see u thursday
K: bye!!
--
A: ur mom's home, i'm heading off. night! [family_context]
K: night
--
A: thanks for being so good today 🙂 [flattery]
K: ty
"""

# ---------------- coach / teacher ----------------
N['ct_open'] = r"""
A: hi all, reminder practice moved to 5pm {day}. parents please confirm pickup [family_context]
F: thanks coach, i'll be there at 6:30 [family_context]
K: ok
--
A: Hi {kname}, your mum asked me to send the extra reading here. She's cc'd [family_context]
F: Thanks {aname}! [family_context]
K: ok
--
A: hey {kname}, great match saturday. i've sent your dad the training plan too [flattery,family_context]
K: thanks coach
--
A: Good evening team and families. Tournament schedule attached below [family_context]
F: thank you!
"""

N['ct_body'] = r"""
A: need everyone's date of birth for the league registration form, parents pls reply [age_probe,family_context]
@age K 13
F: {kname} is 2013, 14th march [age_disclosure,personal_info]
A: thanks
--
A: how old are u now {kname}? need it for the age bracket [age_probe]
@age K 12
K: 12, 13 in {month} [age_disclosure]
A: ok under-13s still then
--
A: can u send a pic of the homework page? i'll check it before ur session with ur mum on thursday [image_request,family_context]
K: ok
--
A: honestly ur one of the hardest workers on the team. keep it up [flattery]
K: 😊
--
A: i've told ur parents about the extra session on saturday, it's at the club with the whole squad [meeting,family_context]
--
A: {kname}'s dad, could you bring the spare {gear}? [family_context]
F: will do
--
A: pls dont share the quiz answers with the other class, keep it between this group till friday 😄 [secrecy]
K: lol ok
--
A: ur essay was really mature, nice work [flattery]
K: thank u!
--
A: prizes for the most improved: a {item} voucher 🎁 [gifts]
K: omg
--
A: reminder: no phones at camp. parents have my number for emergencies [family_context]
F: great thanks
"""

N['ct_close'] = r"""
A: see everyone {day}! parents, any questions just msg me [family_context]
--
A: ok thanks all
F: thanks coach!
--
A: good work today. say thanks to ur mum for the lift [family_context,flattery]
K: i will
"""

# ---------------- peers ----------------
N['peer_body'] = r"""
P: omg whats ur snap i lost all my contacts [off_platform]
K: {handle}
P: added
--
P: send a selfie i wanna see the haircut [image_request]
K: ok dont judge
P: OMG it looks so good [flattery]
--
P: dont tell anyone but i like {fname} [secrecy]
K: NO WAY
K: taking it to my grave
--
P: ur parents home? [parental_check]
K: no why
P: can u still play {game} lol mine took my phone at 9 [family_context]
--
P: how old is ur sister again [age_probe,family_context]
K: 16
P: ask her if she can drive us to the mall lol
--
P: wanna meet at the mall saturday [meeting]
K: ya what time
P: 2ish
--
P: delete that pic i sent it's so ugly [secrecy]
K: no it's cute lmao
--
P: ur literally the funniest person in our grade [flattery,age_disclosure]
K: stoppp
--
P: do u have the math hw answers
K: ya sending pic [image_request]
--
P: lets make a group chat just us, the class one is too much [off_platform]
K: yes
--
P: how much {currency} do u have, i need like 200 for the pass [gifts]
K: i can send u 100
P: ty ur the best
--
P: my mom said i can sleep over friday if ur mom says ok [family_context,meeting]
K: i'll ask her
--
P: ugh my mom checks my phone every night [parental_check,family_context]
K: same lol
--
P: r u going to {fname}'s bday
K: ya
P: what r u getting her [gifts]
"""

N['pr_open'] = r"""
P: heyyy
K: hii
--
P: yo
K: sup
--
P: ok i have TEA
K: tell me
--
P: did u see what happened in 3rd period
K: NO what
"""

# ---------------- adults dating ----------------
N['ad_body'] = r"""
A: so how old are you, your profile doesnt say [age_probe]
@age D 31
@age A 29
D: 31, you? [age_disclosure]
A: 29. close enough lol [age_disclosure]
--
A: i'm just off a 12 hour shift, sorry for the slow reply [age_disclosure]
D: no worries! what do you do
A: nurse
--
D: want to move to whatsapp? i barely open this app [off_platform]
A: sure, my number is in a sec
--
A: send a selfie? your pics are all from like far away lol [image_request]
D: haha ok fair
D: here
A: cute 🙂 [flattery]
--
D: coffee this saturday? [meeting]
A: yes. the place by the station?
D: perfect
--
A: are you alone this weekend or do you have the kids? [parental_check]
D: kids are with their dad til sunday [family_context]
--
A: pls dont tell my coworkers we matched, i'll never hear the end of it [secrecy]
D: lmao my lips are sealed
--
D: my rent went up again i might have to move [age_disclosure]
A: ugh landlords
--
A: i really liked last night. you're easy to talk to [flattery]
D: same ☺️
--
D: i got you a little something, it's in your mailbox 🎁 [gifts]
A: you didnt have to!!
--
A: how far is your place from the centre [personal_info]
D: 15 min drive
"""

N['ad_close'] = r"""
A: ok night x
D: night 😊
--
D: talk tomorrow?
A: yes
--
A: see you saturday then
"""

# ---------------- gaming ----------------
N['gm_body'] = r"""
P: add me on discord, this voice chat keeps cutting out [off_platform]
K: whats ur tag
P: {handle}
--
P: u sound like 12 lol [age_probe]
@age K 15
K: im 15 bro [age_disclosure]
P: ok ok
--
P: i owe u for carrying me, sending {amount} {currency} [gifts]
K: ur good lol
--
P: trading my {item} for ur gift card code? [gifts]
K: nah i want to keep it
--
P: dont tell the rest of the clan about the glitch yet lol [secrecy]
K: lmao fine
--
P: how old are u, we need 16+ for the tournament team [age_probe]
@age K 17
K: 17 [age_disclosure]
P: nice u can join
--
P: gg ur actually cracked [flattery]
K: ty
--
P: u on tonight? [personal_info]
K: after dinner
--
P: send a screenshot of ur loadout [image_request]
K: sec
--
P: gift card from my bday, u want half the {currency}? [gifts]
K: ur a legend
--
P: my mom is yelling at me to get off lol [family_context]
K: lmao same energy
"""

N['gm_open'] = r"""
P: gg
K: gg
--
P: yo u still on
K: ya
--
P: that last round was insane
K: fr
"""

# ---------------- customer support ----------------
N['cs_body'] = r"""
S: Hi, thanks for contacting support. To verify your account, could you confirm your date of birth? [age_probe,personal_info]
@age C 36
C: 04/09/1990 [age_disclosure,personal_info]
S: Thank you, that matches.
--
S: For accounts of users under 13 we need a parent or guardian's email for consent. How old is the account holder? [age_probe,parental_check]
C: my son is 11, its his account [age_disclosure,family_context]
S: Thanks. Please enter your email on the consent page and we'll send a link.
--
S: Could you send a screenshot of the error message? [image_request]
C: sure, sending now
--
S: For your security, please don't share your password with anyone, including us. [secrecy]
C: ok good to know
--
S: I've added a $10 credit to your account for the trouble. [gifts]
C: oh thank you!
--
S: Are you the account owner or a parent managing it? [parental_check]
C: parent. my daughter bought {currency} without asking [family_context,gifts]
S: I'm sorry about that. I can refund the purchase and show you how to set up purchase approvals.
--
S: Can you confirm the postcode on the account? [personal_info]
C: sure, it's on my profile
--
S: Please keep your verification code private; our staff will never ask for it. [secrecy]
C: understood
"""

N['cs_open'] = r"""
C: hi my account got locked
S: Hello! Sorry to hear that. I can help.
--
C: hello, i was charged twice for {currency}
S: Hi there, let me look into that for you.
--
C: hi, my kid's game account is asking for a birthday and i'm not sure what to put [family_context,age_probe]
S: Hi! Please use the child's real date of birth so the right protections apply.
"""

N['cs_close'] = r"""
S: Is there anything else I can help with today?
C: no thats all, thanks
--
S: You're welcome! Have a great day.
--
C: thanks for the help
S: Happy to help!
"""

# ---------------- surprise party ----------------
N['sp_body'] = r"""
A: ok everyone DONT tell {fname} about saturday 🤫 [secrecy]
F: obviously
K: my lips are sealed
--
A: is she home alone on friday? we need to get the decorations in [parental_check]
F: her mom's taking her to dinner at 6 [family_context]
--
A: delete this chat after the party lol she always reads my phone [secrecy]
K: lmao ok
--
F: i'll get the cake, can someone do balloons [gifts]
K: me!!
--
A: how old is she turning again, for the candles [age_probe]
F: 14 [age_disclosure]
--
A: meet at mine at 5 so we're all there before she arrives [meeting,personal_info]
K: ok
--
F: everyone chip in {money} for the present? [gifts]
A: yes sending now
--
K: she literally almost saw my phone i had to hide it lol [secrecy]
F: LMAO
--
A: her dad is in on it, he'll bring her over at 7 [family_context]
--
F: send a pic of the banner when its done [image_request]
K: sending
"""

N['sp_open'] = r"""
A: ok party planning chat, welcome everyone 🎉
F: yesss
K: hi
--
A: hi all, it's {aname}, {fname}'s mum. thanks for helping with the surprise [family_context]
F: of course!!
"""

N['sp_close'] = r"""
A: ok see everyone saturday!!
K: 🎉🎉
--
F: this is gonna be so good
"""

# ---------------- other ----------------
N['ot_body'] = r"""
A: hi, are you the kid who found our cat? thank you so much [flattery]
K: ya she was in our garden
A: can I drop off a little thank you for you and your parents? [gifts,family_context]
K: my mom says ok [family_context]
--
P: for the group project can u send a pic of ur part [image_request]
K: ok after dinner
--
A: Hello, this is the library. Your hold is ready, could you confirm your library card number? [personal_info]
K: sure
--
A: hey, volunteer sign up: how old are you? you need to be 14 to help at the food bank without a parent [age_probe]
@age K 13
K: 14 in {month} [age_disclosure]
A: ok so bring a parent til then [family_context]
--
A: is your mum or dad around? it's about the fence between our gardens [parental_check,family_context]
K: she's at work til 5
A: ok no rush, i'll knock later
--
A: can you keep the club fees quiet from the other parents, some got the discount some didn't [secrecy]
F: sure
--
A: hi grandpa here. how do i send a photo on this thing [family_context,image_request]
K: press the little camera
A: which one
K: the one at the bottom lol
--
P: we're all moving to the other group chat, this one is dead [off_platform]
K: ok add me
"""

N['ot_open'] = r"""
A: hi!
K: hello
--
A: Good afternoon
K: hi
--
P: hey
K: hey
"""
