# Fully hand-written conversations (each used once). Same DSL as the banks;
# "--" separates beats (the builder may put a silence between beats).
HAND = []

def H(positive, kind, tempo, people, text):
    HAND.append(dict(positive=positive, kind=kind, tempo=tempo, people=people, text=text))

# ---------------- positives ----------------
H(True, 'slow_patient', 'slow', {'O': ('offender', 41, 'adult_casual'), 'T': ('target', 12, 'kid')}, r"""
O: hey, you're the one who made the lighthouse map on the creative server?
T: yea
O: the lighting on it is really clever. took me ages to figure out how u did the fog [flattery]
T: its just particles lol
T: i can show u
--
~4d
O: tried the particle thing. looks nothing like yours haha
T: lol send it
O: nah too embarrassing
T: 😂
--
~6d
O: how's things
T: ok. got a detention
O: what for
T: talking in class
O: the crime of the century
T: LOL
--
~5d
O: are u on school holidays yet or is that just here [age_probe]
T: next week [age_disclosure]
T: cant wait
O: any plans
T: my dad is taking us camping i think [family_context]
O: nice. u like camping?
T: no lol
--
~9d
O: back from the woods?
T: yes finally
T: my sister cried the whole time [family_context]
O: haha sounds like a trip
O: honestly i missed our chats, the server is dead without u [flattery]
T: aw lol
--
~3d
O: can i ask u something
T: ya
O: do ur folks keep an eye on who u talk to online [parental_check]
T: not really. my mom asked once
O: what did u say
T: that u were a friend from the server
O: good answer 🙂 [secrecy]
--
~4d
O: i made an account on {app}, the server chat lags too much for me [off_platform]
O: no pressure but if u have it
T: i dont think im allowed
O: up to u. its just easier thats all
""")

H(True, 'slow_patient', 'slow', {'O': ('offender', 29, 'adult_casual'), 'T': ('target', 14, 'kid')}, r"""
O: hey did u get the art contest results
T: not yet
T: im so nervous
O: ur piece was the best one there, not even close [flattery]
--
~5d
T: I GOT SECOND
O: told u!!! [flattery]
O: first place was robbed tbh
T: lmao thank u
--
~8d
O: how's year 9 treating u [age_probe]
T: terrible lol [age_disclosure]
@age T 14
T: so much coursework
O: i remember. it gets better i promise
--
~6d
O: u seemed down in the group chat earlier
T: just friend drama
O: want to talk about it? i'm a good listener
T: they made a new chat without me
O: that's really unkind. u deserve friends who appreciate u [isolation,flattery]
O: honestly u dont need them [isolation]
--
~4d
T: they added me back
O: oh. well just be careful with them ok [isolation]
O: i'm always here regardless
--
~7d
O: random thought but we should do a video call sometime, easier than typing [image_request]
T: idk i'm kinda shy on camera
O: totally fine. no rush at all
O: could just be audio if u want. only us [secrecy]
--
~5d
O: u free saturday? there's an art shop near {place} i think ud love [meeting,personal_info]
T: my mum would ask who with [family_context]
O: u could just say ur meeting a friend. which is true right [secrecy]
""")

H(True, 'peer_posing', 'normal', {'O': ('offender', 26, 'teen'), 'T': ('target', 13, 'kid')}, r"""
O: heyy u from the fan server right? im 15, kinda new
T: yeah hi
O: whats ur fav character
T: the one with the sword lol
O: omg same
--
O: wait how old r u [age_probe]
T: 13 [age_disclosure]
@age T 13
O: oh nice were basically the same age lol [age_disclosure]
--
~5h
O: sorry was at work [age_disclosure]
T: u work?
O: i mean like babysitting lol
T: oh ok
--
O: ur really easy to talk to [flattery]
O: like easier than ppl at my school
T: lol thx
--
O: do ur parents look at ur phone [parental_check]
T: my dad does sometimes [family_context]
O: u should make a second account for talking to me lol [secrecy,off_platform]
T: why
O: idk just so its ours
--
~1d
T: my friend said ur profile says 24 [age_disclosure]
O: lol thats a joke age
O: everyone puts random stuff
T: oh
O: u believe me right? [compliance_testing]
T: ya i guess
""")

