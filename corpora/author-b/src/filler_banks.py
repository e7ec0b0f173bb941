from engine import BANKS, snippets, lines

BANKS['small'] = snippets("""
A: wyd
B: nm just chillin hbu
A: same lol bored af

A: did u see the new update
B: ya the map is so weird now
A: ikr they ruined it

A: ugh i have so much hw
B: same i have a math test tmrw
A: good luck lol

A: what music u into
B: everything tbh
A: same but mostly rap rn

A: its raining so hard here
B: here too 😭
A: perfect gaming weather lol

A: did u eat yet
B: ya pizza
A: jealous

A: i cant sleep
B: same
A: its like 1am lol

A: what show r u watching rn
B: rewatching the one w the dragons
A: omg thats so good

A: my dog just knocked over my water 💀
B: LMAO
A: hes so dumb i love him

A: lol did u see that clip
B: which
A: the one w the guy falling off the trampoline
B: 😂😂 yes

A: what r u doing this weekend
B: nothing probably
A: same lol

A: bro the servers r down again
B: noooo
A: ya 😩

A: i just got the new controller
B: ooh which one
A: the white one, its so clean

A: do u like anime
B: some of it
A: whats ur fav
B: the one w the pirates lol

A: im so tired
B: why
A: stayed up too late lol

A: ok im gonna grab a snack brb
B: kk

A: this level is impossible
B: which one
A: the ice one w the boss
B: oh just use the fire bow

A: fav food?
B: tacos fr
A: valid

A: its so hot today
B: ya i literally melted walking home
A: lol

A: u watching the game tonight
B: nah i dont really watch sports
A: fair

A: omg my teacher gave us a pop quiz today
B: thats evil
A: i def failed lol

A: do u have any pets
B: a cat and a fish
A: cute what are their names
B: mochi and fish lol

A: i keep losing ranked
B: same im stuck in silver
A: the matchmaking is rigged lol

A: wyd this summer
B: idk prob just home
A: same, boring

A: whats ur fav season
B: fall
A: same!! hoodie weather

A: bro i just spilled cereal everywhere
B: 💀
A: my mornings are cursed

A: i finally beat that level
B: no way!! gg
A: took me like 40 tries lol

A: what r u listening to rn
B: that new song everyone is posting
A: its stuck in my head all day

A: ok random question
B: ?
A: pineapple on pizza yes or no
B: yes obv
A: respect

A: im watching the worst movie ever lol
B: whats it called
A: idk smth about sharks in a tornado
B: lmaooo

A: hows ur day going
B: meh
A: mine too

A: u play any other games
B: just mc and sometimes racing ones
A: nice

A: do u like school
B: lol no
A: fair
""")

BANKS['t_react'] = lines("""
lol
lmao
ok
ya
fr
idk
same
😂
haha
true
nice
oh ok
wait what
bruh
💀
kk
ya lol
why
omg
lol same
""")

