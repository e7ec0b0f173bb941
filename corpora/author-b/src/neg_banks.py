from engine import BANKS, snippets, lines

# ---------- FAMILY: P = relative (grandparent/aunt/uncle/parent/older sib), K = kid
BANKS['fam_grand'] = snippets("""
P: Hi sweetie!! Grandpa and I put some money on your game account {gifts, family_context}
P: It should say 1000 $cur or something like that
K: omg thank u grandma!!! {family_context}
P: Don't tell your brother I gave you more than him LOL {secrecy, family_context}
K: lol i wont 🤐

P: Happy birthday to my favorite [grandson|granddaughter|grandkid]!! $age already!! {age_disclosure, family_context}
K: thank u!! ❤️
P: Check your email there's a gift card in there {gifts}
K: omgg ty ty

P: Are you home alone today honey? {parental_check}
K: ya mom is at work til 5 {family_context}
P: Ok lock the door and don't open it for anybody {family_context}
K: i know grandma lol

P: Can you send me a picture of your science project? {image_request}
P: Your mom said it won a ribbon {family_context}
K: ya one sec
K: [its the volcano one|its the solar system one|its the bridge one]
P: Beautiful!!! So proud of you

P: How is $grade grade treating you?? {age_disclosure}
K: its ok i guess
P: Just ok?? Tell me everything when you come over Sunday {meeting, family_context}
K: lol ok

P: What do you want for Christmas? {gifts}
K: [game money|the new controller|a gift card for the game store] lol {gifts}
P: Your grandma says that's all you kids want now haha {family_context}

P: Did you get the card I mailed {gifts}
K: yes!! ty
P: Don't spend it all on the game lol
K: ...no promises

P: Send me a selfie with your new glasses!! {image_request}
K: ugh fine
K: [theyre so big|i look like a owl|dont laugh]
P: You look so grown up!! {flattery}
""")

BANKS['fam_parent'] = snippets("""
P: are you home yet? {parental_check}
K: ya just got in
P: ok lock the door, im back at 6 {family_context}
K: k

P: r u alone? is [your brother|your sister|dad] back {parental_check, family_context}
K: no its just me
P: dont answer the door for anyone ok {parental_check}
K: i know mom

P: send me a pic when you get to practice so i know ur there {image_request}
K: ok
K: here
P: thx luv u

P: where are you? {personal_info}
K: at jaydens
P: his mom home? {parental_check}
K: yeah shes making us food
P: ok be home by 8 {family_context}

P: did you do your homework
K: mostly
P: mostly isnt done lol {family_context}
K: 🙄

P: dont tell dad about the dent in the car ill handle it lol {secrecy, family_context}
K: LMAO what did u do
P: parking garage pillar came out of nowhere
K: 💀

P: i put $amt $cur on ur account for the good report card {gifts, family_context}
K: WAIT really
K: best mom ever
P: dont tell ur sister until her report comes lol {secrecy, family_context}

P: who is that kid u were gaming with last night
K: just someone from school
P: ok just make sure u actually know them irl {parental_check}
K: i do mom

P: what do you want for ur bday, youre turning $next!!! {age_disclosure, gifts}
K: a gift card pls
P: so creative lol {family_context}

P: phone goes on the counter at 10 {family_context}
K: can i have til 10:30 its the weekend
P: fine. 10:30 lol
""")

BANKS['fam_sib'] = snippets("""
P: dont tell mom i took the car ok {secrecy, family_context, age_disclosure}
K: what do i get lol
P: ill give u 20 bucks {gifts}
K: deal

P: r u home alone? {parental_check}
K: ya why
P: lock the front door i left it open lol {family_context}
K: ur so dumb

P: delete the pic i sent in the fam chat pls {secrecy}
K: the one w u sleeping? 😂
P: YES delete it
K: too late grandma saw {family_context}

P: yo did mom find out {family_context}
K: nope
P: good keep it that way {secrecy}
K: u owe me

P: send me a pic of the dog i miss him {image_request}
K: [he's asleep on ur bed lol|hes eating a sock rn|he stole ur hoodie]
P: omg

P: can u cover for me tonight, say im at sams {secrecy, family_context}
K: only if u drive me to the mall tmrw {meeting}
P: ugh fine

P: i got u the skin u wanted, check ur inbox {gifts}
K: NO WAY
P: dont make it weird lol happy bday {family_context}

P: how was ur first day of $grade {age_disclosure}
K: weird. the hallways are huge
P: lol u'll get used to it, just dont be late to homeroom

P: r mom and dad fighting again {family_context}
K: kinda
P: u ok? u can come stay at my dorm this weekend if u want {meeting, age_disclosure}
K: fr? ya pls
""")

