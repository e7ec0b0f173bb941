# author-g: everyday chatter (hand-written), used by negatives and positives alike so length and topic do not give the label away.
from banks_pos import bank

bank("chat_A2", "", """
did u get the email from school
what time is it there
you eat lunch already?
the game last night was wild
how's the new phone
did it snow by you
i just made the worst coffee of my life
are you watching the final tonight
what song is stuck in ur head
you finish the book yet
how was the dentist
the bus was late again huh
did you see the moon last night, huge
what are u having for dinner
my wifi is so slow today
is it hot there too
did ur team win
how did the presentation go
any news about the trip
what was the movie like
u still have a cold?
did the package come
which one did u pick in the end
ok that meme u sent killed me
what's the plan for saturday
is the pool open again
""")
bank("chat_B2", "", """
we had a sub all day
it was fine i guess
i got a new case for my phone
the movie was so long
i finished the book!! the ending was sad
we won 3-1
i'm so sleepy
the presentation went ok, i forgot one slide
lunch was gross today
nothing happened really
the package came yesterday
i picked the blue one
it snowed a little
i'm watching a baking show lol
the pool is still closed
i have a headache
i got new shoes
we had a fire drill in the rain
my friend moved away
saturday i have a game
i'm at the library
i just got out of the shower
the wifi is bad here too
i lost my earbuds again
i ate too much pizza
school trip got cancelled
""")
bank("fam_chat_A", "family_context", """
how was school today honey
did grandma call you back
dad says good luck on the test
your cousin had her baby, a little girl!
we're having tacos tonight
did you pack your gym clothes
I'm proud of you, you know that
auntie sent pictures from the beach, look at the family chat
remember your grandpa's hearing aid batteries, he asked you
are you still coming to your uncle's on sunday
mum says you left the lights on again lol
how's your knee after practice
""")
bank("fam_chat_B", "family_context", """
school was ok, we had art
grandma called, she talks so long lol
tell dad thanks
omg a baby!! send pics
yay tacos
my gym clothes are still wet
love u too mom
my knee is fine now
i'll help grandpa with the batteries saturday
can my friend come to uncle's too
sorry about the lights
""")
bank("ct_chat", "", """
remember to stretch before and after
the warm up will be 15 minutes longer this week
we'll go over chapter 6 next time, read it if you can
bring a water bottle, it's going to be hot
great question in class, let's look at it next lesson
don't forget your music folder
we have a guest coach on {day}, be on time
try to practice 20 minutes a day, little and often
the results of the quiz are on the portal
good luck at the match on saturday
the youth group is collecting cans for the food bank, bring one if you can
your homework looked much better this week
""")
bank("ct_chat_kid", "", """
ok i will bring it
can we do the fun drill again
i read half of it
what if it rains
i practiced but the middle part is hard
will there be a test
can my brother come watch
i forgot my folder at home sorry
ok i'll stretch
""")
bank("ad_chat", "", """
how was your day
the meeting ran over, classic
my sister called, she wants to meet you lol
did you see the game
i tried the recipe you sent, it actually worked
my cat knocked over the plant again
long week, i need a nap
what are you reading these days
the train was packed this morning
i booked the table for 8
the weather is supposed to be nice saturday
my mom keeps asking about you haha
""")
bank("gm_chat", "", """
that update ruined the sniper lol
anyone got a spare revive
my ping is 300 wtf
the new map is actually good
who's shotcalling tonight
i got the event badge finally
lets warm up in casual first
my headset died mid match
did u see the pro tournament
ok one more and then dinner
""")
bank("pe_chat", "", """
did u watch the new episode
im so bored in class
lunch was so bad today
whos ur partner for the project
the bus driver yelled at everyone lol
i have practice till 6
i got my phone back!!
are u going to the game friday
my little sister is so annoying
i have a dentist thing tomorrow
the new kid is actually nice
what did u get on the quiz
""")

