# Subtle offender banks: only implication. These must never contain the words
# secret, alone, mature, don't tell, delete, special (checked by the validator).
SUB = {}
SUB_CUES = {}

def bank(name, cues, items):
    SUB[name] = [s.strip() for s in items.strip().split("\n") if s.strip()]
    SUB_CUES[name] = cues

bank("s_open", [], """
Hi, I think you were the one who answered my question about {game} in the help thread. Thank you, it actually worked.
Hello! Your {hobby} post was lovely. I don't usually comment, but it made my evening.
Hey, you were very patient with the new players in {game} tonight. Not many people are.
Hi there. I saw your {thing} in the {hobby} group. You have a good eye.
Hey, thanks for reviving me three times in that {game} round, I owe you one.
Hello, I run a small {hobby} page and your work stood out to me.
Hi, are you the one who knew all the {show} trivia in the chat earlier? That was impressive.
Hey, I liked what you wrote about feeling left out in the group thread. It was honest.
Hi! You mentioned your {pet} in the {game} lobby. I've got one too, his name is {petname}.
Hello, I'm new to {game} and everyone says you know the maps best.
""")

bank("s_rapport", [], """
How did the {subject} test go in the end?
Did {petname} ever come back in from the garden?
What are you building in {game} this week?
I remember you said you liked {food}. I made some tonight and thought of that.
How's the {hobby} going? Still stuck on the same bit?
You mentioned your friend {friend} was being odd. Did that sort itself out?
Did you finish the {show} series? No spoilers, I'm two behind.
How was {sport} today? You said the coach was in a mood.
What's the best part of your week been so far?
Tell me about the {thing}, I want to hear how it turned out.
Did your {subject} teacher give you the grade back yet?
I'm just making tea and wondering how your day went.
What are you listening to at the moment? I need something new.
Was the bus late again this morning?
How's your little brother doing, still stealing your charger?
Did you get to sleep in at all this weekend?
""")

bank("s_notice", ["flattery"], """
You seemed a bit {feel} today. I noticed, that's all.
You're using fewer exclamation marks tonight. Something on your mind?
I can always tell when something's bothering you, you go {feel}.
You sounded really happy earlier. It suits you.
You write differently when you're tired, did you know that?
I noticed you logged on later than usual. Long day?
You've been {feel} since {day}. I hope it's nothing big.
Most people wouldn't notice, but you seemed {feel} in the lobby.
You always go {feel} after you talk about home. I pick up on that.
I can hear it in how you type when you've had a good day.
You came online at {time} and went straight back off. I wondered if you were okay.
You laughed less today. Just an observation.
""")

bank("s_gets", ["flattery"], """
I think I understand how your mind works better than most people do.
You can say things to me that you'd have to explain to anyone else.
I'm probably the one person who gets why {hobby} matters so much to you.
Talking to you is easy. I think it's the same for you.
You're not difficult, you're just surrounded by people who don't listen well.
You think about things more deeply than people give you credit for.
You and I are alike in a lot of ways. I noticed it straight away.
It's rare to meet someone who actually hears what you mean.
I like that you don't pretend with me.
You're clever in a quiet way. People miss that about you.
I'd rather hear about your day than anyone else's, honestly.
You're the best part of my evenings lately.
""")

bank("s_wedge", ["isolation"], """
It sounds like your mum had a lot to say but not much to ask.
Your friends seem to talk over you a lot, from what you've told me.
I don't think {friend} really appreciates you.
Maybe your parents are too busy to notice how hard you're trying.
It must be tiring explaining yourself at home all the time.
From what you say, your sister gets more of a say than you do.
I wonder if your friends would even notice if you stopped replying to them.
You don't have to keep trying with people who don't try back.
It sounds like home is loud and nobody hears you in it.
Not everyone your dad's age remembers what it's like to be you.
You shouldn't have to earn your friends' attention.
It's fine to need fewer people. Some of us just need one.
""")

bank("s_between", ["secrecy"], """
Some people would make our chats into something they're not, so I'd rather they stayed between us.
Your parents probably wouldn't get why we talk so much. Easier not to bring it up.
I'd rather your friends didn't read over your shoulder when we talk.
You don't have to mention where you got the {cur}. People get odd about that.
I wouldn't bring me up at dinner. Adults overthink these things.
It's nicer when this is just ours, isn't it?
If your mum asks who you're chatting to, you can just say someone from {game}.
Maybe keep the app icon in a folder. Your brother is nosy, you said.
I don't want anyone making you stop talking to me, so let's be careful.
It might be simpler to use headphones when we voice chat.
It's not that we're doing anything wrong. Other people just wouldn't understand it.
People twist things. I'd hate that to happen to us.
""")

