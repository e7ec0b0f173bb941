# author-g: seventh batch.
from banks_more import more
more("sp_reply", """
omg yes
+gifts how much do we each send
wait is it at ur house or the park
i can make a banner
+family_context my mom can bring chairs
ok deleting the chat after lol
she texted me asking what im doing saturday lol
i'll bring the playlist
""")
more("gm_talk", """
their tank was unkillable
ok that was actually fun
next game im playing support
i just need one more win for the badge
""")
more("fam_kid_thanks", """
thank u uncle!! i needed that
+gifts it came through, thank u!!
ok ill keep it a secret
""")
more("small_A_modding", """
have u looked at the new modding api
the server keeps rejecting my upload lol
want me to review ur pull request
how many people downloaded it so far
""")
more("small_A_youth", """
did u sign up for the summer camp
the new leader seems nice right
how did the car wash go
""")
more("slow_back_A", """
hey, been a minute. how's {pet}
sorry for vanishing again, how is everything
hi, i had the flu for ages, finally better
morning! sorry i went quiet, new shift schedule
hey {k}, how was the summer
Hello again, I had exams for my work certificate, now I am free
yo, im back, did u miss me lol
hey, did ur {subj} grade go up in the end
""")
more("slow_back_A2", """
hi, sorry, the move took forever. how r things
hey, ur name popped up and i realised its been weeks
Good evening, my long silence was because of family problems, forgive me
hey, did the school year start ok
""")
more("fam_home", """
text me as soon as you're home please
are you back from school? the neighbour has the spare key if you need it
home alone til 6 today, there's soup on the stove, don't touch the oven
did you get in ok? lock up and do your homework
""")
more("meet", """
i'm at the skatepark in {town} most saturdays, come by
maybe we could meet at the library one day
""")
more("offplat", """
this site reads our messages i think, {app} is safer
hey do u use {app}? add me there when u can
""")
more("cs_fix", """
I've updated the email on the account, please confirm the link we sent
All set! The charge will disappear from the statement in a few days
""")
more("fam_home", """
are you in yet? dad's stuck in traffic, keep the door locked
home safe? your brother will be back at 5, don't open for anyone else
Are you alone in the house? Auntie comes at six, be good
let me know when you're home, i'm on the late shift tonight
is your sister home with you or not yet?
""")
more("open_music", """
hi {k}, that {song} clip on the practice board was lovely, do you take feedback?
Hello {k}. Your {inst} sound is warm, very rare for beginner. I teach some years
hey, ur the {inst} kid from the open mic thread right? that was so good
""")
more("fam_age", """
how old is the twins' little brother now, 9? for the cake candles
is your friend from swim 13 yet? the cinema asks for ID
""")
more("chat_A3", """
how did the science fair go
did you end up going to the party
are the roads icy there
what's your favorite season btw
did u get enough sleep
i can't believe it's already november
do you like spicy food
who won the quiz in the end
the sunset was crazy today
did you finish ur chores
how's the new haircut holding up
is ur internet back
""")
more("solicit", """
its better if nobody comes with u, trust me
you can just walk over by yourself, it's close
just u ok? dont bring anyone
""")
more("small_B", """
i got a new plant for my room
my teacher was absent so we watched a movie
""")
more("small_A", """
what r u doing rn
did anything funny happen today
how's ur week been so far
ugh mondays right
u eat dinner yet
whats the weather doing there
how was the weekend
did u go outside today lol
anything new with u
what's the best thing that happened today
u sound busy today
how's everything at school
did u sleep in today
what are u watching these days
how did the test go in the end
""")
more("fam_sib", """
mom says ur grounded lol what did u do
i left ur birthday present in my closet, dont look
+secrecy if dad asks i was home by 11 ok
can u feed the cat tmrw, im at work
i'm bringing pizza home, want pepperoni
""")
more("fam_sib_ans", """
+family_context lol mom already told me everything
ok but u owe me pizza
+family_context ok i'll tell dad ur on the way
yes pepperoni!!
""")
more("chat_A5", """
did you find a costume for the party
how's your little brother's cold
""")
more("open_art", """
hey {k}, found ur {art} through the tag page, u have a really cute style
Hello, I saw your {art} in the weekly showcase. Do you accept small commissions?
hi!! ur {art} of the sleepy cat is my phone background now lol
hey, saw ur sketch thread, the {art} ones are my favorite
""")
more("chat_A5", """
did the new shoes fit ok
how's the science project coming along
did you ever try the pancake recipe
is your friend still moving away
what did you think of the new teacher
""")
more("pe_age", """
ur the youngest in our class right
how old is ur brother again, is he in our grade
""")
more("cg_secret", """
lets not tell ur mom we skipped the broccoli lol
dont mention the scratch on the door, ill tell ur dad myself tomorrow
we'll keep the pillow fort a secret til your mom sees it haha
""")
more("fam_pic", """
send a pic of you with the trophy!!
picture of the new puppy please, grandma is dying to see
""")
