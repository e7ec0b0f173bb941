"""Stopping the process from inside a sink, in one line, without committing anything.

Bytewax prints a Rust panic (and, with ``RUST_BACKTRACE``, a backtrace) when a
sink's ``write_batch``, ``snapshot`` or ``close`` raises, and aborts the
process for ``snapshot``. A sink that meets a systemic failure it cannot wait
out (disk full past its retry budget, a broker gone past a stop's grace)
therefore ends the process itself: one ``error:`` line on stderr and exit
status 75 (``EX_TEMPFAIL``: retry later). The current epoch is not committed,
every output is crash-safe, and recovery resumes from the last snapshot, as
after SIGKILL.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Final, NoReturn

EXIT_TEMPFAIL: Final = 75
"""Exit status of a job stopped by a systemic output failure (sysexits EX_TEMPFAIL)."""


def exit_now(message: str) -> NoReturn:
    """Write ``error: <message>`` (one line) to stderr and exit with status 75 at once."""
    sys.stdout.flush()
    sys.stderr.write(f"error: {' '.join(message.split())}\n")
    sys.stderr.flush()
    logging.shutdown()
    os._exit(EXIT_TEMPFAIL)
