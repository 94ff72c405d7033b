"""The layering the project relies on: the services, sync, core and store run without Qt and never import the UI."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QT_TOP = ("PySide6", "shiboken6")
NO_QT_PACKAGES = ("desk_app.core", "desk_app.store", "desk_app.services", "desk_app.sync")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def test_import_linter_contracts_are_kept() -> None:
    exe = Path(sys.executable).with_name("lint-imports" + (".exe" if os.name == "nt" else ""))
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "importlinter.cli"]
    res = subprocess.run([*cmd, "--no-cache", "--no-logo"], cwd=REPO, env=_env(), capture_output=True,
                         text=True, encoding="utf-8", timeout=300)
    out = res.stdout + res.stderr
    assert res.returncode == 0, out
    assert "0 broken" in out, out
    assert out.count(" KEPT") >= 2, out


# Run in a fresh interpreter: PySide6 is installed here, so hide it the way an uninstall would.
NO_QT_SCRIPT = textwrap.dedent(
    """
    import importlib, pkgutil, sys, tempfile
    from pathlib import Path

    BLOCKED = {blocked!r}

    class NoQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"No module named {{name!r}} (Qt uninstalled for this test)")
            return None

    sys.meta_path.insert(0, NoQt())
    for top in BLOCKED:
        try:
            importlib.import_module(top)
        except ImportError:
            pass
        else:
            raise SystemExit(f"the blocker let {{top}} through")

    # alembic's env.py is a script alembic executes, not a module; it is run below through open_store.
    SKIP = {{"desk_app.store.migrations.env"}}

    def fail(name):
        raise SystemExit(f"cannot import package {{name}}")

    imported = []
    for pkg_name in {packages!r}:
        pkg = importlib.import_module(pkg_name)
        imported.append(pkg_name)
        for info in pkgutil.walk_packages(pkg.__path__, pkg_name + ".", onerror=fail):
            if info.name not in SKIP:
                importlib.import_module(info.name)
                imported.append(info.name)

    from desk_app.store.migrate import open_store
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "branch.db")
        store.close()
        del store

    leaked = sorted(m for m in sys.modules
                    if m.split(".")[0] in BLOCKED or m == "desk_app.ui" or m.startswith("desk_app.ui."))
    if leaked:
        raise SystemExit(f"Qt or UI modules were loaded: {{leaked}}")
    print("\\n".join(imported))
    """
)


def test_core_and_store_import_without_qt(tmp_path: Path) -> None:
    script = NO_QT_SCRIPT.format(blocked=set(QT_TOP), packages=NO_QT_PACKAGES)
    res = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=_env(), capture_output=True, text=True,
                         encoding="utf-8", timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    imported = set(res.stdout.split())
    expected = {m for m in _modules_on_disk() if m != "desk_app.store.migrations.env"}
    assert expected <= imported, f"not imported: {sorted(expected - imported)}"
    assert {"desk_app.core.workflow", "desk_app.store.db", "desk_app.store.migrate"} <= imported


def _modules_on_disk() -> set[str]:
    out = set()
    for pkg in NO_QT_PACKAGES:
        root = REPO / Path(*pkg.split("."))
        for path in root.rglob("*.py"):
            # Only folders that are packages are importable (pkgutil skips others as well).
            rel = path.relative_to(REPO).with_suffix("")
            if not all((REPO / Path(*rel.parts[:i]) / "__init__.py").exists() for i in range(1, len(rel.parts))):
                continue
            parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
            out.add(".".join(parts))
    return out


def forbidden_imports(source: str, module: str) -> list[str]:
    """Qt or desk_app.ui imports in a module's source, static and importlib/__import__ by name."""
    bad: list[str] = []

    def check(name: str, line: int) -> None:
        if name.split(".")[0] in QT_TOP or name == "desk_app.ui" or name.startswith("desk_app.ui."):
            bad.append(f"{module}:{line} imports {name}")

    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                check(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            check(name, node.lineno)
            for alias in node.names:
                check(f"{name}.{alias.name}", node.lineno)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                check(node.args[0].value, node.lineno)
    return bad


def test_forbidden_import_detector_detects() -> None:
    assert forbidden_imports("import PySide6.QtCore", "desk_app.core.x")
    assert forbidden_imports("from shiboken6 import isValid", "desk_app.core.x")
    assert forbidden_imports("def f():\n    from PySide6 import QtWidgets\n", "desk_app.core.x")
    assert forbidden_imports("import importlib\nimportlib.import_module('PySide6.QtGui')", "desk_app.core.x")
    assert forbidden_imports("from ..ui import app", "desk_app.core.x")
    assert forbidden_imports("from desk_app import ui", "desk_app.core.x")
    assert not forbidden_imports("import sqlalchemy\nfrom . import audit\n'''PySide6 is not used here'''",
                                 "desk_app.core.x")


def test_no_qt_imports_in_core_and_store_sources() -> None:
    bad: list[str] = []
    files = 0
    for pkg in NO_QT_PACKAGES:
        for path in sorted((REPO / Path(*pkg.split("."))).rglob("*.py")):
            rel = path.relative_to(REPO).with_suffix("")
            module = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
            if rel.name == "__init__":
                module += ".__init__"  # relative imports resolve against the package itself
            bad += forbidden_imports(path.read_text(encoding="utf-8"), module)
            files += 1
    assert files >= 15
    assert not bad, "\n".join(bad)


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("lint-imports" + (".exe" if os.name == "nt" else ""))
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "importlinter.cli"]
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run([*cmd, "--no-cache", "--no-logo"], cwd=root, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def test_a_widget_that_imports_sqlalchemy_breaks_the_contracts(tmp_path: Path) -> None:
    """The contracts can fail: a copy of the code where one widget module imports SQLAlchemy (and
    another a model) is refused, naming the import."""
    import shutil

    for name in ("desk_app", "sync_server"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    widget = tmp_path / "desk_app" / "ui" / "queue_model.py"
    widget.write_text(widget.read_text(encoding="utf-8") + "\nimport sqlalchemy  # noqa\n", encoding="utf-8")
    res = _lint_imports(tmp_path)
    out = res.stdout + res.stderr
    assert res.returncode != 0, out
    assert "desk_app.ui.queue_model -> sqlalchemy" in out, out
