"""Form pages rendered from their definitions, scanned, and registered back to form millimetres.

The truth is known: `scan_matrix` is the transform the simulated scanner applied, so a field's
rectangle in millimetres maps to exactly where it is on the scan; registration must land every
field's corners within a pixel or two of it (200 dpi: a pixel is 0.13 mm).
"""

from __future__ import annotations

import datetime as dt
import time

import cv2
import numpy as np
import pytest
from sqlalchemy import select

from desk_app.core import forms
from desk_app.core.entry import demo_pages, formimage
from desk_app.core.entry.registration import register
from desk_app.core.scanning import indexing, seal, service
from desk_app.services import scanning
from desk_app.store.models import Deficiency, Proposal
from desk_app.sync.pages import SyncedPageFiles
from tests.factories import effective_date

DPI = 200
K = DPI / 25.4
GROUP = forms.form("GROUP_PROPOSAL")
INDIVIDUAL = forms.form("INDIVIDUAL_PROPOSAL")

GROUP_VALUES = {
    "applicant_name": "广州市天河科技有限公司", "applicant_credit_code": "91440101MA59ABCD0K", "unit_nature": "enterprise",
    "industry_code": "I65", "business_area": "广东省广州市", "total_assets": "12500000.00", "employee_count": "86",
    "unit_address": "广州市天河区天河路385号太古汇一座28楼", "legal_rep_name": "王建国", "contact_name": "陈晓红",
    "contact_id_no": "110105198805120334", "contact_phone": "13800138000", "business_source": "direct",
    "agent_code": "AG1001", "insured_count": "20", "term_months": "12", "product_1_code": "GTL01",
    "product_1_level": "A", "product_1_sum_insured": "2000000.00", "product_1_premium": "6000.00",
    "premium_total": "6000.00", "payer_bank_account": "6222021234567890123", "proposal_date": (effective_date() - dt.timedelta(days=1)).isoformat(),
    "effective_date": effective_date().isoformat(), "health_declaration": "N", "price_inquiry_no": "XJ2026-0088",
    "special_agreements": "本保单承保被保险人在工作期间及上下班途中遭受的意外伤害，每次事故免赔额为人民币一百元，其余按条款执行。",
}
INDIVIDUAL_VALUES = {
    "applicant_name": "李国强", "applicant_id_no": "110105198203150417", "applicant_gender": "M",
    "applicant_birth_date": "1982-03-15", "applicant_phone": "13912345678", "insured_name": "李小雨",
    "insured_relation": "child", "beneficiary": "法定", "product_1_code": "IAC01", "premium_total": "368.00",
}


@pytest.fixture(scope="module")
def group_page() -> np.ndarray:
    return formimage.render_form_page(GROUP, GROUP_VALUES, dpi=DPI, proposal_no="T440100001", seed=3)


def truth(m: np.ndarray, region: tuple[float, float, float, float]) -> np.ndarray:
    x, y, w, h = region
    pts = np.array([(x, y), (x + w, y), (x + w, y + h), (x, y + h)]) * K
    return np.hstack([pts, np.ones((4, 1))]) @ m.T


def worst_error(form: forms.FormDef, reg, m: np.ndarray) -> float:
    return max(float(np.abs(reg.quad(f.region) - truth(m, f.region)).max()) for f in form.fields)


def ink(img: np.ndarray, region: tuple[float, float, float, float]) -> float:
    x, y, w, h = (round(v * K) for v in region)
    return float((img[y:y + h, x:x + w] < 128).mean())


def test_the_rendered_page_has_marks_labels_boxes_values_and_barcode(group_page):
    h, w = group_page.shape
    assert (w, h) == (round(210 * K), round(297 * K))
    s = GROUP.mark_size_mm
    for x, y in GROUP.mark_corners_mm:  # solid black squares
        assert ink(group_page, (x + 0.5, y + 0.5, s - 1, s - 1)) > 0.99
    # Every field's box has printed ink (label, rules); a value adds hand-written ink in its writing box.
    empty = formimage.render_form_page(GROUP, {}, dpi=DPI)
    for f in GROUP.fields:
        box = formimage.value_box_mm(f)
        inner = (box[0] + 1, box[1] + 1, box[2] - 2, box[3] - 2)
        assert ink(empty, inner) == 0, f.key
        assert ink(group_page, inner) > (0.002 if f.key in GROUP_VALUES else -1), f.key
        assert ink(empty, (f.region[0] + 0.5, f.region[1] + 1, 6, f.region[3] - 2)) > 0.01, f.key  # label
    codes = indexing.read_barcodes(group_page, DPI)
    assert [(b.format, b.text) for b in codes] == [("Code128", "T440100001")]
    # Handwriting is seeded: the same seed, the same page; another seed moves the strokes.
    again = formimage.render_form_page(GROUP, GROUP_VALUES, dpi=DPI, proposal_no="T440100001", seed=3)
    other = formimage.render_form_page(GROUP, GROUP_VALUES, dpi=DPI, proposal_no="T440100001", seed=4)
    assert np.array_equal(group_page, again) and not np.array_equal(group_page, other)


