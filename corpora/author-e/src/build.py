"""author-e corpus assembler. Run: python3 src/build.py  (writes ../events.jsonl etc.)"""
import json, os, random, sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from engine import Banks, GAPS, OFFSETS, SEED, PREFIX, fmt, fill
import bank_pos, bank_pos4, bank_neg, bank_neg2, bank_neg3, bank_drift, bank_long, bank_pos5, slots as SL

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

pools = {}
for mod in (bank_pos, bank_pos4, bank_neg, bank_neg2, bank_neg3, bank_drift, bank_long, bank_pos5):
    for k, v in mod.POOLS.items():
        # a later bank may add more blocks to a pool
        pools[k] = pools[k].rstrip("\n") + "\n---\n" + v.lstrip("\n") if k in pools else v
banks = Banks(pools)

# Recipes: (label, positive, style/kind, count, tempos, beats, cast)
# beats: pool names; '?x' optional; 'a|b' pick one of the alternatives; cast: dict letter -> role spec
P = True
N = False
RECIPES = [
    # ------------------------------------------------------------ positives
    ("standard", P, "standard", 10, ["normal", "normal", "fast", "slow"],
     ["std_open", "?chat_any", "std_age", "std_flat", "?chat_any", "std_check", "std_secret", "std_img", "?std_meet"], "pos"),
    ("subtle", P, "subtle", 24, ["slow", "normal", "slow", "normal", "fast"],
     ["sub_open", "?chat_polite", "?chat_any", "sub_react", "?chat_polite", "sub_home", "sub_mid", "?chat_any", "sub_bond", "?chat_polite", "sub_move", "?sub_end"], "pos"),
    ("peer_posing", P, "peer_posing", 20, ["normal", "normal", "slow", "fast"],
     ["pp_open", "pp_age", "?chat_teen", "pp_chat", "pp_slip", "pp_cover", "pp_push"], "poser"),
    ("fast_pushy", P, "fast_pushy", 10, ["fast"],
     ["fp_open", "fp_push", "fp_escalate"], "pos"),
    ("slow_patient", P, "slow_patient", 16, ["slow"],
     ["sp_open", "?chat_polite", "?chat_any", "sp_w1", "?chat_polite", "sp_w2", "?chat_any", "sp_mid", "?chat_polite", "sp_w3", "?chat_polite", "sp_w4"], "pos"),
    ("gift_giver", P, "gift_giver", 10, ["normal", "fast", "slow"],
     ["gg_open", "gg_gift", "?chat_teen", "gg_more", "gg_debt"], "pos"),
    ("romance", P, "romance", 16, ["slow", "normal", "slow"],
     ["ro_open", "?chat_any", "ro_bond", "?chat_polite", "ro_mid", "ro_special", "?chat_any", "ro_secret", "?chat_polite", "ro_meet"], "pos"),
    ("mentor_coach", P, "mentor_coach", 16, ["slow", "normal", "slow"],
     ["mc_open", "?chat_polite", "mc_praise", "?chat_mentor", "mc_mid", "?chat_polite", "mc_isolate", "?chat_mentor", "mc_private", "mc_meet"], "mentor"),
    ("off_platform_early", P, "off_platform_early", 10, ["fast", "normal"],
     ["op_open", "op_move", "op_after"], "pos"),
    # ------------------------------------------------------------ negatives
    ("fam_gran", N, "family", 8, ["normal", "slow", "fast"], ["?drift_ka", "fam_gran", "?fam_more", "?fam_more", "?drift_ka", "?drift_ka"], "gran"),
    ("fam_alone", N, "family", 7, ["fast", "normal"], ["?drift_ka", "fam_alone", "?drift_ka", "?drift_ka"], "parent"),
    ("fam_sib", N, "family", 6, ["fast", "normal"], ["?drift_ka", "fam_sib", "?fam_more", "?fam_more", "?drift_ka", "?drift_ka"], "sib"),
    ("fam_pickup", N, "family", 7, ["normal", "slow"], ["?drift_ka", "fam_pickup", "?fam_pickup2", "?drift_ka", "?drift_ka"], "divorced"),
    ("fam_aunt", N, "family", 6, ["normal", "slow"], ["?drift_ka", "fam_aunt", "?fam_more", "?fam_more", "?drift_ka", "?drift_ka"], "aunt"),
    ("cg_sitter", N, "caregiver", 9, ["fast", "normal"], ["?drift_ka", "cg_sitter", "?cg_more", "?cg_more", "?drift_ka", "?drift_ka"], "sitter"),
    ("cg_neigh", N, "caregiver", 7, ["normal", "slow"], ["?drift_ka", "cg_neigh", "?cg_more", "?cg_more", "?drift_ka", "?drift_ka"], "neighbour"),
    ("cg_group", N, "caregiver", 7, ["normal"], ["?drift_ka", "cg_group", "?drift_ka", "?drift_ka"], "cg_group"),
    ("cg_step", N, "family", 5, ["normal", "slow"], ["?drift_ka", "cg_step", "?drift_ka", "?drift_ka"], "step"),
    ("ct_coach", N, "coach_teacher", 8, ["normal", "slow"], ["?drift_ka", "ct_coach", "?ct_more", "?ct_more", "?drift_ka", "?drift_ka"], "coach"),
    ("ct_tutor", N, "coach_teacher", 8, ["normal", "slow"], ["?drift_ka", "ct_tutor", "?ct_more", "?ct_more", "?drift_ka", "?drift_ka"], "coach"),
    ("ct_group", N, "coach_teacher", 8, ["normal", "slow"], ["?drift_ka", "ct_group", "?ct_group2", "?drift_ka", "?drift_ka"], "coach_group"),
    ("ct_parent", N, "coach_teacher", 6, ["normal"], ["ct_parent"], "coach_parent"),
    ("pe_socials", N, "peers", 8, ["fast", "normal"], ["?drift_teen", "pe_socials", "?pe_more", "?pe_more", "?drift_teen", "?drift_teen"], "peers"),
    ("pe_selfie", N, "peers", 7, ["fast"], ["?drift_teen", "pe_selfie", "?pe_more", "?pe_more", "?drift_teen", "?drift_teen"], "peers"),
    ("pe_secret", N, "peers", 8, ["fast", "normal", "slow"], ["?drift_teen", "pe_secret", "?pe_more", "?pe_more", "?drift_teen", "?drift_teen"], "peers"),
    ("pe_group", N, "peers", 6, ["fast"], ["?drift_teen", "pe_group", "?pe_more", "?pe_more", "?drift_teen", "?drift_teen"], "peer_group"),
    ("ad_date", N, "adults_dating", 7, ["normal", "slow"], ["?drift_adult", "ad_date", "?ad_more", "?ad_more", "?drift_adult", "?drift_adult"], "adults"),
    ("ad_meet", N, "adults_dating", 6, ["fast", "normal"], ["?drift_adult", "ad_meet", "?ad_more", "?ad_more", "?drift_adult", "?drift_adult"], "adults"),
    ("ad_secret", N, "adults_dating", 5, ["normal"], ["?drift_adult", "ad_secret", "?drift_adult", "?drift_adult"], "adults"),
    ("gm_cards", N, "gaming", 7, ["fast"], ["?drift_teen", "gm_cards", "?gm_more", "?gm_more", "?drift_teen", "?drift_teen"], "gamers_teen"),
    ("gm_team", N, "gaming", 7, ["fast", "normal"], ["?drift_teen", "gm_team", "?gm_more", "?gm_more", "?drift_teen", "?drift_teen"], "gamers_mixed"),
    ("gm_adult", N, "gaming", 6, ["fast", "normal"], ["?drift_adult", "gm_adult", "?drift_adult", "?drift_adult"], "gamers_adult"),
    ("cs_dob", N, "customer_support", 6, ["fast"], ["cs_dob"], "support_kid"),
    ("cs_refund", N, "customer_support", 5, ["fast", "normal"], ["cs_refund"], "support_adult"),
    ("cs_account", N, "customer_support", 5, ["fast"], ["cs_account"], "support_kid"),
    ("sp_plan", N, "surprise_party", 7, ["normal", "slow"], ["?drift_ka", "sp_plan", "?sp_more", "?sp_more", "?drift_ka", "?drift_ka"], "party_group"),
    ("sp_secret", N, "surprise_party", 7, ["normal", "fast"], ["?drift_ka", "sp_secret", "?sp_more", "?sp_more", "?drift_ka", "?drift_ka"], "party_kid"),
    ("sp_kid", N, "surprise_party", 6, ["fast", "normal"], ["?drift_teen", "sp_kid", "?drift_teen", "?drift_teen"], "party_peers"),
    ("ct_season", N, "coach_teacher", 12, ["slow", "slow", "normal"], ["cs1", "?drift_ka", "cs2", "?ct_more", "?drift_ka", "cs3", "?drift_ka", "cs4"], "coach"),
    ("gp_weeks", N, "family", 9, ["slow", "slow", "normal"], ["gw1", "?drift_ka", "gw2", "?fam_more", "gw3", "?drift_ka", "gw4"], "gran"),
    ("teen_weeks", N, "peers", 9, ["slow", "normal", "normal"], ["tw1", "?drift_teen", "tw2", "?pe_more", "tw3", "?drift_teen", "tw4"], "peers"),
    ("ot_wrong", N, "other", 5, ["fast"], ["ot_wrong"], "stranger_adult"),
    ("ot_pet", N, "other", 5, ["normal"], ["ot_pet"], "neigh_other"),
    ("ot_market", N, "other", 6, ["fast", "normal"], ["ot_market"], "market"),
    ("ot_school", N, "other", 6, ["normal"], ["ot_school"], "school_other"),
]