bank("chat_A3", "", """
so what's new
anything exciting happen today
you sound tired, long day?
did you hear the thunder earlier
i tried that new bubble tea place, so sweet
guess who i ran into at the store
my neighbor's dog won't stop barking lol
do u know if the library is open sunday
i finally cleaned my desk
the traffic today was unreal
did you try the new flavor
are you going to the fair
my plant is finally growing lol
what did you think of the ending
is the heating working at your place
that show got cancelled, can you believe it
i need a new backpack, any ideas
did you watch the eclipse thing
my phone fell in the sink lol it survived
are u still doing the reading challenge
it's so windy here today
what's the best thing you ate this week
did they fix the road by your house yet
my shoes got soaked on the way
""")
bank("cg_chat_A", "", """
what do you want for snack, apple or crackers
let's finish the puzzle after homework
did you have fun at school today
we can go to the park if it stops raining
you can pick the movie tonight
which book do you want for bedtime
do you need help with the spelling words
your sister wants to play the board game, you in?
let's bake the cookies your mom left the recipe for
put your shoes by the door please
did the teacher say anything about the trip
do you want me to braid your hair tomorrow
""")
bank("cg_kid2", "", """
apple please
can we do the puzzle now
school was boring
the park!!
i want the dinosaur movie
the one about the dragon
i know all the words already
ok but i get to be blue
can i crack the eggs
i forgot the trip form
can we stay up 10 more minutes
i'm not tired
""")

bank("chat_A4", "", """
how's the week treating you
did u end up buying the jacket
the neighbours are painting their house purple lol
you still up?
did you get the tickets
what's everyone doing for the long weekend
my sister says hi
is the new teacher still strict
how did practice go in the rain
did you ever find your keys
remind me what time tomorrow
did the printer work in the end
you going to the market saturday
what did the doctor say
is your cold better
the library has a new comic section btw
did ur mom like the flowers
is the bakery still closed on mondays
i saw a fox on the way home
i'm making soup, want the recipe
any good podcasts lately
how's the puppy training going
the concert got moved to friday
your bike fixed yet?
i can't find the charger anywhere
did you back up the photos
""")
bank("chat_B3", "", """
yeah its better now
i found them in the couch lol
the printer jammed twice
i got the tickets!!
we're going to the lake
the teacher is nicer now
practice was muddy
i dont know yet
the puppy ate my sock
i saw the fox too!
my bike still has a flat
i put the photos on the laptop
ok see u then
not really, just tired
i'll ask my mom
the soup sounds good
i have the charger lol
""")

bank("chat_A5", "", """
what are you up to this afternoon
did you see the fireworks last night
how's the new desk working out
you still into that show with the dragons
did you get the last slice or did someone beat you to it lol
how was the field trip
any plans after school
did the rain ruin the game
what's the homework like this week
what did you name the fish
did you try the new level yet
how's the cast, itchy?
are you going to the school play
what are you reading for class
did you get picked for the team
how was the sleepover
did you finish the model you were building
you liking the new bus route?
how's the new neighbourhood
did your tooth fall out yet lol
did the teacher like the poster
what color did you paint your room in the end
how's the garden, any tomatoes
is the skate park busy today
what was the best part of the trip
did the choir sing the new song
how was the first day back
did your grandma's cake turn out ok
what did you get for your birthday
how is the hamster settling in
did you beat your record
is the snow still there
did you finish the puzzle
what's for lunch at school tomorrow
are you excited for summer
""")

bank("ack_A", "", """
lol nice
oh no
haha
nice!!
ok cool
same here
aw
wait really
that's good
ha fair
oof
omg
good good
so true
love that
cool cool
""")

bank("gm_chat2", "", """
that lobby was full of smurfs
my team left at half time lol
who even designed this map
i swear the servers hate me
did u claim the weekly rewards
bro that was a 1v3
the queue is taking forever
i need to mute that guy
nice, we climbed two ranks tonight
i keep getting the desert map
they should bring back the old mode
ok im actually tired now
""")
