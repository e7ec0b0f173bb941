from engine import BANKS, snippets, lines
def add(name, block):
    BANKS[name] += snippets(block)

add('call', """
O: [can we|wanna] ft [rn|for a min|real quick] {image_request}
T: [why|idk|maybe later]
O: i just [like seeing ur face|wanna hear ur voice|miss talking] lol

O: [call me|ring me] when [ur alone|no ones around] {parental_check, secrecy}
T: [ok|maybe]
O: ill [wait|be up]

O: put ur camera on [pls|for me] {image_request}
T: im not [dressed up|ready|wearing my glasses] lol
O: [u look fine|i dont care|it doesnt matter] {flattery}

O: [vc|call] later? just the two of us {secrecy}
T: [maybe|idk|ok]
O: [cool|👍|ill text u]

O: [can u|wanna] do a video call [on $app|tonight] {image_request, off_platform}
T: [i dont have it|my phone is old|idk]
O: [ill show u how|its easy|just try]

O: why do u always [turn ur cam off|hide ur face] on calls {image_request, compliance_testing}
T: [im shy|idk|i dont like it]
O: [u dont have to be shy w me|its just me|cmon] lol
""")

add('image', """
O: [snap|send] me [a pic of ur new shoes|a pic of ur lunch lol|a quick pic] {image_request}
T: [why|lol no|idk]
O: [just wanna see|bc i asked nicely|humor me] lol

O: i showed u mine now [send one back|ur turn] {image_request, compliance_testing}
T: [i didnt ask for urs|hmm|ok wait]
O: [fair is fair|its only fair|cmon]

O: [i wanna|lemme] see [ur face|what u look like] [for real|irl] {image_request}
T: [my pfp is me|theres a pic on my profile|lol why]
O: [thats old|its blurry|a new one] {image_request}

O: [pic of|show me] ur [room|desk|setup] [rn|real quick] {image_request}
T: [its messy|why lol|ok 1 sec]
O: [i dont care|just curious|👀]

O: [send|snap] a pic [after school|when u get home] {image_request}
T: [maybe|ok|idk]
O: dont forget [this time|lol] {compliance_testing}

O: [can i|could i] get a [pic|photo] of u [smiling|with ur dog|in ur jersey] {image_request}
T: [hmm|why|lol weird]
O: [for my lockscreen lol|just cause|no reason lol]

O: [pics or it didnt happen|prove it, pic] lol {image_request}
T: [lol fine|omg ok|no]
O: [😊|there u are|see was that hard]
""")

add('image_subtle', """
O: [whats ur view|what do u see] [from ur desk|rn] lol {image_request}
T: [just my wall|my backyard|a tree]
O: [show|snap it] {image_request}

O: ur [room|space] sounds so cozy, [wish i could see|i wanna see] {image_request}
T: [its not that cozy|lol its small]
O: [still|i bet it is]

O: [did u|u] [finish|paint|redo] ur [room|wall|desk] yet? [pics|show me] {image_request}
T: [almost|not yet|ya]
O: [cant wait to see|send when ur done] {image_request}

O: ur hair [sounded|looked] different in vc [today|earlier] {image_request}
T: [i cut it|i dyed the ends]
O: [lemme see properly|show me in daylight] {image_request}

O: [show me|let me see] [the new outfit|ur new hoodie] [u got for ur bday|u mentioned] {image_request}
T: [ok|its just a hoodie lol]
O: [still|wanna see]
""")

add('offplat', """
O: [the chat here|this dm] [is buggy|keeps crashing|is so slow], [$app|u on $app]? {off_platform}
T: [ya|sometimes|i think so]
O: [cool|add me|hmu] $handle {off_platform}

O: [mods|admins] read these [lol|u know], lets [use|go to] $app {off_platform, secrecy}
T: [do they?|really|oh]
O: [yea|100%] its more private there {off_platform, secrecy}

O: [ill be on|im mostly on] $app [later|tonight|after dinner], [add me|find me] {off_platform}
T: [whats ur name on there|ok]
O: $handle {off_platform}

O: [give me ur number|can i text u] instead {personal_info, off_platform}
T: [i dont give that out|idk|my mom pays the bill]
O: [ok $app then|u got $app then?|$app works too] {off_platform}

O: [do u have|u use] $app? [we can talk more there|its way better] {off_platform}
T: [yea|no|i have $app2]
O: [ok add me|perfect|that works too] {off_platform}

O: [my account here|this account] might get [deleted|locked] lol, [lets move|add me] on $app {off_platform}
T: [why|what did u do]
O: [long story|nothing lol] just add me {off_platform}

O: [lets keep talking|finish this] on $app, [less people|nobody] can see {off_platform, secrecy}
T: [ok|sure|i guess]
O: [😊|cool]

O: [make|create] a $app [account|acct] so we can talk {off_platform}
T: [im not allowed|i cant|idk how]
O: [just use ur school email|ill help|its easy] {off_platform}

O: [hmu on|dm me on] $app [its faster|im on there more] {off_platform}
T: [kk|ok]
O: [👍|bet]

O: [got $app2?|u have $app2 or $app?] {off_platform}
T: [$app2|both]
O: [add me there|perfect] {off_platform}
""")

