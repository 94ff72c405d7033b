"""The entry workstation (录入): the scanned form on the left, the entry form on the right.

One pass of one case at a time (初录 or the blind 二录, as `services.entry` hands it out): F8 or
Ctrl+Enter submits the pass and takes the next case, so an operator keys case after case without
the mouse. Each field is saved as a draft when it is left (`services.entry.save_field` on the
database worker), and its inline marks come back with the save. While a case is keyed, the pages
of the case most likely to come next are read, decoded and registered in the background, so
"next case" shows its image at once.

After a second pass the comparison's outcome is said in the header: 比对一致, or how many fields
differ and go to reconciliation (差异处理).
"""

from __future__ import annotations

import time
from collections import OrderedDict

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from desk_app.core import forms
from desk_app.core.roles import Actor
from desk_app.services import entry, entry_refs
from desk_app.store.db import Store
from desk_app.ui.entry_form import EntryForm
from desk_app.ui.entry_image import FieldImage, LoadedPage, load_pages
from desk_app.ui.entry_jobs import Jobs
from desk_app.ui.fit import ElidedLabel
from desk_app.ui.worker import DbWorker

PASS_NAMES = {1: "初录", 2: "二录"}
# Decoded pages kept (this case's and the prefetched next one's): ~15 MB each.
CACHE_PAGES = 6


class PageCache:
    """Decoded, registered pages by sha256; the oldest go first."""

    def __init__(self, size: int = CACHE_PAGES) -> None:
        self._pages: OrderedDict[str, LoadedPage] = OrderedDict()
        self._size = size

    def get(self, sha: str) -> LoadedPage | None:
        page = self._pages.get(sha)
        if page is not None:
            self._pages.move_to_end(sha)
        return page

    def put(self, pages: dict[str, LoadedPage]) -> None:
        for sha, page in pages.items():
            self._pages[sha] = page
            self._pages.move_to_end(sha)
        while len(self._pages) > self._size:
            self._pages.popitem(last=False)

    def keys(self) -> frozenset[str]:
        return frozenset(self._pages)


