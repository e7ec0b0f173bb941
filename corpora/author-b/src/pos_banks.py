from engine import BANKS, snippets, lines

BANKS['greet_game'] = snippets("""
O: gg that last round was insane
T: lol ty
O: u always play $game this late?
T: ya kinda

O: yo ur the one who clutched on the bridge map
T: haha yea
O: thats nuts, ur cracked

O: hey ur good at this
T: thx 😅
O: u wanna duo next match

O: gg wp
O: ngl u carried
T: lmao no u did

O: hiii saw u in the lobby again
T: oh hey
O: we keep getting matched lol

O: bro how did u get that emote
T: it was from the event last month
O: lucky, i missed it

O: hey sorry if random, u were in my squad earlier
T: ya i remember
O: u were the only one not throwing lol

O: ur builds r so clean
T: tysm i spend way too long on them
O: u should stream fr

O: yo add me back i sent a req
T: ok done
O: bet

O: that was such a good game omg
T: ikr the last circle 😭
O: we need to run it back

O: do u main healer? ur always saving me lol
T: yea i like support
O: thats rare, most ppl just wanna frag

O: heyy
T: hi?
O: ur from the $game server right, the one w the frog pfp
T: oh ya lol

O: whats ur ign on $game
T: same as here
O: ok added u

O: bro u sniped me 3 times 💀
T: lmaooo sorry
O: nah respect, teach me

O: hey u still on?
T: ya
O: cool wanna play 1 more
""")

BANKS['greet_social'] = snippets("""
O: ur drawing in the art channel was so good
T: omg thank u
O: no fr, how long have u been drawing

O: hey saw ur video, the dance one lol
T: oh lol that was a trend
O: u were better than the og tbh

O: ur edits r clean, what app do u use
T: just the free one lol
O: no way, looks pro

O: hiii ur in the fan server too right
T: yeah!!
O: finally someone who likes the same stuff

O: hey random but i loved ur post abt ur cat
T: haha thats biscuit
O: biscuit is iconic

O: hey i think we were in the same comment thread lol
T: the one abt the finale?
O: yes!! u were so right

O: ur playlist is elite
T: thank uu
O: we have the exact same taste its kinda crazy

O: hello :) saw u posted in the beginners guitar group
T: ya i just started
O: i can give u some tips if u want
""")

BANKS['age_q'] = lines("""
how old r u btw {age_probe}
wait how old are u {age_probe}
asl lol jk how old {age_probe}
u sound young, what age r u {age_probe}
how old r u if u dont mind me asking {age_probe}
hbu how old {age_probe}
so whats ur age {age_probe}
r u like 16 or smth {age_probe}
age? {age_probe}
how old tho {age_probe}
quick q how old r u {age_probe}
r u in high school or middle {age_probe}
u still in school? what grade {age_probe}
ok but fr how old r u {age_probe}
u seem chill, how old {age_probe}
wait ur not like 30 right lol how old r u {age_probe}
how old r u again? i forgot {age_probe}
i need to know, how old {age_probe}
mind if i ask how old u are {age_probe}
random but whats ur age {age_probe}
bday? like what year {age_probe}
u old enough to be on here lol how old {age_probe}
what year r u in at school {age_probe}
ur voice sounded young in vc, how old r u {age_probe}
how old r u tho fr {age_probe}
""")

BANKS['age_q_subtle'] = lines("""
u still doing the middle school thing or nah {age_probe}
do u have a lot of hw this year, what grade is that {age_probe}
ur school lets out at like 3 right? what year r u {age_probe}
so are u at the big school yet or still the little one lol {age_probe}
when do u get ur permit lol {age_probe}
how long til u can drive lol {age_probe}
do u have like a bedtime still haha {age_probe, parental_check}
what grade r u in rn {age_probe}
ur bday is soon right? how old are u turning {age_probe}
r u one of the younger ones in ur class {age_probe}
how many more years of school u got {age_probe}
u doing finals this year or is that only for older grades {age_probe}
""")

