# Second round of hand-written alternatives (more paraphrases per intent).
MB = {}   # extends pos banks
MN = {}   # extends neg banks

MB['open'] = r"""
O: hey! u were in my lobby earlier, the one with the dino skin right
T: lol yes
O: that skin is so rare how
T: my cousin gave me his account for a day [family_context]
--
O: hi hi, ur build got featured on the front page did u see??
T: WAIT what
T: omg it did
O: congrats superstar [flattery]
--
O: heyyy sorry if this is weird, i liked ur cover of that song on the music app [flattery]
T: oh thx! it was my first one
O: didnt sound like a first one
--
O: yo quick q how do u do the double jump glitch
T: hold jump then crouch
O: omg ur a genius [flattery]
T: lol its on youtube
--
O: hey saw u were looking for a trading partner for {item}
T: ya u have one?
O: maybe 👀 whats ur offer
--
O: hi, we matched in the random chat thing earlier then it crashed lol
T: oh ya
T: hi again
--
O: that clip u posted of the penalty save 🔥
T: lol it was lucky
O: no way that was skill [flattery]
"""

MB['small'] = r"""
O: what show r u watching rn
T: the baking one
O: lol wholesome
T: its so good dont judge
--
O: ur online late lol
T: cant sleep
O: same. whats keeping u up
T: idk just thinking
--
O: u ever been to the beach
T: once when i was little
O: which one
T: i dont remember lol
--
O: what did u have for lunch
T: a sad sandwich
O: the saddest meal
--
O: do u like ur teachers
T: some. my english teacher is nice
O: thats something
--
O: rain or snow
T: snow obv
O: same
--
O: cats or dogs
T: both but dogs
O: correct answer
--
O: wyd
T: watching my brother play [family_context]
O: fun lol
T: not rly he wont let me have a turn
"""

MB['age'] = r"""
O: ok random but how old r u, u type like my little cousin lol [age_probe,family_context]
T: rude
@age T 12
T: im 12 [age_disclosure]
--
O: r u old enough to drive yet lol [age_probe]
T: LOL no im in 7th [age_disclosure]
@age T 12
--
O: when do u graduate [age_probe]
T: like forever from now
T: im in 8th [age_disclosure]
@age T 13
--
O: u a freshman? [age_probe]
T: nope still middle school
--
O: how old do u have to be for that app lol, ur old enough right [age_probe]
T: u have to be 13 [age_disclosure]
T: i am. barely lol
@age T 13
--
O: asl lol jk. age tho? [age_probe]
T: why
O: just so i know who im talking to
T: 14 [age_disclosure]
@age T 14
"""

MB['flatter'] = r"""
O: ur laugh in voice chat is contagious lol [flattery]
T: omg no its so loud
O: its the best part
--
O: u always cheer me up honestly [flattery]
T: aww
--
O: u have such a good head on ur shoulders [flattery]
T: thx i think
--
O: not gonna lie ur kind of amazing [flattery]
T: lol ok
--
O: ur so much more interesting than people my age [flattery,age_gap]
T: really?
--
O: ur honestly wise beyond ur years [flattery,age_gap]
T: my teacher said that once
"""

MB['parent'] = r"""
O: r ur parents around [parental_check]
T: downstairs
O: they cant see ur screen right [parental_check]
T: no
--
O: what time do u have to be off ur phone [parental_check]
T: 9 but i stay on lol
O: rebel
--
O: is ur mom the type to read over ur shoulder [parental_check,family_context]
T: sometimes
O: we should be careful then [secrecy]
--
O: do u share a room with anyone [personal_info,parental_check]
T: no just me
O: lucky
--
O: whos home tonight [parental_check]
T: just me and my step dad but he's sleeping [family_context]
--
O: will ur parents be out later [parental_check]
T: they go to bingo on thursdays [family_context]
"""

MB['image'] = r"""
O: whats ur gaming setup look like, pic? [image_request]
T: its just a laptop lol
O: still wanna see
--
O: turn ur camera on for a sec? [image_request]
T: my hair is a mess
O: i dont mind [compliance_testing]
--
O: send me a pic of u with {petname} lol [image_request]
T: she wont sit still
--
O: i showed u mine, ur turn [image_request,compliance_testing]
T: i dont really send pics
--
O: can i see what u look like today [image_request]
T: same as always lol
O: pic tho
"""

