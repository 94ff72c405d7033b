"""Cases waiting for entry with real scanned pages: the group form rendered from its definition
with the values written in, imported through the scanning services and typed 投保单 by the
scanning operator, as at the scanning station."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from desk_app.core import forms, users
from desk_app.core.demo import DEMO_PASSWORD
from desk_app.core.entry import formimage
from desk_app.core.roles import Actor, Role
from desk_app.services import cases, scanning
from desk_app.store.db import Store
from tests.entry.helpers import group_values, scanned_cases

DPI = 200


def page_png(values: dict[str, str], case_no: str, proposal_no: str, seed: int = 0) -> bytes:
    img = formimage.render_form_page(forms.form("GROUP_PROPOSAL"), values, dpi=DPI, case_no=case_no,
                                     proposal_no=proposal_no, seed=seed)
    out = io.BytesIO()
    Image.fromarray(img).save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue()


def give_pages(store: Store, scanner: Actor, folder: Path, proposal_id: str, values: dict[str, str]) -> None:
    """Scan the case's filled-in proposal form into it (an import, then the type key)."""
    detail = cases.case_detail(store, proposal_id)
    path = folder / f"{detail.case_no}.png"
    path.write_bytes(page_png(values, detail.case_no, detail.proposal_no))
    done = scanning.import_files(store, actor=scanner, paths=[path], workers=1, case=detail.case_no).value
    assert not done.errors, done.errors
    scanning.set_doc_type(store, actor=scanner, page_ids=[p.page_id for p in done.pages], doc_type="proposal_form")


def scanned_group_case(store: Store, scanner: Actor, folder: Path, n: int = 0) -> tuple[str, str, dict[str, str]]:
    """(proposal id, case no., the values on its paper) of the n-th group case at SCANNED, scanned."""
    pid, case_no = scanned_cases(store)[n]
    values = group_values()
    give_pages(store, scanner, folder, pid, values)
    return pid, case_no, values


def third_operator(store: Store) -> Actor:
    """An entry operator C, who keys neither pass and may reconcile."""
    with store.transaction() as s:
        users.add_user(s, actor=None, username="entry3", display_name="录入员 钱多", password=DEMO_PASSWORD,
                       roles=(Role.ENTRY_OPERATOR,), must_change_password=False)
    with store.reading() as s:
        return users.actor_for(s, "entry3")
