"""Indexing pages to cases: barcodes (zxing-cpp) and the cover-sheet rule.

The acceptance receipt printed at intake is the cover sheet: its QR code and Code128 both hold
the case number. In a stack, the cover sheet starts the pages of its case, and every page after
it belongs to that case until the next cover sheet. A proposal-number barcode printed on a form
identifies its case too (and the form is the proposal form). Pages before any cover sheet, with
no --case given, go to the unindexed tray (no case) for the operator to assign.

A contract's signed receipt (回执) carries a QR code "receipt:<policy no>": its page is the
case's 保险合同回执 (doc type `contract_receipt`), handed to core.receipt_scans after storing.

A problem notice (问题件通知书) comes back with the agent's reply behind it: its QR code holds the
problem number, so it starts the reply's pages like a cover sheet, and it and every page after it
(until the next code) are the case's 问题件回复 (doc type `problem_reply`) of that problem case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# OpenCV and zxing-cpp are imported by `read_barcodes`, which runs where pages are processed: the
# cover-sheet rule below is what the store side needs, without the imaging libraries.

# Barcodes are read at this resolution: the receipt's codes (0.36 mm bars, 30 mm QR) and the
# form's Code128 (0.33 mm bars) stay readable, and a 300-dpi page costs under half the pixels.
# The page is upright by now when the orientation model was sure of it, so quarter-turned codes
# are searched only on a page it was not sure of (`any_turn`): ~20 % off each page's decode, and
# on synthetic stacks (84 pages, blur, noise, JPEG 60) it read exactly the pages the quarter-turn
# search read.
DECODE_DPI = 200.0
FORMATS = ("QRCode", "Code128")  # zxingcpp.BarcodeFormat names
REPLY = "problem_reply"  # core.replies.DOC_TYPE (indexing stays free of the store)
RECEIPT = "contract_receipt"  # core.receipt_scans.DOC_TYPE


@dataclass(frozen=True)
class Barcode:
    format: str
    text: str
    # Which way the code lies on the page, clockwise degrees as zxing-cpp reports it (0: upright).
    # Not part of the code's identity: the same code read twice is one code.
    orientation: int = field(default=0, compare=False)


def read_barcodes(gray: np.ndarray, dpi: float, *, any_turn: bool = False) -> list[Barcode]:
    """QR and Code128 codes on a (cleaned) grayscale page, without duplicates; `any_turn` also
    searches codes lying a quarter turn (a page whose orientation is in doubt)."""
    import cv2
    import zxingcpp

    k = DECODE_DPI / dpi
    # INTER_LINEAR, not INTER_AREA: area averaging at 2/3 scale cost 13 ms of a 16 ms decode, and
    # on 168 degraded synthetic pages both (and no resize at all) read exactly the same codes.
    small = cv2.resize(gray, None, fx=k, fy=k, interpolation=cv2.INTER_LINEAR) if k < 0.95 else gray
    out: list[Barcode] = []
    formats = [getattr(zxingcpp.BarcodeFormat, name) for name in FORMATS]
    for r in zxingcpp.read_barcodes(small, formats=formats, try_invert=False, try_downscale=False,
                                      try_rotate=any_turn):
        b = Barcode(r.format.name, r.text, int(r.orientation) % 360)
        if r.valid and b not in out:
            out.append(b)
    return out


@dataclass(frozen=True)
class CaseRef:
    """What a barcode's text names: a case by its case number (cover) or by its proposal number."""

    proposal_id: str
    case_no: str
    # "cover" (case number), "form" (proposal number), "problem" (a problem notice) or "receipt" (a
    # contract's signed receipt: its code "receipt:<policy no>")
    by: str
    problem_no: str | None = None


Resolver = Callable[[str], "CaseRef | None"]


@dataclass(frozen=True)
class PageIndex:
    proposal_id: str | None
    case_no: str | None
    doc_type: str | None  # "cover_sheet", "proposal_form", "problem_reply", or None (the operator decides)
    cover: bool
    problem_no: str | None = None  # the reply's problem case (a notice page and the pages behind it)


def assign(pages: Sequence[Sequence[Barcode]], resolve: Resolver, *, start: CaseRef | None = None) -> list[PageIndex]:
    """Case and known document type of each page of a stack, in order (the cover-sheet rule)."""
    current = start
    out = []
    for codes in pages:
        refs = [r for r in (resolve(b.text) for b in codes) if r is not None]
        cover = next((r for r in refs if r.by == "cover"), None)
        form = next((r for r in refs if r.by == "form"), None)
        notice = next((r for r in refs if r.by == "problem"), None)
        receipt = next((r for r in refs if r.by == "receipt"), None)
        if receipt is not None:
            # The receipt page is the case's 保险合同回执; pages behind it (unmarked) go with the case.
            current = receipt
            out.append(PageIndex(receipt.proposal_id, receipt.case_no, RECEIPT, False))
        elif notice is not None:
            current = notice
            out.append(PageIndex(notice.proposal_id, notice.case_no, REPLY, False, notice.problem_no))
        elif cover is not None:
            current = cover
            out.append(PageIndex(cover.proposal_id, cover.case_no, "cover_sheet", True))
        elif form is not None:
            current = form
            out.append(PageIndex(form.proposal_id, form.case_no, "proposal_form", False))
        elif current is not None and current.by == "problem":
            out.append(PageIndex(current.proposal_id, current.case_no, REPLY, False, current.problem_no))
        elif current is not None:
            out.append(PageIndex(current.proposal_id, current.case_no, None, False))
        else:
            out.append(PageIndex(None, None, None, False))
    return out