def test_a_form_defined_code_is_written_as_its_label():
    one = formimage.render_form_page(GROUP, {"unit_nature": "enterprise"}, dpi=DPI, handwriting=False)
    two = formimage.render_form_page(GROUP, {"unit_nature": "企业"}, dpi=DPI, handwriting=False)
    assert np.array_equal(one, two)


@pytest.mark.parametrize(("angle", "scale", "shift"), [
    (0.0, 1.0, (0, 0)), (0.4, 1.0, (35, -20)), (-5.0, 1.0, (0, 0)), (5.0, 0.9, (30, -25)),
    (-4.0, 1.1, (-25, 15)), (2.5, 1.05, (60, 40)), (-1.5, 0.93, (-20, -30)),
])
def test_registration_by_marks_maps_every_field_within_a_pixel(group_page, angle, scale, shift):
    scan = formimage.simulate_scan(group_page, angle_deg=angle, scale=scale, shift_px=shift, noise=10, blur=0.8,
                                   seed=1)
    m, _size = formimage.scan_matrix(group_page.shape, angle_deg=angle, scale=scale, shift_px=shift)
    reg = register(scan, GROUP, dpi=DPI)
    assert reg.method == "marks" and reg.marks == 4 and reg.confidence > 0.9
    assert worst_error(GROUP, reg, m) < 1.5
    # Without the resolution (a file that states none), the page's size gives the scale.
    assert worst_error(GROUP, register(scan, GROUP), m) < 1.5
    x, y, w, h = reg.to_pixels(GROUP.field("applicant_name").region)
    q = truth(m, GROUP.field("applicant_name").region)
    assert abs(x - q[:, 0].min()) <= 2 and abs(y - q[:, 1].min()) <= 2
    assert abs(x + w - q[:, 0].max()) <= 2 and abs(y + h - q[:, 1].max()) <= 2


