"""The clean-up pipeline on synthetic scans: deskew error, orientation, seals, cover sheets, blanks, QC."""

from __future__ import annotations

import functools
import os

import numpy as np
import pytest

from desk_app.core.scanning import indexing, pipeline, seal
from tests.scanning import synth

ANGLES = (0.3, -0.3, 0.8, -1.7, 2.5, -4.0, 7.5, -10.0, 15.0, -15.0)
TURNS = (0, 90, 180, 270)
KINDS = ("proposal", "insured_list", "cover")


@functools.cache
def base(kind: str, dpi: int, sealed: bool = True) -> np.ndarray:
    return synth.render(synth.form_pdf(kind, seal=sealed), dpi)


def scan_set(dpi: int) -> list[tuple[str, float, int, np.ndarray]]:
    """Each kind of page at every angle, turned, and degraded as scanners do (seeded)."""
    rng = np.random.default_rng(dpi)
    out = []
    for i, angle in enumerate(ANGLES):
        for kind in KINDS:
            turn = TURNS[(i + KINDS.index(kind)) % 4]
            img = synth.quarter(synth.skew(base(kind, dpi), angle), turn)
            img = synth.degrade(img, rng, blur=rng.uniform(0, 1.0), noise=rng.uniform(0, 8),
                                jpeg=int(rng.integers(55, 90)))
            out.append((kind, angle, turn, img))
    return out


@pytest.mark.parametrize("dpi", [200, 300])
def test_deskew_and_orientation_on_the_synthetic_set(dpi: int) -> None:
    errors, wrong = [], []
    for kind, angle, turn, img in scan_set(dpi):
        r = pipeline.clean_page(img, dpi)
        # The pipeline levels by -angle: what it applied plus what was done to the page is zero.
        errors.append(abs(r.deskew_deg + angle))
        if r.rotation != turn:
            wrong.append((kind, angle, turn, r.rotation))
        assert not r.blank
        assert [s["step"] for s in r.steps][:2] == ["deskew", "orientation"]
    assert not wrong
    assert np.mean(errors) < 0.1, errors
    assert max(errors) < 0.3, errors


def test_seal_found_on_every_sealed_page_and_on_none_without() -> None:
    rng = np.random.default_rng(5)
    for dpi in (200, 300):
        for kind in ("proposal", "insured_list"):
            for sealed in (True, False):
                for angle, turn in ((0.0, 0), (-6.0, 90), (12.0, 180)):
                    img = synth.degrade(synth.quarter(synth.skew(base(kind, dpi, sealed), angle), turn), rng,
                                        blur=0.7, noise=5, jpeg=70)
                    found = seal.find_seals(img, dpi)
                    assert bool(found) == sealed, (dpi, kind, sealed, angle, turn)
                    if found:
                        assert 38 < found[0].width_mm < 48
    # A page with red ink that is not a seal (the cover sheet has none; a red title bar does not count).
    page = base("cover", 200).copy()
    page[300:420, 200:1400] = (30, 30, 220)
    assert seal.find_seals(page, 200) == []


def test_cover_sheet_read_on_every_page_at_200_dpi() -> None:
    rng = np.random.default_rng(7)
    case_no = "GZ0120261125000001"
    for angle in ANGLES:
        for turn in (0, 180):
            img = synth.degrade(synth.quarter(synth.skew(base("cover", 200), angle), turn), rng,
                                blur=0.6, noise=5, jpeg=65)
            r = pipeline.clean_page(img, 200)
            texts = {b.text for b in indexing.read_barcodes(r.image, 200)}
            assert case_no in texts, (angle, turn)


