"""CyberTipline submission: submit → upload per file → fileinfo → finish.

Entry point: :func:`submit_draft`. The evidence service is injected: an
``open_item`` callable reads an item's original bytes from the vault (and logs
the read in the custody log), an optional :class:`~tipline.operators.report.CustodyView`
refreshes who viewed each file, and ``on_finished`` places the 2258A(h)
one-year preservation hold once NCMEC has the report.

Invariants:
    * Every request is written to the draft's permanent submission log with
      its request id, response code and the exact XML sent, before the next
      request is made.
    * Recovery never resumes blindly. On start, a report id that was opened
      (``/submit`` answered 0) but neither finished nor retracted belongs to a
      crashed attempt: it is retracted and the report is submitted again from
      scratch. A log showing ``/finish`` answered 0 (or 5102) means NCMEC has
      the report: the draft is marked finished and the hold is placed.
    * An MD5 mismatch between NCMEC's receipt and our custody hash is a
      custody exception: the report is retracted and the draft fails.
    * A failure after ``/submit`` retracts the open report (best effort) and
      marks the draft ``failed``; ``submit`` can then be run again.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Final, Protocol

import msgspec

from tipline.clients.cybertipline import (
    ALREADY_FINISHED,
    ALREADY_RETRACTED,
    OK,
    ApiResponse,
    CyberTiplineClient,
    CyberTiplineError,
    TransportError,
)
from tipline.operators.report import CustodyView, render_file_details, validate_file_details_xml
from tipline.operators.report.xsd import validate_report_xml
from tipline.schemas.clock import SYSTEM_CLOCK, Clock
from tipline.schemas.errors import ReportError, SubmissionError, TiplineError
from tipline.schemas.report import (
    DraftStatus,
    FileDraft,
    ReportDraft,
    ReportsConfig,
    SubmissionAction,
    SubmissionLogEntry,
)
from tipline.sinks.drafts import DraftsSink

SUBMITTER: Final = "tipline-submitter"
SUBMITTABLE: Final = frozenset({"approved", "failed", "submitted", "retracted"})

OpenItem = Callable[[str, str], bytes]
"""``open_item(package_id, item_id) -> bytes``: original bytes, read through the vault."""

OnFinished = Callable[[str, str, datetime], None]
# (draft, new status, note): records a status change in the package's custody
# log before the draft file changes (the custody log is the authority).
OnStatus = Callable[[ReportDraft, DraftStatus, str], None]
"""``on_finished(package_id, ncmec_report_id, at)``: place the 2258A(h) preservation hold."""


class TiplineApi(Protocol):
    """What the submission needs from the CyberTipline client."""

    def submit(self, report_xml: str) -> ApiResponse: ...  # noqa: D102
    def upload(  # noqa: D102
        self, report_id: str, file_name: str, data: bytes, media_type: str
    ) -> ApiResponse: ...
    def fileinfo(self, file_details_xml: str) -> ApiResponse: ...  # noqa: D102
    def finish(self, report_id: str) -> ApiResponse: ...  # noqa: D102
    def retract(self, report_id: str) -> ApiResponse: ...  # noqa: D102


def client_from_env(cfg: ReportsConfig, env: Mapping[str, str]) -> CyberTiplineClient:
    """Build the client from config and the credential env vars it names (looked up in ``env``).

    Raises:
        ReportError: a credential variable is unset.

    """
    user = env.get(cfg.username_env, "")
    password = env.get(cfg.password_env, "")
    if not user or not password:
        msg = f"set {cfg.username_env} and {cfg.password_env} to submit to the CyberTipline"
        raise ReportError(msg)
    return CyberTiplineClient(
        cfg.api_base_url(),
        user,
        password,
        timeout_s=cfg.timeout_s,
        max_attempts=cfg.max_attempts,
        backoff_initial_s=cfg.backoff_initial_s,
        backoff_max_s=cfg.backoff_max_s,
    )


class _Submission:
    """One run of the submission state machine for one draft."""

    def __init__(
        self,
        sink: DraftsSink,
        api: TiplineApi,
        draft: ReportDraft,
        clock: Clock,
        *,
        on_status: OnStatus | None = None,
        actor: str = SUBMITTER,
    ) -> None:
        self.sink = sink
        self.api = api
        self.draft = draft
        self.clock = clock
        self.on_status = on_status
        self.actor = actor
        log = sink.read_log(draft.draft_id)
        self.attempt = max((e.attempt for e in log), default=0) + 1

    # ------------------------------------------------------------ logging

    def call(
        self,
        action: SubmissionAction,
        send: Callable[[], ApiResponse],
        *,
        report_id: str | None = None,
        xml: str | None = None,
        item_id: str | None = None,
        md5_ours: str | None = None,
    ) -> ApiResponse:
        """Make one request and log it (answer or transport failure) before returning."""
        base = SubmissionLogEntry(
            at=self.clock.now(),
            draft_id=self.draft.draft_id,
            attempt=self.attempt,
            action=action,
            request_id="",
            ncmec_report_id=report_id,
            item_id=item_id,
            md5_ours=md5_ours,
            request_xml=xml,
        )
        try:
            resp = send()
        except TransportError as exc:
            self.sink.append_log(
                msgspec.structs.replace(base, request_id=exc.request_id, error=str(exc))
            )
            raise
        self.sink.append_log(
            msgspec.structs.replace(
                base,
                at=self.clock.now(),
                request_id=resp.request_id,
                response_code=resp.response_code,
                http_status=resp.http_status,
                ncmec_report_id=resp.report_id or report_id,
                file_id=resp.file_id,
                md5_ncmec=resp.hash,
            )
        )
        return resp

    def transition(self, status: DraftStatus, note: str, report_id: str | None = None) -> None:
        if self.on_status is not None:
            self.on_status(self.draft, status, note)
        self.draft = self.sink.transition(
            self.draft.draft_id,
            status,
            actor=self.actor,
            at=self.clock.now(),
            note=note,
            ncmec_report_id=report_id,
        )

    # ------------------------------------------------------------ steps

    def retract(self, report_id: str) -> ApiResponse:
        return self.call("retract", lambda: self.api.retract(report_id), report_id=report_id)

    def submit(self) -> str:
        xml = self.draft.report_xml
        validate_report_xml(xml)
        resp = self.call("submit", lambda: self.api.submit(xml), xml=xml)
        _expect("submit", resp, ok=resp.report_id is not None)
        assert resp.report_id is not None  # checked by _expect; narrows the type
        self.transition("submitted", f"opened NCMEC report {resp.report_id}", resp.report_id)
        return resp.report_id

    def send_file(self, report_id: str, file: FileDraft, data: bytes) -> None:
        ours = hashlib.md5(data).hexdigest()  # noqa: S324 - NCMEC's receipt hash
        if ours != file.md5 or hashlib.sha256(data).hexdigest() != file.sha256:
            msg = f"custody exception: vault bytes of item {file.item_id!r} differ from the draft"
            raise SubmissionError(msg)
        media_type = file.media_type or "application/octet-stream"
        resp = self.call(
            "upload",
            lambda: self.api.upload(report_id, file.file_name, data, media_type),
            report_id=report_id,
            item_id=file.item_id,
            md5_ours=ours,
        )
        _expect("upload", resp, ok=resp.file_id is not None)
        assert resp.file_id is not None  # checked by _expect; narrows the type
        if (resp.hash or "").lower() != ours:
            msg = (
                f"custody exception: NCMEC's MD5 {resp.hash!r} of item {file.item_id!r}"
                f" differs from ours {ours!r} (request {resp.request_id})"
            )
            raise SubmissionError(msg)
        xml = render_file_details(file, report_id=report_id, file_id=resp.file_id)
        validate_file_details_xml(xml)
        info = self.call(
            "fileinfo",
            lambda: self.api.fileinfo(xml),
            report_id=report_id,
            xml=xml,
            item_id=file.item_id,
        )
        _expect("fileinfo", info)

    def finish(self, report_id: str) -> None:
        resp = self.call("finish", lambda: self.api.finish(report_id), report_id=report_id)
        _expect("finish", resp, codes=(OK, ALREADY_FINISHED))


def _expect(
    action: SubmissionAction,
    resp: ApiResponse,
    *,
    codes: tuple[int, ...] = (OK,),
    ok: bool = True,
) -> None:
    """Raise :class:`CyberTiplineError` unless ``resp`` has one of ``codes`` (and ``ok``)."""
    if resp.response_code not in codes or not ok:
        raise CyberTiplineError(action, resp)


def _open_reports(log: list[SubmissionLogEntry]) -> tuple[list[str], str | None]:
    """Return (report ids opened but not closed, a report id NCMEC finished)."""
    opened: list[str] = []
    closed: set[str] = set()
    finished: str | None = None
    for e in log:
        rid = e.ncmec_report_id
        if rid is None:
            continue
        if e.action == "submit" and e.response_code == OK:
            opened.append(rid)
        elif e.action == "finish" and e.response_code in (OK, ALREADY_FINISHED):
            closed.add(rid)
            finished = rid
        elif e.action == "retract" and e.response_code in (OK, ALREADY_RETRACTED):
            closed.add(rid)
    return [r for r in opened if r not in closed], finished


def _with_viewers(draft: ReportDraft, custody: CustodyView | None) -> list[FileDraft]:
    if custody is None:
        return list(draft.files)
    return [
        msgspec.structs.replace(f, viewed_by=custody.viewers(draft.package_id, f.item_id))
        for f in draft.files
    ]


def _recover(run: _Submission, on_finished: OnFinished) -> bool:
    """Close what a crashed attempt left open. Returns True if NCMEC already has the report."""
    unfinished, finished = _open_reports(run.sink.read_log(run.draft.draft_id))
    if finished is not None:
        _complete(run, finished, on_finished, "recovered: the log shows /finish succeeded")
        return True
    for report_id in unfinished:
        resp = run.retract(report_id)
        if resp.response_code == ALREADY_FINISHED:
            _complete(run, report_id, on_finished, "recovered: NCMEC says already finished")
            return True
        _expect("retract", resp, codes=(OK, ALREADY_RETRACTED))
        if run.draft.status in ("submitted", "failed"):
            run.transition("retracted", f"retracted unfinished report {report_id} after a crash")
    return False


def _complete(run: _Submission, report_id: str, on_finished: OnFinished, note: str) -> None:
    if run.draft.status != "finished":
        if run.draft.status != "submitted":
            run.transition("submitted", f"NCMEC report {report_id}", report_id)
        run.transition("finished", note, report_id)
    on_finished(run.draft.package_id, report_id, run.clock.now())


def _fail(run: _Submission, report_id: str | None, exc: TiplineError) -> None:
    if report_id is not None:
        # NCMEC deletes an unfinished report on its own; the next run retracts again
        with contextlib.suppress(SubmissionError):
            run.retract(report_id)
    if run.draft.status != "failed":
        run.transition("failed", f"{type(exc).__name__}: {exc}")


def submit_draft(
    draft_id: str,
    *,
    sink: DraftsSink,
    api: TiplineApi,
    open_item: OpenItem,
    on_finished: OnFinished,
    custody: CustodyView | None = None,
    clock: Clock = SYSTEM_CLOCK,
    on_status: OnStatus | None = None,
    actor: str = SUBMITTER,
) -> ReportDraft:
    """Submit one approved draft to the CyberTipline, recovering a crashed attempt first.

    Args:
        draft_id: the draft (evidence package) id.
        sink: the drafts directory (draft, history and submission log).
        api: the CyberTipline client.
        open_item: reads an item's original bytes through the vault.
        on_finished: places the preservation hold once the report is finished.
        custody: refreshes who viewed each file (``fileViewedByEsp``) before upload.
        clock: the current time (injected for tests).
        actor: who submits (the operator the CLI identified); in the custody log.
        on_status: records each status change (custody log) before the draft file.

    Returns:
        The draft in status ``finished``.

    Raises:
        ReportError: the draft is not approved or is missing required fields.
        SubmissionError: the endpoint refused a request or a custody check
            failed; the draft is then ``failed`` and the open report retracted.

    """
    draft = sink.checked(draft_id)  # a custody-backed store refuses a hand-edited status here
    if draft.status == "finished":
        return draft
    if draft.status not in SUBMITTABLE:
        msg = f"draft {draft_id!r} is {draft.status!r}; approve it before submitting"
        raise ReportError(msg)
    run = _Submission(sink, api, draft, clock, on_status=on_status, actor=actor)
    if _recover(run, on_finished):
        return run.draft
    report_id: str | None = None
    try:
        report_id = run.submit()
        for file in _with_viewers(run.draft, custody):
            run.send_file(report_id, file, open_item(run.draft.package_id, file.item_id))
        run.finish(report_id)
    except TiplineError as exc:
        _fail(run, report_id, exc)
        raise
    _complete(run, report_id, on_finished, f"NCMEC report {report_id} finished")
    return run.draft
