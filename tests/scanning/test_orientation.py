"""Every page stored upright, from the page's content: the proposal form and an insured-list page,
with and without a barcode, turned 0/90/180/270 and skewed up to ±10°, fed as JPEG, PNG, TIFF
and PDF through `process_file`. The stored image itself is compared with the upright page (not
only the reported rotation). Where the station is not sure it flags the page and turns nothing;
barcodes, when there are any, overrule the model; deskew at the edge of its range or on a
photograph is flagged, not applied.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os

import cv2
import numpy as np
import pytest
from PIL import Image

from desk_app.core.scanning import indexing, orientation, pipeline, service
from tests.scanning import helpers, synth

DPI = 200
TURNS = (0, 90, 180, 270)
FORMATS = ("jpeg", "png", "tiff", "pdf")


@functools.cache
def upright(kind: str, barcode: bool) -> np.ndarray:
    return synth.render(synth.form_pdf(kind, barcode=barcode), DPI)


def as_file(img: np.ndarray, fmt: str) -> tuple[str, bytes]:
    if fmt == "jpeg":
        return "scan.jpg", helpers.jpeg_bytes(img, 80)
    if fmt == "png":
        buf = io.BytesIO()
        Image.fromarray(np.ascontiguousarray(img[:, :, ::-1])).save(buf, "PNG", dpi=(DPI, DPI), compress_level=1)
        return "scan.png", buf.getvalue()
    if fmt == "tiff":
        return "scan.tif", helpers.multipage_tiff([img], DPI)
    return "scan.pdf", synth.pdf_of(img, DPI)


def _view(gray: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    small = cv2.resize(gray, size, interpolation=cv2.INTER_AREA).astype(np.float32)
    return cv2.GaussianBlur(small, (0, 0), 1.5)


def turn_scores(stored: np.ndarray, reference: np.ndarray) -> dict[int, float]:
    """Correlation of the stored page, turned clockwise by 0/90/180/270, with the upright page
    (both reduced to 120 px wide and blurred: a residual skew of a few tenths of a degree does not
    matter, a wrong way up does)."""
    ref = cv2.cvtColor(reference, cv2.COLOR_BGR2GRAY) if reference.ndim == 3 else reference
    size = (120, int(round(120 * ref.shape[0] / ref.shape[1])))
    r = _view(ref, size).ravel()
    out = {}
    for turn, code in zip(TURNS, (None, cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE),
                          strict=True):
        s = _view(stored if code is None else cv2.rotate(stored, code), size).ravel()
        out[turn] = float(np.corrcoef(s, r)[0, 1])
    return out


def stored_image(page: service.ProcessedPage) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(page.data, np.uint8), cv2.IMREAD_GRAYSCALE)


def test_the_upright_check_can_tell_a_turned_page() -> None:
    """The check itself: the upright page scores 0, the same page turned scores its turn."""
    page = upright("insured_list", False)
    gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    for turn in TURNS:
        scores = turn_scores(synth.quarter(gray, turn), page)
        best = max(scores, key=scores.__getitem__)
        assert best == turn, scores
        assert scores[best] > 0.8 and scores[best] - max(v for k, v in scores.items() if k != best) > 0.3


KINDS = ("proposal", "insured_list")


def matrix(full: bool = False) -> list[tuple[str, bool, int, str, float]]:
    """Both kinds, every turn, every format, skews in ±10°; with and without barcode: all 64
    pages when `full`, else 32 where each (turn, format) has one kind with its barcode and the
    other without, and each (kind, turn) alternates barcode across the formats."""
    rng = np.random.default_rng(18)
    out = []
    for kind in KINDS:
        for turn in TURNS:
            for fmt in FORMATS:
                half = (turn // 90 + FORMATS.index(fmt) + KINDS.index(kind)) % 2 == 0
                for barcode in ((True, False) if full else (half,)):
                    out.append((kind, barcode, turn, fmt, float(rng.uniform(-10, 10))))
    return out


def test_every_page_is_stored_upright_in_every_format_turn_and_skew() -> None:
    rng = np.random.default_rng(1)
    wrong, doubts, codes_missed = [], [], []
    for kind, barcode, turn, fmt, angle in matrix():
        img = synth.quarter(synth.skew(upright(kind, barcode), angle), turn)
        img = synth.degrade(img, rng, blur=rng.uniform(0, 0.8), noise=rng.uniform(0, 6))
        name, data = as_file(img, fmt)
        (page,) = service.process_file(name, data).pages
        stored = stored_image(page)
        scores = turn_scores(stored, upright(kind, barcode))
        best = max(scores, key=scores.__getitem__)
        flags = {f.code for f in page.flags}
        case = (kind, barcode, turn, fmt, round(angle, 1))
        if "orientation_unsure" in flags:
            # Unsure: flagged for a person and left exactly as fed (levelled, not turned).
            doubts.append(case)
            assert page.rotation == 0 and best == (360 - turn) % 360, (case, scores)
            continue
        if best != 0 or page.rotation != turn:
            wrong.append((case, page.rotation, scores))
        assert scores[0] > 0.6, (case, scores)
        assert abs(page.deskew_deg + angle) < 0.3, (case, page.deskew_deg)
        assert "deskew_unsure" not in flags, case
        if barcode and fmt in ("png", "tiff") and not page.barcodes:
            codes_missed.append(case)
    assert wrong == []
    assert len(doubts) <= 1, doubts  # at most a flag where unsure, and not on many clear pages
    # The barcode is read (and so has its say) on the lossless scans. (The form's 0.33 mm Code128
    # at 200 dpi is not read after skew from a JPEG at q80, before this change as after.)
    assert codes_missed == []


def test_model_answer_and_confidence_on_a_levelled_page() -> None:
    gray = cv2.cvtColor(upright("insured_list", False), cv2.COLOR_BGR2GRAY)
    level = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)  # 100 dpi, as the pipeline
    for turn in TURNS:
        o = orientation.classify(synth.quarter(level, turn))
        assert o.sure and o.rotation == turn and o.confidence > 0.85, (turn, o)
    blank = orientation.classify(np.full_like(level, 255))
    assert not blank.sure and blank.confidence < 0.3


def test_shipped_model_is_the_one_measured() -> None:
    assert hashlib.sha256(orientation.MODEL.read_bytes()).hexdigest() == orientation.MODEL_SHA256


def test_photograph_is_flagged_not_levelled_and_not_turned() -> None:
    """The issue's upright photograph at 200 dpi was rotated 16.6° with full confidence."""
    for seed in range(3):
        img = synth.photo(DPI, np.random.default_rng(seed))
        r = pipeline.clean_page(img, DPI)
        flags = {f.code: f.reason for f in r.flags}
        assert "deskew_unsure" in flags and "照片" in flags["deskew_unsure"], r.steps
        assert r.deskew_deg == 0.0 and r.rotation == 0
        assert "orientation_unsure" in flags
        # Stored as fed: nothing turned or levelled.
        assert np.array_equal(r.image, pipeline.to_gray(img))


