"""The review console's web app (Flask + Jinja2 autoescape), served on loopback.

Routes (every POST carries the session's CSRF token):

``GET /login`` ``POST /login`` ``POST /logout``
``GET /`` — the queue, soonest deadline first, with countdowns.
``GET /case/<id>`` — the case page: timeline, media (blurred greyscale), decisions.
``POST /case/<id>/reveal-text`` — the same page with message text (custody-logged).
``GET /case/<id>/media/<item>/preview`` — a blurred greyscale PNG of one image.
``POST /case/<id>/media/<item>/reveal`` — the page with that one original shown
(custody-logged through the case service).
``POST /case/<id>/classify`` ``POST /case/<id>/annotate`` ``POST /case/<id>/decide``.

Security: sessions live in memory only (random 256-bit token in an HttpOnly,
SameSite=Strict cookie; Secure with ``secure_cookie``), a fresh token at
login, idle expiry; the Host header must be the bound loopback address (no
DNS rebinding); every response carries a CSP without scripts, nosniff,
no-referrer, frame-ancestors 'none' and ``Cache-Control: no-store``. Media and
text exist only in memory and in the response; nothing is written to disk.
Role checks and custody logging are the case service's (the console calls it
as the logged-in reviewer); the console shows its one-line errors.
"""

from __future__ import annotations

import base64
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from flask import Flask, Response, abort, g, redirect, render_template, request
from werkzeug.wrappers.response import Response as BaseResponse

from tipline.cli.review.backend import CaseBackend
from tipline.cli.review.media import blurred_greyscale, is_image
from tipline.cli.review.users import UserStore
from tipline.operators.report.review_page import countdown
from tipline.schemas.case import CLASSIFICATIONS, CaseSummary, Classification
from tipline.schemas.clock import SYSTEM_CLOCK
from tipline.schemas.errors import AccessDeniedError, TiplineError

COOKIE: Final = "tipline_review"
IDLE_TIMEOUT_S: Final = 30 * 60
MAX_FAILURES: Final = 5
LOCKOUT_S: Final = 60.0
PREVIEW_CACHE: Final = 256
VIEW_REASON: Final = "review console: case page (metadata)"

