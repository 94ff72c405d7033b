"""Log-in, lockout, disabled accounts and user administration."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from desk_app.core import refdata, users
from desk_app.core.errors import AuthenticationFailed, InvalidInput
from desk_app.core.policy import BranchPolicy, branch_policy
from desk_app.core.roles import Role, parse_role
from desk_app.services import users as user_service
from desk_app.store.models import AuditEntry, User

POLICY = BranchPolicy()


def audit_actions(store, username):
    with store.reading() as s:
        return [e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.username == username)
                                                .order_by(AuditEntry.seq))]


def test_login_returns_the_actor_with_roles_and_authority(demo_store):
    actor = user_service.login(demo_store, username="uw", password="Demo2026")
    assert actor.roles == {Role.UNDERWRITER} and actor.authority_level == 2 and actor.branch_code == "GD0101"
    assert audit_actions(demo_store, "uw")[-1] == "login.ok"


def test_password_is_stored_as_argon2_hash(demo_store):
    with demo_store.reading() as s:
        h = s.scalar(select(User.password_hash).where(User.username == "clerk"))
    assert h.startswith("$argon2id$") and "Demo2026" not in h


def test_wrong_password_counts_down_then_locks(demo_store):
    messages = []
    for _ in range(POLICY.max_failed_logins):
        with pytest.raises(AuthenticationFailed) as exc:
            user_service.login(demo_store, username="clerk", password="wrong-one1")
        messages.append(exc.value.message)
    assert messages[0] == "用户名或密码错误。再错 4 次账户将被锁定。"
    assert "已锁定" in messages[-1]
    # Even the right password is refused while locked.
    with pytest.raises(AuthenticationFailed) as exc:
        user_service.login(demo_store, username="clerk", password="Demo2026")
    assert "账户已锁定" in exc.value.message
    assert audit_actions(demo_store, "clerk")[-2:] == ["login.failed", "login.locked"]


def test_lock_expires_and_supervisor_can_unlock(demo_store, actors):
    for _ in range(POLICY.max_failed_logins):
        with pytest.raises(AuthenticationFailed):
            user_service.login(demo_store, username="entry1", password="nope12345")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=POLICY.lockout_minutes) + dt.timedelta(seconds=1)
    with demo_store.transaction() as s:
        assert users.authenticate(s, username="entry1", password="Demo2026", now=later).username == "entry1"
    for _ in range(POLICY.max_failed_logins):
        with pytest.raises(AuthenticationFailed):
            user_service.login(demo_store, username="entry1", password="nope12345")
    with demo_store.transaction() as s:
        users.unlock(s, actor=actors["super"], username="entry1")
    assert user_service.login(demo_store, username="entry1", password="Demo2026").username == "entry1"


def test_unknown_user_gets_the_same_message_as_a_wrong_password(demo_store):
    with pytest.raises(AuthenticationFailed) as exc:
        user_service.login(demo_store, username="nobody", password="Demo2026")
    assert exc.value.message == "用户名或密码错误。"


def test_disabled_user_cannot_log_in_and_only_admin_or_supervisor_disables(demo_store, actors):
    with pytest.raises(InvalidInput, match="只有系统管理员或业务主管"), demo_store.transaction() as s:
        users.set_active(s, actor=actors["clerk"], username="entry2", active=False)
    with demo_store.transaction() as s:
        users.set_active(s, actor=actors["admin"], username="entry2", active=False)
    with pytest.raises(AuthenticationFailed, match="已停用"):
        user_service.login(demo_store, username="entry2", password="Demo2026")
    with pytest.raises(InvalidInput, match="不能停用自己的账户"), demo_store.transaction() as s:
        users.set_active(s, actor=actors["admin"], username="admin", active=False)


@pytest.mark.parametrize(
    ("username", "name", "password", "roles", "message"),
    [
        ("x", "某人", "Passw0rd9", [Role.COUNTER_CLERK], "用户名只能由"),
        ("newbie", " ", "Passw0rd9", [Role.COUNTER_CLERK], "请填写姓名"),
        ("newbie", "某人", "short1", [Role.COUNTER_CLERK], "密码至少需要"),
        ("newbie", "某人", "onlyletters", [Role.COUNTER_CLERK], "必须同时包含字母和数字"),
        ("newbie", "某人", "Passw0rd9", [], "至少要为用户指定一个角色"),
        ("clerk", "某人", "Passw0rd9", [Role.COUNTER_CLERK], "已存在"),
    ],
)
def test_add_user_refusals_change_nothing(demo_store, actors, username, name, password, roles, message):
    before = [u.username for u in _list(demo_store)]
    with pytest.raises(InvalidInput, match=message), demo_store.transaction() as s:
        users.add_user(s, actor=actors["admin"], username=username, display_name=name, password=password,
                       roles=roles)
    assert [u.username for u in _list(demo_store)] == before


def test_user_with_several_roles(demo_store, actors):
    with demo_store.transaction() as s:
        users.add_user(s, actor=actors["super"], username="multi", display_name="多岗 员工", password="Passw0rd9",
                       roles=[Role.COUNTER_CLERK, Role.SCANNING_OPERATOR])
    actor = user_service.login(demo_store, username="multi", password="Passw0rd9")
    assert actor.roles == {Role.COUNTER_CLERK, Role.SCANNING_OPERATOR}
    assert "user.add" in audit_actions(demo_store, "super")


def test_clerk_cannot_add_users(demo_store, actors):
    with pytest.raises(InvalidInput, match="只有系统管理员或业务主管可以添加用户"), demo_store.transaction() as s:
        users.add_user(s, actor=actors["clerk"], username="sneaky", display_name="某人", password="Passw0rd9",
                       roles=[Role.ADMIN])


def test_parse_role_accepts_code_or_chinese_label():
    assert parse_role("underwriter") is Role.UNDERWRITER
    assert parse_role("核保员") is Role.UNDERWRITER
    with pytest.raises(InvalidInput, match="未知角色"):
        parse_role("boss")


def _list(store):
    with store.reading() as s:
        return users.list_users(s)


def test_head_office_policy_changes_lockout_and_password_rules(demo_store, actors, tmp_path):
    path = tmp_path / "policies.json"
    path.write_text(json.dumps({"kind": "policies", "version": 2, "rows": [
        {"key": "max_failed_logins", "value": "3"}, {"key": "lockout_minutes", "value": "30"},
        {"key": "min_password_length", "value": "12"}, {"key": "idle_lock_minutes", "value": "oops"}]}), "utf-8")
    with demo_store.transaction() as s:
        refdata.load_file(s, path)
        policy = branch_policy(s)
    assert (policy.max_failed_logins, policy.lockout_minutes, policy.min_password_length) == (3, 30, 12)
    assert policy.idle_lock_minutes == POLICY.idle_lock_minutes  # unreadable value keeps the default
    for _ in range(2):
        with pytest.raises(AuthenticationFailed):
            user_service.login(demo_store, username="printer", password="bad-pass1")
    with pytest.raises(AuthenticationFailed, match="连续错误 3 次，账户已锁定 30 分钟"):
        user_service.login(demo_store, username="printer", password="bad-pass1")
    with pytest.raises(InvalidInput, match="密码至少需要 12 位"), demo_store.transaction() as s:
        users.add_user(s, actor=actors["admin"], username="n12", display_name="某人", password="Passw0rd9",
                       roles=[Role.COUNTER_CLERK])


def test_demo_accounts_must_change_their_published_password(tmp_path):
    from desk_app.core import demo
    from desk_app.store.migrate import open_store

    store = open_store(tmp_path / "d" / "branch.db")
    with store.transaction() as s:
        demo.create_demo(s, cases_per_state=0)
    assert all(user_service.login(store, username=u.username, password="Demo2026").must_change_password
               for u in demo.DEMO_USERS)
    store.close()


def test_must_change_password_then_can(demo_store):
    with demo_store.transaction() as s:
        s.scalar(select(User).where(User.username == "admin")).must_change_password = True
    admin = user_service.login(demo_store, username="admin", password="Demo2026")
    assert admin.must_change_password
    for old, new, message in [("wrong", "NewPass123", "原密码不正确"), ("Demo2026", "Demo2026", "不能与原密码相同"),
                              ("Demo2026", "short1", "密码至少需要")]:
        with pytest.raises(InvalidInput, match=message), demo_store.transaction() as s:
            users.change_password(s, actor=admin, old_password=old, new_password=new)
    with demo_store.transaction() as s:
        changed = users.change_password(s, actor=admin, old_password="Demo2026", new_password="NewPass123")
    assert not changed.must_change_password
    again = user_service.login(demo_store, username="admin", password="NewPass123")
    assert not again.must_change_password
    assert "user.change_password" in audit_actions(demo_store, "admin")


def test_verify_password_for_unlocking(demo_store, actors):
    with demo_store.transaction() as s:
        assert users.verify_password(s, actor=actors["clerk"], password="Demo2026")
    with demo_store.transaction() as s:
        assert not users.verify_password(s, actor=actors["clerk"], password="nope")
    assert audit_actions(demo_store, "clerk")[-1] == "login.failed"