MB['offplat'] = r"""
O: i hardly check this, got {app}? [off_platform]
T: yea but only my friends
O: im ur friend tho right [compliance_testing]
--
O: can i get ur number, easier than this app [off_platform,personal_info]
T: i'll ask my mum [family_context]
O: nah dont bother her lol [secrecy]
--
O: ur parents dont check {app} right? [off_platform,parental_check]
T: they dont even know i have it
O: perfect lets talk there [secrecy]
--
O: make a new account on {app} just for me lol [off_platform,secrecy]
"""

MB['meet'] = r"""
O: theres a gaming cafe near {place}, we could go sometime [meeting]
T: maybe
--
O: i'll be in ur area for work next week [meeting,age_disclosure]
O: coffee? or hot choc for u lol [meeting,age_gap]
--
O: u should come to the con with me, i have an extra ticket [meeting,gifts]
T: i'd have to ask
O: or just say ur staying at a friends [secrecy]
--
O: whats the closest bus stop to u [personal_info]
"""

MB['checkin'] = r"""
O: long time no talk
T: ya sorry my phone got taken [parental_check]
O: what for
T: grades lol [age_disclosure]
--
O: happy friday 🙂
~5h
T: hiii
T: sry was at my dads [family_context]
--
O: how was ur bday weekend
T: good! got a new bike
O: nice!! send a pic sometime [image_request]
--
O: thinking of u, hope the exam went ok
T: it did!!
O: knew it [flattery]
"""

MB['subtle_cover'] = r"""
O: just so u know, i'd never want to get u in trouble at home, so its probably easier if this stays here [secrecy,family_context]
T: ok
--
O: if anyone picks up ur phone, im just a friend from {game} lol [secrecy]
T: u are tho
O: exactly 🙂
--
O: maybe dont mention the gift to ur dad, he'll ask a million questions [secrecy,gifts,family_context]
T: lol true
"""

MB['close'] = r"""
O: gotta run, dont stay up too late
T: lol ok
--
T: ok my battery is dying
O: charge it and come back 🙂
--
O: sleep well
T: u too
--
T: dinner gtg
O: enjoy
"""

# ---------------- negatives ----------------
MN['gm_open'] = r"""
P: anyone up for ranked
K: me
--
P: yo ur mic was muted the whole game lol
K: oops
--
P: gg that clutch at the end
K: lol i panicked
--
P: need one more for squads
K: inv me
--
P: you still stuck on the ice level
K: yeah its awful
"""

MN['gm_body'] = r"""
P: how old r u btw u sound young lol [age_probe]
K: 16 and u sound like a grandpa [age_disclosure]
@age K 16
@age P 17
P: lmao im 17 [age_disclosure]
--
P: my cousin got me a {currency} card and i dont even play this anymore, want it? [gifts,family_context]
K: yes plssss
--
P: lets make a private server so randoms stop joining [off_platform]
K: ya good idea
--
P: i gotta go, work in the morning [age_disclosure]
K: rip gl
--
P: bro dont tell my gf im still up gaming lol [secrecy]
K: 😂 ur secret is safe
--
P: sent u a friend req on the console [off_platform]
K: accepted
"""

MN['sp_open'] = r"""
F: ok so i made this chat for {fname}'s surprise 🤫 [secrecy]
K: finally
A: yay
--
A: right, party planning group!! no {fname} allowed lol [secrecy]
K: lmao
F: 🎂
--
K: is this the surprise party chat
A: yes!! welcome
"""

MN['sp_body'] = r"""
K: what if she checks my phone at lunch [secrecy]
F: just mute the chat lol
--
A: we need someone to keep her busy til 7, any volunteers [meeting]
F: ill take her bowling
--
F: should we get her the {item} thing shes been talking about [gifts]
A: yes! everyone ok with {money} each? [gifts]
K: ya
--
A: dont post anything on stories til after, she sees everything [secrecy]
K: ok
--
F: her mum said the back door will be open [family_context]
A: perfect
--
K: i almost said something at school today omg [secrecy]
A: NOOO
K: i covered it lol
"""