class EntryWindow(QWidget):
    """The entry workstation; see the module's docstring."""

    # A task is on screen with its first field focused (the image may follow).
    task_shown = Signal(object)
    # The task's pages are painted.
    image_shown = Signal()
    # (services.entry.Submitted) a pass was submitted.
    submitted = Signal(object)
    # Esc: the main window closes the tab (asking first when typed work would be left).
    close_requested = Signal()
    said = Signal(str)

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryWindow")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # F8 works before any case is open
        self._store, self._worker, self.actor = store, worker, actor
        self._jobs = Jobs(worker)
        self.task: entry.EntryTask | None = None
        self.form_def: forms.FormDef | None = None
        self.forms: dict[str, EntryForm] = {}  # one form panel per form definition, kept
        self._choices: dict[str, dict[str, list[tuple[str, str]]]] = {}
        self.cache = PageCache()
        self._opened_at = 0.0
        self._busy = False  # a take or a submit is on the worker
        self._prefetching: str | None = None
        self._build()

    def _build(self) -> None:
        self.case_label = QLabel(self.tr("No case open"))
        self.case_label.setObjectName("entryCase")
        self.case_label.setStyleSheet("font-weight: bold;")
        self.pass_label = QLabel()
        self.pass_label.setObjectName("entryPass")
        self.progress_label = QLabel()
        self.status = ElidedLabel()
        self.status.setObjectName("entryStatus")
        head = QHBoxLayout()
        head.addWidget(self.case_label)
        head.addWidget(self.pass_label)
        head.addWidget(self.progress_label)
        head.addWidget(self.status, 1)

        self.image = FieldImage()
        self.image.setMinimumWidth(300)
        self.form_stack = QWidget()
        self._form_layout = QVBoxLayout(self.form_stack)
        self._form_layout.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel(self.tr("Press F8 to take the next case."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self._form_layout.addWidget(self.placeholder)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.image)
        self.split.addWidget(self.form_stack)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([700, 640])  # the page wider: a full-width box still reads at ~90 dpi
        self.split.setChildrenCollapsible(False)

        self.submit_button = QPushButton(self.tr("&Submit, next case (F8)"))
        self.submit_button.clicked.connect(self.submit_or_next)
        self.page_button = QPushButton(self.tr("Whole &page (F7)"))
        self.page_button.clicked.connect(self.image.toggle_whole_page)
        self.zoom_in_button = QPushButton(self.tr("Zoom &in (Ctrl+=)"))
        self.zoom_in_button.clicked.connect(lambda: self.image.zoom_by(1.25))
        self.zoom_out_button = QPushButton(self.tr("Zoom &out (Ctrl+-)"))
        self.zoom_out_button.clicked.connect(lambda: self.image.zoom_by(0.8))
        for b in (self.submit_button, self.page_button, self.zoom_in_button, self.zoom_out_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays in the form
        bar = QHBoxLayout()
        bar.addWidget(self.page_button)
        bar.addWidget(self.zoom_in_button)
        bar.addWidget(self.zoom_out_button)
        bar.addStretch(1)
        bar.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.split, 1)
        layout.addLayout(bar)

        def key(seq: str, slot: object) -> None:
            sc = QShortcut(QKeySequence(seq), self, slot)  # type: ignore[call-overload]
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        key("F8", self.submit_or_next)
        key("Ctrl+Return", self.submit_or_next)
        key("Ctrl+Enter", self.submit_or_next)
        key("F7", self.image.toggle_whole_page)
        key("Ctrl+=", lambda: self.image.zoom_by(1.25))
        key("Ctrl++", lambda: self.image.zoom_by(1.25))
        key("Ctrl+-", lambda: self.image.zoom_by(0.8))
        key("Ctrl+0", self.image.reset_zoom)

    # -- opening a case ---------------------------------------------------------------------

    def take_next(self, *, say: bool = True) -> None:
        """Take the next case of the pool (or this operator's assigned one)."""
        if self._busy:
            return
        self._busy = True
        self._opened_at = time.perf_counter()
        if say:
            self.say(self.tr("Taking the next case…"))
        self._jobs.run(entry.next_task, self._store, actor=self.actor, owner=self, initiator=self,
                on_done=self._on_task, on_error=self._on_refused)

    def open_case(self, proposal_id: str) -> None:
        """Open (or resume) this operator's pass of a case picked in the queue."""
        if self._busy:
            return
        self._busy = True
        self._opened_at = time.perf_counter()
        self._jobs.run(entry.open_task, self._store, actor=self.actor, proposal_id=proposal_id,
                owner=self, initiator=self, on_done=self._on_task, on_error=self._on_refused)

    def _on_refused(self, message: str) -> None:
        self._busy = False
        self.say(message, error=True)
        if self.task is not None:
            self.current_form().focus_field(self.current_form().current_key())

    def _on_task(self, task: entry.EntryTask | None) -> None:
        self._busy = False
        if task is None:
            self._show_none()
            return
        self.task = task
        self.form_def = forms.form(task.form_code)
        form = self._form_for(self.form_def)
        form.load(task.fields, task.values, task.context)
        self.case_label.setText(self.tr("Case %1").replace("%1", task.case_no))
        round_text = self.tr("round %1").replace("%1", str(task.round)) if task.round > 1 else ""
        self.pass_label.setText(f"{PASS_NAMES.get(task.pass_no, task.pass_no)} {round_text}".strip())
        self.pass_label.setStyleSheet("color: #1565c0; font-weight: bold;" if task.pass_no == 1
                                      else "color: #6a1b9a; font-weight: bold;")
        self._update_progress()
        form.focus_field()
        self.task_shown.emit(task)
        pages = {p.sha256: self.cache.get(p.sha256) for p in task.pages}
        if all(pages.values()):
            self._show_pages(task, pages)  # type: ignore[arg-type]
        else:
            self.image.clear()
            self._jobs.read(load_pages, self._store, task.pages, self.form_def, self.cache.keys(),
                     owner=self, urgent=True, on_done=lambda loaded, t=task: self._on_pages_loaded(t, loaded),
                     on_error=lambda m: self.say(m, error=True))
        # The image is read on the worker; the choices once per form; then the next case's pages.
        if task.form_code not in self._choices:
            self._jobs.read(entry_refs.form_choices, self._store, task.form_code, owner=self,
                     on_done=lambda c, code=task.form_code: self._on_choices(code, c))
        self._prefetch()

    def _show_none(self) -> None:
        self.task = None
        self.case_label.setText(self.tr("No case open"))
        self.pass_label.setText("")
        self.progress_label.setText("")
        self.image.clear()
        self._show_form(None)
        self.placeholder.setText(self.tr("No case is waiting for you. Press F8 to look again."))
        self.setFocus()

    def _form_for(self, form_def: forms.FormDef) -> EntryForm:
        form = self.forms.get(form_def.code)
        if form is None:
            form = EntryForm(form_def)
            form.field_focused.connect(self._on_field_focused)
            form.field_committed.connect(self._on_field_committed)
            self.forms[form_def.code] = form
            self._form_layout.addWidget(form)
            if form_def.code in self._choices:
                form.set_choices(self._choices[form_def.code])
        self._show_form(form)
        return form

    def _show_form(self, shown: EntryForm | None) -> None:
        for form in self.forms.values():
            form.setVisible(form is shown)
        self.placeholder.setVisible(shown is None)

    def current_form(self) -> EntryForm:
        assert self.form_def is not None
        return self.forms[self.form_def.code]

    def _on_choices(self, code: str, choices: dict[str, list[tuple[str, str]]]) -> None:
        self._choices[code] = choices
        if code in self.forms:
            self.forms[code].set_choices(choices)

    def _on_pages_loaded(self, task: entry.EntryTask, loaded: dict[str, LoadedPage]) -> None:
        self.cache.put(loaded)
        if self.task is not task:
            return
        pages = {p.sha256: loaded.get(p.sha256) or self.cache.get(p.sha256) for p in task.pages}
        self._show_pages(task, {k: v for k, v in pages.items() if v is not None})

    def _show_pages(self, task: entry.EntryTask, pages: dict[str, LoadedPage]) -> None:
        assert self.form_def is not None
        by_form_page: dict[int, LoadedPage] = {}
        for p in task.pages:
            if p.sha256 in pages and p.form_page not in by_form_page:
                by_form_page[p.form_page] = pages[p.sha256]
        self.image.show_pages(self.form_def, by_form_page)
        key = self.current_form().current_key()
        if key is not None:
            self.image.show_field(key)
        self.image_shown.emit()
        if not by_form_page:
            self.say(self.tr("This case has no scanned page of its proposal form."), error=True)

    def _prefetch(self) -> None:
        """Read the pages of the case likely to come next, so it opens at once."""
        if self.task is None or self._prefetching == self.task.proposal_id:
            return
        self._prefetching = self.task.proposal_id
        self._jobs.read(entry_refs.upcoming_pages, self._store, actor=self.actor,
                 skip=(self.task.proposal_id,), owner=self, on_done=self._on_upcoming)

    def _on_upcoming(self, upcoming: tuple[str, tuple[entry.PageRef, ...]] | None) -> None:
        if upcoming is None:
            return
        form_code, pages = upcoming
        missing = tuple(p for p in pages if self.cache.get(p.sha256) is None)
        if missing:
            self._jobs.read(load_pages, self._store, missing, forms.form(form_code), self.cache.keys(),
                     owner=self, on_done=self.cache.put)

    # -- keying -----------------------------------------------------------------------------

    def _on_field_focused(self, key: str) -> None:
        self.image.show_field(key)
        self._update_progress()

    def _update_progress(self) -> None:
        if self.task is None:
            return
        form = self.current_form()
        values = form.values()
        done = sum(1 for v in values.values() if v)
        self.progress_label.setText(self.tr("%1 of %2 fields").replace("%1", str(done)).replace("%2", str(len(values))))

    def _on_field_committed(self, key: str, value: str, keystrokes: int) -> None:
        task = self.task
        if task is None:
            return
        self._jobs.run(entry.save_field, self._store, actor=self.actor, pass_id=task.pass_id,
                       field_key=key, value=value, keystrokes=keystrokes, owner=self, initiator=self,
                       on_done=lambda marks, t=task, k=key: self._on_saved(t, k, marks),
                       on_error=lambda m: self.say(m, error=True))

    def _on_saved(self, task: entry.EntryTask, key: str, marks: tuple[entry.FieldMark, ...]) -> None:
        if self.task is not task:
            return
        self.current_form().set_marks(marks, only=[key])

    # -- submitting -------------------------------------------------------------------------

    def submit_or_next(self) -> None:
        """F8: submit the pass on screen and take the next case; with none on screen, take one."""
        if self._busy:
            return
        if self.task is None:
            self.take_next()
            return
        task, form = self.task, self.current_form()
        form.commit_current()  # queued before the submit: the worker runs jobs in order
        self._busy = True
        self._opened_at = time.perf_counter()
        self.say(self.tr("Submitting…"))
        self._jobs.run(entry.submit_pass, self._store, actor=self.actor, pass_id=task.pass_id,
                owner=self, initiator=self, on_done=self._on_submitted, on_error=self._on_refused)

    def _on_submitted(self, done: entry.Submitted) -> None:
        self._busy = False
        self.task = None
        self.submitted.emit(done)
        self.say(self.outcome_text(done), error=done.comparison == "differ")
        self.take_next(say=False)  # the outcome stays in the header while the next case opens

    def outcome_text(self, done: entry.Submitted) -> str:
        name = PASS_NAMES.get(done.pass_no, str(done.pass_no))
        text = self.tr("%1 of case %2 submitted.").replace("%1", name).replace("%2", done.case_no)
        if done.comparison == "match":
            return text + " " + self.tr("Compared: both entries agree.")
        if done.comparison == "differ":
            return text + " " + self.tr("%1 fields differ: sent to reconciliation.").replace("%1", str(done.differing))
        return text

    # -- the window -------------------------------------------------------------------------

    def has_unsaved_work(self) -> bool:
        """A pass with typed values that was not submitted (its drafts are kept, but the case
        stays held by this operator)."""
        return self.task is not None and self.current_form().has_typed()

    def prepare_close(self) -> None:
        """Save the field being keyed before the tab (or the app) goes; after this the window
        writes nothing (its widgets losing focus as they are destroyed must not reach a worker
        that is shutting down)."""
        if self.task is not None:
            self.current_form().commit_current()
        self._jobs.closed = True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override: Esc closes (asking first)
        if event.key() == Qt.Key.Key_Escape:
            self.close_requested.emit()
            return
        super().keyPressEvent(event)

    def say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "color: #2e7d32;")
        self.status.setText(text)
        self.said.emit(text)

    def status_is_error(self) -> bool:
        return "b00020" in self.status.styleSheet()