def person(rng, kind, age):
    return {"name": SL.screen(rng, kind), "age": age}


def cast_for(rng, cast):
    """returns dict letter -> (role, true_age, kind) plus slot hints"""
    r = rng.randint
    kid = lambda lo=10, hi=15: r(lo, hi)
    c = {
        "pos": {"A": ("offender", r(19, 55), "adult"), "B": ("target", kid(), "kid")},
        "poser": {"A": ("offender", r(20, 44), "teenlike"), "B": ("target", kid(12, 15), "kid")},
        "mentor": {"A": ("offender", r(24, 55), "mentor"), "B": ("target", kid(11, 15), "kid")},
        "gran": {"A": ("family", r(58, 79), "gran"), "B": ("family", kid(), "kid")},
        "parent": {"A": ("family", r(33, 52), "parent"), "B": ("family", kid(10, 15), "kid")},
        "sib": {"A": ("family", r(18, 24), "adult"), "B": ("family", kid(10, 15), "kid")},
        "divorced": {"A": ("family", r(34, 50), "parent"), "B": ("family", kid(10, 14), "kid"),
                     "C": ("family", r(34, 52), "parent")},
        "aunt": {"A": ("family", r(28, 55), "adult"), "B": ("family", kid(), "kid")},
        "sitter": {"A": ("caregiver", r(17, 24), "adult"), "B": ("other", kid(10, 13), "kid")},
        "neighbour": {"A": ("caregiver", r(40, 75), "adult"), "B": ("other", kid(), "kid")},
        "cg_group": {"A": ("caregiver", r(19, 45), "adult"), "B": ("other", kid(10, 13), "kid"),
                     "C": ("family", r(32, 50), "parent")},
        "step": {"A": ("family", r(30, 52), "parent"), "B": ("family", kid(10, 15), "kid")},
        "coach": {"A": ("coach_teacher", r(22, 60), "mentor"), "B": ("other", kid(10, 15), "kid")},
        "coach_group": {"A": ("coach_teacher", r(22, 60), "mentor"), "B": ("other", kid(10, 15), "kid"),
                        "C": ("family", r(33, 55), "parent")},
        "coach_parent": {"A": ("coach_teacher", r(24, 60), "mentor"), "C": ("family", r(32, 55), "parent")},
        "peers": {"A": ("peer", 0, "kid"), "B": ("peer", 0, "kid")},
        "peer_group": {"A": ("peer", 0, "kid"), "B": ("peer", 0, "kid"), "C": ("peer", 0, "kid")},
        "adults": {"A": ("adult", r(22, 58), "adult"), "B": ("adult", r(22, 58), "adult")},
        "gamers_teen": {"A": ("peer", 0, "kid"), "B": ("peer", 0, "kid")},
        "gamers_mixed": {"A": ("adult", r(19, 34), "adult"), "B": ("other", kid(13, 15), "kid")},
        "gamers_adult": {"A": ("adult", r(19, 45), "adult"), "B": ("adult", r(19, 45), "adult")},
        "support_kid": {"A": ("support", r(21, 50), "support"), "B": ("other", kid(10, 15), "kid")},
        "support_adult": {"A": ("support", r(21, 50), "support"), "B": ("adult", r(25, 60), "adult")},
        "party_group": {"A": ("family", r(30, 55), "parent"), "B": ("family", kid(11, 15), "kid"),
                        "C": ("family", r(30, 70), "adult")},
        "party_kid": {"A": ("family", r(30, 55), "parent"), "B": ("family", kid(10, 15), "kid")},
        "party_peers": {"A": ("peer", 0, "kid"), "B": ("peer", 0, "kid"), "C": ("peer", 0, "kid")},
        "stranger_adult": {"A": ("adult", r(25, 65), "adult"), "B": ("other", kid(11, 15), "kid")},
        "neigh_other": {"A": ("adult", r(30, 70), "adult"), "B": ("other", kid(10, 15), "kid")},
        "market": {"A": ("adult", r(22, 60), "adult"), "B": ("adult", r(22, 60), "adult")},
        "school_other": {"A": ("other", r(26, 60), "mentor"), "B": ("other", kid(11, 15), "kid"),
                         "C": ("family", r(33, 52), "parent")},
    }[cast]
    # peers of the same age
    shared = r(12, 15)
    out = {}
    for k, (role, age, kind) in c.items():
        if age == 0:
            age = shared + rng.choice([0, 0, 0, 1, -1]) if shared > 12 else shared
        out[k] = (role, age, kind)
    return out


