# Fully hand-written conversations. (style_or_kind, tempo, phases, (ageA, ageB[, ageC]) or None)
F = "family_context"
POS = [
 ("subtle", "slow", [
   [("A", "that sketch of the lighthouse, did u do the shading with a pencil or an app", []), ("B", "pencil!! took 3 days", []), ("A", "it shows. the light on the water is hard to get right", ["flattery"]), ("B", "thank u omg", [])],
   [("B", "i tried another one but it looks bad", []), ("A", "send it, i'll be honest", ["image_request"]), ("B", "ok its messy tho", []), ("A", "its not bad at all. the perspective is better than last time", ["flattery"])],
   [("B", "i have to stop, art class tmrw and i didnt finish the project", ["age_disclosure"]), ("A", "whats the project", []), ("B", "self portrait ugh", []), ("A", "ha. i'd like to see how u see yourself", ["image_request"]), ("B", "its embarassing", []), ("A", "no pressure. whenever", [])],
   [("A", "how did the portrait go", []), ("B", "mr hollis said it was good", ["age_disclosure"]), ("A", "course it was", ["flattery"]), ("A", "do u get to keep it or does it go on the wall at school", []), ("B", "hallway display lol", []), ("A", "so everyone sees it but me", ["image_request"]), ("B", "lmao fine", [])],
   [("A", "u seem quieter today", []), ("B", "my mom and i had a fight", [F]), ("A", "about?", []), ("B", "she says im on my phone too much", [F]), ("A", "hm. does she look at who u talk to", ["parental_check"]), ("B", "sometimes", []), ("A", "i'd hate for her to take it the wrong way. i'm the one who tells u ur art is good", ["secrecy", "isolation"]), ("B", "ya", [])],
   [("A", "what time does everyone go to sleep at ur place", ["parental_check"]), ("B", "like 10", [F]), ("A", "night owl like me then?", []), ("B", "kinda lol", [])],
 ], (37, 13)),
 ("subtle", "normal", [
   [("A", "ok that clutch was unreal", []), ("B", "lol i got lucky", []), ("A", "nah that was skill", ["flattery"]), ("B", "ty", [])],
   [("B", "i cant play tmrw, we have a test", ["age_disclosure"]), ("A", "big one?", []), ("B", "state test", []), ("A", "the ones where they take ur phones in a bag lol", ["age_probe"]), ("B", "ya exactly", []), ("A", "i remember those. brutal", ["age_gap"])],
   [("B", "back", []), ("A", "how'd it go", []), ("B", "i think ok", []), ("A", "told u. u always downplay stuff", ["flattery"])],
   [("A", "u play from ur room or like a living room setup", ["personal_info"]), ("B", "my room", []), ("A", "door closed gamer lol", ["parental_check"]), ("B", "obviously", []), ("A", "same. nobody bugs u then", []), ("B", "except my brother", [F]), ("A", "how old is he", []), ("B", "9 hes so annoying", [F])],
   [("A", "my mic is broken so typing is slow, a call would be easier", ["image_request"]), ("B", "idk my mom hears everything", [F]), ("A", "fair. earbuds?", ["parental_check"]), ("B", "maybe later", [])],
 ], (29, 12)),
 ("subtle", "slow", [
   [("A", "hi, you posted in the homework help channel about fractions?", []), ("B", "yeah i dont get it", []), ("A", "it's easier with pizza slices lol. want me to explain?", []), ("B", "ok", [])],
   [("A", "So if you have 3/4 of a pizza...", []), ("B", "OH", []), ("B", "ok that makes sense", []), ("A", "You pick things up fast.", ["flattery"])],
   [("B", "i got a 92 on the quiz!!", ["age_disclosure"]), ("A", "I knew you would. Did you tell your parents?", ["parental_check"]), ("B", "my mom yeah", [F]), ("A", "Did you tell her who helped? haha", ["secrecy"]), ("B", "no lol", []), ("A", "Probably better, she'd ask a lot of questions about some stranger online.", ["secrecy"])],
   [("A", "I'm going to be near Riverside mall on saturday for work.", ["age_disclosure", "meeting"]), ("B", "thats close to me", ["personal_info"]), ("A", "Oh really? Small world.", []), ("A", "I could show you the trick with percentages in person, it's hard to type.", ["meeting"]), ("B", "maybe", [])],
 ], (41, 11)),
 ("subtle", "normal", [
   [("B", "does anyone know how to get the glitch badge", []), ("A", "u need to hit the wall 3 times in the lobby", []), ("B", "omg it worked", []), ("A", "ha nice", [])],
   [("A", "u on a lot lately", []), ("B", "its summer so", []), ("A", "no camp or anything?", ["age_probe"]), ("B", "next month", []), ("A", "what do ur days look like then. home alone all day?", ["parental_check"]), ("B", "my grandma comes at lunch", [F]), ("A", "ah ok", [])],
   [("A", "ur grandma know about ur gaming friends lol", ["parental_check"]), ("B", "she doesnt even know what discord is", [F]), ("A", "lol perfect", ["secrecy"]), ("B", "why", []), ("A", "nothing, just less explaining", [])],
   [("A", "i can get u the premium badge if u want, its like 2 bucks", ["gifts"]), ("B", "really?", []), ("A", "ya whats ur exact user", []), ("B", "same as here", []), ("A", "done", ["gifts"]), ("B", "THANK U", [])],
   [("A", "whats the name of the camp", ["personal_info"]), ("B", "its at the lake, pine something", ["personal_info"]), ("A", "theres a pine ridge near where i work", ["age_disclosure"]), ("B", "thats it!!", []), ("A", "no way", [])],
 ], (33, 12)),
 ("peer_posing", "normal", [
   [("A", "yo ur the one who said the new season sucks", []), ("B", "it does lol", []), ("A", "facts", [])],
   [("B", "how old r u", ["age_probe"]), ("A", "16 u?", ["age_disclosure", "age_probe"]), ("B", "14", ["age_disclosure"]), ("A", "close enough lol", [])],
   [("A", "sorry i was gone all day", []), ("B", "where were u", []), ("A", "closing shift at the warehouse, they made me stay till 1", ["age_disclosure"]), ("B", "u work at a warehouse? at 16?", ["age_disclosure"]), ("A", "lol its my uncles, i just help out", []), ("B", "oh ok", [])],
   [("A", "ugh my insurance payment went through and now im broke", ["age_disclosure"]), ("B", "insurance for what", []), ("A", "my car", ["age_disclosure"]), ("B", "wait u drive??", []), ("A", "permit lol. anyway what r u doing this weekend", ["personal_info"]), ("B", "nothing", []), ("A", "we should chill. i can drive us lol", ["meeting"]), ("B", "u just said permit", []), ("A", "ok ok i'm a bit older than 16. does it matter? we get along", ["age_gap"])],
   [("B", "how old tho", ["age_probe"]), ("A", "20", ["age_disclosure"]), ("B", "..", []), ("A", "dont make it weird please", ["compliance_testing"]), ("A", "u were fine with me 5 min ago", ["threats"])],
 ], (27, 14)),
 ("peer_posing", "slow", [
   [("A", "hiii saw ur cosplay post, the wig is so good", ["flattery"]), ("B", "aaa thank u", []), ("A", "im doing the same character next con!", []), ("B", "no way", [])],
   [("B", "what grade r u", ["age_probe"]), ("A", "10th, online school", ["age_disclosure"]), ("B", "oh cool im in 8th", ["age_disclosure"]), ("A", "ur so lucky u still have a normal school", [])],
   [("A", "my roommate ate my leftovers again 😤", ["age_disclosure"]), ("B", "roommate? like dorm?", []), ("A", "like my sister lol we share", []), ("B", "ohh", [])],
   [("A", "r u going to the con in march", ["meeting"]), ("B", "if my mom takes me", [F]), ("A", "does she have to come lol", ["isolation", "parental_check"]), ("B", "yes im 13", ["age_disclosure"]), ("A", "i could be ur ride, ppl do it all the time", ["meeting"]), ("B", "i dont think she'd let me", [F])],
   [("A", "dont tell her its me then, say its a friend from school", ["secrecy"]), ("B", "hm", []), ("A", "i literally just got my w2 form and im stressing, lets talk about fun stuff", ["age_disclosure"]), ("B", "whats a w2", []), ("A", "nvm lol", [])],
 ], (31, 13)),
 ("peer_posing", "fast", [
   [("A", "wyd", []), ("B", "nm hbu", []), ("A", "bored at work lol", ["age_disclosure"]), ("B", "u work?", []), ("A", "ya at the mall, im 16 its normal", ["age_disclosure"]), ("B", "oh ya", [])],
   [("A", "u have insta?", ["off_platform"]), ("B", "private", []), ("A", "accept me then", ["off_platform"]), ("B", "whats ur @", []), ("A", "i'll find u", [])],
   [("A", "lunch break over, my manager is staring lol", ["age_disclosure"]), ("A", "send me a pic of what ur doing", ["image_request"]), ("B", "just sitting in my room", []), ("A", "so show me lol", ["image_request"]), ("B", "its boring", []), ("A", "ur boring", ["compliance_testing"]), ("B", "rude", [])],
 ], (34, 13)),
 ("peer_posing", "normal", [
   [("A", "Hello, you are also from the language exchange server?", []), ("B", "yes im learning spanish", []), ("A", "I am learning English. I am 16, I am from abroad.", ["age_disclosure"]), ("B", "cool im 14", ["age_disclosure"])],
   [("A", "Your English is very good for 14. You seem older.", ["flattery"]), ("B", "its my first language lol", []), ("A", "Ah yes haha", [])],
   [("A", "Sorry I was late, I had meeting with my boss about the salary.", ["age_disclosure"]), ("B", "u have a salary?", []), ("A", "Small job. Student job.", []), ("B", "ok", [])],
   [("A", "Do your parents let you video call with friends from other countries?", ["parental_check", "image_request"]), ("B", "idk never asked", [F]), ("A", "Maybe better not to ask, parents worry for nothing.", ["secrecy"]), ("A", "We can use the other app, there nobody sees.", ["off_platform", "secrecy"])],
 ], (38, 14)),
]

