# author-g: setting-specific small talk (hand-written), so chat drifts to the topic the two share.
from banks_pos import bank

bank("small_A_tutoring", "", """
did the teacher explain the long division thing yet
how did the quiz go, the one on chapter 4
did u try the trick with the common denominator
i found a video that explains photosynthesis really well
is ur essay due friday or monday
Did you understand the part about the past tense?
want me to check ur answers before u hand it in
ur last homework was way neater btw
do they let u use calculators in that class
how many questions were on the test
what topic is next week
""")
bank("small_B_tutoring", "", """
i got 8 out of 10!!
the teacher said my essay was too short ugh
i still dont get the x thing
we have a test on fractions tomorrow
i used ur trick and it worked
my teacher talks so fast
i forgot my workbook at school
we started a new chapter on volcanoes
i have to read a whole book by monday
the homework took me 2 hours
""")
bank("small_A_langx", "", """
How do you say "good morning" in your city, is it same as the book?
You wrote very good sentence yesterday, only one mistake
Today I learned the word "awkward", very funny word
Can you teach me some slang? The films are too fast
In my language this word has three meanings haha
What did you eat today? I want learn food words
Do you practice the pronunciation with the audio?
Your {lang} is improving, I am surprised
I watched a cartoon in English to practice, it was for children haha
Which word was most difficult this week?
""")
bank("small_B_langx", "", """
i learned how to count to 20!!
the r sound is so hard
my teacher said my accent is good
what does that word mean
we have an oral test next week
i watched a show with subtitles
i keep mixing up the two past tenses
Sorry my english is not perfect also
i wrote my diary in {lang} today lol
how do u say cat
""")
bank("small_A_youth", "", """
are u coming to the retreat next month
did u like the talk on sunday
the bake sale raised so much lol
are u in the choir group or the drama group
do u know the songs for next week
who's doing the reading this time
the new hall is so much nicer
you looked nervous before the reading but it went great
did ur family go to the picnic
are u helping with the food drive
""")
bank("small_B_youth", "", """
i have to read on sunday im so nervous
the retreat sounds fun
+family_context my mom signed me up for the food drive
i like the new songs
the talk was kinda long lol
i'm in the drama group
+family_context my dad says we might miss next week
i made the poster for the bake sale
""")
bank("small_A_music", "", """
did u practice the scale today
how are ur fingertips, still sore?
try playing it slower with the metronome
what song are u learning now
i just restrung my {inst}, sounds amazing
have u tried the version in G
are u doing the recital this year
who's ur favorite {inst} player
the bridge is the hardest part honestly
did u record anything new
""")
bank("small_B_music", "", """
my fingers hurt so much lol
i practiced for an hour!!
i cant get the barre chord
my teacher gave me a new piece
i messed up at the recital
i'm learning {song} now
my metronome broke
+family_context my sister says im too loud lol
i can play the intro now
i want a new {inst} so bad
""")
bank("small_A_modding", "", """
did u fix the crash on load
the new version of the loader broke everything lol
ur textures look way better in the new lighting
how are u doing the config file
did u push the update yet
someone on the forum asked about ur mod
try changing the spawn rate
the {g} patch broke half the mods again
what are u working on next
i checked ur code, its really clean
""")
bank("small_B_modding", "", """
it crashes every time i load the map
i fixed it!! it was one missing bracket
the forum people are kinda mean
i added new trees
i dont know how to use git lol
my computer is so slow
i got 40 downloads!!
i need to redo the textures
the patch broke my mod ugh
im learning java for this
""")
bank("small_A_art", "", """
what brushes do u use
how long did that one take u
do u sketch on paper first
i love the colors u picked
are u still doing the daily sketch thing
what are u drawing next
ur lineart is getting so clean
have u tried drawing backgrounds
did u finish the commission queue
what program do u use
""")
bank("small_B_art", "", """
i use the free app lol
it took like 5 hours
i cant draw hands at all
i did a dragon today
i have 3 commissions left
my tablet pen broke
i'm trying watercolor now
+family_context my mom put my drawing on the fridge lol
i want to get better at faces
i drew my cat
""")
bank("small_A_gaming", "", """
did u get the new map yet
what rank r u now
did u see the patch notes
that boss took me forever
what loadout r u using
u playing tonight?
the event ends sunday
did u finish the quest chain
i got the rare drop finally
ur base is looking sick
""")
bank("small_B_gaming", "", """
im stuck on the last level
i ranked up!!
my internet keeps lagging
i got the skin finally
the event is so grindy
i died like 20 times lol
i built a castle
+family_context my mom says 1 more hour
i have 300 {cur}
im saving for the bundle
""")
bank("slow_back_A2", "", """
hey, it's been a month, how are u
finally some free time, what did i miss
sorry for the long break, how's school
hi! i was travelling for work, no signal
i'm back lol, did u finish the project
I am sorry for disappear, my mother was in hospital
hope you had a good holiday
been busy with moving apartments, how r u
hey u, still drawing?
hi hi, long time
""")
bank("slow_back_B2", "", """
yeah im still here
hi!! i thought u quit
school is so busy now
i was grounded for 2 weeks lol
hey sorry i had exams
omg hi
+family_context we were at my grandparents
yea hi
hiii i got a new phone
i forgot about this app lol
""")