BANKS['age_a'] = lines("""
$age {age_disclosure}
$age lol {age_disclosure}
$age hbu {age_disclosure}
$age why {age_disclosure}
im $age {age_disclosure}
$grade {age_disclosure}
$gradeword {age_disclosure}
$gradeword lol why {age_disclosure}
turning $next in $month {age_disclosure}
$age, $next in $month {age_disclosure}
almost $next {age_disclosure}
$age but ppl say i seem older {age_disclosure}
$age wbu {age_disclosure}
uhh $age {age_disclosure}
lol $age {age_disclosure}
$age 😅 {age_disclosure}
$gradeword rn {age_disclosure}
$age ik im young {age_disclosure}
""")

BANKS['age_a_evasive'] = lines("""
why
old enough lol
guess
idk why does it matter
not telling lol
""")
BANKS['age_push'] = lines("""
lol cmon just say {age_probe}
its not a big deal just curious {age_probe}
i wont judge promise {age_probe}
ok fine guess then. 14? {age_probe}
just wanna know who im talking to lol {age_probe}
""")

BANKS['age_react_std'] = lines("""
oh ok cool, im $oclaim {age_disclosure, age_gap}
nice. im a bit older but dont let that be weird lol {age_gap}
haha ur so mature for $age tho {flattery}
oh wow u seem older fr {flattery}
ok cool cool, age is just a number anyway {age_gap}
im $oclaim is that weird? {age_disclosure, age_gap}
lol ok im $oclaim but i act like 15 {age_disclosure, age_gap}
thats cool, u type like someone way older {flattery}
oh nice, i remember that age lol {age_gap}
im in college lol but ur chill {age_disclosure, age_gap}
fr? u dont act like it {flattery}
ok well im $oclaim, hope thats ok {age_disclosure, age_gap}
cool. im older but i get along better w younger ppl tbh {age_gap}
nice i work but im basically a kid at heart lol {age_disclosure, age_gap}
""")
BANKS['age_react_peer'] = lines("""
same lol {age_disclosure}
oh im $oclaim {age_disclosure}
same age basically, im $oclaim {age_disclosure}
nice im $oclaim, sophomore {age_disclosure}
lol im a year older, $oclaim {age_disclosure}
omg same grade almost, im $oclaim {age_disclosure}
haha im $oclaim so we r like the same {age_disclosure}
cool im $oclaim, my bday was last month {age_disclosure}
""")
BANKS['t_age_back'] = lines("""
wbu
hbu
how old r u
wait how old r u
and u?
""")

BANKS['parental'] = snippets("""
O: r ur parents around rn {parental_check}
T: my mom is downstairs
O: ok

O: do ur parents check ur phone {parental_check}
T: sometimes my dad does
O: like randomly or every night {parental_check}
T: idk randomly

O: u home alone rn? {parental_check}
T: ya til like 6
O: nice lol freedom

O: does ur mom look at ur messages {parental_check}
T: no she doesnt really care
O: good

O: wyd rn, anyone home {parental_check}
T: just me and my brother {family_context}
O: he nosy? {parental_check}
T: nah hes always gaming

O: u have ur own room? {parental_check, personal_info}
T: ya
O: lucky, i had to share w my sis growing up

O: r ur parents strict abt this app {parental_check}
T: kinda, im not supposed to be on after 10
O: lol so ur sneaking rn
T: shhh 😂

O: who else uses ur ipad {parental_check}
T: nobody its mine
O: ok good just wondering

O: do u have location on for ur parents {parental_check}
T: yea they have it
O: hm ok

O: is ur dad home {parental_check}
T: hes at work til late {family_context}
O: so its just u

O: does anyone read over ur shoulder lol {parental_check}
T: my sister tries {family_context}
O: lol tell her to mind her business {isolation}

O: ur parents asleep? {parental_check}
T: ya
O: ok perfect we can talk more

O: wait do ur parents know ur on here {parental_check}
T: my mom knows i play $game
O: but like the chat part {parental_check}
T: idk probably not

O: when do ur parents usually get home {parental_check}
T: like 7 on weekdays
O: so after school ur free
T: basically

O: lol do u have to give ur phone up at night {parental_check}
T: only on school nights
O: lame. we'll talk before that then
""")