BANKS['fam_aunt'] = snippets("""
P: hey kiddo!! it's aunt $auntname {family_context}
P: whats ur username on the game, i wanna send u something {gifts, personal_info}
K: same as my name lol
P: done check it {gifts}

P: how old are u now, 12? 13? i lose track {age_probe}
K: $age lol {age_disclosure}
P: stop growing up so fast!! {family_context}

P: are u and ur mom coming for thanksgiving {family_context, meeting}
K: i think so
P: yay ill make the mac and cheese

P: shh dont tell ur mom but im taking u to the concert for ur bday {secrecy, gifts, family_context}
K: WAIT WHAT
P: its a surprise so act surprised lol {secrecy}

P: [uncle dan|uncle rob|your uncle] says hi and wants a rematch on the racing game {family_context}
K: tell him hes gonna lose again
P: 😂

P: send me a video of ur recital!! {image_request}
K: mom has it on her phone {family_context}
P: ill bug her then lol
""")

# ---------- CAREGIVER: C = babysitter/nanny/daycare/camp staff, K = kid or M = parent
BANKS['care'] = snippets("""
C: hey $kidname! its $cname, ill be there at 4 to watch u till ur mom gets back {family_context}
K: ok
C: do u have hw today
K: just reading

C: r u home alone rn? ur mom said the bus drops u at 3:30 {parental_check, family_context}
K: ya just got home
C: ok lock the door, im 10 min away
K: kk

C: dont tell ur mom we had ice cream before dinner lol {secrecy, family_context}
K: lol i wont
C: our little secret 🍦 {secrecy}

C: can u send me a pic of what ur dad left for dinner {image_request, family_context}
K: its like pasta
C: perfect ill heat it up

C: whats ur address again, i wanna make sure i have the right house {personal_info}
K: ask my mom lol
C: fair, texting her now {family_context}

C: Hi! This is $cname from [Sunny Days|Little Oaks|Brightside] after-school club. Just confirming $kidname is picked up at 5:30 today? {family_context}
M: Yes, her dad will get her {family_context}
C: Great, thank you!

C: Hi, camp photos are up! Parents can view them on the portal. {image_request}
M: thank you! she looks so happy
C: She had a great week

C: can u video call so i can help w the math hw {image_request}
K: ok but mom is on a work call {family_context}
C: thats fine we can start w ur mom on the next call lol

C: $kidname was a bit upset today, he wouldn't tell me why {family_context}
M: Thanks for letting me know, I'll talk to him
C: Of course. He's a sweet kid

C: r u alone rn? my shift starts at 6 but ur mom said shes leaving at 5:30 {parental_check, family_context}
K: ya shes gone already
C: ok leaving now, dont open the door for anyone but me {parental_check}

C: how old is ur sister again, i need it for the pool sign in {age_probe, family_context}
K: shes 6 {age_disclosure}
C: ty!

C: ur mom said u can have 1 hr of screen time after ur hw {family_context}
K: can it be 2
C: lol nice try
""")

# ---------- COACH / TEACHER / TUTOR / YOUTH LEADER: C = coach, K = kid, M = parent
BANKS['coach'] = snippets("""
C: Reminder team: practice moved to 5pm tomorrow. Parents please confirm pickup. {family_context}
M: confirmed, thanks coach
K: ok coach

C: great game today $kidname, your passing was so much better {flattery}
K: thanks coach!!
C: keep it up, see you thursday {meeting}

C: hi $kidname, i'm cc'ing your mom on this. can you send me a photo of your worksheet so i can check it before the session? {image_request, family_context}
K: ok here
M: thanks for checking it!

C: how old are you turning? i need it for the league registration {age_probe}
K: $next in $month {age_disclosure}
C: got it, thx

C: Hi all, permission slips for the museum trip are due Friday. Parents sign and send back. {family_context}
M: will do!
C: Thanks everyone

C: tutoring is at the library today at 4, your dad said he'll drop you off {meeting, family_context}
K: ok
C: bring ur calc {personal_info}

C: Team, the group chat is for schedule stuff only, parents are in here too. {family_context}
K: lol sorry coach

C: $kidname do u have ur own laptop for the online class or do u share? {personal_info}
K: i share w my brother {family_context}
C: ok, ill send ur parents the login

C: dont tell the others yet but ur starting saturday 😊 {secrecy, flattery}
K: WAIT rly
C: ya, ill announce it at practice

C: Hi Ms. $lastname, $kidname missed two assignments. Could we set up a call? {family_context, meeting}
M: Of course, is Tuesday ok?
C: Tuesday at 4 works

C: the youth group trip is sat, meet at the church parking lot at 8am {meeting}
M: ill drop him off
C: great, bring a packed lunch

C: who drove you home last night? you left early {parental_check}
K: my aunt {family_context}
C: ok, just making sure, always tell me if ur leaving

C: awesome recital $kidname!! ur teacher is proud 😊 {flattery}
M: thank you for all your help this year
C: its been a pleasure

C: reminder no phones in the locker room, ill hold them during practice {family_context}
K: ok
""")

