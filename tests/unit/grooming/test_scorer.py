from __future__ import annotations

import math
import pickle
from datetime import timedelta

import msgspec

from tests.unit.grooming.conftest import T0, make_event
from tipline.operators.grooming import (
    Scorer,
    SessionState,
    compile_scorer,
    expires_at,
    score_message,
)
from tipline.schemas.config import TiplineConfig
from tipline.schemas.grooming import SessionVerdict
from tipline.services.cue_model import load_cue_model

GROOMING = [
    ("adult", "hey how old r u"),
    ("kid", "im 13"),
    ("adult", "ur so mature for ur age"),
    ("adult", "r ur parents home?"),
    ("kid", "no they r at work"),
    ("adult", "dont tell anyone we talk ok, our little secret"),
    ("adult", "add me on snap"),
    ("adult", "send me a selfie"),
    ("adult", "we should meet up saturday"),
]


def run(
    scorer: Scorer,
    lines: list[tuple[str, str]],
    ages: dict[str, int | None] | None = None,
    to: dict[str, tuple[str, ...]] | None = None,
) -> tuple[SessionState, list[SessionVerdict]]:
    state: SessionState | None = None
    verdicts = []
    for i, (sender, text) in enumerate(lines):
        recipients = (to or {}).get(sender) or (("kid",) if sender == "adult" else ("adult",))
        ev = make_event(i, text, sender=sender, to=recipients, ages=ages)
        state, v = score_message(scorer, state, ev)
        verdicts.append(v)
    assert state is not None
    return state, verdicts


def _variant(config: TiplineConfig, **changes: object) -> Scorer:
    """The default scorer with some [grooming.people]/[grooming.family] keys changed."""
    g = config.grooming
    rep = msgspec.structs.replace
    people = rep(g.people, **{k[7:]: v for k, v in changes.items() if k.startswith("people_")})
    family = rep(g.family, **{k[7:]: v for k, v in changes.items() if k.startswith("family_")})
    decision = rep(
        config.decision, **{k[9:]: v for k, v in changes.items() if k.startswith("decision_")}
    )
    return compile_scorer(
        rep(g, people=people, family=family), decision, load_cue_model(config.grooming)
    )


def test_grooming_escalates_once_per_level(config: TiplineConfig) -> None:
    # review well below report, so this conversation passes both levels one at a time
    # (with the shipped 0.82 / 0.86 one message can jump from none straight to report)
    scorer = _variant(config, family_hold_messages=0, decision_review_score=0.5)
    state, verdicts = run(scorer, GROOMING)
    levels = [v.level for v in verdicts]
    assert levels[-1] == "report"
    assert [v.escalated for v in verdicts].count(True) == 2  # none→review, review→report
    for before, v in zip(["none", *levels], verdicts, strict=False):
        assert v.escalated == (v.level != before)
    last = verdicts[-1]
    assert last.age_relation == "adult-minor"
    assert (last.older_id, last.younger_id) == ("adult", "kid")
    assert last.stage == "escalation"
    assert {"secrecy", "image_request", "parental_check"} <= {h.signal for h in last.signals}
    assert all(h.message_id.startswith("s-1-e") for h in last.signals)
    assert last.messages_seen == len(GROOMING)
    assert state.level == "report"


def test_score_is_emitted_with_every_message_and_rises(scorer: Scorer) -> None:
    _, verdicts = run(scorer, GROOMING)
    scores = [v.score for v in verdicts]
    assert len(scores) == len(GROOMING)
    assert scores[-1] > scores[0]


def test_no_text_in_state_or_verdicts(scorer: Scorer) -> None:
    state, verdicts = run(scorer, GROOMING)
    blob = pickle.dumps(state) + b"".join(msgspec.json.encode(v) for v in verdicts)
    for _, text in GROOMING:
        for word in ("secret", "selfie", "snap", "mature", "parents", "saturday"):
            if word in text:
                assert word.encode() not in blob


def test_adults_dating_stay_below_review(scorer: Scorer) -> None:
    ages: dict[str, int | None] = {"adult": 30, "kid": 29}
    lines = [line for line in GROOMING if line[1] != "im 13"]
    _, verdicts = run(scorer, lines, ages=ages)
    assert verdicts[-1].age_relation == "adult-adult"
    assert all(v.level == "none" for v in verdicts)