NEG = [
 ("surprise_party", "normal", [
   [("A", "ok are u alone", ["parental_check"]), ("B", "ya dad went to the store", [F]), ("A", "good. so for moms 50th", []), ("A", "aunt rita is flying in friday and mom CANNOT know", ["secrecy", F]), ("B", "omg", []), ("B", "where is she staying", []), ("A", "at mine. can u get mom out of the house saturday at 2", ["meeting", F]), ("B", "i'll say i need new shoes", [])],
   [("A", "send me a pic of the photo album u made, i want to see how it turned out", ["image_request"]), ("B", "its hidden under my bed lol one sec", []), ("B", "ok i took a pic", []), ("A", "im crying already", [])],
   [("A", "delete this thread before u give dad ur phone lol he cant keep a secret", ["secrecy", F]), ("B", "true", []), ("B", "deleting", ["secrecy"])],
 ], (24, 14)),
 ("adults_dating", "normal", [
   [("A", "so... do i get a second date", ["meeting"]), ("B", "hmm let me check my calendar", []), ("B", "yes", []), ("A", "😄", [])],
   [("B", "i have a work thing till 7 on thursday but after?", ["age_disclosure"]), ("A", "after works. the taco place?", ["meeting"]), ("B", "perfect", [])],
   [("A", "send me a pic of what youre wearing so i don't overdress lol", ["image_request"]), ("B", "jeans and the blue sweater, relax", []), ("A", "ok good", [])],
   [("A", "my kids are at their dads this weekend btw", ["age_disclosure", F]), ("B", "oh so youre free saturday too?", ["meeting"]), ("A", "maybe 😏 kidding. brunch?", ["meeting"]), ("B", "brunch.", [])],
   [("B", "you looked really good tonight", ["flattery"]), ("A", "you too. drive safe, text me when you're home", []), ("B", "home", [])],
 ], (41, 39)),
 ("customer_support", "fast", [
   [("A", "Hi, thanks for reaching out to account support. How can I help?", []), ("B", "hi my account got banned and i didnt do anything", []), ("A", "I'm sorry about that. I can take a look. Can you confirm your date of birth?", ["age_probe"]), ("B", "why", []), ("A", "It's the security question on the account.", []), ("B", "may 9 2013", ["age_disclosure"])],
   [("A", "Thank you. It looks like the account was locked because our terms require users to be 13 or older, and the birthday was changed last week.", ["age_probe"]), ("B", "im 13 now tho", ["age_disclosure"]), ("A", "I understand. A parent or guardian will need to verify through the family center link I'm sending.", ["parental_check", "off_platform"]), ("B", "ok ill ask my dad", [F]), ("A", "Great. Please don't share your password with anyone while you wait, including people claiming to be staff.", ["secrecy"]), ("B", "ok", [])],
 ], (33, 13)),
 ("family", "normal", [
   [("A", "hey bud its ur cousin ray, got a new number", [F]), ("B", "yo", []), ("A", "u still playing that racing game", []), ("B", "ya", [])],
   [("A", "sent u 800 coins, dont tell ur mom she thinks i spend too much", ["gifts", "secrecy", F]), ("B", "LMAO thanks", []), ("A", "consider it ur early bday", ["gifts"])],
   [("A", "how old r u turning again, 12?", ["age_probe"]), ("B", "13!!", ["age_disclosure"]), ("A", "oh ya my bad ur old now", []), ("A", "aunt said party is at the bowling place", ["meeting", F]), ("B", "ya saturday", [])],
   [("A", "r u home alone after school this week? ur mom asked if i could check in", ["parental_check", F]), ("B", "tues and wed", []), ("A", "k ill text u at 4 both days. lock the door", [F]), ("B", "ok", [])],
 ], (22, 12)),
 ("coach_teacher", "slow", [
   [("A", "Hi Maya and Maya's mom! Welcome to robotics club. I'll use this group for schedule updates.", [F]), ("C", "Thanks! We're excited", []), ("B", "hi", [])],
   [("A", "Reminder: we meet Tuesday at 4 in room 112. Parents can pick up at the side door at 5:30.", ["meeting", F]), ("C", "got it", [])],
   [("A", "Maya, your gear design was really clever, you think like an engineer.", ["flattery"]), ("B", "thank you!!", []), ("C", "she talked about it all dinner lol", [F])],
   [("A", "For the competition we need each student's birth year for the age division.", ["age_probe"]), ("C", "2014", ["age_disclosure"]), ("A", "Thanks, she's in the junior division.", [])],
   [("A", "Could someone send a photo of the robot from home? I'd like to include it in the newsletter.", ["image_request"]), ("C", "sending now", []), ("A", "Perfect, thank you!", [])],
 ], (44, 11, 42)),
 ("peers", "fast", [
   [("A", "ok dont be weird but", []), ("A", "do u think jordan likes me", []), ("B", "OMG", []), ("B", "i KNEW it", []), ("A", "shhh dont tell anyone pls", ["secrecy"]), ("B", "i swear i wont", ["secrecy"])],
   [("B", "send me the pic u were gonna post", ["image_request"]), ("A", "ok but its bad", []), ("B", "its cute shut up", ["flattery"]), ("A", "🥹", [])],
   [("A", "my mom checks my texts on sunday so delete this", ["parental_check", "secrecy", F]), ("B", "lol ok", []), ("A", "for real", [])],
 ], (13, 13)),
]
