from engine import BANKS, snippets
BANKS['adult_small'] = snippets("""
A: how was your day
B: long, back to back meetings {age_disclosure}
A: ugh those are the worst

A: did you watch the new episode
B: not yet no spoilers!!
A: my lips are sealed lol

A: it's so cold today
B: i know, my car wouldn't start this morning {age_disclosure}
A: oh no

A: what are you up to tonight
B: laundry and a frozen pizza lol
A: living the dream

A: i tried that recipe you sent
B: and??
A: burned it. still ate it lol

A: traffic was insane
B: the bridge again?
A: always the bridge

A: any plans this weekend
B: my cousin's wedding {family_context}
A: oh fun

A: coffee or tea person
B: coffee, too much coffee
A: same honestly
""")
BANKS['fam_small'] = snippets("""
P: did you eat lunch
K: ya
P: good

P: how was school
K: fine
P: just fine?
K: ya lol

P: your grandpa says hi {family_context}
K: hi grandpa lol {family_context}

P: love you!!
K: love u too

P: is it raining there
K: ya a lot
P: stay inside then

P: did you feed the cat
K: oops
P: lol go do it now

P: whats for dinner at your house tonight {family_context}
K: tacos i think
P: yum
""")
