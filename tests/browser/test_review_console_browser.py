"""The review console in a real headless Chromium, over a replayed vault and the real services.

``tipline review serve`` runs as a subprocess on a free loopback port, with
the users file of ``tipline review add-user`` and the case service over a
vault that ``tipline replay`` filled. The browser (Debian's chromium, driven
by Playwright's Python package; no downloaded browser) logs in, opens a
hash-match case, reveals one image, classifies it and approves the draft;
then shows a second draft's text and rejects it, dismisses a review case, and
claims, parks and escalates another. Each step is
asserted on the page DOM and on the package's custody log. No script runs on
the pages: the CSP forbids it and the test checks no CSP violation is
reported.

With ``TIPLINE_SCREENSHOT_DIR`` set, the case page (media blurred) is saved
there as ``review-console.png`` (the README's screenshot is made this way);
a normal run writes nothing outside its temporary folder.
"""

from __future__ import annotations

import io
import os
import queue
import re
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from html import unescape as html_unescape
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.world import PASSWORD, REPO, World, build_world
from tests.unit.evidence.evidence_helpers import with_roles
from tipline.schemas.config import load_config
from tipline.services.cases import CaseService
from tipline.services.evidence import EvidenceService, build_evidence_service

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="Debian's chromium is missing (deploy/test.sh: apt-get install chromium)",
    ),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("console"))


@pytest.fixture(scope="module")
def services(world: World) -> tuple[CaseService, EvidenceService]:
    cfg = load_config(world.config)
    evidence = with_roles(build_evidence_service(cfg.evidence, env={}))
    return CaseService(cfg, evidence=evidence), evidence


@pytest.fixture(scope="module")
def server(world: World, services: tuple[CaseService, EvidenceService]) -> Iterator[str]:
    # the console reads the signed role policy at start: `services` signs it first
    env = {k: v for k, v in os.environ.items() if k != "TIPLINE_OPERATOR"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tipline.cli.main", "review", "serve", "--config",
         str(world.config), "--users", str(world.users), "--port", "0"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()  # type: ignore[union-attr]
    try:
        first = lines.get(timeout=60)
    except queue.Empty:
        proc.kill()
        pytest.fail("tipline review serve printed nothing in 60 s")
    match = re.search(r"(http://127\.0\.0\.1:\d+)/", first)
    if match is None:
        proc.kill()
        _, err = proc.communicate(timeout=10)
        pytest.fail(f"unexpected first line {first!r}; stderr: {err[-2000:]}")
    yield match.group(1)
    proc.terminate()
    proc.communicate(timeout=30)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=LAUNCH_ARGS,
            viewport={"width": 1360, "height": 1000},
        )
        yield context
        context.close()


def _login(page: object, base: str, name: str = "rita") -> None:
    page.goto(f"{base}/login")  # type: ignore[attr-defined]
    page.fill("input[name=username]", name)  # type: ignore[attr-defined]
    page.fill("input[name=password]", PASSWORD)  # type: ignore[attr-defined]
    page.click("#login")  # type: ignore[attr-defined]
    page.wait_for_selector("table.queue")  # type: ignore[attr-defined]


def _actions(evidence: EvidenceService, package_id: str) -> list[tuple[str, str, str]]:
    return [(e.action, e.operator, e.reason or "") for e in evidence.custody_log(package_id)]