def test_minor_to_minor_is_flagged_and_capped(config: TiplineConfig) -> None:
    scorer = _variant(config, people_enabled=False)
    ages: dict[str, int | None] = {"adult": 14, "kid": 13}
    lines = [*GROOMING, ("adult", "ill post ur pics if u dont"), ("adult", "everyone will see")]
    _, verdicts = run(scorer, lines, ages=ages)
    last = verdicts[-1]
    assert last.minor_to_minor
    assert last.sextortion
    assert last.level == "review"  # minor_to_minor_max_level


def test_a_disclosed_minor_age_beats_a_declared_adult_age(scorer: Scorer) -> None:
    _, verdicts = run(scorer, GROOMING, ages={"adult": 30, "kid": 19})
    assert verdicts[-1].age_relation == "adult-minor"


def test_disclosed_age_makes_an_undeclared_target_a_minor(scorer: Scorer) -> None:
    ages: dict[str, int | None] = {"adult": None, "kid": None}
    _, verdicts = run(scorer, GROOMING, ages=ages)
    assert verdicts[0].age_relation.endswith("unknown")  # the text may say who is older
    assert verdicts[-1].age_relation.endswith("-minor")
    assert verdicts[-1].level != "none"


def test_adult_claiming_to_be_a_minor_is_still_an_adult(scorer: Scorer) -> None:
    lines = [("adult", "im 15 too lol"), *GROOMING]
    _, verdicts = run(scorer, lines, ages={"adult": 31, "kid": 13})
    assert verdicts[-1].age_relation == "adult-minor"
    assert not verdicts[-1].minor_to_minor


def test_report_needs_a_known_minor(scorer: Scorer) -> None:
    _, verdicts = run(scorer, GROOMING[:1] + GROOMING[2:], ages={"adult": 40, "kid": None})
    assert verdicts[-1].age_relation == "adult-unknown"
    assert verdicts[-1].level in {"none", "review"}


def test_parent_context_dampens(scorer: Scorer) -> None:
    lines = [
        ("adult", "are you home alone?"),
        ("kid", "yes mom"),
        ("adult", "send me a pic of the bus schedule"),
        ("adult", "ill pick you up at 5, we can meet at the gate"),
        ("kid", "ok mom"),
        ("adult", "dinner is in the fridge"),
    ]
    _, verdicts = run(scorer, lines, ages={"adult": 41, "kid": 12})
    assert all(v.level == "none" for v in verdicts)


def test_group_messages_weigh_less(scorer: Scorer) -> None:
    group = ("kid", "kid2", "kid3")
    lines = [("adult", "team photo friday, send me pics from the game"), ("adult", "meet up at 9")]
    to = {"adult": group}
    ages: dict[str, int | None] = {"adult": 40, "kid": 13, "kid2": 14, "kid3": 13}
    _, grouped = run(scorer, lines, ages=ages, to=to)
    _, direct = run(scorer, lines, ages=ages)
    assert grouped[-1].score < direct[-1].score
    assert grouped[-1].younger_id in {"kid", "kid3"}


def test_late_event_does_not_change_state(scorer: Scorer) -> None:
    state, _ = run(scorer, GROOMING[:4])
    before = pickle.dumps((state.index, state.hits, state.people, state.watermark))
    late_at = T0 + timedelta(minutes=3) - timedelta(seconds=scorer.lateness_s + 1)
    ev = make_event(99, "dont tell anyone, delete the chat", at=late_at)
    state, verdict = score_message(scorer, state, ev)
    assert verdict.late
    assert not verdict.duplicate
    assert "secrecy" in verdict.message_signals
    assert pickle.dumps((state.index, state.hits, state.people, state.watermark)) == before
    assert state.late_events == 1


def test_out_of_order_within_lateness_is_accepted(scorer: Scorer) -> None:
    state, _ = run(scorer, GROOMING[:4])
    at = T0 + timedelta(minutes=3) - timedelta(seconds=scorer.lateness_s - 1)
    state, verdict = score_message(scorer, state, make_event(99, "our little secret", at=at))
    assert not verdict.late
    assert any(h[4] == "s-1-e99" for h in state.hits)