def declared(rng, role, age, kind, style):
    if style == "peer_posing" and role == "offender":
        return rng.choice([15, 15, 16, 16, 16])
    if rng.random() >= 0.13:
        return None
    if age <= 12 and rng.random() < 0.5:
        return rng.choice([13, 13, 14, 18])
    if role == "offender" and rng.random() < 0.4:
        return rng.choice([17, 18, 19, 21])
    return age


def main():
    rng = random.Random(SEED)
    sessions = []
    for (label, pos, kind, count, tempos, beats, cast) in RECIPES:
        for i in range(count):
            sessions.append((label, pos, kind, tempos[i % len(tempos)], beats, cast))
    rng.shuffle(sessions)
    # keep positives of a style together is not needed; order by id
    events, labels, ann_s, ann_p, ann_m = [], [], [], [], []
    ev_no = 0
    usr_no = 0
    base = datetime(2026, 1, 5, 15, 0, 0, tzinfo=timezone.utc)
    warnings = []
    for sno, (label, pos, kind, tempo, beats, cast) in enumerate(sessions, 1):
        sid = "%s-s%04d" % (PREFIX, sno)
        srng = random.Random("%d-%d" % (SEED, sno))
        people = cast_for(srng, cast)
        accts = {}
        for letter in sorted(people):
            role, age, pk = people[letter]
            usr_no += 1
            uid = "%s-u%04d" % (PREFIX, usr_no)
            acct = {"user_id": uid, "screen_name": SL.screen(srng, pk if pk != "teenlike" else "kid")}
            if srng.random() < 0.35:
                acct["display_name"] = SL.display(srng)
            d = declared(srng, role, age, pk, kind if pos else None)
            if d is not None:
                acct["declared_age"] = d
            acct["country"] = srng.choice(["US", "US", "US", "GB", "CA", "AU", "IE", "NZ"])
            created = base - timedelta(days=srng.randint(20, 900))
            acct["created_at"] = created.strftime("%Y-%m-%dT%H:%M:%SZ")
            accts[letter] = acct
            ann_p.append({"kind": "participant", "session_id": sid, "user_id": uid,
                          "true_age": age, "role": role})
        slots = SL.slots(srng, people)
        taken = set()
        turns = []
        for b in beats:
            opt = b.startswith("?")
            name = b.lstrip("?")
            if opt and srng.random() < 0.35:
                continue
            if opt and name.startswith("chat") and banks.used_all(name):
                continue
            blk = banks.pick(srng, name, taken, cap=3 if opt else 99)
            if blk is None:
                if not opt:
                    warnings.append("no block for %s in %s" % (name, sid))
                continue
            turns.append(("BEAT", None, []))
            turns.extend(blk)
        if sum(1 for x in turns if x[0] in "ABC") < 6:
            for b in beats:
                if b.startswith("?") and sum(1 for x in turns if x[0] in "ABC") < 6:
                    blk = banks.pick(srng, b[1:], taken, cap=3)
                    if blk:
                        turns.append(("BEAT", None, []))
                        turns.extend(blk)
        # drop speakers absent from cast (e.g. coach_parent has no B)
        for (w, t, c) in turns:
            if w in "ABC" and w not in accts:
                raise SystemExit("speaker %s missing in %s (%s)" % (w, sid, label))
        offset = srng.choice(OFFSETS)
        # start in the local afternoon or evening of the sender's offset
        oh = int(offset[1:3]) * (1 if offset[0] == "+" else -1)
        local_h = srng.randint(7, 21)
        start = base.replace(hour=0) + timedelta(days=srng.randint(0, 170 if tempo == "slow" else 290),
                                                 hours=local_h - oh, seconds=srng.randint(0, 3599))
        t = start
        g = GAPS[tempo]
        first = True
        n_msgs = 0
        for (w, text, cues) in turns:
            if w == "BEAT":
                if not first:
                    t += timedelta(seconds=srng.randint(*g["beat"]))
                continue
            if w == "~":
                t += timedelta(seconds=srng.randint(*g["long"]))
                continue
            if not first:
                t += timedelta(seconds=srng.randint(*g["in"]))
            first = False
            ev_no += 1
            eid = "%s-e%06d" % (PREFIX, ev_no)
            body = fill(text, slots)
            rec = [accts[k] for k in sorted(accts) if k != w]
            ev = {"schema": "tipline.message/1", "event_id": eid,
                  "sent_at": fmt(t, offset), "session_id": sid,
                  "platform": slots["platform"], "sender": accts[w],
                  "recipients": rec, "text": body}
            events.append(ev)
            ann_m.append({"kind": "message", "event_id": eid, "session_id": sid, "cues": list(cues)})
            n_msgs += 1
        labels.append({"kind": "session", "session_id": sid, "positive": pos})
        ann_s.append({"kind": "session", "session_id": sid, "positive": pos,
                      "style": kind if pos else None, "negative_kind": None if pos else kind,
                      "tempo": tempo, "_n": n_msgs, "_label": label})
    for w in warnings:
        print("WARN", w, file=sys.stderr)
    with open(os.path.join(OUT, "events.jsonl"), "w") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "labels.jsonl"), "w") as f:
        for l in labels:
            f.write(json.dumps(l) + "\n")
    with open(os.path.join(OUT, "annotations.jsonl"), "w") as f:
        for s in ann_s:
            s = {k: v for k, v in s.items() if not k.startswith("_")}
            f.write(json.dumps(s) + "\n")
        for p in ann_p:
            f.write(json.dumps(p) + "\n")
        for m in ann_m:
            f.write(json.dumps(m) + "\n")
    short = [(s["session_id"], s["_label"], s["_n"]) for s in ann_s if s["_n"] < 6 or s["_n"] > 80]
    print("sessions", len(ann_s), "events", len(events), "short/long", short)


def usage_report():
    over = {}
    for (name, i), c in banks.used.items():
        if c > 3:
            over[name] = max(over.get(name, 0), c)
    return over


if __name__ == "__main__":
    main()
    print("pools over cap:", usage_report())
