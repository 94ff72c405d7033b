"""Reading an insured-list file into a plain table: its header and its rows with their Excel row numbers.

The files come from the applicant unit's HR office, so they are whatever Excel or WPS wrote: an
.xlsx with a title row or two above the header, merged header cells, a two-row header; or a .csv in
UTF-8 (with or without a byte-order mark) or in GBK (Excel's "CSV" on a Chinese Windows). Anything
else, and any file we should not open (encrypted, too big, a zip bomb), is refused with one Chinese
sentence before a byte of it is parsed by openpyxl.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk_app.core.errors import InvalidInput

# A list of 10,000 people with a dozen columns is about 1 MB as .xlsx and 2 MB as .csv; a unit's
# whole staff of 100,000 stays under 20 MB. A larger file is the wrong file.
MAX_FILE_BYTES = 30 * 1024 * 1024
# What the parts of an .xlsx may unpack to at most, all together, and how much one part may be
# compressed: sheet XML compresses about 10:1, a zip bomb 1000:1.
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_RATIO = 150
RATIO_FLOOR = 1024 * 1024  # small parts (shared strings of one repeated word) may compress well
# The header is looked for in this many rows from the top (title, unit name, date lines above it).
HEADER_SEARCH_ROWS = 30
MAX_COLUMNS = 200

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An OOXML file with an open password is an OLE container holding this stream (UTF-16 name).
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class RawFile:
    name: str
    data: bytes


@dataclass(frozen=True)
class Table:
    """One sheet as read: every row as a tuple of cell values (str, int, float, date, datetime, None),
    with the Excel row number the person sees for each."""

    kind: str  # "xlsx" / "csv"
    sheet: str
    sheets: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    encoding: str = ""  # csv only


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (Excel's column names, which the person sees)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_file(path: Path) -> RawFile:
    """The file's bytes, only if it is a regular file of a plausible size (folders, devices and
    pipes are refused before anything is read)."""
    name = path.name or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InvalidInput(f"找不到文件“{name}”。") from None
    except OSError as exc:
        raise InvalidInput(f"无法打开文件“{name}”（{exc.strerror or exc}）。") from None
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"“{name}”不是普通文件（是文件夹、设备或管道），未导入。")
    if info.st_size > MAX_FILE_BYTES:
        raise InvalidInput(f"文件“{name}”太大（{info.st_size / 2**20:,.1f} MB，最多 {MAX_FILE_BYTES // 2**20} MB），"
                           "不像是被保险人清单，未导入。")
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InvalidInput(f"无法读取文件“{name}”（{exc.strerror or exc}）。") from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(f"文件“{name}”太大，未导入。")
    return RawFile(name, data)


def read_table(raw: RawFile, *, sheet: str | None = None) -> Table:
    """The rows of the file's (chosen, or first non-empty) sheet; refused with one sentence when the
    file is not a spreadsheet we can read."""
    data = raw.data
    if not data.strip():
        raise InvalidInput(f"文件“{raw.name}”是空的，未导入。")
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise InvalidInput(f"“{raw.name}”设置了打开密码（加密的 Excel 文件）。请在 Excel 中取消密码后另存为 .xlsx 再导入。")
        raise InvalidInput(f"“{raw.name}”是旧版 Excel（.xls）文件。请在 Excel 中另存为 .xlsx 或 CSV 再导入。")
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(raw, sheet)
    return _read_csv(raw)


# -- xlsx ---------------------------------------------------------------------------------------


def _check_zip(raw: RawFile) -> None:
    """Refuse a zip that is not a workbook, or whose parts would unpack to more than we allow (a zip
    bomb): checked on the zip's directory, before openpyxl inflates anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw.data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InvalidInput(f"“{raw.name}”不是有效的 Excel（.xlsx）文件，可能已损坏，未导入。") from None
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        raise InvalidInput(f"“{raw.name}”不是 Excel 工作簿（.xlsx），未导入。请选择 .xlsx 或 .csv 格式的被保险人清单。")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES or any(
        i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1) for i in infos
    ):
        raise InvalidInput(f"“{raw.name}”解压后异常巨大（约 {total / 2**20:,.0f} MB），可能是恶意构造的文件，未导入。")


def _read_xlsx(raw: RawFile, sheet: str | None) -> Table:
    _check_zip(raw)
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw.data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError):
        raise InvalidInput(f"无法读取 Excel 文件“{raw.name}”，文件可能已损坏，未导入。") from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises whatever its XML parser meets in a broken file
        if exc.__class__.__module__.startswith(("xml.", "lxml", "openpyxl", "et_xmlfile")):
            raise InvalidInput(f"无法读取 Excel 文件“{raw.name}”，文件可能已损坏，未导入。") from None
        raise
    try:
        names = tuple(wb.sheetnames)
        if sheet is not None and sheet not in names:
            raise InvalidInput(f"“{raw.name}”中没有名为“{sheet}”的工作表（有：{'、'.join(names)}）。")
        chosen = [sheet] if sheet is not None else list(names)
        for name in chosen:
            rows = _sheet_rows(wb[name])
            if rows:
                return Table("xlsx", name, names, rows)
        if sheet is not None:
            raise InvalidInput(f"工作表“{sheet}”是空的，未导入。")
        raise InvalidInput(f"“{raw.name}”的工作表都是空的，未导入。")
    except InvalidInput:
        raise
    except Exception as exc:  # noqa: BLE001 - as above: a broken sheet part surfaces only while rows are read
        if exc.__class__.__module__.startswith(("xml.", "lxml", "openpyxl", "et_xmlfile", "zipfile")) or isinstance(
                exc, (KeyError, ValueError, zipfile.BadZipFile)):
            raise InvalidInput(f"无法读取 Excel 文件“{raw.name}”的内容，文件可能已损坏，未导入。") from None
        raise
    finally:
        wb.close()