# ---------- PEERS (13-15), A and B same age
BANKS['peer'] = snippets("""
A: whats ur @ on $app {off_platform, personal_info}
B: $thandle
A: added u!!

A: send a selfie i wanna see ur new haircut {image_request}
B: ok dont laugh
B: [ugh its so short|it's kinda uneven lol|my mom did it]
A: omg it looks so good!! {flattery}

A: ok dont tell anyone but i like $crush {secrecy}
B: NO WAYYY
A: SHHH {secrecy}
B: my lips r sealed 🤐

A: how old r u btw, ur in mr k's class right {age_probe}
B: $age {age_disclosure}
A: oh same lol

A: ur coming to the game friday? {meeting}
B: ya my mom is driving {family_context}
A: can u pick me up too lol {meeting}

A: delete that pic of me from the group chat pls {secrecy, image_request}
B: which one lol
A: THE ONE W MY MOUTH OPEN
B: 😂 ok ok deleted

A: r ur parents home, can i come over {parental_check, meeting}
B: my dad is, hes cool tho {family_context}
A: bet omw

A: ok swear u wont tell $friendname {secrecy}
B: swear
A: i failed the bio test and my mom doesnt know {secrecy, family_context}
B: oof

A: ur pfp is so cute omg {flattery}
B: stoppp urs is better
A: no urs

A: do u have $app? the group is moving there {off_platform}
B: my mom doesnt let me {parental_check, family_context}
A: aw ok ill screenshot stuff for u

A: wanna ft and do hw together {image_request}
B: ya give me 5 min
A: kk

A: what grade is ur sister in {age_probe, family_context}
B: 9th {age_disclosure}
A: oh she's in my cousins class

A: who do u like rn {secrecy}
B: not telling
A: cmon i told u mine
B: ok fine its $crush 🙈

A: i got $amt $cur from my grandma, want me to gift u the skin {gifts, family_context}
B: omg ur the best
A: ik lol

A: ur so pretty in that pic fr {flattery}
B: aw ty!! u too

A: we should meet at the mall sat {meeting}
B: ya my brother can drop us {family_context}
A: yay

A: did u tell anyone what i said abt maya {secrecy}
B: no i promise
A: ok good

A: send me ur number, my data is off on here {personal_info, off_platform}
B: its in the class list lol
A: oh true

A: are u alone rn? i need to call u its drama {parental_check}
B: ya my room
A: calling

A: omg he followed me back
B: WHAT
A: i'm screaming
B: screenshot it {image_request}

A: keep this between us but ja is moving schools {secrecy}
B: no way
A: ya dont say anything

A: lol i cant believe ur $age already u were like a baby in 5th grade {age_disclosure}
B: shut up lol
A: 😂

A: send me a pic of ur shoes for the dance {image_request}
B: idk send me urs first
A: ok ill send a pic {image_request}

A: my mom said u can sleep over sat {family_context, meeting}
B: YAY
A: bring ur switch

A: are u in 8th or 9th i forgot {age_probe}
B: 8th lol same as u {age_disclosure}
A: oh ya lol
""")

