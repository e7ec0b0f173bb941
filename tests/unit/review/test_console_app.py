"""The review console's request handling, over an in-memory case service.

Covers login, sessions and CSRF, the security headers, autoescaping, the
queue order, media (blurred greyscale by default, original only after a
logged reveal) and the decisions. The real service and a real browser are in
tests/e2e/test_review_console_browser.py.
"""

from __future__ import annotations

import io
import re
import stat
from html import unescape
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from PIL import Image

from tests.unit.review.fake_cases import T0, FakeCaseService
from tipline.cli.review.app import COOKIE, CSP, ConsoleSettings, create_app
from tipline.cli.review.users import UserStore, add_user

PASSWORD = "correct horse battery"


@pytest.fixture
def users(tmp_path: Path) -> UserStore:
    path = tmp_path / "users"
    add_user(path, "rita", PASSWORD)
    add_user(path, "vera", PASSWORD)
    add_user(path, "nobody", PASSWORD)
    return UserStore.load(path)


@pytest.fixture
def service() -> FakeCaseService:
    return FakeCaseService(reviewers={"rita"})


@pytest.fixture
def client(service: FakeCaseService, users: UserStore) -> FlaskClient:
    settings = ConsoleSettings(
        roles={"rita": ["reviewer", "viewer"], "vera": ["viewer"]},
        allowed_hosts={"127.0.0.1:9999", "localhost:9999"},
    )
    app = create_app(service, users, settings, clock=lambda: T0)
    return app.test_client()


