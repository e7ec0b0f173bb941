# author-g: fourth batch: thoughts split over several messages ("||") and more paraphrases.
from banks_more import more

more("age_probe", """
wait || how old r u actually
ok weird question || what grade r u in
hey || r u in high school or nah
I must ask || how old are you? || you write very good for young person
""")
more("age_ans", """
{age} || why lol
um || {age}
{age} || almost {age1} tho
""")
more("age_ans_school", """
i just started middle school || so yeah lol
+age_disclosure we're the youngest at my school || {grade}th graders
+age_disclosure my school is k to {grade} so im the oldest lol
+age_disclosure i have a {grade}th grade field trip tomorrow
""")
more("age_back", """
wait how old r u || if u dont mind
and how old r ur
""")
more("ad_age", """
so || how old are you? your profile doesn't say
+age_disclosure I'm turning {age1} next month, hope that's not too old for you haha
Be honest, are you really {oage}? Photos look younger
""")
more("ad_age_ans", """
+age_disclosure {age}, and yes its a real photo lol
+age_disclosure i'm {age}, divorced, one kid. full disclosure
""")
more("ad_secret", """
can we not tell my mom about us until christmas haha
dont say anything to jenna at work ok, I want to tell her myself
""")
more("cs_thanks", """
ok thank you for helping
it works now thanks
+family_context ok my mom says thank you
""")
more("gm_secret", """
dont tell the squad i got carried lol
keep the code to urself, its only for the team
""")
more("ct_app", """
Parents, the club now uses {app} for announcements, please join with your child
the team chat is moving to {app}, only parents can add the kids
""")
more("pe_selfie_ans", """
+image_request ok || dont show anyone lol
+image_request sent || i look so tired
not rn my hair is a mess
""")
more("slow_back_B", """
hi! sorry || school is crazy rn
hey || i was on vacation
oh hii || long time
""")
more("slow_back_A", """
hey you || been a while
hello {k} || sorry for the silence, I had many problems at home
""")
more("reply_open", """
oh hi || thank u
wait || ur the one from the forum?
hey!! || yes thats mine lol
""")
more("fam_logistics_ans", """
+family_context ok || can grandpa drive me tho
ok i did it already
+family_context mom said 7 not 6
""")
more("flatter_ans", """
aw || thanks
omg || ok thank u
ur nice lol
""")
more("cs_dob_ans", """
+age_disclosure {bdate} || i think thats what i put
""")
more("ad_pic", """
send me a pic of your new haircut then!
""")
more("gm_trade_ans", """
+gifts ok || code is in ur dms
+gifts sent || say when u get it
""")
more("pe_secret_ans", """
omg || who else knows
+secrecy i promise || i wont say anything
""")
more("pe_selfie", """
lemme see ur nails lol
""")
more("pe_open", """
ok so || guess what happened
yo || u awake
""")
more("cg_check_ans", """
+parental_check just me || and the cat
+family_context mom just got back
ok ill lock it
""")
more("cg_pic_ans", """
+image_request ok || is this right
""")
more("pe_social_ans", """
+off_platform ok || requested
""")
more("ct_age", """
hi {k}, your coach needs your date of birth for the tournament, can you ask your mom?
""")
more("small_B", """
ugh || so much homework
i just got home || lol
+family_context we went to see my cousins || it was ok
""")
more("small_A", """
hey || how was ur day
so || what's new
""")
more("secret", """
oh and || dont tell ur mom about me ok
hey || delete this after u read it
""")
more("secret_ans", """
ok || i wont
why || is it bad
""")
more("imgreq", """
hey || send a pic of ur room lol
u there? || lets video call
""")
more("imgreq_ans", """
idk || maybe later
""")
more("parental", """
wait || are ur parents home
hey || is anyone with u rn
""")
more("offplat", """
ok || this app keeps glitching || u have {app}?
""")
more("offplat_ans", """
+off_platform ok || added u
hm || i have to ask
""")
more("flatter", """
honestly || ur more mature than my friends
u know what || ur really special
""")
more("sub_kidshare", """
ugh || everyone at school is so annoying
+family_context my parents had a fight again || whatever
""")
more("sub_react", """
hm || that sounds hard
wait || they really said that?
""")
more("meet_ans", """
idk || i'd have to ask
+family_context maybe || my mom works on {day}s
""")
more("pe_family", """
+family_context my mom is making me babysit || again
""")
more("pe_age", """
wait || r u 13 or 14
""")
more("gm_age", """
bro || how old are u lol
""")
more("cg_secret", """
ok || dont tell ur mom about the cookies lol
""")
more("cg_open", """
hi {k}! || its {a}, i'll be picking you up today
""")
more("fam_home_ans", """
+family_context im home || the door is locked
""")
more("ot_kid", """
ok || thank u!!
""")
