"""The contract PDF (reportlab): the schedule (保单首页), the insured list, the clauses, the receipt.

Laid out first, drawn second: every page is a list of drawing steps, so the page count is known
before anything is drawn and each page gets "第 x / y 页" and its QR code (policy number, page,
print sequence, content hash: core.contracts.payload). A reprint carries "副本 / 第 n 次打印" on
every page. The font is the bundled AR PL UMing, embedded as a subset (core.receipts.paper_font):
never a CID font the reader would have to supply.

The insured list is a table with its header repeated and a subtotal on every page and the total
on the last; the last page is the receipt (回执) to sign, cut off and hand back, with its own QR
code "receipt:<policy no>" that the scanning station reads.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from desk_app.core.contracts import payload, templates
from desk_app.core.contracts.content import ContractData
from desk_app.core.receipts import paper_font

W, H = A4
LEFT, RIGHT = 18 * mm, W - 18 * mm
TOP = H - 40 * mm  # content starts below the header band (its QR code)
BOTTOM = 22 * mm  # and ends above the footer
QR_SIZE = 24 * mm
ROW = 5.6 * mm  # insured-list row
ID_TYPES = {"resident_id": "身份证", "passport": "护照", "hk_macao": "港澳通行证", "taiwan": "台胞证",
            "military": "军官证", "other": "其他"}
GENDERS = {"M": "男", "F": "女"}
# Insured-list columns: width (mm) and alignment (l/r/c)
COLS = ((10, "c"), (19, "l"), (15, "c"), (40, "l"), (8, "c"), (20, "c"), (13, "c"), (9, "c"), (22, "r"), (18, "r"))

Op = Callable[[canvas.Canvas], None]


@dataclass
class _Page:
    ops: list[Op] = field(default_factory=list)
    receipt: bool = False


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int


# --- text measuring and wrapping ---------------------------------------------------------------------

_widths: dict[str, float] = {}


def _char_width(ch: str) -> float:
    w = _widths.get(ch)
    if w is None:
        w = _widths[ch] = pdfmetrics.stringWidth(ch, paper_font(), 1000) / 1000
    return w


def text_width(text: str, size: float) -> float:
    return sum(_char_width(ch) for ch in text) * size


_wrapped: dict[tuple[str, float, float], tuple[str, ...]] = {}


def wrap(text: str, size: float, width: float) -> tuple[str, ...]:
    """Lines of at most `width` points (Chinese breaks between any two characters)."""
    key = (text, size, width)
    if key in _wrapped:
        return _wrapped[key]
    lines, line, used = [], "", 0.0
    limit = width / size
    for ch in text:
        w = _char_width(ch)
        if used + w > limit and line:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line:
        lines.append(line)
    out = tuple(lines) or ("",)
    if len(_wrapped) < 5000:
        _wrapped[key] = out
    return out


def money(v: Decimal) -> str:
    return f"{v:,.2f}"


# --- QR codes ----------------------------------------------------------------------------------------

FIXED_MASK = 2  # vertical stripes every third column: no long runs in the alphanumeric payloads


def _runs(text: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR code's dark runs (row, first column, length) and its module count."""
    q = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    q.addData(text)
    # A fixed mask pattern instead of scoring all eight (make()): every mask is a valid code, and
    # the search cost 50 ms of each page's 55. Readers decode any mask; the tests read every page.
    q.version = q.calculate_version()
    q.makeImpl(False, FIXED_MASK)
    n = q.getModuleCount()
    runs = []
    for r, row in enumerate(q.modules):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    return n, runs


