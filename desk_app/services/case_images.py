"""A case's scanned proposal-form pages, for screens that show the paper beside the case
(the underwriting workbench). The entry and reconciliation screens get theirs with their task."""

from __future__ import annotations

from desk_app.core.entry import passes, rounds
from desk_app.core.forms import FormDef
from desk_app.services.entry import PageRef, _pages
from desk_app.store.db import Store


def form_pages(store: Store, proposal_id: str) -> tuple[FormDef | None, tuple[PageRef, ...]]:
    """The form the case is keyed on and its proposal-form pages in order (no form: nothing to show)."""
    with store.reading() as session:
        proposal = passes.load_case(session, proposal_id)
        try:
            form = rounds.form_of(proposal)
        except KeyError:
            return None, ()
        return form, _pages(session, proposal.id, form.pages)