def test_text_page_skewed_past_the_search_range_is_flagged_not_levelled() -> None:
    page = upright("proposal", True)
    for angle in (19.0, -19.0):
        r = pipeline.clean_page(synth.skew(page, angle), DPI)
        flags = {f.code: f.reason for f in r.flags}
        assert "deskew_unsure" in flags and "边缘" in flags["deskew_unsure"], (angle, r.steps)
        assert r.deskew_deg == 0.0
    # Within the range, to its last whole degree before the edge, it is levelled and not flagged.
    for angle in (15.0, -15.0):
        r = pipeline.clean_page(synth.skew(page, angle), DPI)
        assert "deskew_unsure" not in {f.code for f in r.flags} and abs(r.deskew_deg + angle) < 0.3


def test_barcode_overrules_and_settles_an_unsure_page() -> None:
    """A photograph with the form's Code128 pasted at its head: the model cannot tell which way
    up it is, the barcode can. Fed turned, it is stored upright with no orientation doubt."""
    photo = synth.photo(DPI, np.random.default_rng(3))
    form = upright("proposal", True)
    top = int(20 / 25.4 * DPI)
    band = form[top:top + int(16 / 25.4 * DPI), form.shape[1] // 2:]
    page = photo.copy()
    page[top:top + band.shape[0], page.shape[1] // 2:] = band
    for turn in TURNS:
        (p,) = service.process_file(*as_file(synth.quarter(page, turn), "png")).pages
        flags = {f.code for f in p.flags}
        assert "orientation_unsure" not in flags and p.rotation == turn, (turn, flags, p.steps)
        assert [b.text for b in p.barcodes] == ["T440099001"]
        scores = turn_scores(stored_image(p), page)
        assert max(scores, key=scores.__getitem__) == 0, (turn, scores)
    # The model alone was unsure of it (the flag the barcode settled).
    assert "orientation_unsure" in {f.code for f in pipeline.clean_page(page, DPI).flags}


def test_barcode_turn_wins_over_a_sure_model() -> None:
    """Codes that all lie upside down turn the page, whatever was decided before them."""
    page = upright("proposal", True)
    forced = pipeline.clean_page(synth.quarter(page, 180), DPI,
                                 overrides=pipeline.Overrides(rotation=0, deskew_deg=0.0))
    codes = indexing.read_barcodes(forced.image, DPI, any_turn=True)
    assert [b.orientation for b in codes] == [180]
    fixed = pipeline.upright_by_barcodes(forced, [b.orientation for b in codes])
    assert fixed.rotation == 180 and fixed.steps[-1]["step"] == "orientation_barcode"
    scores = turn_scores(fixed.image, page)
    assert max(scores, key=scores.__getitem__) == 0
    assert pipeline.barcode_turn([90, 180]) is None and pipeline.barcode_turn([]) is None
    assert pipeline.barcode_turn([270]) == 90 and pipeline.barcode_turn([90]) == 270


@pytest.mark.slow
def test_every_page_upright_at_300_dpi_with_heavier_damage() -> None:
    """The matrix at 300 dpi with JPEG 55 and more noise: all 64 pages with BRANCHDESK_FULL_SLOW=1
    (~1.5 min), every fourth page of the 32 by default."""
    rng = np.random.default_rng(2)
    pages = matrix(full=True) if os.environ.get("BRANCHDESK_FULL_SLOW") == "1" else matrix()[::4]
    for kind, barcode, turn, fmt, angle in pages:
        base = synth.render(synth.form_pdf(kind, barcode=barcode), 300)
        img = synth.degrade(synth.quarter(synth.skew(base, angle), turn), rng, blur=1.0, noise=9, jpeg=55)
        name, data = as_file(img, fmt)
        (page,) = service.process_file(name, data).pages
        scores = turn_scores(stored_image(page), base)
        best = max(scores, key=scores.__getitem__)
        if "orientation_unsure" in {f.code for f in page.flags}:
            assert best == (360 - turn) % 360
        else:
            assert best == 0 and page.rotation == turn, (kind, barcode, turn, fmt, angle, scores)