def draw_qr(c: canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    """A QR code with its quiet zone (4 modules) inside `size`, lower-left corner at (x, y).

    Drawn in module units under one transform as a single filled path of its dark runs, written as
    PDF operators with integer coordinates: through reportlab's path object each of ~200 runs cost
    four float formattings (pure Python here), a third of an individual contract's time."""
    n, runs = _runs(text)
    k = size / (n + 8)
    ops = " ".join(f"{col + 4} {n + 3 - r} {length} 1 re" for r, col, length in runs)
    c.saveState()
    c.setFillGray(0)
    c.transform(k, 0, 0, k, x, y)
    c._code.append(ops + " f")  # noqa: SLF001  (raw path operators: see above)
    c.restoreState()


# --- layout --------------------------------------------------------------------------------------------

class _Flow:
    """A cursor down the content area that starts a new page when the next block does not fit."""

    def __init__(self, font: str) -> None:
        self.font = font
        self.pages: list[_Page] = []
        self.y = 0.0
        self.new_page()

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def new_page(self) -> _Page:
        self.pages.append(_Page())
        self.y = TOP
        return self.page

    def need(self, height: float, on_new: Callable[[], None] | None = None) -> None:
        if self.y - height < BOTTOM:
            self.new_page()
            if on_new:
                on_new()

    def text(self, s: str, x: float, size: float, *, gray: float = 0, align: str = "l", y: float | None = None) -> None:
        yy, font = self.y if y is None else y, self.font

        def op(c: canvas.Canvas) -> None:
            c.setFont(font, size)
            c.setFillGray(gray)
            if align == "r":
                c.drawRightString(x, yy, s)
            elif align == "c":
                c.drawCentredString(x, yy, s)
            else:
                c.drawString(x, yy, s)

        self.page.ops.append(op)

    def line(self, x0: float, x1: float, width: float = 0.5, gray: float = 0, y: float | None = None,
             dash: tuple[float, float] | None = None) -> None:
        yy = self.y if y is None else y

        def op(c: canvas.Canvas) -> None:
            c.saveState()
            c.setLineWidth(width)
            c.setStrokeGray(gray)
            if dash:
                c.setDash(*dash)
            c.line(x0, yy, x1, yy)
            c.restoreState()

        self.page.ops.append(op)

    def rect(self, x: float, y: float, w: float, h: float, gray: float) -> None:
        def op(c: canvas.Canvas) -> None:
            c.saveState()
            c.setFillGray(gray)
            c.rect(x, y, w, h, stroke=0, fill=1)
            c.restoreState()

        self.page.ops.append(op)

    def paragraph(self, s: str, size: float, *, indent: float = 0, leading: float = 1.55, gray: float = 0,
                  first_indent: bool = False) -> None:
        pad = 2 * size if first_indent else 0
        lines = wrap(s, size, RIGHT - LEFT - indent - pad)
        for i, ln in enumerate(lines):
            self.need(size * leading)
            self.y -= size * leading
            self.text(ln, LEFT + indent + (pad if i == 0 else 0), size, gray=gray)


def _schedule(f: _Flow, d: ContractData, t: templates.Template) -> None:
    lab = t.label
    f.y -= 4 * mm
    f.text(t["title"], W / 2, 20, align="c")
    f.y -= 9 * mm
    f.text(t["schedule_title"], W / 2, 13, align="c", gray=0.25)
    f.y -= 8 * mm
    half = (RIGHT - LEFT) / 2
    pairs = [
        ((lab("policy_no"), d.policy_no), (lab("proposal_no"), d.proposal_no)),
        ((lab("applicant"), d.applicant_name), None),
        ((lab("applicant_code"), d.applicant_code or "—"), (lab("insured_count"), f"{d.insured_count:,} 人")),
        ((lab("term"), t["term_text"].format(effective=f"{d.effective_date:%Y年%m月%d日}",
                                             expiry=f"{d.expiry_date:%Y年%m月%d日}", months=d.term_months)), None),
        ((lab("effective"), f"{d.effective_date:%Y-%m-%d}"), (lab("expiry"), f"{d.expiry_date:%Y-%m-%d}")),
    ]
    top = f.y + 5 * mm
    for a, b in pairs:
        for (label, value), x in ((a, LEFT), (b, LEFT + half)) if b else ((a, LEFT),):
            f.text(label, x + 2 * mm, 9.5, gray=0.35)
            f.text(value, x + 30 * mm, 11)
        f.y -= 7.5 * mm
    f.line(LEFT, RIGHT, 0.8, y=top)
    f.line(LEFT, RIGHT, 0.8, y=f.y + 4 * mm)

    # Products
    f.y -= 5 * mm
    f.text("承保险种", LEFT, 12)
    f.y -= 7 * mm
    cols = [(LEFT + 2 * mm, "险种代码", "l"), (LEFT + 22 * mm, "险种名称", "l"), (LEFT + 72 * mm, "等级", "l"),
            (LEFT + 84 * mm, "保障内容", "l"), (RIGHT - 30 * mm, "保险金额（元）", "r"), (RIGHT - 2 * mm, "保险费（元）", "r")]
    f.rect(LEFT, f.y - 2 * mm, RIGHT - LEFT, 6.5 * mm, 0.9)
    for x, head, al in cols:
        f.text(head, x, 9, align=al, gray=0.2)
    for p in d.products:
        f.need(7 * mm)
        f.y -= 7 * mm
        level_text = wrap(p.level_text, 9, 48 * mm)[0] if p.level_text else "—"
        for x, value, al in zip([c[0] for c in cols], [p.code, p.name, p.level, level_text, money(p.sum_insured),
                                                        money(p.premium)], [c[2] for c in cols], strict=True):
            f.text(value, x, 9.5, align=al)
    f.y -= 3 * mm
    f.line(LEFT, RIGHT, 0.4)
    f.y -= 6 * mm
    f.text("合计", cols[0][0], 10)
    f.text(money(d.sum_insured_total), cols[4][0], 10.5, align="r")
    f.text(money(d.premium_total), cols[5][0], 10.5, align="r")
    f.y -= 7 * mm
    f.text(f"{lab('sum_insured_total')}：人民币 {money(d.sum_insured_total)} 元", LEFT + 2 * mm, 10.5)
    f.text(f"{lab('premium_total')}：人民币 {money(d.premium_total)} 元", LEFT + half, 10.5)

    # Special agreements: the form's, then the underwriting decision's loading and exclusion
    f.y -= 6 * mm
    f.need(12 * mm)
    f.y -= 4 * mm
    f.text(lab("special"), LEFT, 12)
    items = list(d.special_agreements)
    if d.loading_percent:
        items.append(t["loading_text"].format(percent=f"{d.loading_percent.normalize():f}"))
    if d.exclusion:
        items.append(t["exclusion_text"].format(text=d.exclusion))
    if not items:
        items = [t["no_special"]]
    for i, s in enumerate(items, start=1):
        f.paragraph(f"{i}. {s}" if len(items) > 1 or s != t["no_special"] else s, 10, indent=2 * mm)

    f.y -= 4 * mm
    for note in t["notes"]:
        f.paragraph(note, 8.5, indent=2 * mm, gray=0.3)
    f.need(20 * mm)
    f.y -= 12 * mm
    f.text(f"{lab('branch')}：{d.branch_name}（{d.branch_code}）", LEFT + 2 * mm, 10.5)
    f.text(t["seal"], RIGHT - 2 * mm, 10.5, align="r", gray=0.4)
    f.y -= 7 * mm
    f.text(f"{lab('issued_on')}：{d.issued_on:%Y年%m月%d日}", LEFT + 2 * mm, 10.5)


def _insured_list(f: _Flow, d: ContractData, t: templates.Template) -> None:
    persons = d.insured
    if not persons:
        return
    heads = t["insured_columns"]
    xs, x = [], LEFT
    for w, al in COLS:
        xs.append((x, x + w * mm, al))
        x += w * mm
    size = 8.5
    title = t["insured_title"]

    def cell(value: str, i: int, y: float, sz: float = size, gray: float = 0) -> None:
        x0, x1, al = xs[i]
        if al == "r":
            f.text(value, x1 - 1.2 * mm, sz, align="r", y=y, gray=gray)
        elif al == "c":
            f.text(value, (x0 + x1) / 2, sz, align="c", y=y, gray=gray)
        else:
            f.text(value, x0 + 1.2 * mm, sz, y=y, gray=gray)

    def header(cont: bool) -> None:
        f.y -= 2 * mm
        f.text(title + ("（续）" if cont else ""), LEFT, 12)
        f.text(f"保险单号 {d.policy_no}", RIGHT, 9, align="r", gray=0.35)
        f.y -= 4 * mm
        f.rect(LEFT, f.y - 6 * mm, RIGHT - LEFT, 6 * mm, 0.88)
        f.y -= 4.3 * mm
        for i, h in enumerate(heads):
            cell(h, i, f.y, 8, gray=0.15)
        f.y -= 1.7 * mm

    # rows per page: what is left below the header, above a subtotal line (and, last, the total)
    f.new_page()
    header(False)
    per_page = int((f.y - BOTTOM - 2 * ROW - 8 * mm) // ROW)
    count, si_all, pr_all = 0, Decimal("0"), Decimal("0")
    for start in range(0, len(persons), per_page):
        if start:
            f.new_page()
            header(True)
        chunk = persons[start:start + per_page]
        si_page = pr_page = Decimal("0")
        y = f.y
        for k, p in enumerate(chunk):
            if k % 2:
                f.rect(LEFT, y - ROW, RIGHT - LEFT, ROW, 0.96)
            y -= ROW
            base = y + 1.7 * mm
            values = (str(p.row_no), p.name, ID_TYPES.get(p.id_type, p.id_type), p.id_no, GENDERS.get(p.gender, ""),
                      p.birth_date, p.product_code, p.level, money(p.sum_insured), money(p.premium))
            for i, v in enumerate(values):
                cell(v, i, base)
            si_page += p.sum_insured
            pr_page += p.premium
        count += len(chunk)
        si_all += si_page
        pr_all += pr_page
        f.y = y
        f.line(LEFT, RIGHT, 0.6)
        f.y -= ROW - 1.7 * mm
        cell(f"本页小计 {len(chunk)} 人", 1, f.y, 8.5)
        cell(money(si_page), 8, f.y, 8.5)
        cell(money(pr_page), 9, f.y, 8.5)
        if start + per_page >= len(persons):
            f.y -= ROW
            cell(f"合计 {count:,} 人（共 {count:,} 人）", 1, f.y, 9)
            cell(money(si_all), 8, f.y, 9)
            cell(money(pr_all), 9, f.y, 9)
        else:
            f.y -= ROW
            cell(f"累计 {count:,} 人", 1, f.y, 8, gray=0.4)
            cell(money(si_all), 8, f.y, 8, gray=0.4)
            cell(money(pr_all), 9, f.y, 8, gray=0.4)
    if t["insured_note"]:
        f.y -= 3 * mm
        f.paragraph(t["insured_note"], 8.5, gray=0.35)


def _clauses(f: _Flow, d: ContractData, t: templates.Template) -> None:
    f.new_page()
    f.y -= 2 * mm
    f.text(t["clauses_title"], W / 2, 15, align="c")
    f.y -= 4 * mm
    seen = []
    for p in d.products:
        if p.code in seen:
            continue
        seen.append(p.code)
        for cl in templates.clauses(p.code):
            if cl.kind == "title":
                f.need(16 * mm)
                f.y -= 9 * mm
                f.text(cl.text, LEFT, 12.5)
                f.y -= 1 * mm
            elif cl.kind == "article":
                f.need(12 * mm)
                f.y -= 2 * mm
                f.paragraph(cl.text, 10)
            else:
                f.paragraph(cl.text, 9, first_indent=True)


def _receipt(f: _Flow, d: ContractData, t: templates.Template, pages: int) -> None:
    r = t["receipt"]
    page = f.new_page()
    page.receipt = True
    f.y -= 2 * mm
    f.text("保险合同送达说明", LEFT, 12)
    f.y -= 2 * mm
    f.paragraph(r["cut"], 9.5, gray=0.25)
    f.y = H / 2 + 10 * mm
    f.line(LEFT - 6 * mm, RIGHT + 6 * mm, 0.6, gray=0.3, dash=(4, 3))
    f.text("沿此线剪下", LEFT, 8, gray=0.45, y=f.y + 2 * mm)
    f.y -= 14 * mm
    f.text(r["title"], W / 2, 17, align="c")
    f.y -= 12 * mm
    rows = [(t.label("policy_no"), d.policy_no), (t.label("applicant"), d.applicant_name),
            (t.label("insured_count"), f"{d.insured_count:,} 人"),
            (t.label("term"), f"{d.effective_date:%Y-%m-%d} 至 {d.expiry_date:%Y-%m-%d}"),
            (t.label("branch"), d.branch_name)]
    for label, value in rows:
        f.text(label, LEFT + 2 * mm, 10, gray=0.35)
        f.text(value, LEFT + 30 * mm, 11)
        f.y -= 7 * mm
    f.y += 3 * mm
    f.paragraph(r["body"].format(pages=pages), 10.5, first_indent=True)
    f.y -= 6 * mm
    for line in r["lines"]:
        f.y -= 11 * mm
        f.text(line, LEFT + 2 * mm, 11)
        if line.rstrip().endswith("："):  # a line to write on (the date line has its own blanks)
            f.line(LEFT + 2 * mm + text_width(line, 11) + 1 * mm, RIGHT - 48 * mm, 0.4, y=f.y - 1.2 * mm)
    code = payload.receipt_payload(d.policy_no)
    size = 34 * mm
    x, y = RIGHT - size, BOTTOM + 2 * mm

    def qr(c: canvas.Canvas) -> None:
        draw_qr(c, code, x, y, size)

    page.ops.append(qr)
    f.text(r["scan"], x + size / 2, 8, align="c", gray=0.35, y=y - 1 * mm)
    f.text(code, x + size / 2, 7, align="c", gray=0.35, y=y - 4.5 * mm)


def layout(d: ContractData) -> list[_Page]:
    f = _Flow(paper_font())
    t = templates.template(d.business_type)
    _schedule(f, d, t)
    _insured_list(f, d, t)
    _clauses(f, d, t)
    # The receipt names the number of pages: the receipt page is one more than what came before.
    _receipt(f, d, t, len(f.pages) + 1)
    return f.pages


def render(d: ContractData, *, content_hash: str, print_seq: int, preview: bool = False) -> Rendered:
    """The contract's PDF for print `print_seq` (2… are reprints: 副本 / 第 n 次打印 on every page)."""
    pages = layout(d)
    font = paper_font()
    total = len(pages)
    t = templates.template(d.business_type)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True, initialFontName=font, initialFontSize=10, pageCompression=1)
    c.setTitle(f"{t['title']} {d.policy_no}")
    c.setAuthor(d.branch_name)
    c.setSubject(f"print {print_seq}")
    mark = f"副本 / 第 {print_seq} 次打印" if print_seq > 1 else ""
    for i, page in enumerate(pages, start=1):
        _frame(c, d, t, i, total, print_seq, content_hash, mark, preview)
        for op in page.ops:
            op(c)
        if mark or preview:
            _watermark(c, "样张 · 仅供预览" if preview else "副本")
        c.showPage()
    c.save()
    return Rendered(buf.getvalue(), total)


def _watermark(c: canvas.Canvas, text: str) -> None:
    """Across the page, over its content, translucent: the insured list's row shading would hide it
    below."""
    c.saveState()
    c.setFillColorRGB(0.55, 0.55, 0.55, alpha=0.2)
    c.setFont(paper_font(), 64)
    c.translate(W / 2, H / 2)
    c.rotate(35)
    c.drawCentredString(0, 0, text)
    c.restoreState()


def _frame(c: canvas.Canvas, d: ContractData, t: templates.Template, page: int, total: int, seq: int,
           content_hash: str, mark: str, preview: bool) -> None:
    """What every page carries: branch and title, the QR code, policy number, page x / y, the copy mark."""
    font = paper_font()
    top = H - 14 * mm
    c.setFillGray(0.3)
    c.setFont(font, 9)
    c.drawString(LEFT, top, d.branch_name)
    c.setFillGray(0)
    if page > 1:  # the schedule names the contract in large type below
        c.setFont(font, 13)
        c.drawString(LEFT, top - 8 * mm, t["title"])
    c.setFont(font, 10)
    c.drawString(LEFT, top - (14.5 if page > 1 else 8) * mm, f"保险单号：{d.policy_no}")
    if mark:
        c.setFillColorRGB(0.75, 0.1, 0.1)
        c.setFont(font, 14)
        c.drawCentredString(W / 2 + 12 * mm, top - 8 * mm, mark)
        c.setFillGray(0)
    qr_text = payload.page_payload(d.policy_no, page, total, seq, content_hash)
    draw_qr(c, qr_text, RIGHT - QR_SIZE + 2.5 * mm, H - 8 * mm - QR_SIZE, QR_SIZE)
    c.setLineWidth(0.8)
    c.line(LEFT, H - 34 * mm, RIGHT, H - 34 * mm)
    c.setLineWidth(0.4)
    c.line(LEFT, 16 * mm, RIGHT, 16 * mm)
    c.setFont(font, 9)
    c.setFillGray(0.3)
    c.drawString(LEFT, 11 * mm, f"{d.policy_no} · {f'第 {seq} 次打印' if seq > 1 else '正本'}")
    c.drawRightString(RIGHT, 11 * mm, f"核验码 {content_hash[:payload.HASH_CHARS].upper()[:12]}")
    c.setFillGray(0)
    c.setFont(font, 10)
    c.drawCentredString(W / 2, 11 * mm, f"第 {page} / {total} 页")