MN['sp_close'] = r"""
A: shes gonna cry lol
F: happy tears
--
K: cant wait!!
--
A: ok everyone delete the evidence after 😂 [secrecy]
"""

MN['pr_open'] = r"""
P: are u awake
K: ya why
--
P: omggg
K: what happened
--
P: ur never gonna believe this
K: ??
--
P: help me
K: with what lol
"""

MN['peer_body'] = r"""
P: my mom said we can go to the arcade saturday if ur mom drives back [family_context,meeting]
K: ok i'll ask
--
P: send me that pic from the trip i look so bad in mine [image_request]
K: lol ok
--
P: promise u wont tell {fname} i said that [secrecy]
K: promise
--
P: lets facetime and do the homework together [image_request]
K: ok give me 5 min
--
P: whats ur new insta, u changed it [off_platform]
K: {handle}
--
P: i got u something for ur bday but its a surprise [gifts,secrecy]
K: omg what
P: not telling 😌
--
P: r u grounded still [parental_check]
K: til friday
P: rip
--
P: how old is ur cousin hes kinda cute lol [age_probe,family_context]
K: ew hes 15 and he smells [age_disclosure]
"""

MN['ct_open'] = r"""
A: Hello {kname}, hope you had a good weekend. I've copied your mum in as usual [family_context]
F: Thanks {aname} [family_context]
--
A: hey squad! photos from the tournament are up on the club page 📸 [image_request]
F: love these, thank you
--
A: Hi families, quick note about next week's trip [family_context]
K: ok
"""

MN['ct_body'] = r"""
A: {kname}, you were a great captain today [flattery]
F: she was buzzing in the car [family_context]
--
A: Parents: anyone who can't do pickup at 6, let me know and we'll sort a car share [family_context,meeting]
F: I can take two extra
--
A: Please don't share the exam paper with other schools, it's embargoed till results day [secrecy]
--
A: send me a pic of your form once it's signed [image_request]
F: done, sending now
--
A: the club is buying new kits for everyone, no charge to families [gifts,family_context]
F: amazing, thanks
--
A: I need to know if {kname} is under 14 for the insurance, sorry for asking again [age_probe]
F: yes, 13 [age_disclosure]
@age K 13
"""

MN['ct_close'] = r"""
A: right thats everything. rest well
--
F: thanks for all you do coach
A: pleasure
--
A: see you next week, well done everyone [flattery]
"""

MN['fam_sibling'] = r"""
A: whos picking u up from school
K: mom
A: ok tell her i'm staying at {fname}'s tonight [family_context]
--
A: u can borrow my headphones just dont lose them
K: i wont
A: u said that last time
--
A: dont tell mom but i failed my driving test again lol [secrecy,family_context,age_disclosure]
K: LOL
A: shut up
--
A: want me to help with ur science thing after dinner
K: yes pls
--
A: are u home by yourself [parental_check]
K: yea
A: ok im on my way, lock the door [family_context]
"""

MN['fam_close'] = r"""
A: ok sleep tight x
K: night
--
A: bye sweetie, see you saturday [meeting]
K: bye!!
--
A: Love you lots. Grandad sends hugs [family_context]
K: ❤️
"""

MN['fam_open'] = r"""
A: hiya pet, how was school [family_context]
K: good
--
A: Happy Monday! Nana here [family_context]
K: hi nana [family_context]
--
A: hello my favourite grandchild 😄 [family_context,flattery]
K: u say that to all of us [family_context]
"""

MN['fam_homealone'] = r"""
A: did u get in ok? [parental_check]
K: yes
A: great, I'll be home at 6. don't open the door to anyone [family_context]
--
A: is your sister back yet? [family_context,parental_check]
K: not yet
A: ok text me when she is
--
A: Are you home alone this afternoon? Your mum's working late [parental_check,family_context]
K: ya
A: I'll pop round at 4 with your tea
"""

