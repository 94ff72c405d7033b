"""Application logging: a rotating file in the data folder, with personal numbers redacted.

The redaction runs in a Filter on the handlers, after formatting arguments, so no call site
can leak a full ID, phone or bank number into a log file by mistake.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from desk_app.core.privacy import redact


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = redact(record.getMessage())
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.msg, record.args = message, None
        return True


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    folder = Path(data_dir) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "branchdesk.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_branchdesk", False)]:
        root.removeHandler(old)
    handler._branchdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
