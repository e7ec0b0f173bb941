from engine import BANKS, snippets
def add(name, block):
    BANKS[name] += snippets(block)

add('peer', """
A: [can i|lemme] [see|copy] ur [math|bio|spanish] [hw|answers] [lol|pls]
B: [only if u send ur english|fine|no lol]
A: [deal|ur the best|😭]

A: [r u|are u] going to [jess's|the school|mayas] [party|dance|sleepover] {meeting}
B: [if my mom lets me|if my dad says ok|gotta ask my mom] {family_context}
A: [she better|yay|pls come]

A: [omg|ok] [send|show] me [ur fit|what u got] for [the dance|picture day|tmrw] {image_request}
B: [ok hold on|its not even cute|lol fine]
A: [SO CUTE|omg|yesss] {flattery}

A: [did u|u] [tell|told] [anyone|ur mom] [abt|about] [my crush|what happened] {secrecy}
B: [NO|never|no i swear]
A: [ok good|ok ok]

A: [what|whats] ur [snap|$app] [again|i lost it] {personal_info, off_platform}
B: $thandle
A: [added|ty]

A: [u|r u] [turning|gonna be] [14|15] [soon|this year] right {age_probe}
B: [ya in $month|ya next month|yea] {age_disclosure}
A: [party??|we have to celebrate]

A: [ok|so] [dont laugh|promise u wont laugh] but [i|i kinda] [like|have a crush on] $crush {secrecy}
B: [OMG|no way|i knew it]
A: [SHHH|dont tell anyone] {secrecy}

A: [ur|youre] [so|literally] [funny|nice|pretty] [i cant|fr] {flattery}
B: [stoppp|aw|no u]
A: [its true|deal w it]

A: [my mom|my dad] [took|is taking] my phone [at 9|tonight] [so|lol] {family_context}
B: [rip|why]
A: [bad grade|i was on it too much]

A: [wanna|can u] [ft|video call] [after dinner|at 7] {image_request}
B: [ya|after dinner]
A: [kk|ok]

A: [pls|can u] [send|airdrop] [the pic|the video] from [lunch|the bus|the game] {image_request}
B: [the one where ur eating|lol ok]
A: [yes lol|delete the others] {secrecy}

A: [r u|are u] home [alone|rn]? [can i|wanna] [come over|walk to the park] {parental_check, meeting}
B: [my grandma is here|my dad is home|mom says yes] {family_context}
A: [omw|ok!!]

A: [did u|have u] [see|seen] [his|her] [story|post]
B: [ya|no what]
A: [screenshot it|send me a screenshot] {image_request}
B: [omg|lmao]

A: [r u in|what lunch r u] [a or b lunch|first lunch] {personal_info}
B: [b|a]
A: [yay same|nooo]

A: [i'm|im] [so|literally] [nervous|scared] for [tryouts|the test|the recital]
B: [ull be fine|u got this]
A: [ty ily|ily]

A: [my|our] [gc|group chat] is [moving|going] to $app [bc|cause] [the old one|this app] [is|got] [dead|weird] {off_platform}
B: [ok|invite me]
A: [sent|ok]

A: [can u|pls] [keep|keep this] a secret [from|dont tell] [ur brother|ur sister] {secrecy, family_context}
B: [ya ofc|depends lol]
A: [im serious|ok]

A: [how old|how old is] [ur crush|he|she]?? {age_probe}
B: [our age|14 lol|a year older]
A: [ok good|oh nice]

A: [i got|i won] [$amt $cur|a $card] [from|at] [the tournament|my bday] {gifts}
B: [nice|jealous]
A: [want some|ill split it w u] {gifts}

A: [after school|sat] [mall|park|boba]? {meeting}
B: [ya if my mom drives|my mom has to drive] {family_context}
A: [ok ask her|yay]
""")

