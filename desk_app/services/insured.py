"""The insured list (被保险人清单) of a group case: preview a file, import it, read its versions and people.

A list may be imported from the moment the counter takes the case in (the unit's Excel file often
comes with the papers) until the keyed form is settled: RECEIVED, SCANNED, FIRST_ENTERED,
SECOND_ENTERED and RECONCILE. The list's head count and premium total are checked against the
proposal form's, and those may still change while the two passes are reconciled, so a corrected list
is still welcome then; from COMPARED on the checked form and its list go on together, and a changed
list goes through a problem case (问题件) instead.

Rows with errors refuse the whole list, nothing stored: `import_list` then returns an outcome with
`stored` False and the errors by row and column (so the command line and the dialog can list them);
a file that cannot be read, a case that may not take a list now, and a head count or premium total
that differs from the proposal form are refusals (DomainError) with one Chinese sentence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desk_app import clock
from desk_app.core import audit
from desk_app.core.errors import InvalidInput, NotFound, TransitionRefused
from desk_app.core.insured import checks, reading
from desk_app.core.insured import mapping as columns
from desk_app.core.insured import store as list_store
from desk_app.core.insured.reading import Header, RawFile, Table
from desk_app.core.privacy import mask_id, mask_phone
from desk_app.core.proposals import find_case
from desk_app.core.roles import Actor, Role
from desk_app.core.workflow import State
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store
from desk_app.store.models import InsuredList, InsuredPerson, Proposal, User

IMPORTED = Changes(cases=True, sync=True)
OPEN_STATES = frozenset({State.RECEIVED, State.SCANNED, State.FIRST_ENTERED, State.SECOND_ENTERED, State.RECONCILE})
ROLES = frozenset({Role.COUNTER_CLERK, Role.ENTRY_OPERATOR, Role.PROBLEM_HANDLER, Role.SUPERVISOR})
PREVIEW_ROWS = 20

Issue = checks.Issue


@dataclass(frozen=True)
class FieldChoice:
    key: str
    label: str


FIELDS = tuple(FieldChoice(f.key, f.label) for f in columns.FIELDS)


@dataclass(frozen=True)
class ListPreview:
    """What the import dialog shows before importing: the columns with the field each is mapped to
    (remembered or guessed), and the first rows, as text."""

    file_name: str
    kind: str  # "xlsx" / "csv"
    encoding: str  # csv: "UTF-8" / "GBK"
    sheets: tuple[str, ...]
    sheet: str
    header_row: int
    columns: tuple[str, ...]  # heading (or letter) of each column
    letters: tuple[str, ...]
    mapping: dict[str, str]  # field -> heading (or letter): what `import_list(mapping=...)` takes
    mapping_source: str  # "template" / "agent" / "headers"
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (Excel row, cell texts) of the first rows
    fields: tuple[FieldChoice, ...] = FIELDS


@dataclass(frozen=True)
class ImportOutcome:
    proposal_id: str
    case_no: str
    stored: bool
    list_id: str | None
    version: int | None
    rows: int
    sum_insured_total: Decimal
    premium_total: Decimal
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    mapping: dict[str, str]
    sheet: str
    header_row: int
    expected_count: int
    expected_premium: Decimal
    expected_source: str  # "keyed" / "registered"
    replaced_version: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"case_no": self.case_no, "stored": self.stored, "list_id": self.list_id, "version": self.version,
                "sheet": self.sheet, "header_row": self.header_row, "mapping": self.mapping,
                "rows": self.rows,
                "totals": {"persons": self.rows, "sum_insured": str(self.sum_insured_total),
                           "premium": str(self.premium_total)},
                "expected": {"insured_count": self.expected_count, "premium_total": str(self.expected_premium),
                             "source": self.expected_source},
                "replaced_version": self.replaced_version,
                "errors": [e.as_json() for e in self.errors], "warnings": [w.as_json() for w in self.warnings]}


@dataclass(frozen=True)
class ListVersion:
    list_id: str
    version: int
    file_name: str
    sheet: str
    rows: int
    sum_insured_total: Decimal
    premium_total: Decimal
    imported_by: str  # display name
    imported_at: dt.datetime
    replaced_at: dt.datetime | None
    warnings: tuple[Issue, ...] = ()

    @property
    def active(self) -> bool:
        return self.replaced_at is None


@dataclass(frozen=True)
class PersonRow:
    """One insured person for display: ID and phone numbers masked (core.privacy)."""

    row_no: int
    name: str
    id_type: str
    id_no: str
    gender: str | None
    birth_date: dt.date | None
    relation: str
    occupation_code: str | None
    occupation_class: int | None
    product_code: str | None
    benefit_level: str | None
    sum_insured: Decimal | None
    premium: Decimal | None
    phone: str | None


@dataclass(frozen=True)
class PersonPage:
    list_id: str | None
    version: int | None
    total: int
    rows: tuple[PersonRow, ...] = field(default_factory=tuple)


# -- reading a file (no store) --------------------------------------------------------------------


@dataclass(frozen=True)
class _Read:
    raw: RawFile
    table: Table
    header: Header


def _known(store: Store, proposal_id: str) -> columns.Known:
    with store.reading() as session:
        return columns.known(session, _proposal(session, proposal_id).agent_code)


def _read(path: Path, sheet: str | None, named: dict[str, str] | None, known: columns.Known | None = None) -> _Read:
    raw = reading.read_file(Path(path))
    table = reading.read_table(raw, sheet=sheet)
    templates = known.templates if known else frozenset()
    headings = (known.agent if known else {}) | (named or {})

    def score(texts: Sequence[str], groups: Sequence[str]) -> int:
        # A header this counter mapped before is the header, whatever its headings say.
        if templates and columns.template_key_of(texts) in templates:
            return 1000
        return columns.score(texts, groups, headings)

    header = reading.find_header(table, score)
    if header is None:
        where = f"工作表“{table.sheet}”" if table.sheet else f"“{raw.name}”"
        raise InvalidInput(f"在{where}的前 {reading.HEADER_SEARCH_ROWS} 行中找不到表头（至少要有“姓名”或"
                           "“证件号码”列）；请检查文件，或指定各列对应的字段。")
    return _Read(raw, table, header)


def _proposal(session: Any, proposal_id: str) -> Proposal:
    p = session.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    return p


def find_proposal(store: Store, case: str) -> str:
    """A case id from its case number or proposal number (for the command line)."""
    with store.reading() as session:
        return find_case(session, case.strip())


def preview(store: Store, *, path: Path, proposal_id: str, sheet: str | None = None,
            mapping_override: dict[str, str] | None = None) -> ListPreview:
    """The file's columns, the mapping the import would use, and its first rows."""
    read = _read(path, sheet, mapping_override, _known(store, proposal_id))
    with store.reading() as session:
        proposal = _proposal(session, proposal_id)
        guessed = columns.remembered(session, read.header, proposal.agent_code)
    found = guessed.mapping
    if mapping_override:
        found = columns.combine(mapping_override, read.header, found)
    names = columns.column_names(read.header)
    width = len(names)
    rows = tuple((row_no, tuple(checks.text_of(v) for v in values[:width]) + ("",) * (width - len(values)))
                 for row_no, values in read.table.rows[read.header.data_index:read.header.data_index + PREVIEW_ROWS])
    return ListPreview(read.raw.name, read.table.kind, read.table.encoding, read.table.sheets, read.table.sheet,
                       read.header.row, tuple(names), tuple(reading.column_letter(i) for i in range(width)),
                       columns.describe(found, read.header), guessed.source if not mapping_override else "person",
                       rows)