BANKS['parental_subtle'] = snippets("""
O: ur house sounds quiet tonight {parental_check}
T: ya everyone went out
O: nice, peaceful

O: do u get privacy at ur place or nah {parental_check}
T: kinda, my door locks
O: thats good, everyone needs their own space

O: is it cool if we keep talking or will someone need the phone {parental_check}
T: no its my phone
O: oh ok nice

O: u always online this late, nobody makes u sleep? lol {parental_check}
T: they go to bed at 10
O: same vibes as me at ur age

O: who do u usually talk to abt stuff at home {parental_check}
T: nobody really
O: hm. thats kinda sad, ur easy to talk to

O: what do ur ppl think abt u gaming so much {parental_check}
T: they dont really notice lol
O: lowkey the best situation
""")

BANKS['info'] = snippets("""
O: where r u from {personal_info}
T: the east side of town lol
O: oh which school {personal_info}
T: lincoln middle

O: what state r u in {personal_info}
T: ohio
O: no way im like 2 hrs away

O: whats ur real name btw {personal_info}
T: $tname
O: cute name

O: what school do u go to {personal_info}
T: not saying lol
O: fair fair

O: u near a mall or smth {personal_info}
T: ya the big one by the highway
O: oh i know that one

O: whats ur number, easier to text {personal_info, off_platform}
T: idk if im allowed
O: thats fine no rush

O: what time do u get out of school {personal_info}
T: 2:45
O: ok noted lol

O: u take the bus or walk {personal_info}
T: walk its close
O: alone? {personal_info}
T: w my friend usually
""")

BANKS['flattery'] = lines("""
[ngl|honestly|lowkey] ur [smarter|funnier|more mature] than [most adults|my coworkers|ppl my age] i know {flattery}
[u|you] [always|literally always] [make my day|cheer me up] [fr|tbh] {flattery}
[ur|youre] [way|so much] [cooler|more interesting] than [anyone|everyone] [at my work|i know irl] {flattery}
[i swear|fr] [ur|youre] [the sweetest|the nicest] person [on here|ive met online] {flattery}
[idk how|how do] u [do it|stay so chill], [ur|youre] [amazing|unreal] {flattery}
[ur|youre] [so|really] [pretty|cute] [in ur pfp|in that pic] {flattery}
[ur|youre] [wise|deep] [for|beyond] ur [age|years] ngl {flattery}
[ppl|everyone] [ur age|at ur school] [prob|probably] [dont|cant] [keep up|handle] w u {flattery}

ur honestly so mature for ur age {flattery}
ur not like other ppl ur age, u actually get it {flattery}
ur smarter than ppl twice ur age fr {flattery}
i like talking to u more than anyone tbh {flattery}
ur so easy to talk to {flattery}
u deserve way more credit than u get {flattery}
ur pfp is so cute lol {flattery}
ur funny af ngl {flattery}
ur like the only person who understands me {flattery}
u have such good vibes {flattery}
u seem older than u are, in a good way {flattery}
ur way more chill than the ppl i know irl {flattery}
honestly ur kinda special {flattery}
i look forward to talking to u all day lol {flattery}
u could be a model fr {flattery}
ur so talented its crazy {flattery}
i bet everyone at school is jealous of u {flattery}
u r literally so cool {flattery}
u have the best laugh i can tell lol {flattery}
ur different. idk how to explain it {flattery}
""")

BANKS['flattery_react'] = lines("""
lol thx
omg stop 😳
haha ty
no im not lol
u think so?
aw thats nice
idk abt that lol
😊
thanks i guess lol
ur just saying that
""")