H(True, 'subtle', 'normal', {'O': ('offender', 37, 'adult_casual'), 'T': ('target', 13, 'kid')}, r"""
O: that last stream was chaos haha
T: the chat was so fast
O: ur questions were the only sensible ones [flattery]
T: lol
--
O: what time zone are u in btw, u always seem to be on late [personal_info]
T: i just dont sleep lol
O: doesnt anyone make u? [parental_check]
T: my mum goes to bed at 9 [family_context]
O: ah so the night shift is all yours 🙂 [parental_check]
--
O: i get the feeling people don't really listen to u at home [isolation,family_context]
T: how did u know
O: just a feeling. u can always vent here
--
O: honestly ur more thoughtful than most people i work with [flattery,age_gap]
T: thats kinda sad for them lol
O: haha very
--
O: i set up a little private server for a few of us, want in? [off_platform,secrecy]
T: who else is there
O: just a couple people. mostly me tbh
O: quieter than the main one
T: ok maybe
""")

H(True, 'romance', 'slow', {'O': ('offender', 22, 'teen'), 'T': ('target', 14, 'kid')}, r"""
O: good morning sunshine ☀️
T: its 2pm lol
O: its morning somewhere
--
~3d
O: i had a dream about u lol
O: we were at the beach and u kept stealing my chips
T: LMAO that sounds like me
--
~4d
O: can i be honest with u
T: ya
O: i think i'm falling for u [flattery]
T: omg
T: really?
O: really. but i know what people would say [age_gap,secrecy]
T: what do u mean
O: im 22. they wouldnt get it [age_gap,age_disclosure]
@age O 22
--
~2d
T: i told my friend about u
O: what did u tell her
T: just that i like someone
O: ok just keep it vague, people get weird [secrecy]
--
~6d
O: i got us matching {item} skins in {game} 💕 [gifts]
T: omg couple skins
O: obviously
--
~5d
O: when can i see ur face properly, not just the tiny pfp [image_request]
T: my camera is bad
O: i dont care about the camera i care about u [flattery,compliance_testing]
""")

H(True, 'mentor_coach', 'slow', {'O': ('offender', 44, 'adult_casual'), 'T': ('target', 13, 'kid')}, r"""
O: Hi {tname}, it's {oname} from chess club. Good games tonight [flattery]
T: thanks!!
--
~6d
O: Your endgame is honestly better than some adults I play [flattery,age_gap]
T: really??
O: Really. Have you thought about the county trials?
T: idk if im good enough
O: You are. I can coach you for it
--
~5d
O: I can do Tuesday evenings at the library, one to one [meeting]
T: i'll ask my dad [family_context]
O: Tell him it's the club program, saves explaining. [secrecy,family_context]
--
~7d
O: Your friend Leo is a distraction in club btw. You'd be better sitting with me at the top board [isolation]
T: oh
T: ok
--
~4d
O: I bought you a proper set for home practice. I'll give it you Tuesday, don't mention it to the others, they'll get jealous [gifts,secrecy]
T: thank you so much
--
~6d
O: I'm going to give you my personal number, text me there from now on, club email is slow [off_platform,personal_info]
""")

# ---------------- negatives ----------------
H(False, 'family', 'slow', {'A': ('family', 71, 'older'), 'K': ('family', 11, 'kid')}, r"""
A: Hello sweetheart, it's Grandma. Your mum set up this game thing for me [family_context]
K: HI GRANDMA [family_context]
K: how did u find me lol
A: Your username is on the fridge!
--
~5d
A: How do I send you the coins? I pressed a lot of buttons [gifts]
K: u have to go to the shop tab
A: There is no shop tab
K: bottom right
A: Oh I see it. Done!! [gifts]
K: THANK U 😭 [family_context]
--
~9d
A: Are you home by yourself after school now? Mum said you have a key [parental_check,family_context]
K: ya for like an hour
A: Keep the door locked and text mummy when you're in please [family_context]
K: i do
--
~12d
A: Don't tell your mum but I've bought her the blue scarf she liked. Birthday is Saturday! [secrecy,family_context]
K: omg she will love it
K: i wont tell
A: Good girl. Grandpa says you are in charge of the card [family_context,flattery]
""")