add('gaming', """
A: [need|we need] [a 5th|one more] for [ranked|the raid] [u on|hop on]?
B: [in 5|eating rn|yea]
A: [kk|hurry]

A: [gift|here's] [the|a] $card for [carrying|helping] [me|us] last night {gifts}
B: [u didnt have to|lol ty|W]
A: [earned it|gg]

A: [can u|wanna] [get in|join] [the party chat|the voice channel|vc] [for callouts|to plan] {off_platform}
B: [my mic is broken|sure|ya]
A: [just listen then|cool]

A: [whats|what is] ur [tag|id] [again|in game] {personal_info}
B: $thandle
A: [sent|req sent]

A: [if u|when u] [get|hit] [diamond|plat] [ill|i'll] [buy u|gift] [the pass|a skin] {gifts}
B: [bet|deal]
A: [lmao|lets go]

A: [we|our team] [got|have] a [tourney|scrim] [sat|sunday] at [2|4] {meeting}
B: [ill be there after work|i have work til 3] {age_disclosure}
A: [ok|find a sub then]

A: [i'm|im] [so|literally] [tilted|done] [lol|for today]
B: [same|one more]
A: [ok one more|no]

A: [send|can u send] [ur crosshair code|ur settings|ur keybinds] {image_request}
B: [sure|one sec]
A: [ty|ur a legend]

A: [lmk|tell me] [if u|when u] [want to|wanna] trade [ur|the] $skin {gifts}
B: [never lol|what u offer]
A: [2 emotes|a wrap]

A: [dont|pls dont] [tell|mention] [the clan|the squad] [i|that i] [bought|spent] [so much|money] lol {secrecy}
B: [lmao ok|ur secret is safe]
A: [🙏|ty]
""")

add('dating', """
A: [your|ur] [profile|bio] says you [like hiking|love tacos|do pottery]
B: [guilty|yes!|lol its true]
A: [we should go sometime|we should go together] {meeting}

A: [this might be|is it] [too soon|forward] [but|to ask] [dinner|drinks] [friday|this week] {meeting}
B: [not too soon|id love that|yes]
A: [great|perfect]

A: [can i|could i] [get|have] ur number? [this app|the app] [is|keeps] [glitchy|crashing] {personal_info, off_platform}
B: [sure|yes] $phone {personal_info}
A: [texting you|got it]

A: [honestly|ok] [i had|that was] [the best|such a fun] [date|night] [in ages|in a while] {meeting}
B: [me too|same]
A: [again soon?|round 2?] {meeting}

A: [how|how was] [work|your day] [today|babe]
B: [exhausting|fine|long]
A: [want me to bring dinner|want to grab dinner] {meeting}

A: [so|ok] [how old|what age] [are you actually|r u] [lol|?] [profiles lie] {age_probe}
B: [34|29|38] [for real|promise] {age_disclosure}
A: [ha ok|same range]

A: [send|show] me [a pic|the view] [from your hike|of your cat|from the concert] {image_request}
B: [ok|sending]
A: [gorgeous|wow]

A: [are you|r u] [free|home] [tonight|later]? [can i|want to] [video call|facetime] {parental_check, image_request}
B: [after 9|yes|give me an hour]
A: [ok|perfect]

A: [my|our] [friends|coworkers] [keep asking|want to know] about [you|us] lol
B: [what did you tell them|lol]
A: [nothing yet|that youre great] {flattery}

A: [i'll|ill] [pick you up|meet you] at [7|the station|your place] {meeting}
B: [see you then|perfect]
A: [cant wait|😊]
""")

add('care', """
C: [hi|hello] this is $cname, [the sitter|ur babysitter] [for tonight|tmrw]. [is ur mom home|r ur parents home]? {parental_check, family_context}
K: [shes at the store|dad is|no]
C: [ok ill text her|ok ill be there at 6]

C: [did|has] $kidname [eaten|had dinner|done homework] [yet|]? {family_context}
M: [yes|not yet] [thanks|please make sure]
C: [will do|got it]

C: [wanna|u wanna] [play uno|bake cookies|go to the park] [when i get there|later] {meeting}
K: [yes!!|ok]
C: [yay|ok]

C: dont tell ur mom i let u [stay up late|have soda|skip the veggies] lol {secrecy, family_context}
K: [lol ok|i wont]
C: [just this once|😂]

C: [hi|hello], just [sending|here's] [a pic|a photo] of $kidname [at the park|with the painting|at lunch] {image_request}
M: [aw|so cute] [thank you|thanks]
C: [shes|hes] [having a blast|so happy]

C: [whats|what is] [the wifi|the door code|ur address] [again|pls] {personal_info}
M: [its on the fridge|sending|4417] {personal_info}
C: [ty|thanks]
""")