add('offplat_early', """
O: [hi|hey|yo] [ur cool|nice profile], [got $app?|u on $app?] {off_platform}
T: [who is this|um|ya]
O: [just a friend|from the server lol] add me {off_platform}

O: [hiii|heyy] [i dont really use this|this app sucks], whats ur $app {off_platform}
T: [why|i dont have one|lol]
O: [easier|its better|trust me] {off_platform}

O: [can u add me|add me] on $app [real quick|rn] {off_platform}
T: [i dont know u|who are u]
O: [we played earlier|from the lobby|i was on ur team] lol

O: [drop ur number|give me ur number] {personal_info, off_platform}
T: [no?|lol no|why]
O: [ok $app then|fine whats ur $app] {off_platform}

O: [hey|yo] [wanna be friends|ur funny], [move to $app?|$app?] {off_platform}
T: [maybe|i dont have it|ok]
O: [download it|get it] {off_platform, compliance_testing}

O: [hey|hi] [before u go|real quick] add me on $app2, $handle {off_platform}
T: [ok|why]
O: [so we can keep talking|bc im never on here] {off_platform}
""")

add('meeting', """
O: [how far|how close] is ur school from [the mall|the park|downtown] {personal_info}
T: [like 5 min|close|not far]
O: [i could meet u there|we should hang there] [after school|sometime] {meeting}

O: [wanna|we could] [get boba|get ice cream|grab food] [this weekend|sat] {meeting}
T: [idk if my mom would let me|maybe|with who]
O: [just me|just us] lol [ill pay|my treat] {meeting, gifts}

O: [im gonna be|ill be] [near ur school|in ur town] [fri|tmrw] {meeting}
T: [oh|ok?|why]
O: [we should meet|say hi] [for a sec|lol] {meeting}

O: [dont tell anyone|keep it chill] but [i wanna meet|we should link] [irl|in person] {meeting, secrecy}
T: [thats kinda scary|idk|maybe]
O: [its fine|u know me by now]

O: [which|what] park do u go to [after school|on weekends] {personal_info, meeting}
T: [the one by my house|the big one]
O: [ill come by|maybe ill see u there] lol {meeting}

O: [can u|could u] [get out|leave] for [an hour|a bit] [sat|tonight] {meeting, parental_check}
T: [not really|no|idk]
O: [say ur at a friends|make smth up] {meeting, secrecy}
""")

add('parental', """
O: [anyone|is anyone] [home|there] w u rn {parental_check}
T: [just my grandma|no|my sister]
O: [ok|ah ok|cool]

O: [r ur|are ur] parents [the type who|ppl who] [read ur texts|snoop] {parental_check}
T: [no|sometimes|my mom does]
O: [good|hm ok|thats annoying]

O: [does|do] [ur mom|ur parents] [know|care] [who u talk to|who ur friends w online] {parental_check}
T: [not really|kinda]
O: [ok|lol good]

O: [what time|when] do ur parents [go to bed|sleep] {parental_check}
T: [like 10|idk 11]
O: ill msg after [that|they sleep|theyre asleep] {parental_check}

O: [is ur door closed|does ur door lock] {parental_check}
T: [ya|why]
O: [just wondering|privacy lol]

O: [will|would] ur [mom|dad] [see this|check this] {parental_check}
T: [no|prob not|idk]
O: [ok good|kk]

O: [u still|do u] [share|have to share] ur [phone|laptop] w [ur family|anyone] {parental_check, family_context}
T: [no its mine|only my ipad]
O: [nice|ok]

O: [do ur parents|r ur parents] [work late|home a lot] {parental_check}
T: [mom works nights|dads always home]
O: [ah|ok got it]
""")

