"""The `desk-app` command line run as a real subprocess on real store files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "desk_app.cli", "--data-dir", str(data_dir), *args],
                          input=stdin, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def demo_dir(demo_path: Path) -> Path:
    return demo_path.parent


def test_init_then_status_and_users(tmp_path):
    d = tmp_path / "fresh"
    r = run(d, "init", "--branch", "SZ0201", "--branch-name", "深圳分公司", "--admin", "boss",
            "--password-stdin", stdin="Secret123\n")
    assert r.returncode == 0, r.stderr
    status = json.loads(run(d, "status", "--json").stdout)
    assert status["branch"] == "SZ0201" and status["cases"] == 0
    r = run(d, "users", "add", "li", "--name", "李柜员", "--roles", "counter_clerk,扫描员", "--as", "boss",
            "--password-stdin", stdin="Secret123\nClerkPass1\n")
    assert r.returncode == 0, r.stderr
    listed = json.loads(run(d, "users", "list", "--json").stdout)
    li = next(u for u in listed if u["username"] == "li")
    assert li["roles"] == ["counter_clerk", "scanning_operator"] and li["active"]
    assert run(d, "users", "disable", "li", "--as", "boss", "--password-stdin", stdin="Secret123\n").returncode == 0
    assert not next(u for u in json.loads(run(d, "users", "list", "--json").stdout) if u["username"] == "li")["active"]


def test_init_twice_is_refused(demo_dir):
    r = run(demo_dir, "init", "--branch", "XX01", "--branch-name", "重复", "--admin", "a2", "--password-stdin",
            stdin="Secret123\n")
    assert r.returncode == 2 and "已初始化" in r.stderr


def test_weak_password_at_init_is_refused_and_leaves_no_branch(tmp_path):
    d = tmp_path / "weak"
    r = run(d, "init", "--branch", "SZ0201", "--branch-name", "深圳", "--admin", "boss", "--password-stdin",
            stdin="123\n")
    assert r.returncode == 2 and "密码至少需要" in r.stderr
    r = run(d, "status", "--json")
    assert r.returncode == 2 and "尚未初始化" in r.stderr


def test_demo_store_has_cases_in_every_state(tmp_path):
    d = tmp_path / "demo"
    r = run(d, "demo")
    assert r.returncode == 0 and "Demo2026" in r.stdout and "clerk" in r.stdout
    status = json.loads(run(d, "status", "--json").stdout)
    assert all(n > 0 for n in status["by_state"].values()), status
    again = run(d, "demo")
    assert again.returncode == 0 and "已存在" in again.stdout


def test_user_admin_needs_the_right_password_and_role(demo_dir):
    r = run(demo_dir, "users", "disable", "entry1", "--as", "admin", "--password-stdin", stdin="wrong\n")
    assert r.returncode == 2 and "用户名或密码错误" in r.stderr
    r = run(demo_dir, "users", "disable", "entry1", "--as", "clerk", "--password-stdin", stdin="Demo2026\n")
    assert r.returncode == 2 and "只有系统管理员或业务主管" in r.stderr
    r = run(demo_dir, "users", "add", "x1", "--name", "某", "--roles", "boss", "--as", "admin", "--password-stdin",
            stdin="Demo2026\nPassw0rd9\n")
    assert r.returncode == 2 and "未知角色" in r.stderr


def test_data_dir_from_environment(tmp_path):
    d = tmp_path / "envdir"
    env = {**os.environ, "BRANCHDESK_DATA_DIR": str(d)}
    r = subprocess.run([sys.executable, "-m", "desk_app.cli", "demo"], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert (d / "branch.db").exists()