def test_registration_is_fast(group_page):
    scan = formimage.simulate_scan(group_page, angle_deg=1.2, shift_px=(10, 10), noise=8, seed=2)
    register(scan, GROUP, dpi=DPI)
    times = []
    for _ in range(7):
        t = time.perf_counter()
        register(scan, GROUP, dpi=DPI)
        times.append(time.perf_counter() - t)
    # Goal 60 ms on a shared 2-core machine (measured ~10 ms); the bound leaves room for load.
    assert sorted(times)[len(times) // 2] < 0.06


def test_a_torn_off_corner_leaves_three_marks(group_page):
    torn = group_page.copy()
    cv2.fillPoly(torn, [np.int32([(0, 0), (round(30 * K), 0), (0, round(30 * K))])], 255)
    scan = formimage.simulate_scan(torn, angle_deg=1.0, shift_px=(-30, 20), noise=6, seed=3)
    m, _ = formimage.scan_matrix(torn.shape, angle_deg=1.0, shift_px=(-30, 20))
    reg = register(scan, GROUP, dpi=DPI)
    assert reg.method == "marks3" and reg.marks == 3 and 0.5 < reg.confidence < 0.9
    assert worst_error(GROUP, reg, m) < 1.5


def test_a_region_beyond_a_cropped_scan_is_clipped_to_the_image(group_page):
    scan = formimage.simulate_scan(group_page, shift_px=(0, -400), canvas=group_page.shape[::-1])
    reg = register(scan, GROUP, dpi=DPI)  # the top marks are gone: registered by the features
    assert reg.method in ("features", "scale")
    for key in ("applicant_name", "special_agreements"):
        x, y, w, h = reg.to_pixels(GROUP.field(key).region)
        assert x >= 0 and y >= 0 and x + w <= scan.shape[1] and y + h <= scan.shape[0]


def test_without_marks_the_page_is_registered_by_its_printed_features(group_page):
    no_marks = group_page.copy()
    s = GROUP.mark_size_mm
    for x, y in GROUP.mark_corners_mm:  # e.g. a photocopy that lost its corners
        no_marks[round((y - 1) * K):round((y + s + 1) * K), round((x - 1) * K):round((x + s + 1) * K)] = 255
    scan = formimage.simulate_scan(no_marks, angle_deg=-2.0, scale=0.97, shift_px=(20, -10), noise=8, blur=0.7,
                                   seed=4)
    m, _ = formimage.scan_matrix(no_marks.shape, angle_deg=-2.0, scale=0.97, shift_px=(20, -10))
    reg = register(scan, GROUP, dpi=DPI)
    assert reg.method == "features" and reg.marks == 0 and 0.2 < reg.confidence <= 0.8
    assert worst_error(GROUP, reg, m) < 12  # under 1.5 mm: the field's box is still on screen


def test_a_blank_page_falls_back_to_the_page_scale_with_low_confidence():
    blank = formimage.simulate_scan(np.full((round(297 * K), round(210 * K)), 255, np.uint8), noise=8, seed=5)
    reg = register(blank, GROUP, dpi=DPI)
    assert reg.method == "scale" and reg.confidence <= 0.05 and reg.marks == 0
    x, y, w, h = reg.to_pixels(GROUP.field("applicant_name").region)
    assert w > 0 and h > 0
    # A colour photograph-like page, not a form at all: no exception either.
    noise = np.random.default_rng(0).integers(0, 255, (800, 600, 3), dtype=np.uint8)
    assert register(noise, GROUP).method == "scale"


def test_the_individual_form_renders_and_registers():
    page = formimage.render_form_page(INDIVIDUAL, INDIVIDUAL_VALUES, dpi=DPI, proposal_no="T440100002", seed=1)
    assert ink(page, formimage.value_box_mm(INDIVIDUAL.field("insured_name"))) > 0.01
    scan = formimage.simulate_scan(page, angle_deg=3.0, scale=1.04, shift_px=(-15, 25), noise=8, seed=6)
    m, _ = formimage.scan_matrix(page.shape, angle_deg=3.0, scale=1.04, shift_px=(-15, 25))
    reg = register(scan, INDIVIDUAL, dpi=DPI)
    assert reg.method == "marks" and worst_error(INDIVIDUAL, reg, m) < 1.5


def test_the_scanning_pipeline_reads_a_rendered_scan_and_registration_holds_on_its_clean_page(group_page):
    scan = formimage.simulate_scan(group_page, angle_deg=-3.0, shift_px=(15, -10), noise=6, blur=0.6, seed=7)
    processed = service.process_file("form.jpg", formimage.encode_jpeg(scan, dpi=DPI))
    (page,) = processed.pages
    assert page.dpi == DPI and abs(page.deskew_deg - 3.0) < 0.3 and page.rotation == 0 and not page.blank
    assert [b.text for b in page.barcodes] == ["T440100001"]
    clean = cv2.imdecode(np.frombuffer(page.data, np.uint8), cv2.IMREAD_GRAYSCALE)
    reg = register(clean, GROUP, dpi=page.dpi)
    assert reg.method == "marks"
    # The deskewed page is upright again: the name's box is level and the size the form says.
    q = reg.quad(GROUP.field("applicant_name").region)
    assert abs(q[1, 1] - q[0, 1]) < 2 and abs((q[1, 0] - q[0, 0]) - 180 * K) < 3


def test_a_stamped_page_carries_a_seal_the_station_finds(group_page):
    stamped = formimage.stamp_seal(group_page, formimage.seal_centre_mm(GROUP), "广州市天河科技有限公司", dpi=DPI)
    (found,) = seal.find_seals(stamped, DPI)
    assert 30 < found.width_mm < 38
    assert register(stamped, GROUP, dpi=DPI).method == "marks"  # red ink is no mark


def test_demo_form_pages_are_stored_as_the_cases_sealed_proposal_form(demo_store, actors):
    with demo_store.reading() as s:
        p = s.scalars(select(Proposal).where(Proposal.state == "SCANNED", Proposal.business_type == "GROUP")
                      .order_by(Proposal.case_no)).first()
        pid, case_no, proposal_no = p.id, p.case_no, p.proposal_no
        values = demo_pages.case_form_values(s, pid)
        assert demo_pages.case_form_values(s, pid) == values  # the same paper every time
    assert values["applicant_name"] == p.applicant_name and values["premium_total"] == f"{p.premium_total:.2f}"
    assert set(values) <= set(GROUP.keys) and values["product_1_code"]
    with demo_store.transaction() as s:
        out = demo_pages.store_case_form(s, SyncedPageFiles(demo_store), actor=actors["scanner"], proposal_id=pid)
    (page,) = out
    assert (page.proposal_id, page.case_no, page.doc_type) == (pid, case_no, "proposal_form")
    assert page.seal_found and proposal_no in page.barcodes and not page.qc_flags
    with demo_store.reading() as s:
        assert not s.scalars(select(Deficiency.code).where(Deficiency.proposal_id == pid,
                                                           Deficiency.code.like("scan.%"))).all()
    stored = cv2.imdecode(np.frombuffer(scanning.page_image(demo_store, page.sha256), np.uint8), cv2.IMREAD_GRAYSCALE)
    reg = register(stored, GROUP, dpi=DPI)
    assert reg.method == "marks" and reg.confidence > 0.9