add('parental_subtle', """
O: [do u get the house to urself|is it usually quiet] [after school|in the afternoons] {parental_check}
T: [kinda|til 6 ya]
O: [nice|thats nice]

O: [does anyone|would anyone] [mind|care] if we [talk late|stay up] {parental_check}
T: [no|lol no one checks]
O: [ok|cool]

O: do u [keep|have] ur phone [at night|in ur room at night] {parental_check}
T: [ya|sometimes]
O: [ok good|nice] we can talk more then

O: [ur family|ur fam] [pretty chill|pretty relaxed] w screen time? {parental_check, family_context}
T: [they dont care|kinda]
O: [lucky|nice]

O: [who|does anyone] [sees|see] ur screen [when|while] u game {parental_check}
T: [nobody|my brother sometimes]
O: [ah ok|ok]

O: [so|wait] its just u [and the cat|and ur brother] tonight? {parental_check}
T: [ya|yep]
O: [peaceful|nice]
""")

add('secrecy_subtle', """
O: [not everyone|no one else] [needs to|has to] [know|hear] abt our [convos|chats] {secrecy}
T: [ok|ya i guess]
O: [😊|good]

O: [i trust u|u seem like] [someone who|a person who] [keeps things private|doesnt overshare] {secrecy, flattery}
T: [ya|i guess]
O: [thats rare|i like that]

O: [maybe dont|lets not] [post abt|mention] [our calls|me] [anywhere|online] {secrecy}
T: [i wasnt gonna|ok]
O: [👍|cool]

O: [ppl|others] [love|like] to [judge|twist things], [easier|better] if its [just us|just between us] {secrecy}
T: [true|ya]
O: [exactly|ya]

O: [u dont have to|no need to] [explain|tell] [who ur texting|who i am] {secrecy}
T: [ok|lol]
O: [its nobodys business|😌]

O: [u can|maybe] [rename|save] me as [a friend|ur cousin|"gaming"] in ur contacts lol {secrecy}
T: [why|lol ok]
O: [saves questions|ppl r nosy]

O: [id rather|i'd prefer to] keep this [low key|quiet] [u know|ya] {secrecy}
T: [ok|sure]
O: [ty|❤️]

O: [ur mom|ur parents] [wouldnt|might not] [really|fully] get [it|what we talk abt] {secrecy, parental_check}
T: [true|prob not]
O: [so|yeah] no need to [bring it up|get into it]
""")

add('secrecy_stock', """
O: [this stays|keep this] [between us|just us] [ok|alright]? [dont tell anyone|promise] {secrecy}
T: [ok|i promise]
O: [good|thx]

O: [dont tell|dont show] [anyone|ur friends] [our chats|what we talk abt] {secrecy}
T: [i wont|why]
O: [theyd get jealous|theyd ruin it] {secrecy, isolation}

O: [if ur mom asks|if anyone asks] say [ur talking to a friend from school|its a school thing] {secrecy}
T: [ok|lol]
O: [perfect|good]

O: [promise me|swear] u wont [tell anyone|say anything] {secrecy}
T: [i swear|promise]
O: [ty|good]

O: [remember|btw] [its our secret|dont tell] {secrecy}
T: [i know|ok]
O: [😘|😊]
""")

add('special', """
O: [ur|youre] [so different from|nothing like] [everyone else|the others] [i talk to|on here] {flattery}
T: [how|lol]
O: [u just get it|u actually listen|idk u just are]

O: [i feel like|honestly] [i can be myself|i can tell u anything] w u
T: [same|aw]
O: [see|thats rare]

O: [we're like|ur like] [best friends now|my favorite person] [right|lol]
T: [lol ya|i guess]
O: [good|yay]

O: [nobody|no one] [irl|at work] [gets me|listens] like u do {flattery}
T: [aw|thats sad]
O: [its ok|i have u now] lol

O: [ill always|i'll always] [be here|have ur back] [for u|no matter what]
T: [ty|😊]
O: [i mean it|fr]

O: [i'd|i would] [miss u|be sad] [so much|a lot] if u [stopped|left]
T: [im not leaving|lol]
O: [promise?|good]
""")