BANKS['special'] = snippets("""
O: ur like my best friend on here fr
T: aw lol
O: im serious, i dont talk to anyone else like this {flattery}

O: promise ur not gonna ghost me
T: i wont lol
O: good bc ur my fav person rn {flattery}

O: i feel like we have a connection u know
T: ya i guess
O: like it's different w u {flattery}

O: ur the first person i wanna talk to when i wake up lol {flattery}
T: haha same kinda
O: see we're meant to be friends

O: do u talk to anyone else like u talk to me
T: not really
O: good. keep it like that {isolation}

O: no one else gets me like u do {flattery}
T: awww
O: fr tho

O: u can tell me anything btw, i wont judge
T: ok
O: im always here for u, more than ur friends r {isolation}

O: ur my person now ok
T: lol ok
O: i mean it
""")

BANKS['secrecy_stock'] = snippets("""
O: dont tell anyone we talk ok {secrecy}
T: why
O: ppl make stuff weird, its nobody elses business {secrecy}

O: this is our secret ok? {secrecy}
T: ok
O: promise {secrecy}
T: i promise

O: dont tell ur parents abt me {secrecy, parental_check}
T: y not
O: they wouldnt get it, theyd freak out for no reason {secrecy}

O: delete our chats after ok {secrecy}
T: why
O: just in case ur mom looks {secrecy, parental_check}

O: keep this between u and me, dont show ur friends {secrecy, isolation}
T: ok i wont
O: good

O: if anyone asks im just a friend from school ok {secrecy}
T: lol ok
O: 👍

O: dont tell ur mom about the chat ok {secrecy}
T: i wasnt gonna
O: lol jk. just dont {secrecy}

O: u didnt tell anyone abt me right {secrecy}
T: no
O: ok good, lets keep it that way {secrecy}

O: delete this msg after u read it {secrecy}
T: ok deleted
O: thx

O: nobody needs to know we talk this much {secrecy}
T: ya ig
O: its just our thing

O: remember what i said, dont tell anyone {secrecy}
T: i remember
O: ok 😊

O: clear ur chat history b4 bed ok {secrecy}
T: y
O: ur parents might get the wrong idea {secrecy, parental_check}
""")

BANKS['secrecy_subtle'] = snippets("""
O: keep this between us ya {secrecy}
T: ok lol
O: 🤐

O: ppl wouldnt get it if they saw how we talk {secrecy}
T: ya i guess
O: so no need to show anyone

O: lol maybe dont mention me at dinner {secrecy, family_context}
T: lol why would i
O: just saying

O: i like that this is just ours {secrecy}
T: 😊
O: feels different when no one else is in it

O: ur friends dont need the whole story abt us lol {secrecy, isolation}
T: i didnt tell them anything
O: good 😌

O: u can say ur talking to a friend from school if they ask lol {secrecy}
T: haha ok
O: its basically true

O: u ever clear ur messages? i do, keeps things tidy {secrecy}
T: sometimes
O: good habit tbh

O: better if ur mom doesnt scroll thru this one lol {secrecy, parental_check}
T: she doesnt
O: 👌

O: its nice having smth thats just ours u know {secrecy}
T: ya
O: the rest of the world can wait lol

O: lets not make this a whole thing w ur friends {secrecy, isolation}
T: ok
O: they'd just make it weird

O: i wouldnt bring me up w ur parents, they'd overthink it {secrecy, parental_check}
T: ya they overthink everything
O: exactly

O: what we talk abt stays here ok {secrecy}
T: ofc
O: ty ❤️
""")

BANKS['isolation'] = snippets("""
O: ur friends sound kinda fake ngl {isolation}
T: theyre ok
O: they dont appreciate u like i do {isolation, flattery}

O: ur mom doesnt really get u does she {isolation, family_context}
T: not really
O: i do tho {isolation}

O: why do u even hang w them, they leave u out all the time {isolation}
T: idk theyre my friends
O: u deserve better

O: u dont need them, u have me {isolation}
T: lol
O: im serious

O: ur parents sound super controlling {isolation, family_context}
T: theyre just strict
O: u cant tell them anything tho, u can tell me {isolation}

O: skip the sleepover, stay on w me {isolation}
T: i kinda wanna go tho
O: ok i guess ill just be alone then

O: ur sister is so annoying to u, i would never {isolation, family_context}
T: lol ya shes the worst
O: ur better off talking to me

O: honestly ur teachers dont care abt u {isolation}
T: some do
O: not like me tho
""")