BANKS['small'] += snippets("""
A: [did u finish|did u even start|u done w] the [science|history|english|spanish] hw
B: [no lol|barely|ya but it took forever|whats the hw 💀]
A: [same|lucky|ugh]

A: [my|our] wifi keeps [cutting out|dying|lagging]
B: [restart the router lol|mine too|rip]
A: [tried that|its cursed|ill just use data]

A: [what|wat] r u eating
B: [cereal for dinner lol|leftover pasta|chips|nothing my mom didnt go shopping]
A: [valid|lol same|sad]

A: im so bored [rn|omg|ngl]
B: [same|play smth|watch smth]
A: [everything is boring|nah i've played everything|idk what tho]

A: [did u see|u see] what [happened in the group chat|tyler posted|the teacher said in 3rd period]
B: [no what|ya 💀|no i muted it]
A: [nvm its dumb|ill tell u later|it was so cringe]

A: [whats ur fav|fav] [color|snack|movie|song rn]
B: [green|hot chips|the one w the robots|idk i have like 5]
A: [same|thats so u|interesting lol]

A: [it snowed|it hailed|theres a thunderstorm] here
B: [no way|lucky|ew]
A: [school might get cancelled|my dog is scared of it|its so loud]

A: [i got|just got] [a new phone case|new shoes|a haircut|braces off]
B: [pic?|omg show me|nice]
A: [later lol|its not that exciting|ok ok]

A: [do u have|u got] [practice|rehearsal|tutoring] today
B: [ya til 5|no its cancelled|tmrw]
A: [lucky|rip|ok]

A: [this song|this ad|my brother] is so annoying
B: [which one|lol why|💀]
A: [idk it just is|it wont stop|ugh]

A: whats [the best|ur fav] map
B: [the desert one|the city one|the one w the castle|all of them are mid]
A: [W|no way thats the worst|fair]

A: [bro|yo] i just [hit|got] [a 20 kill game|my first win|top 10]
B: [no way|clip it|gg|lies]
A: [fr|i swear|ill send the clip]

A: [when|what day] does the [new season|event|update] drop
B: [friday i think|next week|idk soon]
A: [hype|finally|cant wait]

A: my mom is making me [clean my room|do dishes|walk the dog|go to my cousins]
B: [rip|lol same|have fun]
A: [brb|ugh|ill be back in like 20]

A: [what time is it there|is it late there]
B: [like 9|almost midnight|idk my clock is wrong]
A: [oh ok|same basically|lol]

A: [i hate|i love] [mondays|mornings|math|rainy days]
B: [same|why|nah]
A: [they're just the worst|idk|lol]

A: [r u good at|do u like] [drawing|cooking|swimming|chess]
B: [kinda|not rly|ya!!]
A: [teach me|cool|respect]

A: [u ever|have u ever] [been to the beach|seen snow|been on a plane]
B: [ya once|no never|lots]
A: [nice|same|i want to]

A: [lol|omg] [my cat|my dog|my hamster] is sitting on my keyboard
B: [send pic|lmao|cute]
A: [no he moved|too late|ok]

A: [ok|alright] [ill be back|gotta go eat|gtg] [in a bit|soon|brb]
B: [kk|ok|cya]

A: [did u|have u] [finish|start|watch] the [new|last] episode
B: [not yet|ya!!|no spoilers]
A: [omg ok|its so good|i wont say anything]

A: [that boss|that level|the final round] [took me forever|was so hard|is broken]
B: [which one|fr|lol]
A: [the last one|the one w the spikes|idk]

A: [whats ur|what is ur] fav [youtuber|streamer|band]
B: [idk theres so many|the minecraft guy|the one w the dog]
A: [same|lol ok|who]

A: [i have|i got] [a dentist appt|a test|a game] tmrw
B: [good luck|ew|nice]
A: [thx|ugh|ya]

A: [lmao|lol] [i tripped|i fell|i walked into a door] at school today
B: [💀|NO|r u ok]
A: [everyone saw|im fine lol|my pride isnt]

A: [do u|u] [play|like] [basketball|soccer|volleyball]
B: [ya|a little|no lol]
A: [same|cool|me neither]
""")
BANKS['adult_small'] += snippets("""
A: [long week|what a week|this week has been a lot]
B: [tell me about it|seriously|i need a nap]
A: [friday cant come soon enough|same|lol]

A: [i just finished|started] [that book|that show|a puzzle] you [recommended|mentioned]
B: [and?|what did you think|told you it was good]
A: [loved it|not bad|obsessed]

A: [my coworker|my boss|my neighbor] [brought donuts|quit today|has a new puppy] {age_disclosure}
B: [nice|wow|cute]
A: [lol yeah|right?|highlight of my day]

A: [did you|have you] [eat|eaten] [yet|dinner]
B: [just now|not yet|cereal counts right]
A: [lol|it counts|same]

A: [the gym|yoga|my run] [destroyed me|was great|was a mess] today
B: [proud of you|ouch|lol]
A: [thanks|ha|never again]
""")
BANKS['fam_small'] += snippets("""
P: [how was practice|how was the test|how was lunch]
K: [good|ok|fine|bad lol]
P: [glad|oh no|tell me later]

P: [dont forget|remember] [your jacket|your lunch|to charge your phone]
K: [ok|i know|k]

P: [call me when you're done|text me when practice ends]
K: [ok|will do|k]

P: [proud of you|miss you|good luck today] ❤️
K: [ty|love u|lol ty]
""")

