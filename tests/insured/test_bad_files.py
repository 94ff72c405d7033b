"""Files that are not a list we can read: one Chinese sentence each, and nothing changed."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desk_app.core.errors import InvalidInput
from desk_app.core.insured import reading
from desk_app.services import insured
from tests.insured.helpers import case_in, counts, people, write_xlsx


def encrypted_ole() -> bytes:
    """A minimal compound file (OLE/CFB) as Office writes for an .xlsx with an open password: the
    header, one FAT sector and one directory sector naming EncryptionInfo and EncryptedPackage."""
    header = bytearray(512)
    header[0:8] = reading.OLE_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)  # minor, major, byte order, 512-byte sectors
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<I", header, 48, 1)  # the directory starts at sector 1
    struct.pack_into("<I", header, 56, 4096)
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * 512)
    struct.pack_into("<III", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE)
    directory = bytearray()
    for name, kind in (("Root Entry", 5), ("EncryptionInfo", 2), ("EncryptedPackage", 2), ("", 0)):
        entry = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        entry[0:len(encoded)] = encoded
        struct.pack_into("<HB", entry, 64, len(encoded), kind)
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        directory += entry
    return bytes(header + fat + directory)


def zip_bomb(path: Path) -> Path:
    """A real workbook whose sheet part unpacks to 64 MB of blanks (about 60 KB packed)."""
    good = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "证件号码"])
    wb.save(good)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with dst.open(info.filename, "w") as f:
                    f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                            b'spreadsheetml/2006/main"><sheetData>')
                    for _ in range(64):
                        f.write(b" " * 2**20)
                    f.write(b"</sheetData></worksheet>")
            else:
                dst.writestr(info, src.read(info))
    return path


def not_a_workbook_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("[Content_Types].xml", "<Types/>")
    return path


def broken_workbook(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<this is not xml")
        z.writestr("[Content_Types].xml", "<Types/>")
    return path


def empty_sheet(path: Path) -> Path:
    openpyxl.Workbook().save(path)
    return path


def no_header(path: Path) -> Path:
    wb = openpyxl.Workbook()
    for i in range(40):
        wb.active.append([i, i * 2, "abc"])
    wb.save(path)
    return path


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"

BAD_FILES = {
    "png": (lambda p: p.with_suffix(".xlsx").write_bytes(PNG) and p.with_suffix(".xlsx"), "不是电子表格"),
    "docx": (lambda p: not_a_workbook_zip(p.with_suffix(".xlsx")), "不是 Excel 工作簿"),
    "encrypted": (lambda p: p.with_suffix(".xlsx").write_bytes(encrypted_ole()) and p.with_suffix(".xlsx"),
                  "设置了打开密码"),
    "xls": (lambda p: p.with_suffix(".xls").write_bytes(reading.OLE_MAGIC + bytes(1016)) and p.with_suffix(".xls"),
            "旧版 Excel"),
    "empty": (lambda p: p.with_suffix(".csv").write_bytes(b"") == 0 and p.with_suffix(".csv"), "是空的"),
    "blank": (lambda p: p.with_suffix(".csv").write_bytes(b"\r\n , ,\r\n") and p.with_suffix(".csv"), "没有任何内容"),
    "empty_sheet": (lambda p: empty_sheet(p.with_suffix(".xlsx")), "工作表都是空的"),
    "no_header": (lambda p: no_header(p.with_suffix(".xlsx")), "找不到表头"),
    "zip_bomb": (lambda p: zip_bomb(p.with_suffix(".xlsx")), "可能是恶意构造的文件"),
    "broken": (lambda p: broken_workbook(p.with_suffix(".xlsx")), "无法读取"),
    "directory": (lambda p: (p.mkdir() or p), "不是普通文件"),
    "device": (lambda p: Path("/dev/zero"), "不是普通文件"),
    "missing": (lambda p: p / "nowhere.xlsx", "找不到文件"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_gives_one_sentence_and_changes_nothing(demo_store, actors, tmp_path, kind):
    make, words = BAD_FILES[kind]
    path = make(tmp_path / "list")
    case = case_in(demo_store, "RECEIVED")
    before = counts(demo_store)
    started = time.perf_counter()
    with pytest.raises(InvalidInput) as refused:
        insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=path)
    assert words in refused.value.message and "\n" not in refused.value.message
    with pytest.raises(InvalidInput, match=words):
        insured.preview(demo_store, path=path, proposal_id=case.proposal_id)
    assert counts(demo_store) == before
    assert time.perf_counter() - started < 10  # the zip bomb is refused from its directory, not inflated


def test_a_file_larger_than_any_list(demo_store, actors, tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:
        f.truncate(reading.MAX_FILE_BYTES + 1)  # sparse: no disk used
    case = case_in(demo_store, "RECEIVED")
    before = counts(demo_store)
    with pytest.raises(InvalidInput, match="太大"):
        insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=path)
    assert counts(demo_store) == before


def test_the_openpyxl_encryption_marker_is_what_office_writes(tmp_path):
    """openpyxl itself refuses our encrypted file as not a zip, the way it refuses Office's: the
    reader's own sentence comes first."""
    from openpyxl.utils.exceptions import InvalidFileException

    path = tmp_path / "secret.xlsx"
    path.write_bytes(encrypted_ole())
    with pytest.raises((InvalidFileException, zipfile.BadZipFile)):
        openpyxl.load_workbook(path, read_only=True)


def test_a_named_sheet_that_is_not_there_or_is_empty(demo_store, actors, tmp_path):
    case = case_in(demo_store, "RECEIVED")
    path = write_xlsx(tmp_path / "l.xlsx", people(case, 3))
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("空表")
    wb.save(path)
    with pytest.raises(InvalidInput, match="没有名为“附表”的工作表"):
        insured.preview(demo_store, path=path, proposal_id=case.proposal_id, sheet="附表")
    with pytest.raises(InvalidInput, match="工作表“空表”是空的"):
        insured.preview(demo_store, path=path, proposal_id=case.proposal_id, sheet="空表")
    assert insured.preview(demo_store, path=path, proposal_id=case.proposal_id).sheets == ("被保险人清单", "空表")
