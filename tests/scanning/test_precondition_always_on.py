"""The finish_scan precondition holds in a fresh interpreter that never imports the scanning
service: the workflow registers it itself (it used to depend on an import elsewhere)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from tests.conftest import REPO

SCRIPT = textwrap.dedent("""
    import json, sys
    from sqlalchemy import select
    from desk_app.core import users, workflow
    from desk_app.core.errors import TransitionRefused
    from desk_app.store.migrate import open_store
    from desk_app.store.models import Proposal

    store = open_store(sys.argv[1])
    with store.reading() as s:
        scanner = users.actor_for(s, "scanner")
        pid = s.scalars(select(Proposal.id).where(Proposal.state == "RECEIVED").order_by(Proposal.case_no)).first()
    try:
        with store.transaction() as s:
            workflow.perform(s, actor=scanner, proposal_id=pid, action="finish_scan")
        refused = None
    except TransitionRefused as exc:
        refused = exc.message
    with store.reading() as s:
        state = s.get(Proposal, pid).state
    store.close()
    print(json.dumps({"refused": refused, "state": state,
                      "service_imported": "desk_app.core.scanning.service" in sys.modules,
                      "cv2_imported": "cv2" in sys.modules}, ensure_ascii=False))
""")


def test_fresh_interpreter_refuses_finish_scan_on_an_unscanned_case(demo_path):
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(demo_path)], cwd=REPO, env=dict(os.environ),
                         capture_output=True, text=True, timeout=120, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["refused"] and "尚未扫描" in result["refused"] and "投保单" in result["refused"]
    assert result["state"] == "RECEIVED"  # nothing written
    assert not result["service_imported"] and not result["cv2_imported"]