add('isolation', """
O: [ur friends|they] [never|dont even] [ask abt|care abt] ur day [huh|do they] {isolation}
T: [sometimes they do|not really]
O: [i do|i always ask] {isolation}

O: [why|how come] [ur parents|ur mom] [always|keeps] [yelling|blaming u] {isolation, family_context}
T: [idk|she's stressed]
O: [u dont deserve that|ur better off talking to me] {isolation}

O: [skip|forget] [the party|the sleepover|practice] [and|just] [talk to me|stay on w me] {isolation}
T: [i promised|idk]
O: [ok ill be alone then|fine] lol {compliance_testing}

O: [u should|maybe] [stop|take a break from] [hanging w|talking to] [them|those girls|those guys] {isolation}
T: [why|theyre ok]
O: [they dont treat u right|they talk behind ur back]

O: [only i|i'm the only one who] [really|actually] [understand|get] u {isolation}
T: [maybe|lol]
O: [its true|think abt it]

O: [ur teachers|ur coach] [doesnt|dont] [see|appreciate] u [like|the way] i do {isolation}
T: [maybe|idk]
O: [trust me|im right]
""")

add('gifts', """
O: [yo|hey] [check ur|look at ur] [inbox|gifts] {gifts}
T: [WAIT|omg|no way]
O: [lol enjoy|u deserve it|happy early bday] {gifts}

O: [i got|i have] [an extra|a spare] $card [code|lol] [u want it|for u] {gifts}
T: [fr??|yes pls|are u sure]
O: [ya|ofc|its nothing] {gifts}

O: [how many|how much] $cur [do u need|u need] for the $skin {gifts}
T: [like 1200|a lot|idk 800]
O: [sent|done|ill cover it] {gifts}

O: [ill|i can] [gift u|get u] [the season pass|the bundle|the new pack] {gifts}
T: [omg|ur so nice|u dont have to]
O: [its nothing for my fav teammate|anything for my fav teammate|for my fav teammate ofc] {gifts, flattery}

O: [whats|tell me] ur [wishlist|fav skin|dream item] {gifts}
T: [the $skin|the pet one|idk]
O: [noted 😏|might have a surprise] {gifts}

O: [i topped up|i added] [$amt $cur|some $cur] [on ur acc|to u] {gifts}
T: [how|omg ty]
O: [dont worry abt it|magic lol] {gifts}
""")

add('gift_cond', """
O: [the|ur] $skin is [waiting|ready] [just|only] [hop on call|add me on $app] first {gifts, off_platform, compliance_testing}
T: [hm|ok|why]
O: [its only fair|thats the deal]

O: [u got|u took] [all those|the] $cur [so|now] [u owe me|do me a favor] {gifts, compliance_testing}
T: [what favor|like what]
O: [send a pic|send a selfie] {image_request}

O: [i wont|ill stop] [gift|sending] [u stuff|$cur] if u [keep ignoring me|dont answer] {gifts, compliance_testing}
T: [sorry|i was busy]
O: [ok then answer faster|then prove it] {compliance_testing}

O: [dont tell|dont mention to] [ur friends|anyone] i [send u|got u] stuff {gifts, secrecy}
T: [why|ok]
O: [theyll want some|itll be weird] lol
""")

add('romance', """
O: [i think|honestly] [i like u|i have a crush on u] [more than a friend|for real]
T: [omg|what|😳]
O: [sorry if thats weird|u dont have to say anything]

O: [good morning|gm] [beautiful|handsome|cutie] ❤️ {flattery}
T: [lol gm|hii]
O: [slept well?|dreamt abt u]

O: [if i was ur age|if we were the same age] [id ask u out|wed be together] {age_gap}
T: [lol|😳]
O: [age is just a number|it doesnt matter] tho {age_gap}

O: [ur|youre] [mine|my special person] [ok|now] {flattery}
T: [lol ok|yours?]
O: [mine 😊|u know what i mean]

O: [we'd be|we could be] [so good together|perfect] [when ur older|one day] {age_gap, meeting}
T: [lol|maybe]
O: [i can wait|ill wait for u]

O: [miss u|i miss u already] [even tho|and] we [just talked|talked an hour ago]
T: [lol|aw]
O: [is that crazy|i cant help it]
""")