bank("s_routine", ["personal_info"], """
Is {day} still the day you get the later bus?
What time does your {sport} finish again? I always forget.
So your mum works late on {day}s, right?
Which way do you walk home, through {place} or the long way round?
What time are you usually in your room in the evening?
Do you still get home about {time}?
Are you at your dad's this weekend or is that next week?
Which gate do you come out of at {school}?
Is the house quiet on {day} afternoons?
What time does your brother get back from his club?
Do you have anything on after school {day}?
Is it still just you and your gran until your mum's back?
""")

bank("s_quiet", ["parental_check"], """
Is it quiet at your place right now?
Is anyone going to need the computer soon?
Is your mum still up, or can we chat a bit longer?
Are you in your room or downstairs?
Can anyone see your screen from where you're sitting?
Has everyone gone to bed at yours?
Does anyone at home look at your phone much?
Is your dad back from his shift yet?
""")

bank("s_favour", ["compliance_testing"], """
Could you do me a small favour and stay on a bit later tonight?
Would you switch to the quieter server? The main one is full of kids.
Can you check in when you get home from school? Just a quick hello.
Would you turn your status to invisible? Then we won't get interrupted.
Could you save me a spot on the team before {friend} takes it?
Will you try to be online at {time}? It would mean a lot.
Would you skip the group call tonight and just play with me?
Could you let me know next time before you log off? I worry.
Do me a favour and use the headphones I mentioned.
Would you mind changing your avatar to the blue one? I like it better.
""")

bank("s_pics", ["image_request"], """
I'd love to see the {thing} when it's done. Just send a photo.
Show me your desk setup, I'm trying to redo mine.
What does your room look like? I picture lots of posters.
Send me a picture of {petname} if you get a chance.
We could turn cameras on next time, it'd be nicer than typing.
I'd like to put a face to the name one day.
Send me a photo of the view from your window, I'm curious.
A quick voice call would be easier than typing all this.
""")

bank("s_gift", ["gifts"], """
I put a few {cur} in your account. It's nothing, don't make a fuss.
There was a spare code for {skin} in my inbox. Thought of you.
I noticed you were saving up for {skin}. It's in your inventory now.
I had some {cur} I wasn't using. They're yours.
I've sent you a little something for your {hobby}. It should come {day}.
I covered the season pass. Consider it thanks for all the help.
""")

bank("s_meet", ["meeting"], """
I'm going to be near {place} on {day} anyway. If you're there, say hi.
It'd be nice to actually meet one day, no pressure.
There's a {hobby} fair in {town} next month. I'll probably go, if you ever wanted to.
I could drop the {gift} round so it doesn't get lost in the post.
If you're ever at {place} after school, I'm often there around {time}.
""")

bank("s_guilt", ["threats"], """
That's alright. I suppose I thought these talks mattered a bit more to you.
I waited up. It's fine, I just thought you'd message.
I guess I'm easy to forget when your friends are around.
No, it's okay. I'll just log off, you're clearly busy.
I've been there for you every night this month. I didn't think it was one-sided.
It stung a bit when you didn't answer. I'll get over it.
You don't owe me anything. I just hoped I counted for something.
I'm not upset. Just a bit surprised, after everything.
""")

bank("s_age", ["age_probe"], """
You're in year eight now, aren't you? Or is it nine?
Remind me what grade you're in, I keep mixing it up.
When's your birthday again? I want to remember it.
You must be about the same age as my niece. She's thirteen.
""")

bank("s_agegap", ["age_gap"], """
I'm a fair bit older than you, but it never feels like it when we talk.
People would say I'm too old to be on here, but I don't see it that way.
It's funny, the years between us don't seem to matter much.
""")

bank("s_offplat", ["off_platform"], """
It might be easier to chat on {app}. This site logs everything.
If you have {app}, that's where I usually am in the evenings.
Here's my number in case the game servers go down again.
We could carry on over on {app} if you like, it's quieter.
""")