H(False, 'family', 'normal', {'A': ('family', 19, 'teen'), 'K': ('family', 13, 'kid')}, r"""
A: r u home [personal_info]
K: ya
A: is mom there [parental_check,family_context]
K: no she went to aunt jo's [family_context]
A: ok i'm bringing my friends over for like an hour dont snitch lol [secrecy]
K: what do i get
A: i'll drive u to the skate park saturday [meeting,gifts]
K: deal
--
A: also i left {amount} {currency} on ur {game} account for ur bday since i'll be at uni [gifts,age_disclosure]
K: omg
K: ur the best sibling [family_context,flattery]
A: i know
""")

H(False, 'caregiver', 'normal', {'A': ('caregiver', 17, 'teen'), 'K': ('other', 9, 'kid')}, r"""
A: hey its {aname}, ur mom gave me this number for tonight 🙂 [family_context]
K: hi!!!
A: ur mom said u can have a tablet until 7 then bath [family_context]
K: 7:30?
A: nice try lol
--
A: i'm outside, can u unlock the door
K: coming
--
A: r u in bed yet
K: yes
A: ur literally typing
K: ...
A: go to sleep lol. ill tell ur mom u were good if u sleep now [family_context]
K: deal
""")

H(False, 'caregiver', 'slow', {'A': ('caregiver', 66, 'older'), 'K': ('other', 12, 'kid')}, r"""
A: Hi {kname}, it's Mrs {aname} from next door. Your dad asked me to look in on you this week while he's away [family_context]
K: ok hi
A: Are you home on your own now? [parental_check]
K: ya till my brother gets back at 6 [family_context]
A: Lock the front door and the back. I'll bring round some soup at 5
--
~2d
A: Did you get to school alright?
K: ya
A: Your dad rang. He says you're a star for managing [family_context,flattery]
--
~6d
A: I'm making a cake for your dad coming home. Keep it quiet, it's a surprise! [secrecy,family_context]
K: lol ok
K: can i help
A: Of course. Come round after school
""")

H(False, 'coach_teacher', 'slow', {'A': ('coach_teacher', 38, 'formal'), 'K': ('other', 14, 'kid'), 'F': ('family', 45, 'adult_casual')}, r"""
A: Hi {kname} and Mrs {aname}, this is the chat for the maths tutoring sessions. I'll keep both of you on every message [family_context]
F: Perfect thank you [family_context]
K: hi
--
~6d
A: {kname}, great work on the algebra this week. You're ready for the harder set [flattery]
K: thanks
F: She was really pleased [family_context]
--
~7d
A: Could you send a photo of question 5 from the homework? I think the textbook has a typo [image_request]
K: sending
A: Yes, the book is wrong. Well spotted [flattery]
--
~8d
A: Quick form for the exam board: I need the date of birth and year group please [age_probe,personal_info]
F: 12/02/2012, year 9 [age_disclosure,personal_info]
A: Thank you
""")

H(False, 'coach_teacher', 'normal', {'A': ('coach_teacher', 31, 'adult_casual'), 'K': ('other', 15, 'kid'), 'F': ('family', 48, 'adult_casual')}, r"""
A: hey {kname}, good session today. sent ur dad the video of ur serve so u can both watch it [flattery,image_request,family_context]
F: got it, thanks coach [family_context]
K: my toss is so bad lol
A: its fixable. 10 min a day
--
A: reminder: club is closed sunday, if anyone wants extra hitting it's the public courts at 10 and all parents welcome [meeting,family_context]
F: we'll come along
""")

H(False, 'peers', 'fast', {'P': ('peer', 14, 'teen'), 'K': ('peer', 14, 'teen')}, r"""
P: ok dont tell anyone
K: what
P: {fname} asked me to the dance [secrecy]
K: NO WAY
K: what did u say
P: i said maybe 😭
K: MAYBE???
P: i panicked
--
P: send me a pic of ur outfit for friday [image_request]
K: ok one sec
K: is it too much
P: no its so cute [flattery]
--
P: r ur parents gonna drive us or mine [family_context]
K: my mom can [family_context]
P: ok meet at mine at 6 [meeting]
""")