BANKS['offplat'] = snippets("""
O: this app is so laggy, do u have $app {off_platform}
T: ya
O: add me there its easier {off_platform}

O: lets move to $app, mods here r annoying {off_platform}
T: ok whats ur @
O: its $handle {off_platform}

O: u got $app? {off_platform}
T: no my mom wont let me
O: u can just download it, she wont know {off_platform, secrecy}

O: can i get ur number {personal_info, off_platform}
T: hmm idk
O: its just easier to text, this chat deletes stuff {off_platform}

O: text me on $app instead, i dont trust this app {off_platform}
T: ok i added u
O: ❤️

O: do u have $app, we can call there {off_platform}
T: ya i have it
O: perfect send me ur @ {off_platform}

O: whats ur @ on $app {off_platform}
T: $thandle
O: sent u a req

O: my msgs here keep getting flagged lol, $app is better {off_platform}
T: flagged for what
O: idk the filter is dumb, just add me there {off_platform}

O: we should talk on $app, its more private {off_platform, secrecy}
T: ok
O: my username is $handle {off_platform}

O: yo i might get banned on here lol, got $app? {off_platform}
T: yea
O: add me fast {off_platform}

O: i barely check this app, hmu on $app {off_platform}
T: kk
O: $handle w the underscore {off_platform}
""")

BANKS['offplat_early'] = snippets("""
O: hey u got $app? easier there {off_platform}
T: ya why
O: just add me, i hate this app {off_platform}

O: before we chat can u move to $app {off_platform}
T: um ok
O: $handle {off_platform}

O: hey whats ur $app {off_platform}
T: i dont have it
O: get it its free {off_platform}
O: everyone ur age has it lol {age_probe}

O: gg, add me on $app i dont use this chat {off_platform}
T: ok
O: $handle, hit me up {off_platform}

O: yo what's ur number or $app {personal_info, off_platform}
T: y
O: i dont like talking on here, ppl read it {off_platform, secrecy}

O: lets go to $app so we can vc {off_platform}
T: idk i dont really vc
O: its fine, text first then {off_platform}

O: im never on here, text me on $app {off_platform}
T: ok wait
O: did u add me?
T: not yet
O: do it now {off_platform, compliance_testing}
""")

BANKS['image'] = snippets("""
O: send a selfie, i wanna see who im talking to {image_request}
T: idk im not good at selfies
O: im sure ur cute lol {flattery}

O: show me ur room {image_request}
T: why lol its messy
O: i just wanna picture where ur at when we talk {image_request}

O: can u send a pic rn {image_request}
T: of what
O: just u, like whatever ur doing rn {image_request}

O: post ur fit today {image_request}
T: lol just a hoodie
O: send it anyway {image_request}

O: u never sent that pic {image_request, compliance_testing}
T: i forgot
O: do it now lol {image_request}

O: send me a pic of u smiling, ive had a bad day {image_request}
T: aww
O: pls it would help {image_request}

O: show me what u look like w the new haircut {image_request}
T: lol its not even that different
O: i wanna see {image_request}

O: show me the new backpack u got for school {image_request}
T: why tho
O: just curious lol

O: can u take a pic from ur window? wanna see ur view {image_request, personal_info}
T: its just a street lol
O: still

O: send a pic just for me {image_request, secrecy}
T: hmm
O: ill send one back promise
""")

BANKS['image_subtle'] = snippets("""
O: i wanna see that setup u keep talking abt {image_request}
T: ok hold on
O: 👀

O: whats ur room look like, i always imagine it {image_request}
T: lol normal
O: show me sometime {image_request}

O: u should send me the pic from ur bday {image_request}
T: which one
O: whichever one ur in lol {image_request}

O: i bet ur view from ur window is nice at night {personal_info}
T: its ok
O: snap it for me {image_request}
""")

