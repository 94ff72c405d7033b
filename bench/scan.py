"""The scanning pipeline end to end on 300-dpi A4 pages, with both cores busy.

Pages are made first (not timed): cover sheets of real demo cases, sealed proposal forms and
insured lists, skewed, blurred, noised and written as the scanner's JPEG files. Timed: decode,
clean-up (deskew, orientation, blank, QC), barcodes, seal check and encoding in 2 worker
processes (split by file), and the store writes in the parent (encrypted page files, page rows,
indexing, deficiencies, one transaction per 20 files) while the workers go on.
Also prints: each stage's median on one core, barcode decode on a full page, and the stored
size per page for each storage format.
Orientation is on for every page (the text-orientation model after deskew); the run says how
many pages it flagged for a person. Last, the peak memory of importing one 100-page PDF (the
same pages) with `desk-app scan import`: the command's whole process tree, 1 and 2 workers; and
bench/startup.py's figures (`desk-app --help`, a one-page import and its fixed cost).
Goal: >= 8 pages/s, barcode < 15 ms, bilevel text page < 100 KB, 100-page PDF within 600 MB,
one-page import's fixed cost < 0.6 s.
Run: .venv/bin/python bench/scan.py [--pages 120] [--workers 2] [--format jpeg] [--no-startup]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# bench/ holds queue.py, which would shadow the standard library queue module.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="bench-keyring-"))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desk_app.core import demo, users  # noqa: E402
from desk_app.core.scanning import indexing, orientation, pipeline, seal, service, sources  # noqa: E402
from desk_app.store import keys  # noqa: E402
from desk_app.store.db import Store, attach_encrypted, raw_connect  # noqa: E402
from desk_app.store.migrate import open_store  # noqa: E402
from desk_app.store.models import Proposal  # noqa: E402
from desk_app.sync.pages import SyncedPageFiles  # noqa: E402
from tests.scanning import synth  # noqa: E402

DPI = 300


def make_pages(n: int, cases: list[tuple[str, str]]) -> list[tuple[str, bytes]]:
    rng = np.random.default_rng(42)
    bases = {k: synth.render(synth.form_pdf(k), DPI) for k in ("proposal", "insured_list")}
    covers = {c: synth.render(synth.form_pdf("cover", case_no=c), DPI) for c, _ in cases}
    out = []
    for i in range(n):
        if i % 5 == 0:
            img = covers[cases[(i // 5) % len(cases)][0]]
        else:
            img = bases["proposal" if i % 5 == 1 else "insured_list"]
        img = synth.degrade(synth.skew(img, float(rng.uniform(-4, 4))), rng, blur=0.6, noise=4)
        ok, enc = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])
        out.append((f"page{i:04d}.jpg", enc.tobytes()))
    return out


def work(job: tuple[str, bytes, str]) -> service.ProcessedFile:
    name, data, fmt = job
    return service.process_file(name, data, fmt=fmt)


def stages(files: list[tuple[str, bytes]], fmt: str) -> dict[str, float]:
    """Median milliseconds of each stage on one core (clean includes orientation, also shown alone)."""
    t: dict[str, list[float]] = {k: [] for k in ("decode", "clean", "barcode", "seal", "encode", "orientation")}
    for name, data in files[:15]:
        a = time.perf_counter()
        (sp,) = sources.read_pages(name, data)
        b = time.perf_counter()
        clean = pipeline.clean_page(sp.image, sp.dpi)
        c = time.perf_counter()
        indexing.read_barcodes(clean.image, clean.dpi)
        d = time.perf_counter()
        seal.find_seals(sp.image, sp.dpi)
        e = time.perf_counter()
        pipeline.encode_page(clean.image, clean.dpi, fmt)
        f = time.perf_counter()
        level = cv2.resize(clean.image, None, fx=pipeline.WORK_DPI / clean.dpi, fy=pipeline.WORK_DPI / clean.dpi,
                           interpolation=cv2.INTER_AREA)
        g = time.perf_counter()
        orientation.classify(level)
        h = time.perf_counter()
        for k, v in zip(t, (b - a, c - b, d - c, e - d, f - e, h - g), strict=True):
            v and t[k].append(v * 1000)
    return {k: statistics.median(v) for k, v in t.items()}


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _kib(pid: int, path: str, keys: tuple[str, ...]) -> dict[str, int]:
    out = {}
    try:
        with open(f"/proc/{pid}/{path}") as f:
            for line in f:
                key = line.split(":", 1)[0]
                if key in keys:
                    out[key] = int(line.split()[1])
    except OSError:
        pass
    return out


def tree_peak(proc: subprocess.Popen[str], interval: float = 0.02) -> dict[str, float]:
    """Peak memory of a process and every process it starts, sampled while it runs: the largest sum
    of the tree's resident sizes (RSS: shared libraries counted in every process, so this errs high),
    the summed proportional sizes (PSS) at that moment, and each process's own peak (VmHWM)."""
    peak_rss = peak_pss = 0
    at_peak: list[int] = []
    hwm: dict[int, int] = {}
    pids = [proc.pid]
    rescan = 0.0
    while proc.poll() is None:
        now = time.perf_counter()
        if now >= rescan:  # new pool processes are found within 0.1 s of starting
            kids = _children()
            pids, i = [proc.pid], 0
            while i < len(pids):
                pids += kids.get(pids[i], [])
                i += 1
            rescan = now + 0.1
        rss = pss = 0
        each = []
        for pid in pids:
            status = _kib(pid, "status", ("VmRSS", "VmHWM"))
            rss += status.get("VmRSS", 0)
            each.append(status.get("VmRSS", 0))
            hwm[pid] = max(hwm.get(pid, 0), status.get("VmHWM", 0))
            pss += _kib(pid, "smaps_rollup", ("Pss",)).get("Pss", 0)
        if rss > peak_rss:
            peak_rss, peak_pss, at_peak = rss, pss, each
        time.sleep(interval)
    return {"rss_mb": peak_rss / 1024, "pss_mb": peak_pss / 1024, "processes": len(hwm),
            "at_peak_mb": [v / 1024 for v in at_peak],
            "own_peaks_mb": sorted((v / 1024 for v in hwm.values()), reverse=True)}