def _may_import(actor: Actor, proposal: Proposal) -> None:
    if not actor.roles & ROLES:
        roles = "、".join(r.label for r in sorted(ROLES))
        raise TransitionRefused(f"您没有导入被保险人清单的权限，需要{roles}角色。")
    if proposal.business_type != "GROUP":
        raise InvalidInput(f"案件 {proposal.case_no} 是个险投保单，没有被保险人清单。")
    state = State(proposal.state)
    if state not in OPEN_STATES:
        raise TransitionRefused(f"案件 {proposal.case_no} 当前处于“{state.label}”环节，二录及差异处理已结束，"
                                "不能再导入被保险人清单；如需更正请转问题件处理。")


def keyed_totals(store: Store, proposal_id: str) -> dict[str, str]:
    """The case's keyed `insured_count` and `premium_total`, once entry has settled them (empty
    while entry has not, or before services.entry.case_values exists)."""
    from desk_app.services import entry

    try:
        values = entry.case_values(store, proposal_id=proposal_id)
    except NotImplementedError:
        return {}
    return {k: v for k, v in values.items() if k in ("insured_count", "premium_total") and v}


def import_list(store: Store, *, actor: Actor, proposal_id: str, path: Path, mapping: dict[str, str] | None = None,
                sheet: str | None = None) -> Done[ImportOutcome]:
    """Read, check and store a case's insured list as its new version (the previous one kept,
    marked replaced). Rows with errors: nothing stored, the outcome lists them (`stored` False)."""
    named = mapping  # field -> heading or column letter, as the person chose
    read = _read(path, sheet, named, _known(store, proposal_id))
    keyed = keyed_totals(store, proposal_id)
    now = clock.now()
    digest = hashlib.sha256(read.raw.data).hexdigest()
    try:
        return _import(store, actor, proposal_id, read, named, keyed, digest, now)
    except _RowsRefused as refused:
        return Done(refused.outcome)


class _RowsRefused(Exception):
    def __init__(self, outcome: ImportOutcome) -> None:
        super().__init__("rows refused")
        self.outcome = outcome


