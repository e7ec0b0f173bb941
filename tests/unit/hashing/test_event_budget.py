"""An event's time budget in the matcher (mutation survivors of issue #19).

``Matcher.new_budget`` gives a deadline only with both a clock and a configured
event timeout; once it is spent only the first attachment is fetched; a fetch
gets at most the time left; a failed fetch is a verdict that names the attachment.
"""

from __future__ import annotations

from tipline.operators.hashing.catalog import LoadedList
from tipline.operators.hashing.matcher import Matcher
from tipline.operators.hashing.settings import EventBudget, MatchSettings
from tipline.schemas.errors import FetchError
from tipline.schemas.event import Attachment
from tipline.schemas.hashing import STATUS_EVENT_BUDGET, MediaNotFoundError


def _matcher(event_timeout_s: float | None) -> Matcher:
    settings = MatchSettings(
        max_bytes=1_000,
        max_pixels=1,
        fetch_timeout_s=1.0,
        thresholds={},
        event_timeout_s=event_timeout_s,
        event_max_pixels=7,
    )
    return Matcher([], settings, 1)


def test_a_budget_with_a_clock_and_a_timeout_ends_at_now_plus_the_timeout() -> None:
    budget = _matcher(0.25).new_budget(lambda: 100.0)
    assert budget.deadline == 100.25
    assert budget.pixels_left == 7
    assert budget.time_left() == 0.25


def test_no_clock_means_no_deadline_even_with_a_timeout() -> None:
    budget = _matcher(0.25).new_budget()
    assert budget.deadline is None
    assert budget.clock is None
    assert budget.time_left() is None
    assert budget.pixels_left == 7


def test_no_timeout_means_no_deadline_even_with_a_clock() -> None:
    budget = _matcher(None).new_budget(lambda: 100.0)
    assert budget.deadline is None
    assert budget.time_left() is None
    assert not budget.out_of_time()


class _Fetcher:
    def __init__(self, error: Exception | None = None) -> None:
        self.uris: list[str] = []
        self.timeouts: list[float] = []
        self._error = error

    def fetch(self, uri: str, max_bytes: int, timeout_s: float) -> bytes:
        self.uris.append(uri)
        self.timeouts.append(timeout_s)
        if self._error is not None:
            raise self._error
        return b"not an image"


def test_once_the_event_is_spent_only_its_first_attachment_is_fetched() -> None:
    now = [0.0]
    matcher = _matcher(0.5)
    budget = matcher.new_budget(lambda: now[0])
    fetcher = _Fetcher()
    lists = [
        LoadedList(source="known", path="k.csv", version="sha256:0a", indexes={}, max_distance={})
    ]
    now[0] = 10.0  # spent before the first attachment: that one is still worked on
    first = Attachment(attachment_id="a1", media_type="image/jpeg", uri="s3://media/1")
    second = Attachment(attachment_id="a2", media_type="image/png", uri="s3://media/2")
    v1, data1 = matcher.fetch_and_match(first, fetcher, lists, budget)
    v2, data2 = matcher.fetch_and_match(second, fetcher, lists, budget)
    assert fetcher.uris == ["s3://media/1"]
    assert data1 == b"not an image"
    assert v1.status != STATUS_EVENT_BUDGET
    assert (v1.attachment_id, v1.media_type) == ("a1", "image/jpeg")
    assert (v2.attachment_id, v2.status, v2.media_type) == ("a2", STATUS_EVENT_BUDGET, "image/png")
    assert v2.reason == "the event's time budget (event_timeout_s) was spent; not fetched"
    assert v2.list_versions == {"known": "sha256:0a"}
    assert data2 is None


def test_a_first_attachment_at_the_deadline_keeps_the_whole_fetch_timeout() -> None:
    # nothing left (0 s) does not shrink the first fetch's timeout to 0: the
    # first attachment is always worked on within its own limits
    matcher = _matcher(0.5)
    budget = matcher.new_budget(lambda: 3.0)
    budget.deadline = 3.0
    fetcher = _Fetcher()
    first = Attachment(attachment_id="a1", media_type="image/jpeg", uri="s3://media/1")
    matcher.fetch_and_match(first, fetcher, [], budget)
    assert fetcher.timeouts == [1.0]


def test_a_failed_fetch_is_a_verdict_that_names_the_attachment() -> None:
    matcher = _matcher(None)
    lists = [
        LoadedList(source="known", path="k.csv", version="sha256:0b", indexes={}, max_distance={})
    ]
    att = Attachment(attachment_id="a9", media_type="image/gif", uri="s3://media/9")
    verdict, data = matcher.fetch_and_match(att, _Fetcher(MediaNotFoundError("gone")), lists)
    assert (verdict.attachment_id, verdict.status, verdict.reason) == ("a9", "not_found", "gone")
    assert verdict.media_type == "image/gif"
    assert verdict.list_versions == {"known": "sha256:0b"}
    assert data is None
    plain, _ = matcher.fetch_and_match(att, _Fetcher(FetchError("no route")), lists)
    assert (plain.status, plain.reason) == ("fetch_failed", "no route")


def test_a_fetch_gets_at_most_the_event_s_remaining_time() -> None:
    """With 0.5 s of the event's budget left, a 5 s fetch timeout becomes 0.5 s
    (mutation survivor: ``left > 0`` → ``left > 1``)."""
    settings = MatchSettings(max_bytes=1000, max_pixels=1, fetch_timeout_s=5.0, thresholds={})
    matcher = Matcher([], settings, 1)
    fetcher = _Fetcher()
    attachment = Attachment(attachment_id="a", media_type="image/png", uri="s3://bucket/a.png")
    for left, want in [(0.5, 0.5), (3.0, 3.0), (9.0, 5.0)]:
        budget = EventBudget(deadline=100.0 + left, clock=lambda: 100.0)
        matcher.match_attachment(attachment, fetcher, [], budget)
        assert fetcher.timeouts[-1] == want
