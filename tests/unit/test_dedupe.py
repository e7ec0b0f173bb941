"""The bounded memory of recent ids (job session step and lake feed)."""

from __future__ import annotations

from tipline.sinks.dedupe import seen_before


def test_a_repeated_id_is_seen_and_the_oldest_is_forgotten_beyond_the_limit() -> None:
    seen: dict[str, None] = {}
    assert [seen_before(seen, k, 3) for k in "abca"] == [False, False, False, True]
    assert not seen_before(seen, "d", 3)  # "a" is now the oldest and goes
    assert list(seen) == ["b", "c", "d"]
    assert not seen_before(seen, "a", 3)  # forgotten: passes again


def test_limit_zero_remembers_nothing() -> None:
    seen: dict[str, None] = {}
    assert not seen_before(seen, "a", 0)
    assert not seen_before(seen, "a", 0)
    assert seen == {}
