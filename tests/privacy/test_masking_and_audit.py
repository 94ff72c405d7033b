"""Masking by role, recorded unmasking, the tamper-evident audit chain, redacted logs, encrypted files."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest
from sqlalchemy import select, text

from desk_app.core import audit, privacy, proposals
from desk_app.core.errors import InvalidInput
from desk_app.core.privacy import PersonalField
from desk_app.logsetup import setup_logging
from desk_app.store.filestore import EncryptedFileStore, FileStoreError
from desk_app.store.models import AuditEntry, Proposal
from tests.factories import good_draft

ID_NO = "11010519491231002X"
PHONE = "13812345678"
BANK = "6222021234567890128"


def individual_draft(**extra):
    fields = dict(
        business_type="INDIVIDUAL", applicant_name="王小明", applicant_credit_code=None, industry_code=None,
        products=(proposals.ProductLine("ITL01", "A", proposals.Decimal("500000"), proposals.Decimal("1500")),),
        premium_total=proposals.Decimal("1500"), insured_count=1, applicant_id_no=ID_NO, contact_name="王小明",
        contact_phone=PHONE, payer_bank_account=BANK)
    return good_draft(**{**fields, **extra})


def individual_case(store, actors, **extra):
    with store.transaction() as s:
        return proposals.register_case(s, actor=actors["clerk"], draft=individual_draft(**extra))


def test_masks():
    assert privacy.mask_id(ID_NO) == "1101**********002X"
    assert privacy.mask_phone(PHONE) == "138****5678"
    assert privacy.mask_bank(BANK) == "6222***********0128"


def test_case_detail_is_masked_for_every_role(demo_store, actors):
    case = individual_case(demo_store, actors)
    for _name in actors:
        with demo_store.reading() as s:
            shown = proposals.case_detail(s, case.proposal_id)
        assert shown.applicant_id_no == "1101**********002X"
        assert shown.contact_phone == "138****5678"
        assert shown.payer_bank_account == "6222***********0128"
        assert ID_NO not in repr(shown) and PHONE not in repr(shown) and BANK not in repr(shown)


@pytest.mark.parametrize("field", list(PersonalField))
def test_unmask_needs_the_right_and_a_reason_and_is_audited(demo_store, actors, field):
    case = individual_case(demo_store, actors)
    full = {PersonalField.ID_NO: ID_NO, PersonalField.PHONE: PHONE, PersonalField.BANK: BANK}[field]
    for who in ("entry1", "scanner", "printer"):
        with pytest.raises(InvalidInput, match="没有查看完整个人信息的权限"), demo_store.transaction() as s:
            privacy.unmask(s, actor=actors[who], proposal_id=case.proposal_id, field=field, reason="核对")
    with pytest.raises(InvalidInput, match="必须填写原因"), demo_store.transaction() as s:
        privacy.unmask(s, actor=actors["uw"], proposal_id=case.proposal_id, field=field, reason=" ")
    with demo_store.transaction() as s:
        got = privacy.unmask(s, actor=actors["uw"], proposal_id=case.proposal_id, field=field, reason="电话回访核实")
    assert got.value == full
    with demo_store.reading() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.unmask")).all()
    assert len(entries) == 1 and entries[0].username == "uw" and entries[0].target_id == case.proposal_id
    assert field.value in entries[0].detail and "电话回访核实" in entries[0].detail


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"applicant_id_no": "11010519491231002Y"}, "身份证号码不正确"),
        ({"applicant_id_no": None}, "个险投保人必须填写身份证号码"),
        ({"contact_phone": "1381234567"}, "11 位手机号码"),
        ({"payer_bank_account": "62220212345X"}, "银行账号应为 8–30 位数字"),
        ({"payer_bank_account": "1234567"}, "银行账号应为 8–30 位数字"),
    ],
)
def test_personal_numbers_are_validated(demo_store, actors, change, message):
    with pytest.raises(InvalidInput, match=message):
        individual_case(demo_store, actors, **change)
    with pytest.raises(InvalidInput, match="团险投保单位不填写个人身份证号码"), demo_store.transaction() as s:
        proposals.register_case(s, actor=actors["clerk"], draft=good_draft(applicant_id_no=ID_NO))


# --- the audit chain -----------------------------------------------------------------------------

def run_verify(store):
    with store.reading() as s:
        return audit.verify(s, anchor=store.audit_anchor())


def tamper(store, *sql):
    with store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        for stmt in sql:
            conn.execute(text(stmt))


def test_untouched_chain_verifies_and_anchor_follows_commits(demo_store, actors):
    individual_case(demo_store, actors)
    result = run_verify(demo_store)
    assert result.ok and result.entries == result.head_seq > 100
    assert demo_store.audit_anchor() == (result.head_seq, result.head_mac)


def test_a_burst_of_actions_anchors_its_newest_head_without_a_write_per_commit(demo_store, actors, monkeypatch):
    """A batch of actions rewrites the anchor once per rest, never falls behind for good, and an
    isolated action is anchored at once, without waiting for a flush or for the rest to end.

    The rest is set to an hour, so the counts do not depend on the machine's speed: a write per
    commit would show 21 writes, and an isolated action that waited for the rest would miss the
    (generous) deadline by an hour."""
    import time

    from desk_app.store import db, keys

    writes = []
    real_save = keys.save_anchor

    def counting_save(data_dir, seq, mac):
        writes.append(seq)
        real_save(data_dir, seq, mac)

    monkeypatch.setattr(db, "save_anchor", counting_save)
    demo_store.flush_audit_anchor()
    demo_store.anchor_interval_s = 3600
    for _ in range(20):
        individual_case(demo_store, actors)
    head = run_verify(demo_store)  # flushes: the newest head is anchored now, cutting the rest short
    assert head.ok and demo_store.audit_anchor() == (head.head_seq, head.head_mac)
    # An early head when the writer first ran, then the newest at the flush (one, if the writer
    # started late); a write per commit would be 20 or more.
    assert len(writes) <= 2 and writes[-1] == head.head_seq, writes
    burst_writes = len(writes)

    individual_case(demo_store, actors)  # alone: written by the background thread, no flush asked
    with demo_store.reading() as s:
        seq = s.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
    deadline = time.monotonic() + 60
    while keys.load_anchor(demo_store.path.parent)[0] != seq and time.monotonic() < deadline:
        time.sleep(0.01)
    assert keys.load_anchor(demo_store.path.parent)[0] == seq
    assert writes[-1] == seq and len(writes) == burst_writes + 1


def test_triggers_refuse_rewriting_audit(demo_store):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError, match="append-only"), demo_store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET detail = '{}' WHERE seq = 5"))


@pytest.mark.parametrize(
    ("case", "sql", "message"),
    [
        ("edit", ["UPDATE audit_log SET username = 'someone' WHERE seq = 10"], "第 10 条校验失败"),
        ("delete", ["DELETE FROM audit_log WHERE seq = 10"], "第 10–10 条缺失"),
        ("reorder", ["UPDATE audit_log SET seq = -1 WHERE seq = 10", "UPDATE audit_log SET seq = 10 WHERE seq = 11",
                     "UPDATE audit_log SET seq = 11 WHERE seq = -1"], "第 10 条校验失败"),
        ("truncate", ["DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)"], "末尾被截断"),
    ],
)
def test_tampering_is_detected(demo_store, actors, case, sql, message):
    individual_case(demo_store, actors)  # moves the anchor to the current head
    assert run_verify(demo_store).ok
    tamper(demo_store, *sql)
    result = run_verify(demo_store)
    assert not result.ok and any(message in p for p in result.problems), result.problems
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    cli = subprocess.run([sys.executable, "-m", "desk_app.cli", "--data-dir", str(demo_store.path.parent), "audit",
                          "verify"], capture_output=True, text=True, env=env)
    assert cli.returncode == 1 and "审计链校验失败" in cli.stdout and message.split(" ")[0] in cli.stdout


# --- logs and files --------------------------------------------------------------------------------

def test_logs_never_hold_full_numbers(tmp_path):
    path = setup_logging(tmp_path)
    log = logging.getLogger("desk_app.test")
    log.warning("intake of %s phone %s bank %s", ID_NO, PHONE, BANK)
    try:
        raise ValueError(f"bad id {ID_NO}")
    except ValueError:
        log.exception("failed")
    for h in logging.getLogger().handlers:
        h.flush()
    content = path.read_text("utf-8")
    assert "1101**********002X" in content and "138****5678" in content and "6222***********0128" in content
    for secret in (ID_NO, PHONE, BANK):
        assert secret not in content


def test_files_are_encrypted_addressed_by_plaintext_hash_and_tamper_evident(tmp_path):
    import hashlib

    fs = EncryptedFileStore(tmp_path / "files", os.urandom(32))
    data = f"投保人身份证 {ID_NO}".encode()
    digest = fs.put(data)
    assert digest == hashlib.sha256(data).hexdigest() and fs.put(data) == digest
    raw = fs.path_for(digest).read_bytes()
    assert ID_NO.encode() not in raw and data not in raw
    assert fs.get(digest) == data
    other = EncryptedFileStore(tmp_path / "files", os.urandom(32))
    with pytest.raises(FileStoreError, match="无法解密"):
        other.get(digest)
    damaged = bytearray(raw)
    damaged[-1] ^= 1
    fs.path_for(digest).write_bytes(bytes(damaged))
    with pytest.raises(FileStoreError, match="无法解密"):
        fs.get(digest)
    with pytest.raises(FileStoreError, match="不存在"):
        fs.get("0" * 64)
    assert not list((tmp_path / "files").rglob(".tmp-*"))


def test_byte_search_finds_no_personal_data_anywhere(demo_store, actors):
    """After real work with known personal data, none of it is in any file of the data folder."""
    case = individual_case(demo_store, actors)
    names = ["王小明"]
    setup_logging(demo_store.path.parent)
    logging.getLogger("desk_app.intake").info("registered %s id %s phone %s", case.case_no, ID_NO, PHONE)
    for h in logging.getLogger().handlers:
        h.flush()
    demo_store.files.put(f"扫描页：{ID_NO} {PHONE} 王小明".encode())
    demo_store.files.put(b"%PDF-1.4 " + f"{ID_NO} 王小明".encode("gbk"))
    from desk_app.store.migrate import backup

    backup(demo_store.path, demo_store.secret)
    with demo_store.reading() as s:
        assert s.get(Proposal, case.proposal_id).applicant_id_no == ID_NO  # it is stored, just not readable
    needles = []
    for value in (ID_NO, PHONE, BANK, *names):
        needles += [value.encode("utf-8"), value.encode("gbk")]
    files = [p for p in demo_store.path.parent.rglob("*") if p.is_file()]
    assert any(p.name.endswith("-wal") for p in files) and any("backups" in p.parts for p in files)
    assert any(p.suffix == ".log" for p in files) and any(p.suffix == ".bdf" for p in files)
    for path in files:
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, f"{needle!r} found in {path}"