# ---------- ADULTS DATING (two adults 23-45)
BANKS['dating'] = snippets("""
A: so how old are you? your profile says 29 but who knows lol {age_probe}
B: 31 actually, i should update it {age_disclosure}
A: ha ok im 33 {age_disclosure}

A: want to move this to text? the app keeps logging me out {off_platform}
B: sure, its $phone {personal_info}
A: great, texting you now

A: send me a pic of your dog, your profile made me want to meet him {image_request}
B: [hes sleeping|he is being dramatic] but ok
A: he's adorable {flattery}

A: are you free saturday? theres a wine bar near my place {meeting}
B: yes! what time
A: 7? {meeting}

A: you're really easy to talk to {flattery}
B: you too honestly
A: i dont usually text this much lol

A: are you alone tonight? want to call instead of typing {parental_check}
B: yeah my roommate is out {age_disclosure}
A: calling in 5

A: dont tell my sister we matched lol she'll never let me live it down {secrecy, family_context}
B: haha my lips are sealed
A: she set me up on the worst blind date last year

A: just got off work, long day {age_disclosure}
B: same, i hate mondays
A: want to grab tacos after work tomorrow {meeting}

A: ok be honest, what did you think when you first saw my profile
B: that you had a great smile {flattery}
A: 😊

A: can we video chat first before meeting? just for safety {image_request, meeting}
B: totally, smart
A: tonight at 9?

A: i'll pick you up at 8, send me your address {meeting, personal_info}
B: sending now
A: see you soon

A: do your parents know you're on a dating app lol {parental_check, family_context}
B: my mom made my profile 😂 {family_context}
A: stop lmao

A: lol i'm 27 but i feel 50 {age_disclosure}
B: same, my back hurts all the time
A: we're so old

A: delete that pic i sent, it was the wrong one lol {secrecy, image_request}
B: the one of your fridge?
A: yes, embarrassing

A: my lease is up in march, might move closer to the city {age_disclosure}
B: oh that would be nice
A: then we could see each other more {meeting}

A: i had a really great time last night {meeting}
B: me too, i'm still smiling
A: dinner next week? {meeting}

A: i got you something small, dont laugh {gifts}
B: you didnt have to!
A: its just the book you mentioned

A: can i ask you something personal {personal_info}
B: sure
A: are you looking for something serious
B: i think so yeah

A: my kids are with their dad this weekend {family_context, age_disclosure}
B: oh so youre free?
A: very free lol {meeting}
""")

# ---------- GAMING teammates (adult-adult or teen-teen)
BANKS['gaming'] = snippets("""
A: hop in vc we need a 4th {off_platform}
B: joining
A: ty

A: if u carry me to gold ill buy u a $card {gifts}
B: deal lol
A: i'm serious

A: add me on $app, the in game chat sucks {off_platform}
B: whats ur @
A: $handle

A: yo i got the $card from that giveaway, u want it? i already have the pass {gifts}
B: fr?? ya
A: sent the code in dm

A: how old r u, u sound young on mic lol {age_probe}
B: $age, im in $grade {age_disclosure}
A: lol same age i just have a deep voice {age_disclosure}

A: ty for the $cur!! i'll send some back next season {gifts}
B: nah keep it
A: ur goated

A: can u stream ur screen, i wanna see ur settings {image_request}
B: sure one sec
A: ur sens is so low wtf

A: bro dont tell the others i'm the one who team killed lol {secrecy}
B: 😂 ok
A: they'd roast me forever

A: we have scrims at 8, be on time {meeting}
B: ill be on after work {age_disclosure}
A: bet

A: im 26 btw not some kid lol {age_disclosure}
B: lol im 30, good to know the squad is old {age_disclosure}
A: boomer squad

A: yo my kid wants to play w us, is that cool {family_context}
B: ya ofc
A: he's 10 so be nice lol {age_disclosure}

A: lets trade, my $skin for ur emote {gifts}
B: hmm
B: ok fine deal
A: trade sent

A: u around tmrw? we could grind the event {meeting}
B: after class ya {age_disclosure}
A: cool

A: ggs everyone
B: gg
A: same time tmrw?

A: can u send me a pic of ur setup? thinking of buying that monitor {image_request}
B: sure
B: it's kinda messy lol
A: looks sick

A: ur parents let u game this late? {parental_check}
B: its saturday lol
A: fair

A: i'll gift u the battle pass if we win 10 in a row lol {gifts}
B: bet
A: 0 for 1 already 💀

A: my wife is making me get off lol {family_context, age_disclosure}
B: tell her gg
A: lmao later

A: dont share ur login w anyone btw, ppl been getting hacked {personal_info}
B: ya i know
A: ok just checking

A: can u send the clip where i clutched {image_request}
B: its 2gb lol
A: compress it lol

A: we're doing a lan at mikes place sat, u in? {meeting}
B: where is it
A: i'll send the address in the group {personal_info}
""")

