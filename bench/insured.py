"""Importing a 10,000-row insured list (被保险人清单) through the service, as the dialog and
`desk-app insured import` do it: the file read (openpyxl read-only; csv), the header found, every
row checked (ID check digit, birth date and gender, occupation, benefit level, duplicates), the
totals compared, and the list stored with Core inserts (the sync capture triggers included) on a
demo store (SQLCipher, the real file settings). Each import is a new version replacing the last.

Prints the median of 3 imports, the floor (a bare openpyxl read-only pass over the same file, values
only, nothing else) and the import as a multiple of it; then the same for the list as a GBK CSV.
Goal: under 2 s including all checks.
Run: .venv/bin/python bench/insured.py [--rows 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="bench-keyring-"))

import openpyxl  # noqa: E402

from desk_app.core import demo, users  # noqa: E402
from desk_app.services import insured  # noqa: E402
from desk_app.store.migrate import open_store  # noqa: E402
from tests.insured.helpers import case_in, people, set_figures, write_csv, write_xlsx  # noqa: E402


def bare_openpyxl(path: Path) -> int:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in wb.active.iter_rows(values_only=True))
    wb.close()
    return n


def bare_csv(path: Path) -> int:
    with open(path, encoding="gb18030", newline="") as f:
        return sum(1 for _ in csv.reader(f))


def timed(fn, repeat: int) -> float:  # noqa: ANN001
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-insured-"))
    store = open_store(folder / "branch.db")
    try:
        with store.transaction() as s:
            demo.create_demo(s, cases_per_state=3, force_password_change=False)
            clerk = users.actor_for(s, "clerk")
        case = case_in(store, "RECEIVED")
        case = set_figures(store, case, count=args.rows, premium_total=case.premium_each * args.rows)
        rows = people(case)
        files = {"xlsx": write_xlsx(folder / "list.xlsx", rows),
                 "csv (GBK)": write_csv(folder / "list.csv", rows, encoding="gbk")}
        floors = {"xlsx": bare_openpyxl, "csv (GBK)": bare_csv}
        print(f"{args.rows:,} persons, {len(rows[0])} columns; median of {args.repeat}")
        for kind, path in files.items():
            def one(path: Path = path) -> None:
                out = insured.import_list(store, actor=clerk, proposal_id=case.proposal_id, path=path).value
                assert out.stored and out.rows == args.rows, out.errors[:3]

            one()  # warm: imports, the reference tables, the county table of stdnum
            took = timed(one, args.repeat)
            floor = timed(lambda path=path, kind=kind: floors[kind](path), args.repeat)
            size = path.stat().st_size / 2**20
            print(f"{kind:10s} {size:5.1f} MB  import {took * 1000:7.0f} ms   bare read {floor * 1000:7.0f} ms   "
                  f"import = {took / floor:4.2f} x bare read   goal < 2000 ms: {'yes' if took < 2 else 'NO'}")
    finally:
        store.close()


if __name__ == "__main__":
    main()