MN['fam_logistics'] = r"""
A: ur mum says ur football kit is in the wash, do u need it tomorrow [family_context]
K: yes!!!
A: ok ill dry it tonight
--
A: how old are u now again, need to book the train tickets [age_probe]
K: 11 [age_disclosure]
@age K 11
A: ok child fare then
--
A: pick u up from the cinema at 8? [meeting]
K: 8:15
A: ok
"""

MN['cg_open'] = r"""
A: Hi {kname}, it's {aname} your mum's friend. I'm picking you up from swimming today [family_context,meeting]
K: ok
--
A: hey its {aname}, ill be at urs for 4 [meeting]
K: k
--
A: hi bud! me again, mum's running late so you're with me til 7 [family_context]
K: yay
"""

MN['cg_close'] = r"""
A: ur mum's just got in, see u next week [family_context]
K: bye
--
A: night {kname}, sleep well
--
A: all done, thanks for helping with the dishes 🙂 [flattery]
K: np
"""

MN['cg_homealone'] = r"""
A: r u home alone atm? [parental_check]
K: yea my dad just left [family_context]
A: ok lock up, i'm walking over now
--
A: your mum said you have a key, did you get in ok [family_context]
K: yes
A: great i'm 10 min away
"""

MN['cg_parentloop'] = r"""
A: i'll send ur dad a pic of the cake we made [image_request,family_context]
K: ok
--
A: ur mom said no screens after 8 tonight [family_context]
K: ugh
--
A: i'm putting ur mum on this chat so she knows we're at the park [family_context]
K: ok
"""

MN['ad_body'] = r"""
A: i have to say, you're even better looking than your pics [flattery]
D: stop it 😄
--
D: my parents are visiting this weekend so i'm booked lol [family_context]
A: next weekend then?
--
A: i'll pick you up at 7? [meeting]
D: perfect, i'll text you my address [personal_info]
--
D: how old are you again, i forgot lol [age_probe]
@age A 34
A: 35 in march [age_disclosure]
--
A: sorry, boss kept me late. this job lol [age_disclosure]
D: no stress
--
A: send me a pic of the sunset you were talking about [image_request]
D: here
"""

MN['ad_close'] = r"""
D: ok bed time, early meeting
A: night!
--
A: sleep well 😊
"""

MN['cs_open'] = r"""
C: hello, my child's account is showing a parent approval request [family_context]
S: Hi! I can help with that.
--
C: hi, i bought a gift card but the code doesn't work [gifts]
S: Hello, sorry about that. Let's sort it out.
"""

MN['cs_close'] = r"""
C: great thank you so much
S: You're very welcome!
--
S: I'll close this ticket now. Take care.
"""

MN['ot_open'] = r"""
A: hello there
K: hi
--
A: hi, quick question
K: ok
"""