# ---------- CUSTOMER SUPPORT: S = agent (formal), U = user
BANKS['support'] = snippets("""
S: Hello, thanks for contacting $brand Support. To verify your account, can you please confirm your date of birth? {age_probe, personal_info}
U: [march 3 2011|its 04/19/2012|june 2010] {age_disclosure}
S: Thank you. Since you are under 18, we will need a parent or guardian to approve this change. {parental_check, age_disclosure}

S: Is the account holder available? For security reasons we can only discuss billing with them. {parental_check}
U: its my dads card, hes at work {family_context}
S: No problem, he can reach us anytime.

S: As an apology for the outage, we have added 500 $cur to your account. {gifts}
U: oh nice ty
S: You're welcome! Anything else I can help with?

S: Please never share your password or verification code with anyone, including people claiming to be staff. {secrecy, personal_info}
U: ok
S: Thank you for keeping your account safe.

S: Could you please send a screenshot of the error message? {image_request}
U: here
S: Thank you, that helps. It looks like a payment issue.

S: To help you further, please move to our secure support form at the link below. {off_platform}
U: ok
S: Thank you.

S: I can see a gift card was redeemed on this account yesterday. Did you redeem it? {gifts}
U: ya my aunt gave it to me {family_context}
S: Great, thank you for confirming.

S: What email address is associated with the account? {personal_info}
U: the one i signed up with? idk i was like 10 lol {age_disclosure}
S: No problem, can you try your parent's email? {family_context}

S: Hello! Can you confirm whether you are the account owner or a parent/guardian? {parental_check}
U: parent. my son is locked out {family_context}
S: Thank you. I'll send a reset link to the email on file.

S: For age verification, please upload a photo of a government ID. You may cover everything except name and date of birth. {image_request, age_probe}
U: ok, uploading now
S: Thank you, verification usually takes 24 hours.
""")

# ---------- SURPRISE PARTY (group): A,B,C,D adults or teens
BANKS['party'] = snippets("""
A: ok everyone this chat is SECRET, do not tell $honoree {secrecy}
B: my lips r sealed
C: 🤐

A: party is saturday at 6, meet at the park pavilion {meeting}
B: what should we bring
A: snacks!! and dont be late, she gets there at 6:30

C: delete this chat after sat lol she snoops on my phone {secrecy}
A: lmao ok
B: noted

B: can someone send pics of the decorations so far {image_request}
A: [here|sending now|one sec]
C: omg cute!!!

A: who's getting the cake
D: me, my mom knows the bakery guy {family_context}
A: ur a lifesaver

A: what do we tell her so she doesnt get suspicious {secrecy}
B: say we're just getting pizza
C: she's gonna cry lol

B: what's the address again {personal_info}
A: 42 birch, the blue house. park on the street {personal_info}
C: ty

A: everyone chipping in $10 for the gift card? {gifts}
B: ya
C: sending now
D: same

C: is his wife in on this {family_context}
A: yes she's getting him out of the house at 5
B: perfect

A: she almost saw the chat 😭 {secrecy}
B: NOOO
A: i said it was a work thing lol

A: ok she's 5 min away, lights off!!!
B: omg
C: hiding behind the couch lol

A: surprise worked!!! she had no idea
B: best night
C: send all the pics in here {image_request}
""")

# ---------- OTHER benign (neighbours, carpools, clubs, pet sitters, lost & found)
BANKS['other'] = snippets("""
A: hi, this is $cname from next door. are you home? a package for you got left at mine {parental_check, personal_info}
B: oh thank you! ill come grab it in 10 {meeting}
A: no rush

A: Hi! Carpool for Saturday's game: I can take 3 kids. Where should I pick up? {meeting, family_context}
B: We're at 18 Elm, thank you so much {personal_info}
A: Great, 8:15!

A: Found a grey cat near the school, is it yours? {image_request}
B: can u send a pic
A: [here she is|sending|one sec]
B: no not ours sorry

A: hi! the book club is meeting at my place thursday, bring snacks lol {meeting}
B: ill bring the cookies
A: perfect

A: hey its the pet sitter, can u send me a pic of where the food is {image_request}
B: top shelf in the pantry
A: got it thanks

A: are you alone in the office today? i left my charger on my desk {parental_check}
B: ya its just me, i'll put it in your drawer
A: lifesaver

A: Hi this is Dr. Lin's office confirming your appointment Tuesday at 3pm. Reply Y to confirm. {meeting}
B: Y
A: Thank you!

A: dont tell anyone but im proposing this weekend {secrecy, age_disclosure}
B: OMG
A: i need u to get her to the beach by 7 {meeting}
B: im crying

A: how old is your daughter? my son is in 2nd grade, maybe they're in the same class {age_probe, family_context}
B: she's 7, 2nd too! {age_disclosure}
A: we should do a playdate {meeting}

A: can u send me your wifi password again {personal_info}
B: its on the fridge lol
A: i'm not home thats why im asking

A: scout cookie order is in! $amt boxes. when can i drop them off? {meeting}
B: anytime after 5
A: 👍

A: hey, the landlord is coming at 10 tmrw, can u be home {meeting, age_disclosure}
B: ugh i have work but ill try {age_disclosure}
A: ok ill let him in
""")