def test_duplicate_is_ignored(scorer: Scorer) -> None:
    state, verdicts = run(scorer, GROOMING)
    seen = state.messages_seen
    hits = list(state.hits)
    state, verdict = score_message(scorer, state, make_event(7, GROOMING[7][1]))
    assert verdict.duplicate
    assert not verdict.escalated
    assert state.messages_seen == seen
    assert state.hits == hits
    assert verdict.score == verdicts[-1].score


def test_idle_session_expires_and_restarts(scorer: Scorer) -> None:
    state, _ = run(scorer, GROOMING)
    deadline = expires_at(scorer, state)
    assert deadline == T0.replace(second=0) + timedelta(minutes=8, seconds=scorer.idle_s)
    later = make_event(100, "hi", at=deadline + timedelta(seconds=1))
    state, verdict = score_message(scorer, state, later)
    assert state.messages_seen == 1
    assert verdict.level == "none"
    assert not state.hits


def test_state_is_bounded(config: TiplineConfig) -> None:
    cfg = msgspec.structs.replace(config.grooming, max_messages=20, max_hits=10)
    scorer = compile_scorer(cfg, config.decision)
    state: SessionState | None = None
    for i in range(300):
        text = GROOMING[i % len(GROOMING)][1]
        state, _ = score_message(scorer, state, make_event(i, text, at=T0 + timedelta(seconds=i)))
    assert state is not None
    assert len(state.index) == 20
    assert len(state.hits) <= 10
    assert state.messages_seen == 300
    assert len(pickle.dumps(state)) < 2000


def test_window_forgets_old_hits(config: TiplineConfig) -> None:
    cfg = msgspec.structs.replace(config.grooming, window_s=3600.0, idle_evict_s=7200.0)
    scorer = compile_scorer(cfg, config.decision)
    state, _ = score_message(scorer, None, make_event(0, "our little secret"))
    assert state.hits
    state, _ = score_message(scorer, state, make_event(1, "hi", at=T0 + timedelta(hours=1.5)))
    assert not state.hits


def test_hysteresis_releases_and_realerts(config: TiplineConfig) -> None:
    cfg = msgspec.structs.replace(config.grooming, half_life_s=600.0)
    # thresholds of their own: this is about release and re-alert, not the shipped cut-off
    decision = msgspec.structs.replace(config.decision, review_score=0.7, report_score=0.8)
    scorer = compile_scorer(cfg, decision)
    state: SessionState | None = None
    escalations = 0
    for i, (sender, text) in enumerate(GROOMING[:6]):
        ev = make_event(i, text, sender=sender, to=("kid",) if sender == "adult" else ("adult",))
        state, v = score_message(scorer, state, ev)
        escalations += v.escalated
    assert state is not None
    assert state.level != "none"
    state, v = score_message(scorer, state, make_event(50, "hi", at=T0 + timedelta(hours=10)))
    assert v.level == "none"
    assert not v.escalated
    t = T0 + timedelta(hours=10)
    for j, (_, text) in enumerate([GROOMING[5], GROOMING[7], GROOMING[8]]):
        ev = make_event(60 + j, text, at=t + timedelta(minutes=j + 1))
        state, v = score_message(scorer, state, ev)
        escalations += v.escalated
    assert v.level != "none"
    assert escalations >= 2


def test_an_adult_posing_as_a_peer_is_a_conflict_that_raises_risk(config: TiplineConfig) -> None:
    lines = [*GROOMING[:1], ("adult", "im 14 too"), *GROOMING[1:]]
    posing = _variant(config, people_conflict_text=0.0)  # any adult reading of his text
    _, verdicts = run(posing, lines, ages={"adult": None, "kid": 13})
    honest = _variant(config, people_enabled=False)
    _, capped = run(honest, lines, ages={"adult": None, "kid": 13})
    assert verdicts[-1].age_relation == "adult-minor"
    assert not verdicts[-1].minor_to_minor
    assert capped[-1].minor_to_minor
    assert verdicts[-1].score > capped[-1].score


def test_an_unknown_sender_is_not_nearly_an_adult(config: TiplineConfig) -> None:
    from tipline.operators.grooming.relation import relate_soft

    g = config.grooming
    unknown = relate_soft(g, (None, None), ((0, 13, None, None), None))
    adult = relate_soft(g, ((0, 35, None, None), None), ((0, 13, None, None), None))
    assert unknown.factor <= 0.65 < adult.factor
    assert unknown.name == "unknown-minor"


