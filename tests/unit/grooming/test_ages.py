from __future__ import annotations

import pytest

from tipline.operators.grooming import Scorer
from tipline.operators.grooming.ages import extract_age
from tipline.operators.grooming.normalise import normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("im 13", (13, 13)),
        ("I am only 12 lol", (12, 12)),
        ("14 f here", (14, 14)),
        ("im 15 years old", (15, 15)),
        ("13yo", (13, 13)),
        ("im almost 14", (13, 13)),
        ("i am thirteen", (13, 13)),
        ("im in 8th grade", (13, 14)),
        ("in the seventh grade rn", (12, 13)),
        ("im in year 9", (13, 14)),
        ("im still in middle school", (11, 14)),
        ("im 34 and a dad", (34, 34)),
    ],
)
def test_disclosures(scorer: Scorer, raw: str, expected: tuple[int, int]) -> None:
    assert extract_age(normalise(raw, scorer.normaliser), 6, 99) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "are you 13?",
        "how old r u",
        "im 5 minutes away",
        "i am 20 miles from there",
        "im 2 tired",
        "it costs 15 dollars",
        "see you at 7 pm",
        "i am 150",
        "",
    ],
)
def test_not_disclosures(scorer: Scorer, raw: str) -> None:
    assert extract_age(normalise(raw, scorer.normaliser), 6, 99) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("turning 14 next month", (13, 13)),
        ("8th grade", (13, 14)),
        ("im a freshman", (14, 15)),
        ("year 9", (13, 14)),
        ("i turn 15 in may", (14, 14)),
        ("im in college", (18, 22)),
    ],
)
def test_grades_turning_and_school_years(
    scorer: Scorer, raw: str, expected: tuple[int, int]
) -> None:
    assert extract_age(normalise(raw, scorer.normaliser), 6, 99) == expected


@pytest.mark.parametrize("raw", ["my sister is in 8th grade", "ill be 10 minutes", "turning 5 pm"])
def test_third_person_grades_and_times_are_not_ages(scorer: Scorer, raw: str) -> None:
    assert extract_age(normalise(raw, scorer.normaliser), 6, 99) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("i am in 10th", (15, 16)),
        ("in 9th lol", (14, 15)),
        ("grade 8", (13, 14)),
        ("i just started 8th grade", (13, 14)),
        ("im almost 14", (13, 13)),
    ],
)
def test_grades_without_the_word_grade_or_without_in(
    scorer: Scorer, raw: str, expected: tuple[int, int]
) -> None:
    assert extract_age(normalise(raw, scorer.normaliser), 6, 99) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "you dont talk like a 13 yr old at all",  # about the other person
        "what do you want for your birthday, you're turning 12",
        "my 15 year old is at practice",  # the sender's child
        "when i was 10 years old we lived there",  # the past
        "i teach 8th grade",  # a teacher, not a pupil
        "im 3rd place on the ladder",
    ],
)
def test_someone_elses_or_a_past_age_is_not_the_senders(scorer: Scorer, raw: str) -> None:
    assert extract_age(normalise(raw, scorer.normaliser), 6, 99) is None