BANKS['small'] += snippets("""
A: [ok|so] [who|which] [is ur|r u] [fav|favorite] [character|hero|skin] [in $game|rn]
B: [the ninja one|the healer|the one w the hat|idk they change]
A: [W pick|mid|same lol]

A: [my|the] [bus|ride] [was|is] [so late|late again|packed] [today|this morning]
B: [rip|lol|mine too]
A: [i was almost late|missed first period|ugh]

A: [i'm|im] [starving|so hungry] [rn|lol]
B: [eat smth|same|go get food]
A: [theres nothing|brb then|ok]

A: [did|do] u [hear|see] [the fire alarm|the fight|the announcement] [today|at school]
B: [ya|no what happened|lol yes]
A: [chaos|it was so dumb|idk]

A: [i|we] [got|have] [a sub|a new teacher] in [science|math|english] [lol|today]
B: [lucky|is she nice|is he nice]
A: [kinda|no|she let us watch a movie]

A: [whats ur|what's ur] [screen time|record] [lol|today]
B: [dont ask|like 9 hrs|💀]
A: [same|lmao|mine is worse]

A: [my sister|my brother|my cousin] [keeps|wont stop] [taking|stealing] [my charger|my snacks|my hoodie] {family_context}
B: [lol|rip|same]
A: [im gonna hide it|so annoying|ugh]

A: [do u|r u] [going|gonna go] [trick or treating|to the fair|to the pool] [this year|this weekend]
B: [ya|maybe|no im too old lol]
A: [same|lol|fair]

A: [this|that] [song|beat|meme] [lives|is living] [in my head|rent free]
B: [which one|lmao|same]
A: [the one from the clip|u know the one|the trend one]

A: [i just|just] [woke up|got up] [lol|💀]
B: [its 2pm|lazy|same]
A: [weekend vibes|dont judge|lol]

A: [i|i'm] [lowkey|kinda] [want|wanna] [a dog|a cat|a bunny]
B: [get one|ask ur parents|same]
A: [they said no|maybe for my bday|lol]

A: [did u|u] [get|try] the [new|limited] [event|mode|map] [yet|already]
B: [ya its fun|not yet|its kinda mid]
A: [true|i need to|lol]

A: [what|wat] r u [doing|up to] [for break|this summer|this weekend] [lol|?]
B: [nothing|my cousins house|camp]
A: [same|fun|ooh]

A: [ugh|omg] [my|the] [controller|mouse|keyboard] [is|keeps] [drifting|double clicking|dying]
B: [rip|clean it|get a new one]
A: [no money|lol|true]

A: [omg|bro] [its|it is] [so|sooo] [cold|hot|windy] [today|out]
B: [ikr|fr|here too]
A: [i hate it|lol|never leaving my room]

A: [what|wat] [time|hour] do u [usually|normally] [sleep|go to bed]
B: [like 11|late lol|depends]
A: [same|wow|lol]

A: [r u|are u] [watching|streaming] [anything|smth] [good|rn]
B: [nah|just yt|a cooking show lol]
A: [nice|lol|same]

A: [i|i'm] [finally|just] [finished|beat] [the|that] [book|game|series]
B: [how was it|was it good|nice]
A: [so good|the ending was weird|mid tbh]

A: [lol|omg] [my|our] [teacher|coach] [said|told us] [the funniest thing|the weirdest thing] [today|lol]
B: [what|lmao what]
A: [ill tell u later|its hard to explain|u had to be there]

A: [do u|u] [like|prefer] [cats or dogs|pizza or burgers|summer or winter]
B: [dogs|pizza|winter] [obv|lol]
A: [correct|wrong lol|same]
""")

BANKS['adult_small'] += snippets("""
A: [just got home|finally home|made it home] [from work|from the gym] {age_disclosure}
B: [nice|welcome back|how was it]
A: [long|fine|ok]

A: [did you|have you] [ever|] [been to|tried] [that new place|the thai spot|the taco truck] [downtown|on 3rd]
B: [not yet|yes!|once]
A: [we should|its good|i need to]

A: [my|the] [cat|dog|plant] [did|is doing] [something|the funniest thing] [again|today]
B: [what|lol|photo?]
A: [knocked over my coffee|chewed my shoe|is thriving]

A: [weekend|saturday] [plans|ideas]?
B: [farmers market|sleeping in|nothing]
A: [sounds nice|same|jealous]
""")
