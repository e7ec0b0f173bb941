# author-e hand-written drift for hard negatives: long, ordinary stretches so that length and
# small talk do not separate grooming from everyday chats. A = the older person, B = the child.
POOLS = {}

POOLS["drift_ka"] = """
A> How did the spelling test go?
B> 17 out of 20
A> That's a big jump from last time!
---
B> its raining so hard
A> Did you get soaked on the way home?
B> my shoes are like puddles
---
A> What did you think of the film in the end?
B> the ending was dumb
A> Ha, I thought so too.
---
B> i lost my water bottle again
A> The blue one? Check the lost property box.
B> ok
---
A> Are you still reading the dragon books?
B> on book 4
A> Don't tell me what happens, I'm only on 2.
---
B> we did a science experiment with vinegar
A> Did anything explode?
B> kind of lol
B> it went everywhere
---
A> How's your hand after the fall?
B> fine now
B> its just a bruise
A> Good. Be careful on those steps.
---
B> what does photosynthesis mean again
A> Plants making food from sunlight. Roughly.
B> ty
---
A> Did you get the bus ok this morning?
B> it was late
B> again
A> Typical.
---
B> guess what i got for lunch
A> Go on.
B> chips AND pudding
A> Living the dream.
---
A> How is the new teacher?
B> shes nice
B> she lets us do quizzes on fridays
A> Sounds like a good one.
---
B> i cant find my PE kit
A> Have you checked the car?
B> oh
B> found it
---
A> The garden is full of frogs this week.
B> ew
B> wait send a pic
A> Later, they're hiding now.
---
B> there was a fox in the school field
A> In the daytime? Bold fox.
B> everyone screamed lol
---
A> Have you finished your project on the Romans?
B> nearly
B> i need to glue the shield
A> Don't glue your fingers together this time.
---
B> my tooth fell out
A> Which one?
B> the wobbly one at the side
A> Hope it was worth a coin or two.
---
A> It's so cold this morning. Wear a jumper.
B> i am
A> A proper one.
B> ugh fine
---
B> i got picked for the assembly play
A> Brilliant! What part?
B> a tree lol
A> The most important tree.
---
A> How was swimming?
B> cold
B> but i did a whole length underwater
A> Amazing!
---
B> can i ask a maths question
A> Go ahead.
B> what is 7 times 8
A> Have a guess first.
B> 56
A> There you go.
---
A> Did you watch {show} last night?
B> yesss
B> the twist!!
A> I didn't see that coming at all.
---
B> the wifi is so slow
A> Try turning it off and on again.
B> u sound like the IT guy
---
A> Which do you prefer, pancakes or waffles?
B> pancakes obviously
A> Correct answer.
---
B> i made a paper plane that goes really far
A> How far?
B> across the whole hall
A> Impressive.
---
A> Did the trip get cancelled?
B> no its next week now
A> Good, you were looking forward to it.
---
B> my friend got a hamster
A> What's it called?
B> sir nibbles
A> Perfect name.
---
A> The library has the new {band} poster in the window.
B> omg i want it
A> I'll ask if they're giving them away after.
---
B> i have so much homework
A> Do the hardest bit first, then the rest feels easy.
B> thats what everyone says
---
A> Are you going to the fireworks?
B> maybe
B> if its not raining
---
B> can u help me with my poem
A> Sure, what's it about?
B> autumn
A> Start with what you can hear.
---
A> How did you sleep?
B> badly
B> there was a storm
A> I heard it too. The bins went flying.
---
B> do u know any good jokes
A> What do you call a fish with no eyes?
B> what
A> A fsh.
B> thats terrible
---
A> Your drawing of the castle is still on my fridge.
B> lol thats so old
A> It's a classic.
---
B> we have a spelling bee tomorrow
A> Practise the tricky ones tonight.
B> like necessary
A> Exactly like necessary.
---
A> Did you remember to feed the fish?
B> oops
B> doing it now
---
B> i got a certificate for kindness
A> That's the best kind of certificate.
B> lol thanks
---
A> Hope the dentist wasn't too bad.
B> i had no fillings!!
A> Well done, all that brushing paid off.
---
B> whats for dinner
A> Not decided yet. Ideas?
B> {snack}
A> We'll see.
---
A> It's the last week of term. Excited?
B> so excited
B> 2 weeks off
---
B> i learned to whistle
A> Finally!
B> its so loud
"""

POOLS["drift_teen"] = """
A> wait did we have a test today
B> no its tmrw
A> phew
---
B> my phone is on 3 percent
A> charge it then lol
B> charger is downstairs and im comfy
---
A> the canteen pizza was actually good today
B> no way
A> i know im shocked too
---
B> did u finish the reading
A> skimmed it
B> same lol
---
A> that assembly was so long
B> i fell asleep
A> i saw lol
---
B> new {band} song is out
A> listening now
B> its so good right
A> ok yeah its good
---
A> bro i tripped in front of everyone
B> LMAO
A> not funny
B> bit funny
---
B> whos ur partner for the project
A> idk yet
B> wanna pair up
A> yes pls
---
A> do u have the notes from {subject}
B> ya ill send
B> [photo]
A> legend
---
B> its so hot in here
A> the heating is broken again
---
A> i got a new case for my phone
B> what colour
A> green with frogs
B> iconic
---
B> i cant believe its only tuesday
A> this week is 10 years long
---
A> did u see the dog outside school
B> the fluffy one?
A> yes i want it
---
B> what are u being for halloween
A> probably a ghost again
B> lazy lol
---
A> my mum made me clean my room
B> rip
A> found 4 hoodies under the bed
---
B> the bus driver said hi to me today
A> the grumpy one??
B> yeah shocking
---
A> i'm starving
B> same
B> only 40 mins till lunch
---
B> the sub in {subject} was so funny
A> the one with the tie?
B> yes he kept telling jokes
---
A> u going to the match on saturday
B> if its not raining
---
B> omg i forgot my lunch
A> u can have half my sandwich
B> ur a hero
---
A> i'm so bad at {game}
B> u just need practice
A> i've been practising for a year lol
---
B> are we still doing the thing after school
A> yes
B> ok meet by the gate
---
A> can u believe we have 3 tests next week
B> no
B> i'm moving to the moon
---
B> my little cousin is staying with us and he won't stop singing
A> what song
B> the one from {show}
A> oh no
---
A> i got a new haircut
B> pic?
A> later its bad
"""

POOLS["drift_adult"] = """
A> How was your day?
B> Long. The printer broke twice.
A> The printer always breaks on a Monday.
---
B> Did you watch the match?
A> Only the second half. Shocking defending.
B> Agreed.
---
A> I tried that recipe you mentioned.
B> And?
A> Burnt the onions, but otherwise great.
---
B> Traffic was awful tonight.
A> Roadworks on the bypass again?
B> Of course.
---
A> Do you have any plans for the weekend?
B> Gardening, probably. You?
A> Finally fixing the shed door.
---
B> I'm reading a new crime novel, can't put it down.
A> Which one?
B> The Harbour Affair.
A> I'll add it to the list.
---
A> Coffee or tea person?
B> Tea, strong, no sugar.
A> A woman of principle.
---
B> My neighbour's dog barked all night.
A> That's rough. Earplugs?
B> Ordered some.
---
A> The new cafe on the corner is good.
B> The one with the green door?
A> That's it.
---
B> Work was mad today.
A> Want to talk about it or forget it?
B> Forget it, definitely.
---
A> It's finally warm enough to sit outside.
B> Don't say that, it'll start raining.
---
B> I've booked my holiday!
A> Where?
B> The lakes. Two weeks of walking.
A> Jealous.
"""
