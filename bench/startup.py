"""Start-up costs of the command line: figures to read, not a pass/fail test.

    .venv/bin/python bench/startup.py [--runs 7]

Prints the median wall time (spawn to exit, the parent's clock) of:
- `desk-app --help` (goal < 0.3 s): the interpreter and the argument parser only;
- `desk-app scan import` of a one-page JPEG on a demo store (the command as a scanning
  operator runs it: default workers, log-in with the password on stdin), and its fixed cost
  (goal < 0.6 s): that time less the cost of one more page, measured as
  (five one-page files - one file) / 4 with --workers 1, so pages are processed the same way.

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


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()

    from desk_app.core.demo import DEMO_PASSWORD

    base = Path(tempfile.mkdtemp(prefix="branchdesk-startup-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               XDG_DATA_HOME=str(base / "keyring"))
    data = ["--data-dir", str(base / "data")]
    try:
        timed([*desk_app(), *data, "demo"], env)
        page = base / "page.jpg"
        make_page(page)
        five = []
        for i in range(5):
            copy = base / f"page{i}.jpg"
            shutil.copy(page, copy)
            five.append(str(copy))
        scan = [*desk_app(), *data, "scan", "import", "--as", "scanner", "--password-stdin"]
        password = DEMO_PASSWORD + "\n"

        timed([*desk_app(), "--help"], env)  # warm the file cache, not counted
        helps = [timed([*desk_app(), "--help"], env) for _ in range(args.runs)]
        ones, ones_w1, fives_w1 = [], [], []
        for _ in range(args.runs):
            ones.append(timed([*scan, str(page)], env, password))
            ones_w1.append(timed([*scan, "--workers", "1", str(page)], env, password))
            fives_w1.append(timed([*scan, "--workers", "1", *five], env, password))
        help_s = statistics.median(helps)
        one_s = statistics.median(ones)
        per_page = max(0.0, (statistics.median(fives_w1) - statistics.median(ones_w1)) / 4)
        fixed = one_s - per_page
        print(f"desk-app --help: median {help_s:.3f} s (min {min(helps):.3f}, max {max(helps):.3f}, "
              f"{args.runs} runs) (goal < {GOALS['help_s']} s)")
        print(f"desk-app scan import, one page: median {one_s:.3f} s (min {min(ones):.3f}, max {max(ones):.3f}); "
              f"one more page costs {per_page:.3f} s (--workers 1: 1 page {statistics.median(ones_w1):.3f} s, "
              f"5 pages {statistics.median(fives_w1):.3f} s)")
        print(f"one-page import fixed cost: {fixed:.3f} s (goal < {GOALS['import_fixed_s']} s)")
        missed = [k for k, v in (("help_s", help_s), ("import_fixed_s", fixed)) if v >= GOALS[k]]
        print("goals missed: " + ", ".join(missed) if missed else "all goals met")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