def test_blank_back_is_blank_and_faint_show_through_too() -> None:
    rng = np.random.default_rng(3)
    blank = base("blank", 200)
    assert pipeline.clean_page(synth.degrade(blank, rng, noise=6, jpeg=70), 200).blank
    # Show-through of the front printed light grey on the back of the sheet.
    ghost = (255 - (255 - base("proposal", 200)[:, ::-1].astype(np.int16)) // 6).astype(np.uint8)
    assert pipeline.clean_page(ghost, 200).blank
    assert not pipeline.clean_page(base("proposal", 200), 200).blank


def test_quality_flags_name_their_reason() -> None:
    rng = np.random.default_rng(4)
    page = base("proposal", 200)
    assert pipeline.clean_page(page, 200).flags == []
    blurred = synth.degrade(page, rng, blur=4.0)
    flags = {f.code: f.reason for f in pipeline.clean_page(blurred, 200).flags}
    assert "blur" in flags and "模糊" in flags["blur"]
    dark = (page.astype(np.float32) * 0.35).astype(np.uint8)
    assert "too_dark" in {f.code for f in pipeline.clean_page(dark, 200).flags}
    light = (255 - (255 - page.astype(np.int16)) // 4).astype(np.uint8)
    assert "too_light" in {f.code for f in pipeline.clean_page(light, 200).flags}
    small = page[:500, :500]
    assert "too_small" in {f.code for f in pipeline.clean_page(small, 200).flags}


def test_camera_shot_is_found_and_straightened() -> None:
    rng = np.random.default_rng(11)
    page = base("cover", 200)
    shot = synth.camera_shot(page, rng)
    r = pipeline.clean_page(shot, 200, camera=True)
    assert r.steps[0]["step"] == "perspective" and r.steps[0]["corners"] is not None
    assert abs(r.image.shape[0] / r.image.shape[1] - page.shape[0] / page.shape[1]) < 0.05
    assert "GZ0120261125000001" in {b.text for b in indexing.read_barcodes(r.image, r.dpi)}


def test_redo_with_overrides_uses_the_same_input() -> None:
    page = synth.skew(base("proposal", 200), 3.0)
    before = page.copy()
    auto = pipeline.clean_page(page, 200)
    forced = pipeline.clean_page(page, 200, overrides=pipeline.Overrides(rotation=180, deskew_deg=0.0))
    assert np.array_equal(page, before)  # the input (the original) is never changed
    assert forced.rotation == 180
    assert {"step": "rotate", "rotation": 180, "deskew_deg": 0.0, "forced": True} in forced.steps
    assert auto.rotation == 0 and abs(auto.deskew_deg + 3.0) < 0.1


@pytest.mark.parametrize("fmt, limit", [("jpeg", 400_000), ("png", 100_000), ("tiff", 100_000)])
def test_storage_formats_at_the_source_resolution(fmt: str, limit: int) -> None:
    import io

    from PIL import Image

    r = pipeline.clean_page(base("insured_list", 300), 300)
    data = pipeline.encode_page(r.image, 300, fmt)
    img = Image.open(io.BytesIO(data))
    assert img.size == (r.image.shape[1], r.image.shape[0])
    assert round(img.info["dpi"][0]) == 300
    assert img.mode == ("L" if fmt == "jpeg" else "1")
    assert len(data) < limit


@pytest.mark.slow
def test_full_synthetic_set_with_perspective_and_heavy_noise() -> None:
    """The large set (BRANCHDESK_FULL_SLOW=1: every angle at 0.1° steps is too long for CI)."""
    full = os.environ.get("BRANCHDESK_FULL_SLOW") == "1"
    angles = np.arange(-15, 15.01, 0.1 if full else 1.3)
    rng = np.random.default_rng(99)
    errors = []
    for i, angle in enumerate(angles):
        kind = KINDS[i % 3]
        turn = TURNS[i % 4]
        img = synth.degrade(synth.quarter(synth.skew(base(kind, 300), float(angle)), turn), rng,
                            blur=1.0, noise=10, jpeg=50)
        r = pipeline.clean_page(img, 300)
        assert r.rotation == turn, (kind, angle, turn)
        errors.append(abs(r.deskew_deg + angle))
    assert np.mean(errors) < 0.1 and max(errors) < 0.3