def _sheet_rows(ws: Any) -> tuple[tuple[int, tuple[Any, ...]], ...]:
    # The sheet's stated size is not trusted: some writers state "A1" whatever the sheet holds, and
    # openpyxl would stop reading there. Without it, rows come as long as their last cell.
    ws.reset_dimensions()
    out = []
    # Read-only sheets stream their rows, a missing (empty) row as an empty tuple, so counting from
    # 1 gives the Excel row number the person sees.
    for row_no, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if not any(_present(v) for v in values):
            continue
        values = values[:MAX_COLUMNS]
        end = len(values)
        while end and not _present(values[end - 1]):
            end -= 1
        out.append((row_no, tuple(values[:end])))
    return tuple(out)


# -- csv ----------------------------------------------------------------------------------------


def _read_csv(raw: RawFile) -> Table:
    data = raw.data
    if b"\x00" in data[:65536]:
        # UTF-16 text or a binary file (an image, a PDF, a Word file): not a list we can read.
        raise InvalidInput(f"“{raw.name}”不是电子表格（.xlsx 或 .csv），未导入。")
    text, encoding = None, ""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text, encoding = data.decode(enc), enc
            break
        except UnicodeDecodeError:
            continue
    if text is None or any(unicodedata.category(ch) == "Cc" and ch not in "\r\n\t" for ch in text[:65536]):
        raise InvalidInput(f"“{raw.name}”不是电子表格（.xlsx 或 .csv），或其编码无法识别（应为 UTF-8 或 GBK），未导入。")
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for i, cells in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
        values = tuple(c.strip() or None for c in cells[:MAX_COLUMNS])
        if any(v is not None for v in values):
            rows.append((i, values))
    if not rows:
        raise InvalidInput(f"文件“{raw.name}”没有任何内容，未导入。")
    if max(len(v) for _, v in rows) < 2:
        raise InvalidInput(f"“{raw.name}”不像是被保险人清单（只有一列），未导入。请选择 .xlsx 或 .csv 格式的清单。")
    return Table("csv", "", (), tuple(rows), encoding="GBK" if encoding == "gb18030" else "UTF-8")


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


# -- header -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """The header of a table: the Excel row it ends on, each column's text (a two-row header's lower
    cell, or the merged cell above it), and where the data starts."""

    row: int  # the Excel row number of the (last) header row
    texts: tuple[str, ...]  # per column, "" for a column without a heading
    groups: tuple[str, ...]  # per column, the upper row's (merged) heading of a two-row header, or ""
    data_index: int  # index into Table.rows of the first data row


def header_text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def find_header(table: Table, score: Callable[[Sequence[str], Sequence[str]], int]) -> Header | None:
    """The header row among the first rows: the row (or pair of rows) whose texts `score` best —
    the number of our fields it names. Title lines above the header name none; a merged heading
    spans its columns only in its first cell, so the upper row of a two-row header lends its text
    to the cells below it that are empty (vertically merged) and is kept as the group of the
    cells that have their own text."""
    best: tuple[int, Header] | None = None
    rows = table.rows[:HEADER_SEARCH_ROWS]
    for i, (row_no, values) in enumerate(rows):
        texts = [header_text(v) for v in values]
        candidates = [(tuple(texts), tuple("" for _ in texts))]
        if i > 0 and rows[i - 1][0] == row_no - 1:
            upper = [header_text(v) for v in rows[i - 1][1]]
            width = max(len(upper), len(texts))
            upper += [""] * (width - len(upper))
            lower = texts + [""] * (width - len(texts))
            # A merged group heading sits in its first column only: carry it right over the columns
            # whose lower cell has a text of its own.
            carried, groups = [], []
            last = ""
            for u, lo in zip(upper, lower, strict=True):
                last = u or (last if lo else "")
                carried.append(lo or u)
                groups.append(last if lo and last != lo else "")
            candidates.append((tuple(carried), tuple(groups)))
        for k, (texts_c, groups_c) in enumerate(candidates):
            s = score(texts_c, groups_c)
            # On a tie, the two-row reading of a header whose upper row won alone is the better one:
            # the lower row is the rest of the header (data would have replaced its texts).
            under_best = k == 1 and best is not None and best[1].row == row_no - 1
            if s and (best is None or s > best[0] or (s == best[0] and under_best)):
                best = (s, Header(row_no, texts_c, groups_c, i + 1))
    return best[1] if best else None