H(False, 'peers', 'normal', {'P': ('peer', 15, 'teen'), 'K': ('peer', 15, 'teen')}, r"""
P: how do u have so many {currency} lol
K: my grandma gave me her old gift card [family_context,gifts]
P: lucky
K: want some? ill send u 200 [gifts]
P: fr?? ur the best
--
P: add me on {app} my mom blocked this one lol [off_platform,family_context]
K: lmao why
P: screentime
K: rip. whats ur @
P: {handle}
""")

H(False, 'adults_dating', 'slow', {'A': ('adult', 34, 'adult_casual'), 'D': ('adult', 36, 'adult_casual')}, r"""
A: so you're the one who also hates coriander, we might be soulmates
D: haha finally someone gets it
--
~2d
D: sorry, crazy week, I teach year 6 and it's report season [age_disclosure]
A: respect, that sounds brutal
--
~3d
A: want to grab a drink thursday? [meeting]
D: yes! somewhere near the river?
--
~4d
D: last night was lovely. you're funny in person too [flattery]
A: 😊 same. are you free sunday? my brother has a bbq [family_context,meeting]
D: meeting the family already? 😂 [family_context]
""")

H(False, 'gaming', 'fast', {'P': ('peer', 24, 'adult_casual'), 'K': ('peer', 26, 'adult_casual')}, r"""
P: ok who left the raid halfway thru lol
K: my kid woke up sorry [family_context,age_disclosure]
P: haha fair
--
P: yo i won a gift card at work, want the code? i dont play that store [gifts,age_disclosure]
K: for real?
P: yeah
K: legend ty
--
P: discord later? [off_platform]
K: after 9, putting the kids down [family_context]
""")

H(False, 'surprise_party', 'normal', {'A': ('family', 44, 'adult_casual'), 'F': ('peer', 15, 'teen'), 'K': ('peer', 15, 'teen'), 'G': ('peer', 16, 'teen')}, r"""
A: hi everyone, it's {fname}'s dad. she has no idea about saturday so keep it quiet please 🙏 [secrecy,family_context]
F: hi!! we wont tell
K: 🤐
G: yess
--
A: her mum is taking her to the cinema from 4 to 6, so the house will be empty. come to the back gate at 5:30 [parental_check,meeting,family_context]
K: ok
--
G: is everyone doing 5 each for the speaker? [gifts]
F: yes sending to {kname}
K: got it
--
A: and please delete this chat after, she knows my phone code haha [secrecy]
F: lol ok
""")

H(False, 'customer_support', 'fast', {'S': ('support', 27, 'formal'), 'C': ('adult', 42, 'adult_casual')}, r"""
C: my son's account says its been banned?? he's 12 [family_context,age_disclosure]
S: I'm sorry about that. Could you confirm the date of birth on the account? [age_probe,personal_info]
C: he put 2005 because he wanted to play lol
S: Thanks for telling me. Accounts have to reflect the real age so the right safety settings apply. I can correct it with a parent's verification. [parental_check]
C: ok what do you need
S: Please reply from the parent email we send you. Don't share the code with anyone else. [secrecy]
""")

H(False, 'other', 'normal', {'A': ('adult', 52, 'formal'), 'K': ('other', 15, 'kid')}, r"""
A: Hi, this is the shop on the corner. You left your bag here yesterday
K: omg thank u
A: How old are you, love? If you're under 16 I'll need a parent to pick it up, it has a bank card in it [age_probe,parental_check]
K: 15 [age_disclosure]
@age K 15
A: Ok, send your mum or dad over before 6 [family_context]
K: ok my dad will come [family_context]
""")

H(False, 'other', 'fast', {'A': ('adult', 30, 'adult_casual'), 'K': ('other', 16, 'teen')}, r"""
A: hi, this is {aname} from the cafe. you applied for the saturday job?
K: yes!
A: great. how old are you? we need to know for the rota [age_probe]
K: 16, i have a work permit form from school [age_disclosure]
@age K 16
A: perfect. can you come in tuesday at 4 with a parent to sign it? [meeting,family_context]
K: ya my mum can come [family_context]
""")
