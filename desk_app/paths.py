"""Where BranchDesk finds its resources and keeps its data (no Qt, used by every layer)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

STORE_FILE = "branch.db"


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside the bundle when frozen."""
    env = os.environ.get("BRANCHDESK_RESOURCES")
    if env:
        return Path(env)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    env = os.environ.get("BRANCHDESK_DATA_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("BranchDesk", "BranchDesk"))


def store_path(data_dir: Path) -> Path:
    return Path(data_dir) / STORE_FILE
