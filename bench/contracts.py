"""Contract printing: an individual contract, a 1,000-person group contract, a batch of 1,000.

- individual, warm: the contract's data read from the store, its content hash and the PDF
  (schedule, clauses, receipt page, a QR code on each page) — median and p95 of N after a warm-up;
  and the whole print service (the above, the PDF encrypted into the file store, the ContractPrint
  row, the workflow step, audit) on the same kind of case. Goal: the PDF under 40 ms.
- group of 1,000 insured persons: data + hash + PDF, and the peak memory (tracemalloc) of it.
  Goal: under 1.5 s.
- a batch of 1,000 individual contracts through services.contracts.print_batch (each case its own
  transaction). Goal: under 40 s.

Run: .venv/bin/python bench/contracts.py [--n 50] [--batch 1000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

# bench/ holds queue.py, which would shadow the standard library queue module.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="bench-keyring-"))

from sqlalchemy import insert, select, update  # noqa: E402

from desk_app.core import demo, users  # noqa: E402
from desk_app.core.contracts import content, render  # noqa: E402
from desk_app.core.underwriting import numbering  # noqa: E402
from desk_app.core.workflow import State  # noqa: E402
from desk_app.services import contracts  # noqa: E402
from desk_app.store.migrate import open_store  # noqa: E402
from desk_app.store.models import BenefitLevel, PolicyNumber, Proposal, ProposalProduct, User  # noqa: E402
from tests.contracts.conftest import issued_case  # noqa: E402


def individual_cases(store, n: int) -> list[str]:  # noqa: ANN001
    """`n` issued individual cases (ITL01 level B) with policy numbers, by Core inserts."""
    with store.transaction() as s:
        before = set(s.scalars(select(Proposal.id).where(Proposal.state == State.ISSUED.value)))
        demo.bulk_cases(s, n=n, states=[State.ISSUED], seed=31)
        ids = [pid for pid in s.scalars(select(Proposal.id).where(Proposal.state == State.ISSUED.value))
               if pid not in before]
        level = s.execute(select(BenefitLevel.sum_insured, BenefitLevel.premium_per_person).where(
            BenefitLevel.product_code == "ITL01")).first()
        s.execute(update(Proposal).where(Proposal.id.in_(ids)).values(
            business_type="INDIVIDUAL", insured_count=1, sum_insured_total=level[0], premium_total=level[1],
            applicant_name="陈晓红", applicant_credit_code=None, applicant_id_no="110105198001010014"))
        s.execute(update(ProposalProduct).where(ProposalProduct.proposal_id.in_(ids)).values(
            product_code="ITL01", benefit_level="B", sum_insured=level[0], premium=level[1]))
        have = set(s.scalars(select(PolicyNumber.proposal_id).where(PolicyNumber.proposal_id.in_(ids))))
        uw = s.scalar(select(User.id).where(User.username == "uw"))
        code = users.branch(s).branch_code
        rows = numbering.bulk_rows(s, [(pid, uw, time_now()) for pid in ids if pid not in have], org_code=code,
                                   branch_code=code)
        if rows:
            s.connection().execute(insert(PolicyNumber.__table__), rows)
    return ids


def time_now():  # noqa: ANN201
    from desk_app import clock

    return clock.now()


CPU: list[float] = []  # process CPU time of each ms() call: on a shared, loaded machine the wall time
# counts the other processes' turns too, the CPU time what this work costs


def ms(f) -> float:  # noqa: ANN001
    c0, t0 = time.process_time(), time.perf_counter()
    f()
    CPU.append((time.process_time() - c0) * 1000)
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50, help="individual contracts timed (after a warm-up)")
    ap.add_argument("--batch", type=int, default=1000, help="individual contracts in the batch")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-contracts-"))
    store = open_store(tmp / "branch.db")
    with store.transaction() as s:
        demo.create_demo(s, cases_per_state=2, force_password_change=False)
        printer = users.actor_for(s, "printer")

    one = individual_cases(store, args.n + 5)
    with store.reading() as s:
        data = content.contract_data(s, one[0])
    times, cpu = [], []
    for i in range(args.n + 3):
        def draw() -> None:
            with store.reading() as s:
                d = content.contract_data(s, one[0])
            render.render(d, content_hash=content.content_hash(d), print_seq=1)
        t = ms(draw)
        if i >= 3:
            times.append(t)
            cpu.append(CPU[-1])
    pages = render.render(data, content_hash="0" * 64, print_seq=1).pages
    print(f"individual contract ({pages} pages), data + hash + PDF, warm: median {statistics.median(times):.1f} ms, "
          f"p95 {sorted(times)[int(len(times) * 0.95) - 1]:.1f} ms; CPU median {statistics.median(cpu):.1f} ms (goal < 40 ms)")
    CPU.clear()
    service = [ms(lambda pid=pid: contracts.print_contract(store, actor=printer, proposal_id=pid))
               for pid in one[:args.n]]
    print(f"individual print service (PDF encrypted + row + workflow + audit): median "
          f"{statistics.median(service):.1f} ms; CPU median {statistics.median(CPU):.1f} ms")

    group = issued_case(store, people=1000)
    with store.reading() as s:
        gdata = content.contract_data(s, group)
    render.render(gdata, content_hash="0" * 64, print_seq=1)  # warm the glyph widths

    def whole() -> render.Rendered:
        with store.reading() as s:
            d = content.contract_data(s, group)
        return render.render(d, content_hash=content.content_hash(d), print_seq=1)

    c0, t0 = time.process_time(), time.perf_counter()
    out = whole()
    took, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    tracemalloc.start()  # apart: tracing every allocation slows the run several times
    whole()
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"group contract, 1,000 insured ({out.pages} pages, {len(out.pdf) / 1024:.0f} KiB): data + hash + PDF "
          f"{took:.2f} s (CPU {cpu_s:.2f} s), peak traced memory {peak / 2**20:.1f} MiB (goal < 1.5 s)")
    t = ms(lambda: contracts.print_contract(store, actor=printer, proposal_id=group)) / 1000
    print(f"group print service: {t:.2f} s")

    batch = individual_cases(store, args.batch)
    c0, t0 = time.process_time(), time.perf_counter()
    result = contracts.print_batch(store, actor=printer, proposal_ids=batch).value
    took, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    print(f"batch of {len(batch)} individual contracts: {took:.1f} s ({took / len(batch) * 1000:.1f} ms each; "
          f"CPU {cpu_s:.1f} s), "
          f"printed {result.printed}, failed {result.failed} (goal < 40 s)")
    store.close()


if __name__ == "__main__":
    main()