CSP: Final = (
    "default-src 'none'; img-src 'self' data:; style-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: Final = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

CLASSIFICATION_LABELS: Final = {
    "A1": "A1 — prepubescent minor, sex act",
    "A2": "A2 — prepubescent minor, lascivious exhibition",
    "B1": "B1 — pubescent minor, sex act",
    "B2": "B2 — pubescent minor, lascivious exhibition",
}

#: Decisions the console offers, by case status (the service stays the authority).
DECISIONS: Final[dict[str, tuple[str, ...]]] = {
    "open": ("claim", "dismiss", "escalate", "request_context"),
    "claimed": ("dismiss", "escalate", "request_context"),
    "needs_context": ("claim", "dismiss", "escalate", "request_context"),
    "draft": ("approve", "reject", "rebuild"),
    "approved": ("reject",),
    "failed": ("rebuild",),
}
NEEDS_REASON: Final = frozenset({"dismiss", "reject", "escalate", "request_context"})


@dataclass
class _Session:
    csrf: str
    user: str | None = None
    seen: float = field(default_factory=time.monotonic)
    flash: str | None = None


@dataclass
class ConsoleSettings:
    """How the console runs: roles per user, cookie flag and allowed Host values."""

    roles: dict[str, list[str]]
    secure_cookie: bool = False
    allowed_hosts: set[str] = field(default_factory=set)


class _State:
    """In-memory sessions, login throttling and the preview cache (never on disk).

    ``tipline review serve`` runs one request at a time; the app still keeps
    these tables consistent under a threaded server by taking ``lock``.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sessions: dict[str, _Session] = {}
        self.failures: dict[str, tuple[int, float]] = {}
        self.previews: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()

    def new_session(self, user: str | None = None) -> tuple[str, _Session]:
        token = secrets.token_urlsafe(32)
        session = _Session(csrf=secrets.token_urlsafe(32), user=user)
        with self.lock:
            self.sessions[token] = session
        return token, session

    def get(self, token: str | None) -> _Session | None:
        if not token:
            return None
        now = time.monotonic()
        with self.lock:
            session = self.sessions.get(token)
            if session is None or now - session.seen > IDLE_TIMEOUT_S:
                self.sessions.pop(token, None)
                return None
            session.seen = now
        return session

    def locked(self, name: str) -> bool:
        count, since = self.failures.get(name, (0, 0.0))
        return count >= MAX_FAILURES and time.monotonic() - since < LOCKOUT_S

    def failed(self, name: str) -> None:
        count, _ = self.failures.get(name, (0, 0.0))
        self.failures[name] = (count + 1, time.monotonic())

    def preview(self, key: tuple[str, str, str], make: Callable[[], bytes]) -> bytes:
        with self.lock:
            if key in self.previews:
                self.previews.move_to_end(key)
                return self.previews[key]
        data = make()
        with self.lock:
            self.previews[key] = data
            while len(self.previews) > PREVIEW_CACHE:
                self.previews.popitem(last=False)
        return data


def _fmt_time(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if value else "—"


def create_app(
    service: CaseBackend,
    users: UserStore,
    settings: ConsoleSettings,
    *,
    clock: Callable[[], datetime] = SYSTEM_CLOCK.now,
) -> Flask:
    """Build the console app over ``service`` (the real CaseService when served)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024  # forms only; nothing is uploaded
    app.config["MAX_FORM_MEMORY_SIZE"] = 64 * 1024
    app.jinja_env.autoescape = True
    app.jinja_env.filters["when"] = _fmt_time
    console = _Console(service, users, settings, clock)
    one_at_a_time = threading.Lock()

    def _enter() -> None:
        one_at_a_time.acquire()
        g.locked = True

    def _leave(_exc: BaseException | None) -> None:
        if g.pop("locked", False):
            one_at_a_time.release()

    # Requests run one at a time: the case service writes case and draft files
    # and the custody log, which must not interleave.
    app.before_request(_enter)
    app.teardown_request(_leave)
    app.before_request(console.guard)
    app.after_request(console.headers)
    for code in (400, 403, 404, 405, 413):
        app.register_error_handler(code, console.error)
    routes: list[tuple[str, str, Callable[..., BaseResponse], list[str]]] = [
        ("/login", "login", console.login, ["GET", "POST"]),
        ("/logout", "logout", console.logout, ["POST"]),
        ("/", "queue", console.queue, ["GET"]),
        ("/case/<case_id>", "case", console.case, ["GET"]),
        ("/case/<case_id>/reveal-text", "reveal_text", console.reveal_text, ["POST"]),
        ("/case/<case_id>/media/<item_id>/preview", "preview", console.preview, ["GET"]),
        ("/case/<case_id>/media/<item_id>/reveal", "reveal_media", console.reveal_media, ["POST"]),
        ("/case/<case_id>/classify", "classify", console.classify, ["POST"]),
        ("/case/<case_id>/annotate", "annotate", console.annotate, ["POST"]),
        ("/case/<case_id>/decide", "decide", console.decide, ["POST"]),
    ]
    for rule, endpoint, view, methods in routes:
        app.add_url_rule(rule, endpoint, view, methods=methods)
    return app


class _Console:
    """The view functions; the logged-in user is ``g.session.user``."""

    def __init__(
        self,
        service: CaseBackend,
        users: UserStore,
        settings: ConsoleSettings,
        clock: Callable[[], datetime],
    ) -> None:
        self.service = service
        self.users = users
        self.settings = settings
        self.clock = clock
        self.state = _State()

    # ------------------------------------------------------------ plumbing

    @property
    def user(self) -> str:
        session: _Session = g.session
        assert session.user is not None  # guard() lets only logged-in users here
        return session.user

    def render(self, template: str, status: int = 200, **ctx: Any) -> Response:
        session: _Session | None = g.get("session")
        user = session.user if session else None
        ctx.setdefault("user", user)
        ctx.setdefault("roles", self.settings.roles.get(user or "", []))
        ctx.setdefault("csrf", session.csrf if session else "")
        flash = session.flash if session else None
        if session is not None:
            session.flash = None
        body = render_template(template, flash=flash, **ctx)
        return Response(body, status=status, mimetype="text/html")

    def guard(self) -> BaseResponse | None:
        """Check the Host header, load the session, check CSRF, require a login."""
        if self.settings.allowed_hosts and request.host not in self.settings.allowed_hosts:
            abort(400)
        g.token = request.cookies.get(COOKIE)
        g.session = self.state.get(g.token)
        if request.method == "POST":
            sent = request.form.get("csrf", "")
            if g.session is None or not hmac.compare_digest(sent, g.session.csrf):
                abort(403)
        if request.endpoint in {"login", "static"}:
            return None
        if g.session is None or g.session.user is None:
            return redirect("/login", code=303)
        return None

    def headers(self, response: Response) -> Response:
        """Add the security headers (and the session cookie when it changed)."""
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
        token = g.get("set_cookie")
        if token is not None:
            response.set_cookie(
                COOKIE,
                token,
                httponly=True,
                samesite="Strict",
                secure=self.settings.secure_cookie,
                path="/",
            )
        elif g.get("clear_cookie"):
            response.delete_cookie(COOKIE, path="/", httponly=True, samesite="Strict")
        return response

    def error(self, exc: Any) -> Response:
        """Render an HTTP error as a page."""
        code = getattr(exc, "code", 400)
        return self.render("error.html", status=code, message=f"{code} {exc.name}")

    # ------------------------------------------------------------ login

    def login(self) -> BaseResponse:
        """Show the login form, or check a user name and password."""
        if request.method == "GET":
            if g.session is None:
                g.set_cookie, g.session = self.state.new_session()
            return self.render("login.html")
        name = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        if self.state.locked(name):
            return self.render("login.html", status=429, error="Too many attempts; wait a minute.")
        if not self.users.verify(name, password) or name not in self.settings.roles:
            self.state.failed(name)
            return self.render("login.html", status=401, error="Wrong user name or password.")
        self.state.failures.pop(name, None)
        self.state.sessions.pop(g.token or "", None)
        g.set_cookie, g.session = self.state.new_session(user=name)
        return redirect("/", code=303)

    def logout(self) -> BaseResponse:
        """End the session."""
        self.state.sessions.pop(g.token or "", None)
        g.session, g.clear_cookie = None, True
        return redirect("/login", code=303)

    # ------------------------------------------------------------ pages

    def queue(self) -> Response:
        """Show the open cases, soonest deadline first, with countdowns."""
        now = self.clock()
        cases = sorted(self.service.queue(now), key=lambda c: (c.deadline, c.case_id))
        rows = [(c, *countdown(c.deadline, now)) for c in cases]
        return self.render("queue.html", rows=rows, now=now)

    def case_page(
        self,
        case_id: str,
        *,
        reveal_text: bool = False,
        reason: str = VIEW_REASON,
        revealed: dict[str, str] | None = None,
        status: int = 200,
        error: str | None = None,
    ) -> Response:
        now = self.clock()
        detail = self.service.detail(
            case_id, reviewer=self.user, reason=reason, now=now, reveal_text=reveal_text
        )
        left, cls = countdown(detail.summary.deadline, now)
        return self.render(
            "case.html",
            status=status,
            d=detail,
            s=detail.summary,
            left=left,
            deadline_class=cls,
            revealed=revealed or {},
            text_revealed=reveal_text,
            decisions=DECISIONS.get(detail.summary.status, ()),
            needs_reason=NEEDS_REASON,
            classifications=CLASSIFICATIONS,
            classification_labels=CLASSIFICATION_LABELS,
            is_image=is_image,
            error=error,
        )

    def guarded(self, case_id: str, action: Callable[[], BaseResponse]) -> BaseResponse:
        try:
            return action()
        except AccessDeniedError as exc:
            return self.retry_page(case_id, str(exc), 403)
        except TiplineError as exc:
            return self.retry_page(case_id, str(exc), 409)

    def retry_page(self, case_id: str, message: str, status: int) -> Response:
        try:
            return self.case_page(case_id, status=status, error=message)
        except TiplineError:
            return self.render("error.html", status=status, message=message)

    def done(self, case_id: str, message: str) -> BaseResponse:
        g.session.flash = message
        return redirect(f"/case/{case_id}", code=303)

    def case(self, case_id: str) -> BaseResponse:
        """Show the case page: timeline without text, media blurred, decisions."""
        return self.guarded(case_id, lambda: self.case_page(case_id))

    def reveal_text(self, case_id: str) -> BaseResponse:
        """Show the case page with message text (the service logs the view)."""
        reason = request.form.get("reason", "").strip()
        if not reason:
            return self.retry_page(case_id, "a reason (case reference) is required to reveal", 400)
        return self.guarded(
            case_id, lambda: self.case_page(case_id, reveal_text=True, reason=reason)
        )

    def preview(self, case_id: str, item_id: str) -> BaseResponse:
        """Serve a blurred greyscale PNG of one image (made in memory)."""
        user = self.user

        def make() -> bytes:
            data = self.service.preview_media(case_id, item_id, reviewer=user, now=self.clock())
            return blurred_greyscale(data)

        try:
            png = self.state.preview((user, case_id, item_id), make)
        except AccessDeniedError:
            abort(403)
        except TiplineError:
            abort(404)
        return Response(png, mimetype="image/png")

    def reveal_media(self, case_id: str, item_id: str) -> BaseResponse:
        """Show the case page with one original image (the service logs the view)."""
        reason = request.form.get("reason", "").strip()
        if not reason:
            return self.retry_page(case_id, "a reason (case reference) is required to reveal", 400)

        def action() -> Response:
            detail = self.service.detail(
                case_id, reviewer=self.user, reason=VIEW_REASON, now=self.clock(),
                reveal_text=False,
            )  # fmt: skip
            kind = {m.item_id: m.media_type for m in detail.media}.get(item_id)
            if kind is None or not is_image(kind):
                return self.retry_page(case_id, f"no image {item_id!r} in this case", 404)
            data = self.service.reveal_media(
                case_id, item_id, reviewer=self.user, reason=reason, now=self.clock()
            )
            uri = f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
            return self.case_page(case_id, revealed={item_id: uri})

        return self.guarded(case_id, action)

    # ------------------------------------------------------------ changes

    def classify(self, case_id: str) -> BaseResponse:
        """Record one file's industry classification."""
        item_id = request.form.get("item_id", "")
        value = request.form.get("classification", "")
        if value not in CLASSIFICATIONS:
            return self.retry_page(case_id, "choose A1, A2, B1 or B2", 400)
        chosen: Classification = value  # type: ignore[assignment]

        def action() -> BaseResponse:
            self.service.classify(
                case_id, item_id, reviewer=self.user, classification=chosen, now=self.clock()
            )
            return self.done(case_id, f"classified {item_id} as {value}")

        return self.guarded(case_id, action)

    def annotate(self, case_id: str) -> BaseResponse:
        """Add a reviewer note."""
        note = request.form.get("note", "").strip()
        if not note:
            return self.retry_page(case_id, "an annotation cannot be empty", 400)

        def action() -> BaseResponse:
            self.service.annotate(case_id, reviewer=self.user, note=note, now=self.clock())
            return self.done(case_id, "annotation added")

        return self.guarded(case_id, action)

    def decide(self, case_id: str) -> BaseResponse:
        """Apply one decision (claim, dismiss, escalate, request context, approve, …)."""
        name = request.form.get("action", "")
        reason = request.form.get("reason", "").strip()
        if name not in {a for acts in DECISIONS.values() for a in acts}:
            return self.retry_page(case_id, f"unknown decision {name!r}", 400)
        if name in NEEDS_REASON and not reason:
            return self.retry_page(case_id, f"{name.replace('_', ' ')} needs a reason", 400)

        def action() -> BaseResponse:
            summary = _apply(
                self.service, name, case_id, user=self.user, reason=reason, now=self.clock()
            )
            return self.done(case_id, f"{name.replace('_', ' ')}: case is now {summary.status}")

        return self.guarded(case_id, action)


def _apply(
    service: CaseBackend, action: str, case_id: str, *, user: str, reason: str, now: datetime
) -> CaseSummary:
    calls: dict[str, Callable[[], CaseSummary]] = {
        "claim": lambda: service.claim(case_id, reviewer=user, now=now),
        "dismiss": lambda: service.dismiss(case_id, reviewer=user, reason=reason, now=now),
        "escalate": lambda: service.escalate(case_id, reviewer=user, reason=reason, now=now),
        "request_context": lambda: service.request_context(
            case_id, reviewer=user, note=reason, now=now
        ),
        "approve": lambda: service.approve(case_id, reviewer=user, now=now),
        "reject": lambda: service.reject(case_id, reviewer=user, reason=reason, now=now),
        "rebuild": lambda: service.rebuild(case_id, reviewer=user, now=now),
    }
    return calls[action]()