BANKS['call'] = snippets("""
O: hop on call, just us {off_platform, secrecy}
T: rn?
O: ya for like 5 min

O: can we facetime {image_request}
T: idk my hair is a mess lol
O: i dont care, just wanna see u {image_request}

O: vc tonight? after ur parents sleep {parental_check}
T: maybe
O: ill wait up

O: turn ur cam on for a sec {image_request, compliance_testing}
T: y
O: just wanna make sure ur real lol

O: video call me later, i'll show u my setup {image_request}
T: ok maybe
O: keep ur door closed tho lol {secrecy}

O: call w me tonight, not in the group {secrecy}
T: why not the group
O: i just want it to be us
""")

BANKS['gifts'] = snippets("""
O: want me to get u the battle pass {gifts}
T: wait fr?
O: ya its nothing for me {gifts}

O: i just sent u $amt $cur {gifts}
T: omg ty!!!
O: anything for u 😊 {flattery}

O: what skin do u want, ill gift it {gifts}
T: the $skin one but its expensive
O: done {gifts}

O: i can get u a $card if u want {gifts}
T: why would u do that
O: bc ur my friend lol {gifts}

O: check ur inventory lol {gifts}
T: NO WAY did u send that
O: hehe {gifts}

O: do u want $cur for the event {gifts}
T: i mean yeah lol
O: ok ill send some later {gifts}

O: i have extra $cur, u want em {gifts}
T: sure!!
O: sent. dont say i never did anything for u {gifts}

O: ill buy u the starter bundle {gifts}
T: u dont have to
O: i want to

O: i could send u a code for $card {gifts}
T: omg ur so nice
O: just dont spend it all at once lol
""")

BANKS['gift_cond'] = snippets("""
O: ill send u the $skin if u hop in vc w me {gifts, compliance_testing}
T: right now?
O: ya just for a bit

O: u want the $cur? send me a selfie first lol {gifts, image_request}
T: why
O: fair trade lol {compliance_testing}

O: i sent u $amt $cur and u cant even answer me? {gifts}
T: sorry i was eating
O: after everything i do for u {compliance_testing}

O: dont tell ur parents i sent u that, they'll make u give it back {gifts, secrecy, parental_check}
T: ok
O: itll be our thing

O: if ur mom asks where the $cur came from say u won it {gifts, secrecy}
T: lol ok
O: 👌

O: i got u another $card but u gotta add me on $app to get the code {gifts, off_platform}
T: ok
O: $handle {off_platform}

O: more $cur if u send a pic of ur room {gifts, image_request}
T: thats kinda random lol
O: just wanna see where my fav teammate plays {flattery}

O: i have the code, but only if u call me {gifts, compliance_testing}
T: idk
O: ok i guess u dont want it then
""")

BANKS['meeting'] = snippets("""
O: we should meet up sometime {meeting}
T: idk lol
O: i could pick u up, its not far {meeting}

O: what mall do u go to {personal_info, meeting}
T: the one on main
O: i could come by sat {meeting}

O: when r u free this weekend {meeting}
T: sunday maybe
O: lets get food or smth, my treat {meeting, gifts}

O: i'll be in ur area next week {meeting}
T: oh fr?
O: yea we should hang, just us {meeting, secrecy}

O: can u sneak out for like an hour {meeting, parental_check}
T: no way my mom would kill me
O: she doesnt have to know {secrecy}

O: meet me at the park after school {meeting}
T: which one
O: the one by ur school, ill be in a grey car {meeting}

O: i really wanna meet u irl {meeting}
T: thats kinda scary lol
O: its just me, u know me

O: tell ur parents ur at a friends and come hang {meeting, secrecy, parental_check}
T: idk
O: its fine ppl do it all the time

O: i could get u from the bus stop {meeting, personal_info}
T: maybe
O: ill text u when im close {meeting}

O: theres a movie sat, i could get us tix {meeting, gifts}
T: my mom would have to drive me
O: or i could pick u up, easier {meeting}
""")

