"""Start-up costs of the command line: figures to read, not a pass/fail test.

    .venv/bin/python bench/startup.py [--runs 7]

Prints the median wall time (spawn to exit, the parent's clock) of:
- `desk-app --help` (goal < 0.3 s): the interpreter and the argument parser only;
- `desk-app scan import` of a one-page JPEG on a demo store (the command as a scanning
  operator runs it: default workers, log-in with the password on stdin), and its fixed cost
  (goal < 0.6 s): that time less the cost of the page itself, which is the page's clean-up
  through the pipeline, measured warm in this process (storing one more page is milliseconds);
- a floor measured in the same run: a bare interpreter importing SQLAlchemy's ORM, which no
  command that touches the store can start without, and the fixed cost as a multiple of it
  (machines differ; the multiple is what carries from one to another).

The GUI's cold start to a visible log-in is in bench/queue.py (it needs the 100,000-case store).
Offscreen Qt, and the store's secret in a throw-away file keyring.
"""

from __future__ import annotations

import os
import sys

# Run as a script, bench/ comes first on sys.path and its queue.py would shadow the stdlib's.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

import argparse  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
GOALS = {"help_s": 0.3, "import_fixed_s": 0.6}


def desk_app() -> list[str]:
    exe = REPO / ".venv" / "bin" / "desk-app"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "desk_app.cli"]


def timed(cmd: list[str], env: dict[str, str], stdin: str = "") -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, input=stdin, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return elapsed


def make_page(path: Path) -> None:
    """A grey A4 page at 150 dpi with a line of text, as the scanner's JPEG."""
    import cv2
    import numpy as np

    img = np.full((1754, 1240), 250, np.uint8)
    cv2.putText(img, "BranchDesk start-up bench", (120, 300), cv2.FONT_HERSHEY_SIMPLEX, 2.5, 20, 5)
    cv2.imwrite(str(path), img, [cv2.IMWRITE_JPEG_QUALITY, 85])


def page_cost(page: Path, runs: int = 5) -> float:
    """The page's own cost: its clean-up through the pipeline (deskew, orientation, barcodes,
    seal check, encoding), warm, in this process with one OpenCV thread as the command's page
    process has; median of `runs` after one not counted."""
    from desk_app.core.scanning import processing

    processing.worker_init()
    data = page.read_bytes()
    processing.process_file(page.name, data)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        processing.process_file(page.name, data)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()

    from desk_app.core.demo import DEMO_PASSWORD

    base = Path(tempfile.mkdtemp(prefix="branchdesk-startup-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               XDG_DATA_HOME=str(base / "keyring"))
    data = ["--data-dir", str(base / "data")]
    # As installed: an installed package's modules are compiled to bytecode once (pip does it), so
    # a command does not compile its modules on every start, which a PYTHONDONTWRITEBYTECODE in
    # this shell would otherwise make it do (0.1-0.3 s a start here).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "desk_app")], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    try:
        timed([*desk_app(), *data, "demo"], env)
        page = base / "page.jpg"
        make_page(page)
        scan = [*desk_app(), *data, "scan", "import", "--as", "scanner", "--password-stdin"]
        password = DEMO_PASSWORD + "\n"

        timed([*desk_app(), "--help"], env)  # warm the file cache, not counted
        helps = [timed([*desk_app(), "--help"], env) for _ in range(args.runs)]
        floor_cmd = [sys.executable, "-c", "import sqlalchemy.orm"]
        ones, floors = [], []
        for _ in range(args.runs):  # interleaved, so that a busier moment weighs on both alike
            ones.append(timed([*scan, str(page)], env, password))
            floors.append(timed(floor_cmd, env))
        help_s = statistics.median(helps)
        one_s = statistics.median(ones)
        floor_s = statistics.median(floors)
        per_page = page_cost(page)
        fixed = one_s - per_page
        print(f"desk-app --help: median {help_s:.3f} s (min {min(helps):.3f}, max {max(helps):.3f}, "
              f"{args.runs} runs) (goal < {GOALS['help_s']} s)")
        print(f"desk-app scan import, one page: median {one_s:.3f} s (min {min(ones):.3f}, max {max(ones):.3f}); "
              f"the page itself costs {per_page:.3f} s")
        print(f"floor, python -c 'import sqlalchemy.orm': median {floor_s:.3f} s (min {min(floors):.3f}, "
              f"max {max(floors):.3f})")
        print(f"one-page import fixed cost: {fixed:.3f} s = {fixed / floor_s:.1f} x floor "
              f"(goal < {GOALS['import_fixed_s']} s)")
        missed = [k for k, v in (("help_s", help_s), ("import_fixed_s", fixed)) if v >= GOALS[k]]
        print("goals missed: " + ", ".join(missed) if missed else "all goals met")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