def test_reviewer_takes_cases_to_approved_rejected_and_dismissed(
    server: str, browser: object, services: tuple[CaseService, EvidenceService]
) -> None:
    cases, evidence = services
    page = browser.new_page()  # type: ignore[attr-defined]
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )

    # Not logged in: every page leads to the login form.
    response = page.goto(f"{server}/")
    assert page.url.endswith("/login")
    headers = response.all_headers()
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    _login(page, server)

    # The queue: every open case, soonest deadline first, with a countdown.
    now = datetime.now(UTC)
    expected = [c.case_id for c in cases.queue(now)]
    shown = page.eval_on_selector_all("tr.case-row", "rows => rows.map(r => r.dataset.case)")
    assert shown == expected
    assert len(shown) >= 5
    assert page.locator("tr.case-row .countdown").count() == len(shown)
    assert re.search(r"\d+h \d\dm left", page.inner_text("table.queue"))

    hash_cases = [c for c in cases.queue(now) if any(r.startswith("hash:") for r in c.reasons)]
    review_cases = [c for c in cases.queue(now) if c.kind == "review"]
    assert len(hash_cases) >= 2
    assert len(review_cases) >= 2
    first, second = hash_cases[0], hash_cases[1]

    # Case page: the timeline with the trigger highlighted, media blurred.
    page.click(f"tr.case-row[data-case='{first.case_id}'] a.open")
    page.wait_for_selector("ol.timeline")
    assert page.locator("li.msg.trigger").count() == 1
    assert "trigger" in page.inner_text("li.msg.trigger .msg-head")
    assert page.locator("li.msg.following").count() >= 1
    # signals show on every message they hit, the following ones too
    assert page.locator("li.msg.following .cue").count() >= 1
    assert page.locator("li.msg .text").count() == 0  # no text before a logged reveal
    blurred = page.locator("img.blurred")
    assert blurred.count() == 1
    blurred.evaluate("img => img.decode()")  # resolves once the rendition has loaded
    assert blurred.evaluate("img => img.naturalWidth") > 0
    assert page.locator("img.revealed").count() == 0
    shots = os.environ.get("TIPLINE_SCREENSHOT_DIR")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(shots) / "review-console.png"), full_page=True)
    item_id = (
        cases.detail(first.case_id, reviewer="rita", reason="test", now=now, reveal_text=False)
        .media[0]
        .item_id
    )
    before = _actions(evidence, first.package_id or first.case_id)
    # What the browser got is a greyscale PNG, smaller than and different from the original.
    shown_png = page.request.get(f"{server}/case/{first.case_id}/media/{item_id}/preview")
    assert shown_png.headers["content-type"] == "image/png"
    assert shown_png.headers["cache-control"] == "no-store"
    with Image.open(io.BytesIO(shown_png.body())) as img:
        assert img.mode == "L"
        low, high = img.getextrema()
        assert high - low < 200  # blurred: no full-range edges left

    # Reveal one image: the original appears, and the custody log says who, when, why.
    page.fill(f"#media-{item_id} input[name=reason]", f"browser test {first.case_id}")
    page.click(f"#media-{item_id} button.reveal")
    page.wait_for_selector("img.revealed")
    src = page.get_attribute("img.revealed", "src") or ""
    assert src.startswith("data:image/png;base64,")
    after = _actions(evidence, first.package_id or first.case_id)
    assert ("viewed", "rita", f"browser test {first.case_id}") in after[len(before) :]
    # The blurred rendition was logged as a preview, which is not a view of the file.
    assert ("previewed", "rita", "blurred greyscale preview") in before
    assert not [a for a in before if a[0] == "viewed"]

    # Classify it (B2), then approve the draft.
    page.select_option(f"#media-{item_id} select[name=classification]", "B2")
    page.click(f"#media-{item_id} button.classify-btn")
    page.wait_for_selector("p.flash")
    assert f"classified {item_id} as B2" in page.inner_text("p.flash")
    assert "current: B2" in page.inner_text(f"#media-{item_id} .current")
    assert page.locator("img.revealed").count() == 0  # blurred again after the reveal
    page.click("#do-approve")
    page.wait_for_selector("p.flash")
    assert page.inner_text("#status") == "approved"
    assert "case is now approved" in page.inner_text("p.flash")

    # Second draft: show the text (logged), then reject with a reason.
    page.goto(f"{server}/case/{second.case_id}")
    assert page.locator("li.msg .text").count() == 0
    page.fill("form.reveal-form input[name=reason]", f"text {second.case_id}")
    page.click("#reveal-text")
    page.wait_for_selector("p.logged")
    assert page.locator("li.msg .text").count() >= 2
    assert page.locator("li.msg.trigger .text").count() == 1
    texts = _actions(evidence, second.package_id or second.case_id)
    assert ("viewed", "rita", f"text {second.case_id}") in texts
    page.fill("#reason-reject", "false positive: test image")
    page.click("#do-reject")
    page.wait_for_selector("p.flash")
    assert page.inner_text("#status") == "rejected"

    # A review case: dismiss with a reason.
    review = review_cases[0]
    page.goto(f"{server}/case/{review.case_id}")
    page.fill("#reason-dismiss", "benign: siblings")
    page.click("#do-dismiss")
    page.wait_for_selector("p.flash")
    assert page.inner_text("#status") == "dismissed"

    # Another review case: claim, ask for context, then escalate it to a report draft.
    other = review_cases[1]
    page.goto(f"{server}/case/{other.case_id}")
    page.click("#do-claim")
    page.wait_for_selector("p.flash")
    assert page.inner_text("#status") == "claimed"
    assert "claimed by rita" in page.inner_text("p.meta")
    page.fill("#reason-request_context", "need the next day of messages")
    page.click("#do-request_context")
    page.wait_for_selector("p.flash")
    assert page.inner_text("#status") == "needs_context"
    page.fill("#reason-escalate", "adult-minor pair, secrecy")
    page.click("#do-escalate")
    page.wait_for_selector("p.flash")
    assert page.inner_text("#status") in {"escalated", "draft"}
    assert page.locator("#do-approve").count() == (page.inner_text("#status") == "draft")

    # The queue drops the closed cases; the approved draft waits there for submission.
    page.goto(f"{server}/")
    left = page.eval_on_selector_all("tr.case-row", "rows => rows.map(r => r.dataset.case)")
    row = page.inner_text(f"tr.case-row[data-case='{first.case_id}']")
    assert "approved" in row
    assert second.case_id not in left
    assert review.case_id not in left

    # The custody log of each package has the signed status changes.
    for summary, status in ((first, "approved"), (second, "rejected"), (review, "dismissed")):
        events = evidence.custody_log(summary.package_id or summary.case_id)
        changed = [e for e in events if e.action == "status_changed" and e.operator == "rita"]
        assert any(status in e.details.values() for e in changed), (status, changed)
    annotated = [
        e for e in evidence.custody_log(first.package_id or first.case_id)
        if e.action == "annotated" and e.details.get("classification") == "B2"
    ]  # fmt: skip
    assert annotated

    # Logging out ends the session.
    page.click("header form button")
    page.wait_for_selector("#login")
    page.goto(f"{server}/")
    assert page.url.endswith("/login")
    assert violations == []
    page.close()


