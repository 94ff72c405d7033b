from __future__ import annotations

from pathlib import Path

from tests.e2e.world import make_site
from tests.server.harness import new_server_db, running_server


def test_smoke(tmp_path: Path) -> None:
    url = new_server_db("sqlite", tmp_path, None)
    with running_server(url, tmp_path) as srv:
        a = make_site(tmp_path, srv.url, url, "GD0101", "广州")
        prov = make_site(tmp_path, srv.url, url, "GD", "广东省", province=True)
        pid = a.new_case(1, refer=True)
        r = a.sync()
        print(r)
        r = prov.sync()
        print(r)
        assert pid in prov.cases()
        prov.step(pid, "ho_issue", who="prov")
        print(prov.sync())
        print(a.sync())
        assert a.cases()[pid] == "ISSUED"
        assert a.events(pid)[-1][1] == "ho_issue"
