"""The completeness line under the scanning window's viewer: what the current page's case has,
what it still lacks (required types, pages of a long insured list, seals), read on the worker."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desk_app.core.scanning.service import DOC_TYPES, PageOutcome
from desk_app.services import scanning
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.worker import DbWorker


class CaseLine(QLabel):
    """Red with something missing, green when complete, plain for a page without a case."""

    def __init__(self, store: Store, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker = store, worker
        self._proposal_id: str | None = None
        self.setWordWrap(True)

    def show_page(self, page: PageOutcome | None) -> None:
        """The line for this page's case (None: nothing listed)."""
        self._proposal_id = page.proposal_id if page is not None else None
        if page is None:
            self._set(self.tr("No pages here."))
        elif page.proposal_id is None:
            self._set(self.tr("This page has no case yet: type its case or proposal number below and press Enter."))
        else:
            ops.read(self._worker, scanning.case_completeness, self._store, page.proposal_id,
                     on_done=self._on_loaded, on_error=lambda message: self._set(message, bad=True), owner=self)

    def _on_loaded(self, case: scanning.CaseCompleteness) -> None:
        if case.scan.proposal_id != self._proposal_id:
            return  # another page became current meanwhile
        label = {d.code: d.label for d in DOC_TYPES}
        s = case.scan
        have = "、".join(self.tr("%1 %2 p.").replace("%1", d.label).replace("%2", str(s.pages_by_type[d.code]))
                        for d in DOC_TYPES if d.code in s.pages_by_type) or self.tr("no typed pages")
        parts = [self.tr("Case %1: %2.").replace("%1", case.case_no).replace("%2", have)]
        if s.missing_types:
            parts.append(self.tr("Missing: %1.").replace("%1", "、".join(label[t] for t in s.missing_types)))
        for t, (n, want) in sorted(s.short.items()):
            parts.append(self.tr("Short: %1 has %2 of %3 pages.").replace("%1", label[t]).replace("%2", str(n))
                         .replace("%3", str(want)))
        for t, nums in sorted(s.unsealed.items()):
            parts.append(self.tr("No seal: %1 page %2.").replace("%1", label[t]).replace(
                "%2", "、".join(str(n) for n in nums)))
        if s.complete and not s.short and not s.unsealed:
            parts.append(self.tr("Required documents complete."))
        elif s.complete:
            parts.append(self.tr("Required documents present."))
        self._set(" ".join(parts), bad=bool(s.missing_types or s.short or s.unsealed))

    def _set(self, text: str, *, bad: bool | None = None) -> None:
        self.setText(text)
        self.setStyleSheet("" if bad is None else "color: #b00020;" if bad else "color: #1b5e20;")