def test_a_viewer_cannot_decide(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    _login(page, server, "vic")
    page.click("tr.case-row a.open >> nth=0")
    page.wait_for_selector("ol.timeline")
    status = page.inner_text("#status")
    button = page.locator("form.decision button").first
    button_id = button.get_attribute("id") or ""
    if page.locator(f"#{button_id}").locator("xpath=..").locator("input[name=reason]").count():
        page.fill(f"#reason-{button_id.removeprefix('do-')}", "trying")
    button.click()
    page.wait_for_selector("p.error")
    assert "lacks role 'reviewer'" in page.inner_text("p.error")
    assert page.inner_text("#status") == status
    page.close()


def test_serve_refuses_a_non_loopback_host(world: World) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tipline.cli.main", "review", "serve", "--config",
         str(world.config), "--users", str(world.users), "--host", "0.0.0.0", "--port", "0"],
        cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "not a loopback address" in result.stderr
    assert shutil.which("chromium") or Path(CHROMIUM).exists()


def test_static_page_command_runs_as_shown_and_writes_0600(
    world: World, services: tuple[CaseService, EvidenceService]
) -> None:
    """``reports html`` (offline page): the page's own reveal command works exactly as printed."""
    cases, evidence = services
    draft_id = next(c.case_id for c in cases.all_cases() if c.draft_id)
    env = {**{k: v for k, v in os.environ.items() if k != "TIPLINE_OPERATOR"}}
    base = [sys.executable, "-m", "tipline.cli.main"]
    work = world.root / "static-page"
    work.mkdir(exist_ok=True)
    first = subprocess.run(
        [*base, "reports", "--config", str(world.config), "html", draft_id, "--out", "plain.html"],
        cwd=work, capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    plain = (work / "plain.html").read_text()
    assert (work / "plain.html").stat().st_mode & 0o777 == 0o600
    assert "data:image" not in plain
    assert '<li class="msg trigger">' in plain
    shown = [
        html_unescape(c)
        for c in re.findall(r"<code>(tipline reports [^<]* --reveal [^<]*)</code>", plain)
    ]
    assert len(shown) == 1
    words = shlex.split(shown[0])
    before = len(evidence.custody_log(draft_id))
    result = subprocess.run(
        [*base, *words[1:]], cwd=work, capture_output=True, text=True, timeout=120,
        env={**env, "TIPLINE_OPERATOR": "rita"}, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = work / f"review-{draft_id}.html"
    assert out.stat().st_mode & 0o777 == 0o600
    page = out.read_text()
    assert "Text shown: this view is in the custody log." in page
    assert '<p class="text">' in page
    assert '"schema"' not in page
    viewed = [e for e in evidence.custody_log(draft_id)[before:] if e.action == "viewed"]
    assert viewed
    assert {e.operator for e in viewed} == {"rita"}
