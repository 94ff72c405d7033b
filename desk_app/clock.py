"""The one clock of the desk app: every "now" and every branch "today" is read from here.

Business rules depend on the date (an effective date already passed, a number issued today, the
age of a case), so the date is an input: services, the demo builder and the benches read it from
`now()` / `today()`, and a caller — a test, a bench, a supervisor replaying a day — sets it with
`use(Clock(...))`. A separate process (the command line started by a test) takes its clock from
`BRANCHDESK_NOW`: an ISO instant the clock starts from and runs on, or a shift such as `+730d`
(real time moved by that many days, as the test suite's time travel hands it to its subprocesses).

Lives at the top of the package, beside no layer, because the store's column defaults read it too.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

BRANCH_TZ = ZoneInfo("Asia/Shanghai")
ENV = "BRANCHDESK_NOW"


class Clock:
    """Real time shifted by an offset, or one frozen instant (`frozen=True`)."""

    def __init__(self, start: dt.datetime | None = None, *, frozen: bool = False) -> None:
        if start is not None and start.tzinfo is None:
            raise ValueError("the clock needs an aware instant")
        self._start = start
        self._frozen = frozen and start is not None
        self._offset = (start - dt.datetime.now(dt.UTC)) if start is not None else dt.timedelta(0)

    def now(self) -> dt.datetime:
        """The current instant, aware, in UTC."""
        if self._frozen:
            assert self._start is not None
            return self._start.astimezone(dt.UTC)
        return dt.datetime.now(dt.UTC) + self._offset

    def today(self) -> dt.date:
        """The branch's calendar date (Beijing time), which the rule book's dates are counted in."""
        return self.now().astimezone(BRANCH_TZ).date()

    @classmethod
    def at_branch(cls, day: dt.date, time: dt.time = dt.time(10, 0), *, frozen: bool = False) -> Clock:
        """A clock standing on a branch date at a branch time (10:00, inside working hours, by default)."""
        return cls(dt.datetime.combine(day, time, BRANCH_TZ), frozen=frozen)

    @classmethod
    def from_env(cls) -> Clock:
        raw = os.environ.get(ENV, "").strip()
        if not raw:
            return cls()
        if raw[0] in "+-" and raw.endswith("d"):
            return cls(dt.datetime.now(dt.UTC) + dt.timedelta(days=float(raw[:-1])))
        start = dt.datetime.fromisoformat(raw)
        if start.tzinfo is None:
            start = start.replace(tzinfo=BRANCH_TZ)
        return cls(start)


_current = Clock.from_env()


def current() -> Clock:
    return _current


def now() -> dt.datetime:
    return _current.now()


def today() -> dt.date:
    return _current.today()


def branch_date(instant: dt.datetime) -> dt.date:
    """The branch calendar date of an aware instant."""
    return instant.astimezone(BRANCH_TZ).date()


@contextmanager
def use(clock: Clock) -> Iterator[Clock]:
    """Run a block with `clock` as the app's clock (the previous one comes back afterwards)."""
    global _current
    previous, _current = _current, clock
    try:
        yield clock
    finally:
        _current = previous