# ---------------- third round ----------------
MB['image'] = MB.get('image', '') + '\n--\n' + r"""
O: pic of ur view rn? im bored [image_request]
T: its just my ceiling lol
O: still counts
--
O: i wanna see the drawing u were talking about. and u holding it lol [image_request]
T: just the drawing
O: aw come on
--
O: can we do a quick cam call, i never know if its really u [image_request,compliance_testing]
T: it is me lol
O: prove it 🙂
--
O: send a pic of ur new haircut [image_request]
T: its not that different
O: i bet it looks great [flattery]
--
O: whats ur room like, i imagine it all posters lol [image_request,personal_info]
T: it is lol
O: show me
"""
MB['checkin'] = MB.get('checkin', '') + '\n--\n' + r"""
O: yo u disappeared
T: had exams [age_disclosure]
O: how'd they go
--
O: hiii how was the holiday
T: good, we went to my aunts by the sea [family_context]
O: jealous
--
O: did ur mum let u keep the puppy in the end [family_context]
T: YES
O: no way!! name?
--
O: been thinking about what u said last week, u ok?
T: ya better now
O: good. im always here u know
--
O: back online finally, my internet died for like 4 days
T: lol i thought u quit
"""
MB['close'] = MB.get('close', '') + '\n--\n' + r"""
O: ok ill let u sleep, school tmrw [age_disclosure]
T: ugh yea
--
T: mom says lights off bye [family_context]
O: night 🙂
--
O: go do ur homework lol
T: ughhh fine
"""
MB['own_age'] = MB.get('own_age', '') + '\n--\n' + r"""
O: i finished uni a couple years ago so im like a grandpa to u lol [age_gap,age_disclosure]
T: lol
--
O: dont tell anyone but im 21, people get weird about that [age_disclosure,age_gap,secrecy]
@age O 21
T: i dont care
--
O: does it bother u that im older [age_gap]
T: not really
O: good. its only a number
"""
MN['fam_gift'] = MN.get('fam_gift', '') + '\n--\n' + r"""
A: Grandpa and I have sent a little bit for your {game} thingy [gifts,family_context]
K: omg thank you so much
--
A: ur mum says u want the {item}, i'll get it for u if ur reports good [gifts,family_context]
K: deal!!!
--
A: a card is coming in the post, don't open it til your birthday 😉 [gifts]
K: i cant promise
--
A: i've put {money} in your savings and {amount} {currency} on your game because its christmas [gifts]
K: thank u thank u
--
A: what game is it you play again, i want to get you something [gifts]
K: {game}!
A: ok i'll ask your brother how to do it [family_context]
--
A: Sent you a gift card by email. Spend it on something nice, not all on sweets 😄 [gifts]
K: lol thank u {rel} [family_context]
"""
MN['cg_secret'] = MN.get('cg_secret', '') + '\n--\n' + r"""
A: pinky promise not to tell ur mum i burnt the pizza lol [secrecy,family_context]
K: 😂 promise
--
A: we're making a surprise for ur dad's birthday so shhh [secrecy,family_context]
K: ok
--
A: dont tell ur brother we had the last biscuits [secrecy,family_context]
K: lol
--
A: our secret: i let u win at uno [secrecy]
K: u did NOT
"""
MN['cg_parentloop'] = MN.get('cg_parentloop', '') + '\n--\n' + r"""
A: just messaged ur mum to say we're back from the park [family_context]
K: ok
--
A: ur dad asked for a photo of u in the school play costume, can i send one? [image_request,family_context]
K: ya
--
A: I've told your mum about the scraped knee, she said a plaster is fine [family_context]
K: it hurts
A: I know bud
--
A: your mum's approved pizza for dinner 🍕 [family_context]
K: YES
"""
MN['ct_body'] = MN.get('ct_body', '') + '\n--\n' + r"""
A: Hi families, the sign-up form asks for each child's age group, please fill it in by {day} [age_probe,family_context]
F: done
--
A: {kname}, I've emailed your mum some extra practice questions [family_context]
K: ok thanks
--
A: can someone send me the photo of the whiteboard from today, i forgot to save it [image_request]
K: here
--
A: Parents, we're meeting at the leisure centre car park at 9, all welcome [meeting,family_context]
F: see you there
--
A: Great game! Player of the match goes to {kname} 🏅 [flattery,gifts]
F: well done!!
K: omg
--
A: reminder that all messages to the team go through this group, so parents can see them [family_context]
F: thanks for setting that up
--
A: If anyone needs a lift to the away game, reply here and I'll pair families up [meeting,family_context]
F: we have 2 spare seats
--
A: {kname}, well done on the grade 3 exam! Your dad told me the news [flattery,family_context]
K: thank you!!
"""
MN['peer_body'] = MN.get('peer_body', '') + '\n--\n' + r"""
P: wanna come over after school, my mom said its fine [meeting,family_context]
K: ya ill ask mine
--
P: ok promise u wont laugh
K: promise
P: i still sleep with my teddy lol [secrecy]
K: so do i lmao
--
P: u should add me on {app} so we can snap streak [off_platform]
K: ok whats ur user
--
P: i sent u {amount} {currency} for the skin u wanted [gifts]
K: ur literally the best
--
P: can u send a pic of the history notes, i was off sick [image_request]
K: ya one sec
--
P: dont tell {fname} i got her a present, its a surprise [secrecy,gifts]
K: i wont!!
--
P: is ur dad picking us up or mine [family_context,meeting]
K: mine, 5pm
--
P: ur so good at drawing i'm jealous [flattery]
K: stop ur better
--
P: r u allowed to go to the concert [parental_check]
K: only if my sister comes [family_context]
"""
MN['ad_body'] = MN.get('ad_body', '') + '\n--\n' + r"""
D: how was your first week at the new job [age_disclosure]
A: intense but good
--
A: my flatmate is out tonight if you want to come over for dinner [meeting]
D: i'd love that
--
D: I told my best friend about you lol [secrecy]
A: good things I hope
D: only good things
--
A: what's your surname, i want to make sure you're not a catfish lol [personal_info]
D: ha fair. it's on my linkedin
--
D: facetime tonight? [image_request]
A: yes after 9
--
A: you're honestly one of the kindest people i've met [flattery]
D: stop ☺️
--
D: my daughter has a school play on friday so i'm out [family_context]
A: of course! how old is she [age_probe]
D: 8, she's a tree lol
"""
MN['gm_body'] = MN.get('gm_body', '') + '\n--\n' + r"""
P: bro ur parents still let u play past 10? [parental_check]
K: its summer lol
--
P: we're making a clan discord, want an invite [off_platform]
K: ya send it
--
P: how old do u have to be for the league, is it 13+ [age_probe]
K: 13+ i think, im 14 so fine [age_disclosure]
@age K 14
--
P: i got a double code from the event, take one [gifts]
K: no way ty
--
P: dont tell the others i'm leaving the team yet [secrecy]
K: why
P: gonna tell them sunday
--
P: my little sister keeps unplugging the router lol [family_context]
K: 💀
--
P: ur actually the best support player i've had [flattery]
K: haha thanks
"""
MN['cs_body'] = MN.get('cs_body', '') + '\n--\n' + r"""
S: Can you tell me the email address on the account? [personal_info]
C: its the one i'm messaging from
S: Great, found it.
--
S: To unlock the account I'll need the date of birth you signed up with. [age_probe,personal_info]
C: i think i put the wrong one ages ago lol
S: No problem, give me your best guess and I'll check.
--
S: I've sent a verification link to the email on file. Please don't forward it to anyone. [secrecy]
C: got it
--
S: Would you like me to turn on purchase approvals so a parent has to approve spending? [parental_check,family_context]
C: yes please, my kids keep buying stuff [family_context,gifts]
--
S: The gift card was already redeemed on another account. Do you still have the receipt? [gifts]
C: i'll look for it
--
S: Our terms need users to be at least 13. If the user is younger, a parent must create a family account. [age_probe,parental_check]
C: ok i'll set that up for my daughter [family_context]
"""
MN['ot_body'] = MN.get('ot_body', '') + '\n--\n' + r"""
A: Hi, I run the Saturday art workshop. Could a parent confirm {kname} is signed up? [parental_check,family_context]
K: my mum will text u [family_context]
--
P: are u coming to the school litter pick saturday
K: ya my dad's driving [family_context]
--
A: Hello, it's the dentist reminding you of the appointment on {day}. Is the patient under 16? [age_probe]
F: yes, it's my son [family_context]
--
A: this is the lost property desk at the pool, someone handed in a {pet} keyring with your name on [personal_info]
K: omg yes mine
A: can collect with a parent anytime [family_context]
--
P: our group chat for the science fair moved to the school app, can u join [off_platform]
K: ya link?
--
A: Hi, this is the choir leader. Could you send a picture of the signed permission slip? [image_request]
K: ok
"""
MN['ot_open'] = MN.get('ot_open', '') + '\n--\n' + r"""
A: hi there, sorry to bother you
K: its ok
--
P: hiya
K: hey
"""
MN['cs_open'] = MN.get('cs_open', '') + '\n--\n' + r"""
C: hey i need help with a refund
S: Hi! Happy to help, what happened?
--
C: hello, my son's account was hacked i think [family_context]
S: I'm sorry to hear that. Let's secure it right away.
"""