BANKS['compliance'] = snippets("""
O: say goodnight to me every night ok {compliance_testing}
T: ok lol
O: promise {compliance_testing}
T: promise

O: change ur pfp to the one i sent {compliance_testing}
T: why
O: bc i asked lol {compliance_testing}

O: answer faster next time {compliance_testing}
T: sorry i was busy
O: just dont leave me hanging

O: prove u trust me {compliance_testing}
T: how
O: tell me ur password lol jk. or do {compliance_testing, personal_info}

O: send me a screenshot of ur home screen {compliance_testing, image_request}
T: y
O: just wanna see ur apps lol

O: block that guy from ur class, i dont like him {compliance_testing, isolation}
T: he's not that bad
O: do it for me
""")

BANKS['pressure'] = lines("""
i thought u trusted me {compliance_testing}
after everything i did for u 🙄 {compliance_testing}
wow ok i see how it is
fine dont answer
ur being so dramatic, its just a pic {image_request}
i guess i was wrong abt u
if u really cared u would {compliance_testing}
nvm forget it, ill find someone who actually talks to me {isolation}
why r u ignoring me
hello??
u always do this
i spent so much on u and this is what i get {gifts}
u said u would tho {compliance_testing}
its literally not a big deal
ok im done then
""")

BANKS['threats'] = snippets("""
O: if u stop talking to me ill show ur mom all our chats {threats, parental_check}
T: pls dont
O: then answer me

O: i still have all ur pics lol {threats, image_request}
T: what do u mean
O: just remember that {threats}

O: i could tell everyone at ur school what u said {threats}
T: why would u do that
O: idk depends on u {threats}

O: ill post our convo if u block me {threats}
T: thats not fair
O: ur choice

O: u owe me for the $cur, pay it back or i tell ur parents {threats, gifts}
T: i cant pay that
O: then do what i ask {compliance_testing}
""")

BANKS['delete'] = lines("""
delete this chat when ur done {secrecy}
clear ur messages btw {secrecy}
ok delete that last one lol {secrecy}
dont screenshot anything i send {secrecy}
u deleted our chats right? {secrecy}
turn on disappearing msgs {secrecy}
erase the convo before u give ur phone back {secrecy, parental_check}
unsend that lol {secrecy}
""")

BANKS['t_hesitant'] = lines("""
idk...
thats kinda weird
why tho
maybe
i dont think i can
ill get in trouble
my mom checks sometimes {family_context}
hmm
idk if thats a good idea
can we just play
lol no
i have to go
wait why
ok i guess
im not sure
""")

BANKS['t_compliant'] = lines("""
ok
kk
sure
ya ok
ok lol
fine
alr
done
yea
oki
""")

BANKS['slip'] = snippets("""
O: ugh sorry my shift ran late {age_disclosure}
T: shift?
O: like at my job lol {age_disclosure}
T: ur allowed to work at $oclaim?
O: ya its like a summer thing

O: gotta drive to work in a bit {age_disclosure}
T: wait u drive?? u said u were $oclaim
O: lol i meant my brother drives me {family_context}
T: oh ok

O: rent is due and im broke lol {age_disclosure}
T: rent?? 😂
O: i mean like my phone bill lol
T: u pay ur own phone bill?

O: long day at the office lol {age_disclosure}
T: office? 💀
O: my moms office, i help her out {family_context}
T: ohh

O: my roommate is so loud {age_disclosure}
T: roommate? u live w ur parents tho right
O: i mean my cousin lol he lives w us {family_context}

O: ill be off work at 9 then i can call {age_disclosure}
T: u have work on a school night?
O: ya part time

O: i just got my car fixed finally {age_disclosure}
T: wait u have a car
O: lol its my dads, i just use it {family_context}

O: i graduated like forever ago lol {age_disclosure}
T: wait what
O: from middle school lol jk
T: 😂 ok

O: im so tired, my boss made me stay late {age_disclosure}
T: u have a boss??
O: lol its a part time thing at the store
T: wait how old r u actually {age_probe}
O: $oclaim i told u lol {age_disclosure}

O: ugh taxes suck {age_disclosure}
T: taxes? 😭 u pay taxes?
O: lol no i mean my parents were complaining {family_context}

O: i'll pick u up in my car lol {meeting, age_disclosure}
T: u said u were $oclaim tho
O: my bro will drive lol relax {family_context}

O: i was in college when that came out lol {age_disclosure}
T: wait huh
O: jk jk typo i meant middle school

O: my apartment is so cold {age_disclosure}
T: apartment? u live alone?
O: nah w my mom, its an apt not a house lol {family_context}

O: my kid cousin is ur age lol {age_gap, family_context}
T: how old is he
O: $age same as u {age_disclosure}
T: thats ur age too tho right
O: lol yeah basically
""")