def _import(store: Store, actor: Actor, proposal_id: str, read: _Read, named: dict[str, str] | None,
            keyed: dict[str, str], digest: str, now: dt.datetime) -> Done[ImportOutcome]:
    with store.transaction() as session:
        proposal = _proposal(session, proposal_id)
        _may_import(actor, proposal)
        found = columns.remembered(session, read.header, proposal.agent_code).mapping
        if named:
            found = columns.combine(named, read.header, found)
        missing = [columns.LABELS[k] for k in columns.REQUIRED if k not in found]
        if missing:
            raise InvalidInput(f"清单缺少“{'”“'.join(missing)}”列；请指定哪一列是{'、'.join(missing)}。")
        described = columns.describe(found, read.header)
        refs = checks.load_refs(session, proposal_id)
        checked = checks.check_rows(read.table, read.header, found, refs, today=clock.branch_date(now))
        expected = checks.expected_totals(registered_count=proposal.insured_count,
                                          registered_premium=proposal.premium_total, keyed=keyed)

        def outcome(stored: bool, list_id: str | None = None, version: int | None = None,
                    replaced: int | None = None) -> ImportOutcome:
            return ImportOutcome(proposal.id, proposal.case_no, stored, list_id, version, checked.head_count,
                                 checked.sum_insured_total, checked.premium_total, tuple(checked.errors),
                                 tuple(checked.warnings), described, read.table.sheet, read.header.row,
                                 expected.insured_count, expected.premium_total, expected.source, replaced)

        if checked.errors:
            raise _RowsRefused(outcome(False))  # leaves the transaction rolled back: nothing written
        why = checks.totals_refusal(checked, expected)
        if why:
            raise InvalidInput(why)
        previous = list_store.active_list(session, proposal.id)
        replaced = previous.version if previous else None
        list_id, version = list_store.save_list(
            session, proposal_id=proposal.id, branch_code=proposal.branch_code, actor_id=actor.user_id,
            file_name=read.raw.name, file_digest=digest, sheet=read.table.sheet, mapping=described,
            persons=checked.persons, sum_insured_total=checked.sum_insured_total,
            premium_total=checked.premium_total, warnings=checked.warnings, now=now)
        columns.remember(session, read.header, proposal.agent_code, found, now)
        audit.record(session, actor=actor, action="insured.import", target_type="proposal", target_id=proposal.id,
                     detail={"case_no": proposal.case_no, "version": version, "rows": checked.head_count,
                             "premium_total": str(checked.premium_total), "file": read.raw.name,
                             "file_digest": digest, "replaced_version": replaced},
                     branch_code=proposal.branch_code, now=now)
    return Done(outcome(True, list_id, version, replaced), IMPORTED)


def lists(store: Store, *, proposal_id: str) -> list[ListVersion]:
    """Every imported version of the case's list, newest first (the replaced ones too)."""
    with store.reading() as session:
        _proposal(session, proposal_id)
        rows = session.execute(
            select(InsuredList, User.display_name).join(User, User.id == InsuredList.imported_by)
            .where(InsuredList.proposal_id == proposal_id, InsuredList.deleted.is_(False))
            .order_by(InsuredList.version.desc())).all()
        return [ListVersion(x.id, x.version, x.file_name, x.sheet, x.row_count, x.sum_insured_total,
                            x.premium_total, name, x.imported_at, x.replaced_at, _issues(x.warnings))
                for x, name in rows]


def _issues(text: str) -> tuple[Issue, ...]:
    try:
        return tuple(Issue(int(w["row"]), w["column"], w.get("letter", ""), w["message"], w.get("severity", "warning"))
                     for w in json.loads(text or "[]"))
    except (ValueError, KeyError, TypeError):
        return ()


def persons(store: Store, *, proposal_id: str, offset: int = 0, limit: int = 100,
            list_id: str | None = None) -> PersonPage:
    """A page of the people of the case's active list (or of `list_id`, an older version), in the
    file's row order, ID and phone numbers masked."""
    with store.reading() as session:
        _proposal(session, proposal_id)
        if list_id is None:
            chosen = list_store.active_list(session, proposal_id)
        else:
            chosen = session.get(InsuredList, list_id)
            if chosen is None or chosen.proposal_id != proposal_id:
                raise NotFound("找不到该版本的被保险人清单。")
        if chosen is None:
            return PersonPage(None, None, 0, ())
        total = session.scalar(select(func.count()).select_from(InsuredPerson).where(
            InsuredPerson.list_id == chosen.id)) or 0
        page = session.scalars(select(InsuredPerson).where(InsuredPerson.list_id == chosen.id)
                               .order_by(InsuredPerson.row_no).offset(max(offset, 0))
                               .limit(max(min(limit, 1000), 0)))
        rows = tuple(PersonRow(p.row_no, p.name, p.id_type, mask_id(p.id_no), p.gender, p.birth_date, p.relation,
                               p.occupation_code, p.occupation_class, p.product_code, p.benefit_level,
                               p.sum_insured, p.premium, mask_phone(p.phone) if p.phone else None)
                     for p in page)
        return PersonPage(chosen.id, chosen.version, total, rows)