add('coach', """
C: [reminder|heads up] [games|practice] [sat|this weekend] at [10|9am|noon], [parents|families] [pls|please] [rsvp|confirm] {meeting, family_context}
M: [we'll be there|confirmed]
C: [thanks|great]

C: [nice work|great job|well done] [on the project|today|at practice] $kidname {flattery}
K: [ty|thanks]
C: [keep going|proud of u]

C: [whats|what's] ur [birthday|dob] [for the|for] [roster|league form] {age_probe, personal_info}
K: $month 3rd, im turning $next {age_disclosure, personal_info}
C: [thanks|ok]

C: [please|pls] [send|upload] [a photo|a pic] of [the form|ur permission slip|the signed page] {image_request}
M: [done|uploaded]
C: [got it|perfect]

C: [tutoring|lesson] [moved|is moved] to [thursday|4pm] [at the library|online], [your parents|ur mom] [know|has the link] {meeting, family_context}
K: [ok|kk]
C: [see u then|👍]
""")

add('support', """
S: [Hi|Hello]! [For security|To protect your account], [what is|can you tell me] the [email|username] on the account? {personal_info}
U: [i think its|its] $thandle
S: [Thanks|Thank you]. [I've sent|A code was sent] to [that email|your email].

S: [Is this|Are you] [the parent|an adult] [account holder|on the account]? {parental_check}
U: [no im the kid|its my moms] {family_context}
S: [No problem|Okay]. [Please ask|Can you ask] [them|her] to [contact us|join the chat].
""")

add('party', """
A: [ok|so] [who's|whos] [bringing|getting] [balloons|plates|drinks]
B: [me|i can]
C: [ill do drinks|snacks]

A: [remember|reminder]: [do not|dont] [post|text] [anything|abt it] [where she can see|on ur story] {secrecy}
B: [ok|got it]
C: [🤐|lol ok]

A: [can|could] [someone|someone pls] [keep him|keep her] [busy|distracted] [til 6|for an hour] {meeting}
B: [ill take her|ill take him] [for coffee|shopping]
A: [ur a hero|perfect]

A: [send|post] [pics|ur photos] [here|in this chat] [after|later] {image_request}
B: [ok|sending now]
C: [😍|love]
""")

add('other', """
A: [hi|hello] [from|its] [apt 3|upstairs|next door], [are you|r u] [home|around]? [water is leaking|the alarm is going] {parental_check}
B: [omw|coming|yes one sec]
A: [ty|thanks]

A: [hey|hi] [are you|r u] [still|] [selling|giving away] the [bike|couch|desk]?
B: [yes|still available]
A: [can i|could i] [pick it up|come by] [sat|tonight]? {meeting}

A: [the|our] [club|group] [meets|is meeting] [at|in] [the library|the cafe] [sunday|next week] {meeting}
B: [ill be there|count me in]
A: [great|see you]

A: [can|could] you [send|text] me a [pic|photo] of [the receipt|the parking spot|the flyer] {image_request}
B: [sure|sending]
A: [thanks|got it]
""")

add('fam_parent', """
P: [where are u|u home]? [its late|its getting dark] {parental_check, personal_info}
K: [walking home|at the bus stop|5 min]
P: [ok call me|text me when ur in] {family_context}

P: [who|whos] [r u|are u] [talking to|gaming with] [so late|tonight] {parental_check}
K: [just my friends|jay and max]
P: [ok bed soon|bed in 20 min] {family_context}

P: [i|we] [sent|put] [$amt $cur|a little money] [on ur account|on ur card] [for the trip|for lunch] {gifts, family_context}
K: [ty|thanks mom|ty dad]
P: [dont spend it all on snacks|be smart] lol
""")

add('fam_grand', """
P: [Hi|Hello] [sweetheart|darling]! [Send me|Can I see] [a picture|a photo] of [your new room|the puppy|your team] {image_request}
K: [ok|one sec]
P: [Lovely|So cute]!!

P: [Are you|Is] [your mom|everyone] [home|there]? I [called|tried calling] [twice|the house] {parental_check, family_context}
K: [shes at work|they went out]
P: [Ok|Alright] tell her [Grandma called|to call me] {family_context}
""")
