"""What the entry screens read beside the entry actions: the code lists of a form's code fields,
the form of a case, the pages of the case likely to come next (read ahead, never taken), and the
next case waiting for reconciliation.

Kept apart from services/entry.py (the entry actions' agreed interface). Reads only; none of
them returns a keyed value.
"""

from __future__ import annotations

from desk_app.core import forms, queues
from desk_app.core.entry import passes, rounds
from desk_app.core.intake import form_choices as reference_lists
from desk_app.core.roles import Actor, Role
from desk_app.core.workflow import State
from desk_app.services import entry
from desk_app.services.entry import PageRef
from desk_app.store.db import Store


def form_choices(store: Store, form_code: str) -> dict[str, list[tuple[str, str]]]:
    """Per reference name of the form's code fields: (code, label) pairs to complete over, from
    the reference tables (products, benefit levels, industries, intermediaries, agents) and the
    form's own choice lists (unit natures, yes/no...)."""
    form = forms.form(form_code)
    with store.reading() as session:
        refs = reference_lists(session)
    levels: dict[str, list[str]] = {}  # a level is one code for several products: name them
    for product, level, _description in refs.levels:
        levels.setdefault(level, []).append(product)
    out: dict[str, list[tuple[str, str]]] = {
        "products": [(code, name) for code, name, _type in refs.products
                     if _type in (form.business_type, "", None)] or [(c, n) for c, n, _t in refs.products],
        "benefit_levels": [(level, "、".join(products)) for level, products in sorted(levels.items())],
        "industries": list(refs.industries),
        "occupation_classes": list(refs.industries),
        "intermediaries": [(code, name) for code, name, _kind in refs.intermediaries],
        "agents": list(refs.agents),
    }
    for ref, codes in form.choices.items():
        out[ref] = list(codes.items())
    wanted = {f.ref for f in form.fields if f.ref}
    return {ref: pairs for ref, pairs in out.items() if ref in wanted}


def case_form(store: Store, proposal_id: str) -> str:
    """The code of the form a case's proposal is keyed on."""
    with store.reading() as session:
        return rounds.form_of(passes.load_case(session, proposal_id)).code


def upcoming_pages(store: Store, *, actor: Actor, skip: tuple[str, ...] = ()) -> tuple[str, tuple[PageRef, ...]] | None:
    """The form code and pages of the case `services.entry.next_task` would most likely hand this
    operator next (not taking it), so the entry window can decode them ahead."""
    with store.reading() as session:
        for proposal in passes.pool(session, actor=actor):
            if proposal.id in skip or not passes.may_take(session, actor, proposal):
                continue
            form = rounds.form_of(proposal)
            return form.code, entry.form_page_refs(session, proposal.id, form.pages)
    return None


def next_to_reconcile(store: Store, *, actor: Actor, skip: tuple[str, ...] = ()) -> str | None:
    """The case waiting longest for reconciliation (差异处理), other than `skip` (cases this person
    was refused); whether they may settle it is `services.entry.comparison`'s decision."""
    with store.reading() as session:
        after = None
        while True:
            rows = queues.queue_page(session, Role.PROBLEM_HANDLER, after=after)
            if not rows:
                return None
            for row in rows:
                if row.state == State.RECONCILE and row.proposal_id not in skip:
                    return row.proposal_id
            after = rows[-1].cursor
