# author-g: fifth batch, topping up the busiest banks.
from banks_more import more
more("fam_age", """
is your cousin mia 11 or 12 now? buying her a present
how old is the new boy in your class, his mom invited us
""")
more("reply_open", """
hi yes i made it last week
oh thats so nice thank u
hello, yes it is me
omg someone actually saw it lol
hey thank you!! i was nervous posting it
hi, who is this? sorry
yes thats my account
""")
more("sub_hint_ans", """
+meeting i pass there on the way home
ok sounds good i guess
""")
more("slow_back_B", """
im here, just been really busy
hi! sorry i forgot my password lol
+family_context we moved houses so i was offline
hey sorry || we were at my dads for the holidays
i didnt have wifi for like two weeks
""")
more("flatter_ans", """
that's really nice of u
i dont know about that lol
thanks i guess haha
nobody at school thinks so
+family_context my mom says the same thing sometimes
""")
more("slow_back_A", """
Hello {k}, I hope you did not forget me
heyy, sorry for going quiet, life got messy
how have u been? its been ages
back online finally, missed our chats
hi again, did school start already there
""")
more("gm_open", """
ur aim was crazy last night
that last game was so sweaty lol
""")
more("pe_social_ans", """
+off_platform found u, i followed
i dont have that one, only the school app
""")
more("cs_parent", """
Because of the age on the account, I need a parent to approve the refund. Can you ask them to join?
""")
more("age_ans", """
{age} why do u ask
+age_disclosure just had my bday, {age} now
""")
more("pe_social", """
wait i cant find u on {app}
u should make a {app} we all have it
""")
more("age_back", """
how old are u if u dont mind me asking
ok ur turn, how old
""")
more("gm_age_ans", """
+age_disclosure {age}, u?
""")
more("pe_selfie", """
show me the new braces lol
send the pic from the bus earlier
""")
more("cs_dob_ans", """
+age_disclosure it should be {byear}
""")
more("fam_home_ans", """
+family_context yes im home, grandma is here too
""")
more("offplat_ans", """
i never heard of that app
+off_platform ok but i dont use it much
+family_context my brother has it, i could use his
""")
more("ct_age", """
can you confirm your birth year for the youth league card?
""")
more("ct_video", """
please film the dance part so I can give notes, your mom can send it
""")
more("esl_idiom", """
In my country we say, who is walking slowly, arrives far
Forgive me, I write like I think, all in one long piece
""")
more("imgreq_ans", """
+image_request here but its dark
i dont have good light in my room
""")
more("secret_ans", """
ok i will clear it
+secrecy i dont tell anyone anything anyway
""")
more("pe_secret_ans", """
omg i wont tell a single person
""")
more("ad_pic", """
selfie from your trip please, I want to see the mountains
""")
more("pe_selfie_ans", """
+image_request fine here lol
""")
more("ad_meet", """
want to go to the farmers market {day} morning
""")
more("fam_logistics_ans", """
+family_context ok tell grandma ill call her after dinner
""")
more("pe_open", """
did u hear about the new teacher
""")
more("pe_secret", """
dont tell my mom i went to the party ok
""")

from banks_pos import P as _P
_P["age_ans_school_old"] = (["age_disclosure"], [l for l in _P["age_ans_school"][1] if not any(w in l for w in ["middle school", "lockers", "elementary", "youngest", "k to"])] + [
    "+age_disclosure high school, {grade}th grade",
    "+age_disclosure freshman year ugh",
    "+age_disclosure im a {grade}th grader",
    "+age_disclosure year {yr}, gcse stuff starting",
    "+age_disclosure {grade}th, the worst year honestly",
    "+age_disclosure just started high school || its huge",
])