def pdf_peak_memory(files: list[tuple[str, bytes]], tmp: Path) -> None:
    """Peak memory of importing one 100-page PDF (the bench's JPEG pages, embedded as a scanner writes
    them) with `desk-app scan import`, as the operator runs it: the whole process tree (the command
    and its pool's spawned processes), with 1 worker (no pool: all in the command's process) and 2."""
    import io

    from PIL import Image

    from desk_app.core.demo import DEMO_PASSWORD

    pages = [files[i % len(files)] for i in range(100)]
    imgs = [Image.open(io.BytesIO(d)) for _n, d in pages]
    path = tmp / "batch100.pdf"
    imgs[0].save(path, "PDF", save_all=True, append_images=imgs[1:], resolution=300.0)
    exe = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "desk-app"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "desk_app.cli"]
    for workers in (1, 2):
        t = time.perf_counter()
        proc = subprocess.Popen([*cmd, "--data-dir", str(tmp), "scan", "import", "--as", "scanner",
                                 "--password-stdin", "--workers", str(workers), str(path)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        proc.stdin.write(DEMO_PASSWORD + "\n")
        proc.stdin.close()
        peak = tree_peak(proc)
        out, err = proc.stdout.read(), proc.stderr.read()
        took = time.perf_counter() - t
        if proc.returncode != 0:
            raise RuntimeError(f"scan import failed ({proc.returncode}): {err}")
        n = len(out.splitlines())
        at = " + ".join(f"{mb:.0f}" for mb in peak["at_peak_mb"])
        own = ", ".join(f"{mb:.0f}" for mb in peak["own_peaks_mb"])
        print(f"100-page PDF ({path.stat().st_size / 1e6:.0f} MB) through desk-app scan import, {workers} worker"
              f"{'s' if workers > 1 else ''}: {n} pages stored in {took:.1f} s; peak of the process tree "
              f"{peak['rss_mb']:.0f} MB resident ({at}: the command, then its pool), PSS {peak['pss_mb']:.0f} MB; "
              f"each process's own peak {own} MB   (goal within 600 MB)")


class _NoCipher:
    def encrypt(self, nonce: bytes, data: bytes, aad: bytes) -> bytes:
        return data


def copies_for_cipher_cost(store: Store, tmp: Path) -> tuple[Path, Path]:
    """Two copies of the store as it is before the run: encrypted (same key) and plaintext."""
    store.close()
    conn = raw_connect(store.path, store.secret)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    enc, plain = tmp / "enc-copy" / "branch.db", tmp / "plain-copy" / "branch.db"
    for path in (enc, plain):
        path.parent.mkdir()
    attach_encrypted(conn, enc, "c", store.secret)
    conn.execute("SELECT sqlcipher_export('c')")
    conn.execute("ATTACH DATABASE ? AS p KEY ''", (str(plain),))
    conn.execute("SELECT sqlcipher_export('p')")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA c.user_version = {int(version)}")
    conn.execute(f"PRAGMA p.user_version = {int(version)}")
    conn.close()
    keys.save_secret(enc.parent, store.secret)
    return enc, plain


def cipher_cost(enc_path: Path, plain_path: Path, files: list[service.ProcessedFile]) -> None:
    """The parent's store writes for the same processed pages: encrypted store and page files
    against a plaintext store with the page cipher taken out (layout, fsyncs, rows all the same).
    Chunks of 20 alternate between the two so machine noise falls on both alike."""
    enc = open_store(enc_path)
    plain = Store(plain_path, None)
    plain.files = type(enc.files)(plain_path.parent / "files", os.urandom(32))
    plain.files._aead = _NoCipher()  # type: ignore[assignment]
    took = {"encrypted": 0.0, "plaintext": 0.0}
    for n, i in enumerate(range(0, len(files), 20)):
        chunk = files[i:i + 20]
        for name, st in (("encrypted", enc), ("plaintext", plain))[:: 1 if n % 2 else -1]:
            with st.reading() as s:
                who = users.actor_for(s, "scanner")
            a = time.perf_counter()
            with st.transaction() as s:
                service.store_batch(s, SyncedPageFiles(st), actor=who, files=chunk)
            took[name] += time.perf_counter() - a
    pages = sum(len(f.pages) for f in files)
    e, p = (took[k] / pages * 1000 for k in ("encrypted", "plaintext"))
    print(f"store writes per page (same pages, alternating): encrypted {e:.1f} ms, plaintext {p:.1f} ms, "
          f"cipher {(e / p - 1) * 100:+.1f}%   (goal within 15 %)")
    enc.close()
    plain.close()


def one_long_file(files: list[tuple[str, bytes]], fmt: str) -> None:
    """The same pages as one multi-page PDF (what many scanners write for a batch): split by page
    across the processes, against one process doing it all."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    imgs = [Image.open(io.BytesIO(d)) for _n, d in files]
    imgs[0].save(buf, "PDF", save_all=True, append_images=imgs[1:], resolution=300.0)
    pdf = buf.getvalue()
    rates = {}
    from concurrent.futures import ProcessPoolExecutor

    for workers in (1, 2):
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=service.worker_init) as pool:
            list(service.process_in_pool(pool, [files[0]], workers=workers, fmt=fmt))  # warm the workers
            t0 = time.perf_counter()
            (done,) = list(service.process_in_pool(pool, [("batch.pdf", pdf)], workers=workers, fmt=fmt))
            rates[workers] = len(done.pages) / (time.perf_counter() - t0)
    print(f"one {len(files)}-page PDF (decode, clean-up, barcode, seal, encode; no store): 1 process "
          f"{rates[1]:.1f} pages/s, 2 processes split by page {rates[2]:.1f} pages/s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=120)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--format", choices=pipeline.STORAGE_FORMATS, default="jpeg")
    ap.add_argument("--startup-runs", type=int, default=7, help="runs of bench/startup.py at the end")
    ap.add_argument("--no-startup", action="store_true", help="leave out bench/startup.py")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-scan-"))
    store = open_store(tmp / "branch.db")
    with store.transaction() as s:
        demo.create_demo(s, cases_per_state=3, force_password_change=False)
    with store.reading() as s:
        scanner = users.actor_for(s, "scanner")
        cases = [(p.case_no, p.proposal_no) for p in s.scalars(
            select(Proposal).where(Proposal.state == "RECEIVED").order_by(Proposal.case_no))]
    copies = copies_for_cipher_cost(store, tmp)
    store = open_store(tmp / "branch.db")
    print(f"making {args.pages} pages at {DPI} dpi …", flush=True)
    files = make_pages(args.pages, cases)
    print(f"scanner files: {statistics.mean(len(d) for _n, d in files) / 1024:.0f} KB per page (JPEG q85)")

    ctx = mp.get_context("spawn")
    with ctx.Pool(args.workers, initializer=service.worker_init) as pool:
        pool.map(work, [(files[0][0], files[0][1], args.format)] * args.workers)  # warm the workers
        t0 = time.perf_counter()
        stored = 0
        in_store = 0.0
        chunk: list[service.ProcessedFile] = []
        everything: list[service.ProcessedFile] = []
        jobs = [(n, d, args.format) for n, d in files]
        for processed in pool.imap(work, jobs, chunksize=2):
            chunk.append(processed)
            everything.append(processed)
            if len(chunk) == 20:
                a = time.perf_counter()
                with store.transaction() as s:
                    stored += len(service.store_batch(s, SyncedPageFiles(store), actor=scanner, files=chunk))
                in_store += time.perf_counter() - a
                chunk = []
        if chunk:
            with store.transaction() as s:
                stored += len(service.store_batch(s, SyncedPageFiles(store), actor=scanner, files=chunk))
        elapsed = time.perf_counter() - t0
    print(f"whole pipeline, {args.workers} workers + store writes in the parent, orientation on: {stored} pages "
          f"in {elapsed:.1f} s = {stored / elapsed:.1f} pages/s   (goal >= 8)")
    flagged = {code: sum(code in {f.code for f in p.flags} for pf in everything for p in pf.pages)
               for code in ("orientation_unsure", "deskew_unsure")}
    print("  flagged for a person: " + ", ".join(f"{k} {v}" for k, v in flagged.items())
          + f"; pages turned by the model or a barcode: {sum(p.rotation != 0 for pf in everything for p in pf.pages)}")
    print(f"  of which store writes in the parent: {in_store:.1f} s ({in_store / stored * 1000:.0f} ms per page: "
          "original and cleaned page encrypted and fsynced, rows, indexing, deficiencies)")

    whole_s = elapsed
    one_long_file(files[:40], args.format)
    cipher_cost(*copies, everything)
    print(f"  (the parent's store writes overlap the workers: the pipeline's {whole_s:.1f} s is bounded by the workers)")

    st = stages(files, args.format)
    alone = st.pop("orientation")
    print("one core, median ms per page: " + ", ".join(f"{k} {v:.0f}" for k, v in st.items())
          + f" (sum {sum(st.values()):.0f}); of clean, the orientation model {alone:.0f}")

    (sp,) = sources.read_pages(*files[0])  # a cover sheet
    clean = pipeline.clean_page(sp.image, sp.dpi)
    (sp2,) = sources.read_pages(*files[2])  # an insured list: no barcode
    clean2 = pipeline.clean_page(sp2.image, sp2.dpi)
    for label, img in (("cover sheet", clean.image), ("page without barcode", clean2.image)):
        ts = []
        for _ in range(20):
            a = time.perf_counter()
            codes = indexing.read_barcodes(img, DPI)
            ts.append((time.perf_counter() - a) * 1000)
        print(f"barcode decode, full 300-dpi page ({label}): median {statistics.median(ts):.1f} ms, "
              f"max {max(ts):.1f} ms, {len(codes)} codes   (goal < 15 ms)")

    clean_text = pipeline.clean_page(synth.render(synth.form_pdf("insured_list", seal=False), DPI), DPI)
    for fmt in pipeline.STORAGE_FORMATS:
        sizes = [len(pipeline.encode_page(c.image, DPI, fmt)) / 1024 for c in (clean, clean2, clean_text)]
        print(f"stored size, {fmt:4s}: cover {sizes[0]:.0f} KB, scanned insured list {sizes[1]:.0f} KB, "
              f"clean text page {sizes[2]:.0f} KB" + ("   (goal < 100 KB bilevel)" if fmt != "jpeg" else ""))
    store.close()
    pdf_peak_memory(files, tmp)
    if not args.no_startup:
        # The command's start-up: `desk-app --help` and a one-page import's fixed cost (bench/startup.py).
        startup = Path(__file__).resolve().parent / "startup.py"
        subprocess.run([sys.executable, str(startup), "--runs", str(args.startup_runs)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
