"""What a contract page's QR code says, and the signed receipt's.

A contract page: `BDC:<policy no>:<page>/<pages>:<print seq>:<hash>` — the hash is the first 32
hex digits (128 bits) of the content hash, upper case: every character is in QR's alphanumeric
set, so the code stays at version 3–4 and reads at 150 dpi. The receipt: `receipt:<policy no>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desk_app.core import receipt_scans

PREFIX = "BDC"
HASH_CHARS = 32
RECEIPT_PREFIX = receipt_scans.PREFIX
_PAGE = re.compile(r"^BDC:([A-Z0-9-]{4,32}):(\d{1,5})/(\d{1,5}):(\d{1,4}):([0-9A-F]{32})$")


@dataclass(frozen=True)
class PagePayload:
    policy_no: str
    page: int
    pages: int
    print_seq: int
    hash_prefix: str  # lower-case hex, HASH_CHARS long


def page_payload(policy_no: str, page: int, pages: int, print_seq: int, content_hash: str) -> str:
    return f"{PREFIX}:{policy_no.upper()}:{page}/{pages}:{print_seq}:{content_hash[:HASH_CHARS].upper()}"


def parse_page(text: str) -> PagePayload | None:
    m = _PAGE.match(text.strip().upper())
    if m is None:
        return None
    page, pages = int(m.group(2)), int(m.group(3))
    if not 1 <= page <= pages:
        return None
    return PagePayload(m.group(1), page, pages, int(m.group(4)), m.group(5).lower())


def receipt_payload(policy_no: str) -> str:
    return f"{RECEIPT_PREFIX}{policy_no}"


def parse_receipt(text: str) -> str | None:
    """The policy number of a receipt code, or None."""
    return receipt_scans.policy_no_of(text)