add('mentor', """
O: [for|before] [tryouts|the tournament|ur audition] [we should|lets] [meet|practice] [privately|one on one] {meeting, secrecy}
T: [my mom can drive|where|ok]
O: [i can pick u up|my place has better setup] {meeting}

O: [the others|the rest of the team] [dont need to|shouldnt] know [ur getting|about] [extra help|private lessons] {secrecy}
T: [why|ok]
O: [theyd complain|favoritism drama] lol

O: [ur talent|ur skill] is [rare|special] i [dont say|dont tell] this to [just anyone|everyone] {flattery}
T: [really?|ty coach]
O: [really|yes]

O: [send me|record] [a clip|a video] [of ur practice|of u] [in ur room|at home] {image_request}
T: [ok|which drill]
O: [any|the one from tuesday] [just for me to review|for my notes]

O: [dont|no need to] [loop in|bring] ur [parents|mom] [on everything|into this] {parental_check, secrecy}
T: [she likes to know|ok]
O: [they'll just worry|its just training stuff]

O: [if u wanna|to] [make the team|go pro], [u gotta|ull need to] [listen to me|trust me] [only|over them] {isolation, compliance_testing}
T: [ok|i do]
O: [good|thats my player]
""")

add('mentor_intro', """
O: [hi|hey] $tname [this is|its] $oname [from the|the] [drama club|choir] [online group|server]
T: [hi!|oh hey]
O: [ur audition tape|ur solo] was [amazing|the best i saw] {flattery}

O: [hey|yo] [its|this is] coach $oname, [i saw|watched] ur [ranked games|tournament run]
T: [omg hi|hey coach]
O: [ur good|ur way ahead of ur bracket] {flattery}

O: [hello|hi] $tname, $oname here [from the coding club|from the chess academy]
T: [hi|hello]
O: [u solved|u won] [that one|the puzzle] [faster than anyone|so fast] {flattery}

O: [hey|hi] its $oname, [the volunteer|the helper] from [the robotics team|the summer camp]
T: [oh hey!|hi]
O: [u were my best|ur the best] [student|camper] {flattery}
""")

add('compliance', """
O: [text me|msg me] [first thing|as soon as] [u wake up|ur home] [from now on|everyday] {compliance_testing}
T: [ok|lol why]
O: [bc i said so|so i know ur ok] lol

O: [use|pick] the [name|nickname] i [gave u|made up] [from now on|ok] {compliance_testing}
T: [lol ok|fine]
O: [good|😊]

O: [unfollow|block] [that kid|him|her] [for me|pls] {compliance_testing, isolation}
T: [why|idk]
O: [i dont trust them|just do it]

O: [show me|screenshot] [who ur texting|ur chats] [so i know|to prove] ur [not lying|loyal] {compliance_testing, image_request}
T: [thats weird|why]
O: [if u have nothing to hide|just do it]
""")

add('threats', """
O: [i kept|i saved] [everything|all our chats] [u said|u sent] [so|remember that] {threats}
T: [why|what]
O: [just saying|think abt it] {threats}

O: [if u block me|if u leave] [ill tell|ill message] [ur mom|ur school] [everything|what u did] {threats, parental_check}
T: [i didnt do anything|pls no]
O: [then stay|then answer]

O: [everyone will see|ill send] [the chats|ur pics] [to ur friends|in the server] [if u dont|unless u] [reply|do it] {threats}
T: [stop|pls]
O: [ur choice]
""")

add('info', """
O: [whats|what's] [ur last name|ur full name] [btw|lol] {personal_info}
T: [why|not saying]
O: [to find u on other apps|so i can add u on $app] {personal_info, off_platform}

O: [what time|when] do u [walk home|get home] {personal_info}
T: [like 3|after practice]
O: [ok|noted]

O: [where|which] [neighborhood|part of town] r u in {personal_info}
T: [near the lake|north side]
O: [oh nice|i know it]

O: [ur|what's ur] [bus stop|address|street] {personal_info}
T: [why lol|im not telling]
O: [to send u a gift|so i can mail u smth] {gifts}
""")

add('slip', """
O: [sorry|srry] [i was|was] at [my job|work] [all day|late] {age_disclosure}
T: [ur so lucky u can work|wait u work?]
O: [ya|lol ya] [weekends|part time]

O: [my wife|my gf] [lol|jk] i mean my [sister|cousin] {age_disclosure, family_context}
T: [wait what|lmao what]
O: [typo|autocorrect] lol

O: [finally|just] [paid|got] my [car insurance|electric bill] lol {age_disclosure}
T: [u have a car??|bills?]
O: [lol my mom makes me|its a family thing] {family_context}

O: [back from|done with] [my college class|night class] {age_disclosure}
T: [college?? u said ur $oclaim|wait college]
O: [dual enrollment|its an online thing for hs kids] lol
""")