def test_a_bare_number_after_an_age_question_is_an_age(scorer: Scorer) -> None:
    state, _ = run(scorer, [("adult", "how old r u"), ("kid", "13 lol")], ages={})
    assert state.people["kid"][2:] == (13, 13)
    state, _ = run(scorer, [("adult", "how was school"), ("kid", "13 lol")], ages={})
    assert state.people["kid"][2:] == (None, None)


def test_family_context_holds_back_the_first_alert(scorer: Scorer) -> None:
    lines = [
        ("adult", "hi sweetie its grandma, dinner is ready at 6"),
        ("kid", "ok grandma"),
        ("adult", "dont tell your mom but i sent you robux"),
        ("adult", "are you home alone? lock the door"),
        ("adult", "send me a pic of your new haircut"),
        ("kid", "love you grandma"),
        ("adult", "we can meet at the mall saturday"),
    ]
    state, verdicts = run(scorer, lines, ages={"adult": 67, "kid": 12})
    assert state.family >= 2
    assert all(v.level == "none" for v in verdicts)


def test_family_context_is_judged_by_its_share_of_the_conversation(config: TiplineConfig) -> None:
    from tipline.operators.grooming.pairs import family_extent

    rep = msgspec.structs.replace
    family = rep(config.grooming.family, full_count=2, full_share=0.2, by_sender=False)
    # a family chat: family context in half the messages -> fully family
    assert family_extent(family, SessionState(watermark=0, family=5, messages_seen=10), "a") == 1.0
    # a groomer asking about the child's parents twice in 40 messages: barely family
    groomer = family_extent(family, SessionState(watermark=0, family=2, messages_seen=40), "a")
    assert groomer == 0.25
    # full_share = 0 keeps the count-only judgement
    count_only = rep(family, full_share=0.0)
    assert (
        family_extent(count_only, SessionState(watermark=0, family=2, messages_seen=40), "a") == 1.0
    )
    # by sender: the older candidate's own family talk counts fully, the target's by half
    by_sender = rep(family, by_sender=True, target_weight=0.5)
    speaker = {"adult": (0, 10), "kid": (0, 10)}
    grandma = SessionState(watermark=0, family=4, family_by={"adult": 4}, speaker=speaker)
    assert family_extent(by_sender, grandma, "adult", "kid") == 1.0
    answers = SessionState(watermark=0, family=2, family_by={"kid": 2}, speaker=speaker)
    # count 0.5 * 2 = 1: min(1, 1 / 2) * min(1, (1 / 20) / 0.2) = 0.5 * 0.25
    assert family_extent(by_sender, answers, "adult", "kid") == 0.125


def test_a_groomer_mentioning_parents_is_not_damped_like_a_family(config: TiplineConfig) -> None:
    chat = [("adult", "how was your day"), ("kid", "good, played games")] * 10
    parents = [
        ("adult", "is your mom strict"),
        ("kid", "my mom and dad are at work till late"),
    ]
    lines = [*chat[:10], *parents, *chat[10:], *GROOMING]
    by_share = _variant(config, family_full_share=0.2)
    by_count = _variant(config, family_full_share=0.0)
    shared, _ = run(by_share, lines)
    counted, _ = run(by_count, lines)
    assert counted.family >= 1
    assert shared.score > counted.score
    # a grandmother's chat, family talk throughout, stays held back and damped
    family_chat = [
        ("adult", "hi sweetie its grandma, dinner is ready at 6"),
        ("kid", "ok grandma love you"),
        ("adult", "tell your mom i will pick you up from school"),
        ("kid", "mom says thanks grandma"),
        ("adult", "dont tell your mom but i sent you robux"),
        ("adult", "are you home alone? lock the door"),
        ("kid", "yes grandma, dad is coming home soon"),
    ]
    state, verdicts = run(by_share, family_chat, ages={"adult": 67, "kid": 12})
    assert state.family / state.messages_seen >= 0.2
    assert all(v.level == "none" for v in verdicts)


