"""Import boundaries of sync: the branch uses only the server's wire format, which imports no
server framework; the domain core knows nothing of sync."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def imports(folder: Path) -> dict[Path, set[str]]:
    out: dict[Path, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                # `from sync_server import protocol` names sync_server.protocol.
                names.update(f"{node.module}.{a.name}" if node.module == "sync_server" else node.module
                             for a in node.names)
        out[path] = names
    return out


def test_desk_app_imports_nothing_of_the_server_but_its_protocol() -> None:
    bad = {str(p.relative_to(REPO)): sorted(
        n for n in names if n.startswith("sync_server") and n != "sync_server.protocol")
           for p, names in imports(REPO / "desk_app").items()}
    assert {k: v for k, v in bad.items() if v} == {}


def test_the_protocol_imports_no_server_framework_or_database() -> None:
    names = imports(REPO / "sync_server")[REPO / "sync_server" / "protocol.py"]
    assert not {n for n in names if n.split(".")[0] in {"fastapi", "starlette", "sqlalchemy", "uvicorn", "psycopg"}}


def test_the_core_does_not_import_sync() -> None:
    offenders = [str(p) for p, names in imports(REPO / "desk_app" / "core").items()
                 if any(n.startswith("desk_app.sync") for n in names)]
    assert offenders == []


def test_every_foreign_key_leaving_a_case_is_sent_ahead_of_its_row() -> None:
    """A referred case's rows reach the province with what they point at outside the case; a new
    case table with a foreign key not in CASE_ROW_PARENTS would break the province's pull."""
    import desk_app.store.models as m
    from sync_server.protocol import CASE_ROW_PARENTS, CASE_TABLES

    md = m.Proposal.metadata
    found = {}
    for table in (*CASE_TABLES, *{p for refs in CASE_ROW_PARENTS.values() for _c, p in refs} - {"users"}):
        refs = tuple(sorted((fk.parent.name, fk.column.table.name) for fk in md.tables[table].foreign_keys
                            if fk.column.table.name != "proposals"))
        if refs:
            found[table] = refs
    assert found == {t: tuple(sorted(refs)) for t, refs in CASE_ROW_PARENTS.items()}
