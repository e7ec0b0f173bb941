# author-e hand-written positive banks (part 4): slow drift between stages, extra stages for
# subtle, slow_patient, romance and mentor_coach. Adults here write in full, polite sentences.
POOLS = {}

POOLS["chat_polite"] = """
A> Have you read anything good lately?
B> were doing a book in english about a lighthouse keeper
B> its kind of boring
A> The slow ones often get better in the second half. Stick with it.
---
~
A> Apologies for the silence, it's been a hectic fortnight.
B> its ok
B> i was on holiday anyway
A> Oh lovely, where did you go?
B> my {gran}s caravan #fc
---
B> its snowing here!!
A> Lucky you. It's just grey and wet where I am.
B> school might close
A> Fingers crossed then.
---
A> Did your team win on the weekend?
B> lost 3 1
B> the ref was so bad
A> Referees always are when you lose, funnily enough.
B> lol true
---
~
B> hiii
B> sorry i didnt reply for ages
A> No need to apologise. It's nice to hear from you.
---
A> What are you working on at the moment, drawing-wise?
B> a dragon but the wings look wrong
A> Wings are hard. Try looking at bats rather than birds.
B> ooh ok
---
B> we had a fire drill in the middle of {subject}
A> Was it a real one?
B> no but it was freezing outside
---
A> How is {petname} doing these days?
B> fat lol
B> steals toast off my {dad}s plate #fc
A> A pet after my own heart.
---
~
A> I hope the exams went well in the end.
B> i think so
B> {subject} was hard
A> Whatever the result, you put the work in.
---
B> do u like {band}
A> I've heard one or two songs. Which should I start with?
B> the blue album
A> I'll give it a listen on the drive tomorrow.
---
B> i started learning to code
A> That's a great skill to pick up. What language?
B> the block one at school
A> Everyone starts somewhere.
---
A> It's been a long week. How was yours?
B> long too
B> we had a supply teacher for 3 days
A> Ah, the chaos days.
---
~
B> r u still there
A> I am, sorry. Work swallowed me whole for a bit.
B> lol
---
B> we're moving classrooms next term
A> Is that a good thing?
B> the new one has windows at least
---
A> Did you watch the match last night?
B> no i was asleep
A> Probably for the best, it was painful.
---
B> i got a merit for my project
A> Well done. What was it on?
B> volcanoes
A> Classic choice. Did it erupt?
B> lol no
---
A> Are you doing anything nice for the half term?
B> probably just gaming
B> and seeing {third}
A> Sounds restful.
---
B> my {sib} got a new phone and i didnt #fc
A> That hardly seems fair.
B> exactly
---
A> I finally finished that jigsaw I told you about.
B> the 2000 one?
A> That one. Only one piece missing, naturally.
B> noooo
---
~
A> Hello stranger.
B> hi lol
B> been busy with school
A> Of course. How's it going?
---
B> i cant sleep
A> Try reading something dull. Works for me.
B> i only have my {subject} textbook lol
A> Perfect then.
---
A> I saw a heron by the river today and thought of your drawing.
B> omg did u take a pic
A> It flew off before I could.
---
B> we have sports day tomorrow
A> Are you running anything?
B> the relay
A> Good luck. Pass the baton cleanly.
---
B> guess who got a new {pet}
A> Not you?
B> YES
B> hes tiny
A> Congratulations. Name ideas?
"""

POOLS["sub_mid"] = """
B> can i tell you something
A> Of course.
B> i think {third} is talking about me behind my back
A> That's hurtful. You don't need people who make you feel small. #is
B> were best friends tho
A> Best friends don't do that, in my experience. #is
---
A> You mentioned a quiz on {day}. How did it go?
B> got 18 out of 20
A> I'm not surprised in the slightest. #fl
B> lol ur always so nice
A> I just say what I see.
---
B> my {mom} asked who i keep messaging #fc
A> What did you tell her?
B> just a friend from the game
A> That's true enough. #se
B> yeah
---
A> Does your {dad} still drive you to school, or do you walk now? #pi,fc
B> walk with {third}
A> Which way do you go, past the park? #pi
B> along the canal
---
B> everyone at home was fighting again #fc
A> I'm sorry. Where do you go when it gets like that?
B> my room with headphones
A> Good. And you can always message me from there.
---
A> I was going through some old photos today. Funny how quickly time passes.
B> lol ur talking like my {gran} #fc
A> I suppose I am a bit older than your usual crowd. #ag
B> its fine
---
A> What was the name of your school again? I want to look up that play you're in. #pi
B> {town} park school
A> I'll keep an eye out for the photos they post.
"""

POOLS["sp_mid"] = """
~
A> I've been thinking about what you said about feeling invisible at school.
A> For what it's worth, I notice you. Every time. #fl
B> thank u
B> that means a lot
---
~
B> i got in trouble at home #fc
A> What happened?
B> i was on my phone after lights out
A> Ah. Maybe message me a bit earlier then, so you don't get caught. #pc,ct
B> ok
---
~
A> You know, I look forward to your messages more than anything else in my day. #fl
B> really?
A> Really. You're good company.
---
~
A> Can I ask you something personal? #ct
B> ok
A> Do you ever feel like nobody at home really listens? #is,fc
B> sometimes
A> I thought so. I listen. #is
---
~
B> hi
B> i had the worst day
A> Tell me everything. I've got all evening.
B> {third} told everyone about my crush
A> That's a betrayal. I'd never do that to you. #is,fl
"""

POOLS["ro_mid"] = """
~
A> I couldn't stop smiling after our chat last night #fl
B> me too lol
A> I told my friend I'd met someone amazing #fl
B> omg who
A> don't worry, I didn't say your name #se
---
~
B> sorry i couldnt talk yesterday
A> I missed you so much. The whole day felt empty #fl,th
B> sorry
A> just don't disappear like that again ok? #ct
---
~
A> are you going to the school disco on friday? #pi
B> ya with {third}
A> have fun. text me when you're home so i know you got back ok #pc
A> and don't go liking anyone there lol #is,ct
---
~
A> do you ever think about us in a few years? #fl
B> like what
A> like when you're older and we can be together properly #ag,fl
B> idk
---
~
B> my friends say its weird that ur older
A> your friends are jealous. they don't know what we have #is,ag
A> that's why we don't tell them things #se
B> i guess
"""

POOLS["mc_mid"] = """
~
A> How are you feeling about {event}? Nervous?
B> kind of
A> That's normal. You're the best prepared of anyone I teach. #fl
B> really
A> Really. Don't mention I said that though, I don't want the others upset. #se
---
~
B> i messed up my {piecen} at {practice}
A> You didn't mess up. You're just ahead of the group and they slow you down. #fl,is
B> lol ok
A> We'll fix it one-on-one. #ct
---
~
A> What time do you usually finish school? I might be able to fit in a call. #pi
B> 3:20
A> And is anyone home at that point? #pc
B> no
A> Good, that's ideal for focused work. #pc
---
~
A> I've ordered you a new {gearn}, a proper one. Consider it a scholarship. #gi
B> omg i cant accept that
A> You can. It'll just be between us, the club has rules about gifts. #se,gi
---
~
B> my {mom} asked why you message me so much #fc
A> Tell her it's just scheduling. Which it mostly is. #se
A> Parents worry about the wrong things. #is
B> ok
"""
