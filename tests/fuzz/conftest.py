"""Counts the inputs the fuzz tests tried and prints them at the end of the run."""

from __future__ import annotations

from collections import Counter

import pytest

TRIED: Counter[str] = Counter()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TRIED:
        return
    terminalreporter.section("fuzz inputs tried")
    for target, n in sorted(TRIED.items()):
        terminalreporter.write_line(f"{target:<40} {n:>8}")
    terminalreporter.write_line(f"{'total':<40} {sum(TRIED.values()):>8}")
