"""A draft that cannot be built stays visible and retryable (issue #13).

It is stored in status ``failed`` with the reason, ``tipline reports list``
shows it, a later successful build replaces it (the retry), and it can never
be submitted as it is. A draft that was built is never replaced.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.reports.builders import T0, csam_case, reports_cfg
from tipline.cli.main import main
from tipline.operators.report import build_draft, failed_draft
from tipline.schemas.errors import ReportError
from tipline.sinks.drafts import DraftsSink


def _config(tmp: Path) -> Path:
    path = tmp / "config.toml"
    path.write_text(f'[reports]\npath = "{tmp / "reports"}"\n', encoding="utf-8")
    return path


def test_failed_draft_is_listed_and_a_retry_replaces_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    receipt, decision, event = csam_case()
    sink = DraftsSink(tmp_path / "reports")
    failed = failed_draft(
        receipt, decision, event, reports_cfg(), T0, reason="ReportError: <value> is invalid"
    )
    assert sink.write(failed)

    assert main(["reports", "--config", str(_config(tmp_path)), "list"]) == 0
    listing = capsys.readouterr().out
    assert receipt.package_id in listing
    assert "failed" in listing
    stored = sink.read(receipt.package_id)
    assert stored.status == "failed"
    assert stored.report_xml == ""
    assert stored.history[-1].note == "draft could not be built: ReportError: <value> is invalid"

    built = build_draft(receipt, decision, event, reports_cfg(), T0)
    assert sink.write(built)  # the retry replaces the failed build
    assert sink.read(receipt.package_id).status == "draft"
    assert not sink.write(failed)  # a built draft is never replaced


def test_failed_draft_cannot_be_submitted_as_it_is() -> None:
    from tipline.operators.report import validate_report_xml

    receipt, decision, event = csam_case()
    failed = failed_draft(receipt, decision, event, reports_cfg(), T0, reason="x")
    with pytest.raises(ReportError):
        validate_report_xml(failed.report_xml)