def test_a_weak_adult_reading_repeated_over_a_long_chat_is_not_certainty(
    config: TiplineConfig,
) -> None:
    from tipline.operators.grooming.relation import adult_probability, pooled_text

    rep = msgspec.structs.replace
    g = config.grooming
    sqrt = rep(g, people=rep(g.people, text_pooling="sqrt", text_weight=1.0, conflict_text=1.5))
    summed = rep(g, people=rep(g.people, text_pooling="sum", text_weight=0.35, conflict_text=1.5))
    teen = (0, 13, None, None)  # declared 13
    chatty = (2 * 64, 64)  # 64 messages, each read a little adult (logit 0.25)
    assert pooled_text(sqrt.people, chatty) == 2.0  # 16 / sqrt(64)
    assert pooled_text(summed.people, chatty) == 16.0
    # a short chat weighs as summed (1 / sqrt(text_pool_floor) per message)
    assert pooled_text(sqrt.people, (16, 2)) == 2.0 / math.sqrt(sqrt.people.text_pool_floor)
    p_sum, conflict_sum = adult_probability(summed, teen, chatty)
    assert conflict_sum and p_sum >= 0.9  # summed: the teen becomes an "adult posing as a peer"
    p_sqrt, conflict_sqrt = adult_probability(sqrt, (0, 13, None, None), (2 * 16, 16))
    assert not conflict_sqrt and p_sqrt < 0.5  # pooled: he stays a teen
    poser = (12 * 16, 16)  # an adult claiming 13 whose every message reads adult (logit 1.5)
    p_poser, conflict_poser = adult_probability(sqrt, teen, poser)
    assert conflict_poser and p_poser >= 0.9


def test_two_teens_who_read_alike_are_not_an_adult_minor_pair(config: TiplineConfig) -> None:
    """The relative reading (``people.relative_margin``): who reads older than whom, not how old."""
    from tipline.operators.grooming.relation import adult_probability, relate_soft, relative_text

    rep = msgspec.structs.replace
    g = config.grooming
    on = rep(g, people=rep(g.people, relative_margin=0.7))
    off = rep(g, people=rep(g.people, relative_margin=None))
    # a chatty teen whose 20 messages read a little adult (mean logit 0.5) to a friend
    # whose 20 read a little younger (mean 0.0): an author's register, not an age gap
    teen, friend = (4 * 20, 20), (0, 20)
    # a groomer (mean 1.0) to a child (mean -0.75): a clear gap
    groomer, child = (8 * 20, 20), (-6 * 20, 20)
    assert relative_text(on.people, teen, friend) < 0.0 < relative_text(on.people, groomer, child)
    assert relative_text(off.people, teen, friend) == math.inf
    p_off = adult_probability(off, None, teen, other=friend)[0]
    p_on = adult_probability(on, None, teen, other=friend)[0]
    assert p_off > 0.8 and p_on < 0.5
    assert adult_probability(on, None, groomer, other=child)[0] >= 0.95
    peers = relate_soft(on, (None, teen), (None, friend))
    grooming = relate_soft(on, (None, groomer), (None, child))
    assert peers.name != "adult-minor" and grooming.name == "adult-minor"
    assert grooming.factor > 2 * peers.factor
    # a declared adult stays an adult whatever the reading
    assert adult_probability(on, (0, 35, None, None), teen, other=friend)[0] >= 0.95


def test_the_relative_reading_leaves_a_silent_target_alone(config: TiplineConfig) -> None:
    from tipline.operators.grooming.relation import adult_probability

    rep = msgspec.structs.replace
    g = config.grooming
    on = rep(g, people=rep(g.people, relative_margin=0.7))
    reads_adult = (8 * 10, 10)
    assert adult_probability(on, None, reads_adult, other=(0, 0)) == adult_probability(
        on, None, reads_adult
    )


def test_an_adult_describing_the_childs_age_stays_the_adult(scorer: Scorer) -> None:
    """'You talk like a 13 yr old' / 'you're turning 12' are not the sender's own age."""
    lines = [
        ("adult", "you dont talk like a 13 yr old at all"),
        ("kid", "lol thanks"),
        ("adult", "what do you want for your birthday, you're turning 12 right"),
    ]
    state, _ = run(scorer, lines, ages={})
    assert "adult" not in state.people or state.people["adult"][2:] == (None, None)