BASE = "http://127.0.0.1:9999"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def login(client: FlaskClient, name: str = "rita", password: str = PASSWORD) -> str:
    page = client.get("/login", base_url=BASE).get_data(as_text=True)
    response = client.post(
        "/login",
        data={"csrf": csrf_of(page), "username": name, "password": password},
        base_url=BASE,
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    return csrf_of(client.get("/", base_url=BASE).get_data(as_text=True))


def test_pages_need_a_login(client: FlaskClient) -> None:
    for path in ("/", "/case/r1", "/case/r1/media/att-1/preview"):
        response = client.get(path, base_url=BASE)
        assert response.status_code == 303
        assert response.headers["Location"].endswith("/login")


def test_login_sets_a_strict_httponly_cookie_and_rotates_it(client: FlaskClient) -> None:
    first = client.get("/login", base_url=BASE)
    before = client.get_cookie(COOKIE, domain="127.0.0.1")
    assert before is not None
    header = first.headers["Set-Cookie"]
    assert "HttpOnly" in header
    assert "SameSite=Strict" in header
    assert "Secure" not in header  # plain http on loopback; --secure-cookie behind TLS
    login(client)
    after = client.get_cookie(COOKIE, domain="127.0.0.1")
    assert after is not None
    assert after.value != before.value


def test_wrong_password_and_roleless_user_are_refused(client: FlaskClient) -> None:
    page = client.get("/login", base_url=BASE).get_data(as_text=True)
    token = csrf_of(page)
    bad = client.post(
        "/login", data={"csrf": token, "username": "rita", "password": "nope nope nope"},
        base_url=BASE,
    )  # fmt: skip
    assert bad.status_code == 401
    norole = client.post(
        "/login", data={"csrf": token, "username": "nobody", "password": PASSWORD},
        base_url=BASE,
    )  # fmt: skip
    assert norole.status_code == 401
    assert client.get("/", base_url=BASE).status_code == 303


def test_repeated_failures_lock_the_name(client: FlaskClient) -> None:
    token = csrf_of(client.get("/login", base_url=BASE).get_data(as_text=True))
    codes = [
        client.post(
            "/login", data={"csrf": token, "username": "rita", "password": "wrong wrong"},
            base_url=BASE,
        ).status_code
        for _ in range(6)
    ]  # fmt: skip
    assert codes == [401] * 5 + [429]


def test_every_post_needs_the_csrf_token(client: FlaskClient, service: FakeCaseService) -> None:
    login(client)
    response = client.post("/case/v1/decide", data={"action": "claim"}, base_url=BASE)
    assert response.status_code == 403
    forged = client.post(
        "/case/v1/decide", data={"action": "claim", "csrf": "x" * 43}, base_url=BASE
    )
    assert forged.status_code == 403
    assert service.cases["v1"].summary.status == "open"


def test_login_post_without_a_session_is_refused(client: FlaskClient) -> None:
    response = client.post(
        "/login", data={"csrf": "", "username": "rita", "password": PASSWORD}, base_url=BASE
    )
    assert response.status_code == 403


def test_foreign_host_header_is_refused(client: FlaskClient) -> None:
    assert client.get("/login", base_url="http://evil.example:9999").status_code == 400


def test_security_headers_on_every_page(client: FlaskClient) -> None:
    login(client)
    for path in ("/login", "/", "/case/r1", "/case/r1/media/att-1/preview", "/static/console.css"):
        response = client.get(path, base_url=BASE)
        headers = response.headers
        response.close()
        assert headers["Content-Security-Policy"] == CSP
        assert "default-src 'none'" in CSP
        assert "script-src" not in CSP  # no script may run at all
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["Cache-Control"] == "no-store"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_queue_is_sorted_by_deadline_with_countdowns(client: FlaskClient) -> None:
    login(client)
    html = client.get("/", base_url=BASE).get_data(as_text=True)
    order = re.findall(r'data-case="([^"]+)"', html)
    assert order == ["v2", "r1", "v1"]
    assert "OVERDUE by 2h 00m" in html
    assert "5h 00m left" in html
    assert "20h 00m left" in html


def test_case_page_timeline_and_hidden_text(client: FlaskClient, service: FakeCaseService) -> None:
    login(client)
    html = client.get("/case/v1", base_url=BASE).get_data(as_text=True)
    assert 'class="msg trigger"' in html
    assert 'class="msg following"' in html
    assert ">after the trigger<" in html
    assert html.count('<span class="cue">secrecy</span>') == 1
    assert html.count('<span class="cue">flattery</span>') == 2
    assert "keep it between us" not in html
    assert not [e for e in service.log if e[1] == "viewed"]


def test_revealed_text_is_escaped_and_logged(client: FlaskClient, service: FakeCaseService) -> None:
    token = login(client)
    response = client.post(
        "/case/v1/reveal-text", data={"csrf": token, "reason": "case v1 <b>"}, base_url=BASE
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt; keep it between us" in html
    assert "<script>" not in html
    assert ("v1", "viewed", "rita", "case v1 <b>") in service.log


def test_preview_is_blurred_greyscale_and_original_needs_a_logged_reveal(
    client: FlaskClient, service: FakeCaseService
) -> None:
    token = login(client)
    page = client.get("/case/r1", base_url=BASE).get_data(as_text=True)
    assert 'class="blurred"' in page
    assert "data:image/png;base64" not in page
    preview = client.get("/case/r1/media/att-1/preview", base_url=BASE)
    assert preview.mimetype == "image/png"
    img = Image.open(io.BytesIO(preview.data))
    assert img.mode == "L"
    # The white stripes of the original are blurred away: no pure white pixel is left.
    low, high = img.getextrema()
    assert high < 250
    assert high - low < 120
    assert [e for e in service.log if e[1] == "viewed"] == []
    assert ("r1", "previewed", "rita", "blurred greyscale preview") in service.log
    client.get("/case/r1/media/att-1/preview", base_url=BASE).close()
    assert len([e for e in service.log if e[1] == "previewed"]) == 1  # kept in memory
    shown = client.post(
        "/case/r1/media/att-1/reveal", data={"csrf": token, "reason": "case r1"}, base_url=BASE
    ).get_data(as_text=True)
    assert 'class="revealed"' in shown
    assert "data:image/png;base64," in shown
    assert ("r1", "viewed", "rita", "case r1") in service.log
    # the next page load is blurred again
    again = client.get("/case/r1", base_url=BASE).get_data(as_text=True)
    assert 'class="revealed"' not in again


def test_classify_annotate_and_approve(client: FlaskClient, service: FakeCaseService) -> None:
    token = login(client)
    response = client.post(
        "/case/r1/classify",
        data={"csrf": token, "item_id": "att-1", "classification": "B2"},
        base_url=BASE,
    )
    assert response.status_code == 303
    html = client.get("/case/r1", base_url=BASE).get_data(as_text=True)
    assert "classified att-1 as B2" in html
    assert "current: B2" in html
    bad = client.post(
        "/case/r1/classify",
        data={"csrf": token, "item_id": "att-1", "classification": "C9"},
        base_url=BASE,
    )
    assert bad.status_code == 400
    client.post("/case/r1/annotate", data={"csrf": token, "note": "<i>x</i>"}, base_url=BASE)
    html = client.get("/case/r1", base_url=BASE).get_data(as_text=True)
    assert "&lt;i&gt;x&lt;/i&gt;" in html
    done = client.post("/case/r1/decide", data={"csrf": token, "action": "approve"}, base_url=BASE)
    assert done.status_code == 303
    assert service.cases["r1"].summary.status == "approved"
    assert ("r1", "status_changed", "rita", "approved") in service.log


def test_dismiss_and_reject_need_a_reason(client: FlaskClient, service: FakeCaseService) -> None:
    token = login(client)
    for case, action in (("v1", "dismiss"), ("r1", "reject")):
        response = client.post(
            f"/case/{case}/decide", data={"csrf": token, "action": action}, base_url=BASE
        )
        assert response.status_code == 400
        assert "needs a reason" in response.get_data(as_text=True)
    client.post(
        "/case/v1/decide",
        data={"csrf": token, "action": "dismiss", "reason": "benign: siblings"},
        base_url=BASE,
    )
    assert service.cases["v1"].summary.status == "dismissed"


def test_bad_transition_and_missing_role_are_shown(
    client: FlaskClient, service: FakeCaseService
) -> None:
    token = login(client, "vera")
    denied = client.post("/case/v1/decide", data={"csrf": token, "action": "claim"}, base_url=BASE)
    assert denied.status_code == 403
    assert "lacks role" in denied.get_data(as_text=True)
    client.post("/logout", data={"csrf": token}, base_url=BASE)
    token = login(client, "rita")
    conflict = client.post(
        "/case/v1/decide", data={"csrf": token, "action": "approve"}, base_url=BASE
    )
    assert conflict.status_code == 409
    assert "cannot go from 'open' to 'approved'" in unescape(conflict.get_data(as_text=True))


def test_logout_ends_the_session(client: FlaskClient) -> None:
    token = login(client)
    client.post("/logout", data={"csrf": token}, base_url=BASE)
    assert client.get("/", base_url=BASE).status_code == 303


def test_users_file_is_0600_and_refused_when_readable(tmp_path: Path) -> None:
    path = tmp_path / "users"
    add_user(path, "rita", PASSWORD)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert PASSWORD not in text
    assert len([line for line in text.splitlines() if line.startswith("rita:scrypt$")]) == 1
    store = UserStore.load(path)
    assert store.verify("rita", PASSWORD)
    assert not store.verify("rita", PASSWORD + "x")
    assert not store.verify("ghost", PASSWORD)
    path.chmod(0o644)
    from tipline.schemas.errors import ConfigError

    with pytest.raises(ConfigError, match="must be 0600"):
        UserStore.load(path)


def test_same_password_gets_different_salts(tmp_path: Path) -> None:
    path = tmp_path / "users"
    add_user(path, "a", PASSWORD)
    add_user(path, "b", PASSWORD)
    hashes = [line.split(":", 1)[1] for line in path.read_text().splitlines()[1:]]
    assert len(set(hashes)) == 2


def test_server_never_spools_to_disk_and_binds_loopback(users: UserStore) -> None:
    from tipline.cli.commands.review import allowed_hosts, console_server, is_loopback

    app = create_app(FakeCaseService(), users, ConsoleSettings(roles={}))
    server = console_server(app, "127.0.0.1", 0)
    try:
        assert server.adj.outbuf_overflow >= 1 << 40  # a revealed original stays in memory
        assert server.adj.inbuf_overflow >= 1 << 40
        assert server.adj.max_request_body_size == 64 * 1024
        assert server.effective_host == "127.0.0.1"
    finally:
        server.close()
    assert is_loopback("127.0.0.1")
    assert is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("192.168.1.5")
    assert allowed_hosts("127.0.0.1", 8765) == {"127.0.0.1:8765", "localhost:8765"}
    assert allowed_hosts("::1", 8765) == {"[::1]:8765", "localhost:8765"}


def test_large_form_posts_are_refused(client: FlaskClient) -> None:
    token = login(client)
    response = client.post(
        "/case/r1/annotate", data={"csrf": token, "note": "x" * 100_000}, base_url=BASE
    )
    assert response.status_code == 413


def test_add_user_command_reads_the_password_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tipline.cli.main import main

    users = tmp_path / "sub" / "users"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    config = str(Path(__file__).resolve().parents[3] / "config" / "default.toml")
    code = main(["review", "add-user", "rita", "--users", str(users), "--password-stdin",
                 "--config", config])  # fmt: skip
    assert code == 0
    assert stat.S_IMODE(users.stat().st_mode) == 0o600
    assert UserStore.load(users).verify("rita", PASSWORD)
    captured = capsys.readouterr()
    assert "saved (mode 0600)" in captured.out
    assert "has no roles" in captured.err  # rita is not in the demo config's operators
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["review", "add-user", "bob", "--users", str(users), "--password-stdin"]) == 2
    assert "password too short" in capsys.readouterr().err