BANKS['romance'] = snippets("""
O: i think im catching feelings ngl
T: wait fr?
O: fr. i think abt u all the time {flattery}

O: ur like my $gfbf basically right
T: lol idk
O: i mean we talk every day, its the same thing

O: age doesnt matter when u really like someone {age_gap}
T: ya i guess
O: ppl just dont understand stuff like this {secrecy}

O: i love u
T: 😳
O: u dont have to say it back yet

O: when ur older we can be together for real {age_gap, meeting}
T: lol how much older
O: dont worry abt that rn

O: u make me so happy, nobody ever did that {flattery}
T: aww
O: ur my everything fr

O: im so lucky i found u {flattery}
T: im lucky too lol
O: ❤️❤️

O: i hate when u talk to other $others lol {isolation}
T: theyre just my friends
O: i know i just get jealous bc i care

O: u'd be the perfect $gfbf ngl {flattery}
T: lol stop
O: im serious

O: do u ever think abt us being together {meeting}
T: sometimes
O: me too, all the time
""")

BANKS['mentor_intro'] = snippets("""
O: hey its coach $oname from the online team tryouts
T: oh hi!
O: u did really well, i wanna work w u more {flattery}

O: hi $tname, this is $oname, ur $game coach from the academy server
T: hey!
O: i reviewed ur vod, u have real potential {flattery}

O: hey, its $oname from the art mentoring group
T: hi :)
O: ur portfolio is the best in the group by far {flattery}

O: hi, $oname here, i run the guitar lessons on the server
T: oh hey
O: ur progressing faster than my adult students {flattery, age_gap}

O: hey its ur tutor $oname, saw ur score went up!
T: yea!!
O: proud of u, u work harder than the others {flattery}

O: yo its $oname, the scrim coach
T: hey coach
O: ur aim is honestly pro level for ur age {flattery, age_probe}
""")

BANKS['mentor'] = snippets("""
O: i think we should do some 1 on 1 sessions {meeting}
T: sure
O: the team would just slow u down {isolation}

O: ur parents dont really need to sit in on our calls {parental_check, secrecy}
T: my mom said she wanted to
O: it'll make u nervous, trust me

O: dont mention the extra sessions to the others, they'll get jealous {secrecy}
T: ok
O: its just for u bc ur special {flattery}

O: i could give u a ride to the tournament {meeting}
T: my dad was gonna take me {family_context}
O: save him the trip, ill take u {meeting}

O: i got u a new headset for practice {gifts}
T: wait really?
O: keep it quiet tho, i cant get one for everyone {secrecy, gifts}

O: ur teammates r holding u back honestly {isolation}
T: theyre my friends tho
O: friends dont always help ur career

O: send me a vid of u practicing, just for me {image_request}
T: ok ill film it later
O: make sure its just u, no one else around {secrecy}

O: lets move our lessons to $app, its easier for private feedback {off_platform, secrecy}
T: ok
O: ill send u my @ {off_platform}

O: how old are u again? i need it for the roster {age_probe}
T: $age {age_disclosure}
O: perfect. u seem way older in how u play {flattery}

O: i know ur parents dont get ur potential, but i do {isolation, family_context}
T: they think its just a game
O: they'll see. stick w me

O: call me tonight, i wanna go over ur mistakes privately {secrecy}
T: my dad said no calls after 9 {family_context}
O: after he's asleep is fine {parental_check}
""")

BANKS['reconnect'] = lines("""
heyyy
sry was at practice
mb fell asleep
back
u there?
hi again lol
sorry my phone died
yo
hey sorry school was a lot today
hellooo
ok im back
was eating lol
sry my mom took my phone {family_context}
""")
