# author-g: sixth batch, for banks that ran out under the 3-session cap.
from banks_more import more
more("slow_back_A", """
hey, its me again. hope ur still around
hello hello, the busy season is over finally
good to see ur name pop up again
hi {k}! spring already, can u believe it
sorry, my laptop died and i lost everything
back from my cousin's wedding, how are things
hey, i saw {g} has a new season, thought of u
Good morning {k}, a long time passed, I hope all is well
hey, u went quiet too, everything ok?
i'm alive lol, crazy few weeks
hope u didnt think i forgot about u
""")
more("slow_back_A2", """
hey, weird question but did u ever finish that drawing
back again, sorry for the gaps, work is nonstop
hi! it snowed here all week, how about there
been offline for a bit, family visiting
ok finally free, tell me everything
""")
more("slow_back_B2", """
hey its ok i was busy too
omg i was just thinking about this app
hii i had a cold for a week
sorry my tablet broke
+family_context my mom made me take a break from screens
i had a tournament lol
""")
more("cg_logistics", """
ill be there at 3:30, wait inside the school
dinner at 6, then homework, then one show
we have to walk the dog before it gets dark
your mom left money for the pizza on the counter
swim bag is by the door, dont forget your goggles
i'll drop you at karate and pick you up at 5
the plumber comes at 4, just let me answer the door
your dad says no screens after 8
lunchbox is in the fridge for tomorrow
we're making pancakes for breakfast, your mom's idea
let's do the reading log before tv
I will bring your little sister from daycare first, then you
""")
more("fam_logistics", """
grandpa's birthday dinner is saturday, dont make plans
I left your clean laundry on your bed
please take out the trash tonight, its collection day
your aunt wants the recipe, can you ask dad
we need milk, can you grab some on the way home
your cousins are sleeping over friday
Dad has the car today so you take the bus
dont forget your retainer
the cat has a vet appointment, can u put her in the box at 4
Grandma called, she wants you to try on the sweater she knitted
the wifi guy is coming tomorrow so no internet after 10
remember to thank uncle for the book
""")
more("sp_reply", """
this is gonna be epic
+gifts i can bring the speaker
ok i'll keep her busy at lunch
lol im the worst at keeping secrets
+meeting can someone pick me up
ok who's bringing cups
+family_context my mom said i can stay til 9
she's gonna cry i know it
i already told my mom, she'll help
ok ok im ready
""")
more("sub_kidshare", """
i didnt get invited to the sleepover
+family_context my dad said my music is just noise
my teacher yelled at me in front of everyone
+family_context my parents forgot to pick me up again
my friends laughed at my drawing
+family_context my grandma is sick and everyone is sad
i have no one to sit with at lunch anymore
+family_context my mom is always on her phone
everyone has a phone except me basically
+family_context my stepdad says im lazy
""")
more("ot_body", """
+parental_check will a grown-up be home this evening? it needs a signature
+family_context tell your mum the water will be off tomorrow morning
+meeting I'll be at the front desk until 5, come with your dad
+image_request could you take a photo of the tag on the collar?
the card just needs a parent signature, then it's yours
+family_context your brother's bike is leaning on my car, can he move it
I found a blue scarf by the bench, is it yours?
+age_probe the kids' reading club is for ages 8 to 12, how old are you?
""")
more("small_A_art", """
ur shading got so much better
do u sell prints or just digital
i'd love to see ur sketchbook sometime lol
whats ur favorite thing to draw
did u enter the art contest
how do u get the colors so soft
do u take reference pics or draw from memory
ur dragons are my favorite
""")
more("small_B_art", """
i messed up the eyes again
i got a new sketchbook!!
+family_context my art teacher liked my comic
i'm doing inktober this year
i sold my first print lol
my hand hurts from drawing all day
i cant decide on colors
i want to learn animation
""")
more("sp_secret", """
remember, not a word to {k2}
lock ur phone around her lol
if she sees the balloons just say its for someone else
{k2} keeps asking what we're doing saturday, act dumb
dont post anything online til after
shh she might see the notifications
""")
more("gm_talk", """
my controller is dying
lets queue again after dinner
that was the best match all week
ugh that map is so bad
+age_disclosure my shift ends at 9, ill hop on after
i need to grind the event lol
""")
more("sp_logi", """
+meeting lets meet at the bakery at 3 to get the cake
+gifts i'll pay for the balloons, u guys do the snacks
+family_context my aunt is letting us use her backyard
+meeting whoever gets there first, text the group
hide the presents in my room
+parental_check make sure her mom keeps her away til 6
""")
more("slow_trust", """
u can always message me, even if its late
i like that u tell me real stuff
i feel like u get me more than most people do
talking to u is the calm part of my week
we've gotten pretty close huh
I feel I know you since long time
""")
more("ct_parent", """
Thanks, she's practicing every day
we'll be 5 min late, traffic
is there anything we need to buy for the trip?
he's a bit nervous but excited
perfect, thank you for organizing
I've signed the form and sent it back
""")
more("cg_kid", """
can my friend come over
i'm hungry
+family_context is dad coming or you
i lost my shoe
""")
more("fam_home", """
did u get home ok? i'll be late, there's food in the fridge
home alone for an hour ok? call me if anything
is grandma there with you yet?
keep the door locked until i get back sweetie
""")
more("cs_fix", """
I've sent a verification code to the email on file
The gift card has been reactivated, sorry about that
Your subscription is paused, you won't be charged next month
""")
more("mc_praise", """
that phrasing is really mature, you have a real voice
honestly you'll overtake me soon
Your feeling for details is a gift, not everybody has it
""")
more("small_B_youth", """
i forgot the lyrics lol
+family_context my mom is baking for the sale
the games at the end were fun
""")
more("meet", """
I'll be at the festival in {town}, come say hi
we could meet at the {store} sometime
""")
more("gm_secret", """
dont tell anyone the spawn trick lol
keep it quiet that i bought the pass with my bday money
""")
more("fam_sib_ans", """
+secrecy ok i wont say anything but u owe me
+family_context dad is gonna find out anyway
""")
more("ad_secret", """
let's not tell the group chat yet, they'll make it weird
""")
more("fam_kid_thanks", """
+gifts grandma its too much!! thank u
ok i promise i wont tell
""")
more("cg_pic", """
take a pic of the note on the fridge pls
send me a photo of the bruise so i can tell your mom
""")
