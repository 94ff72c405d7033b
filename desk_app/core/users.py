"""Users, passwords (argon2) and log-in with lockout after repeated failures."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desk_app.core import audit
from desk_app.core.errors import AuthenticationFailed, InvalidInput, NotFound
from desk_app.core.policy import branch_policy
from desk_app.core.roles import Actor, Role
from desk_app.store.models import BranchInfo, User, UserRole
from desk_app.store.types import utcnow

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{2,40}$")

_hasher = PasswordHasher()


@dataclass(frozen=True)
class UserView:
    user_id: str
    username: str
    display_name: str
    roles: tuple[Role, ...]
    authority_level: int
    active: bool
    locked_until: dt.datetime | None


def branch(session: Session) -> BranchInfo:
    info = session.get(BranchInfo, 1)
    if info is None:
        raise NotFound("本机数据库尚未初始化机构，请先运行 desk-app init。")
    return info


def check_password_rule(session: Session, password: str) -> None:
    minimum = branch_policy(session).min_password_length
    if len(password) < minimum:
        raise InvalidInput(f"密码至少需要 {minimum} 位。")
    if not (re.search(r"[A-Za-z]", password) and re.search(r"\d", password)):
        raise InvalidInput("密码必须同时包含字母和数字。")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _actor(user: User, roles: Iterable[str], branch_code: str) -> Actor:
    return Actor(user.id, user.username, user.display_name, frozenset(Role(r) for r in roles),
                 user.authority_level, branch_code, user.must_change_password)


def add_user(session: Session, *, actor: Actor | None, username: str, display_name: str, password: str,
             roles: Iterable[Role], authority_level: int = 0, must_change_password: bool = False,
             password_hash: str | None = None) -> UserView:
    """Create a user. `actor` None only while bootstrapping the first admin."""
    if actor is not None and not (actor.has(Role.ADMIN) or actor.has(Role.SUPERVISOR)):
        raise InvalidInput("只有系统管理员或业务主管可以添加用户。")
    if not USERNAME_RE.match(username):
        raise InvalidInput("用户名只能由 2–40 位字母、数字、下划线、点或横线组成。")
    if not display_name.strip():
        raise InvalidInput("请填写姓名。")
    roles = sorted(set(roles))
    if not roles:
        raise InvalidInput("至少要为用户指定一个角色。")
    if authority_level < 0:
        raise InvalidInput("核保权限级别不能为负数。")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise InvalidInput(f"用户名“{username}”已存在。")
    if password_hash is None:
        check_password_rule(session, password)
        password_hash = hash_password(password)
    code = branch(session).branch_code
    user = User(username=username, display_name=display_name.strip(), password_hash=password_hash,
                authority_level=authority_level, must_change_password=must_change_password, branch_code=code)
    session.add(user)
    session.flush()
    for role in roles:
        session.add(UserRole(user_id=user.id, role=role.value, branch_code=code))
    audit.record(session, actor=actor, action="user.add", target_type="user", target_id=user.id,
                 detail={"username": username, "roles": [r.value for r in roles],
                         "authority_level": authority_level},
                 branch_code=code, username=actor.username if actor else "system")
    session.flush()
    return UserView(user.id, username, user.display_name, tuple(roles), authority_level, True, None)


def authenticate(session: Session, *, username: str, password: str, now: dt.datetime | None = None) -> Actor:
    """Check a log-in; failures are counted and recorded even though the caller shows an error.

    The caller must commit even when this raises, so the failure count is kept: use
    `login()` which does that inside its own transaction handling.
    """
    now = now or utcnow()
    user = session.scalar(select(User).where(User.username == username, User.deleted.is_(False)))
    code = branch(session).branch_code
    if user is None:
        audit.record(session, actor=None, action="login.unknown_user", detail={"username": username},
                     branch_code=code, username=username[:40], now=now)
        raise AuthenticationFailed("用户名或密码错误。")
    if not user.active:
        audit.record(session, actor=None, action="login.disabled", target_type="user", target_id=user.id,
                     branch_code=code, username=username, now=now)
        raise AuthenticationFailed("该账户已停用，请联系业务主管。")
    if user.locked_until is not None and user.locked_until > now:
        local = user.locked_until.astimezone().strftime("%H:%M")
        raise AuthenticationFailed(f"密码错误次数过多，账户已锁定，请于 {local} 后再试或联系业务主管解锁。")
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        policy = branch_policy(session)
        user.failed_logins += 1
        locked = user.failed_logins >= policy.max_failed_logins
        if locked:
            user.locked_until = now + dt.timedelta(minutes=policy.lockout_minutes)
            user.failed_logins = 0
        audit.record(session, actor=None, action="login.locked" if locked else "login.failed",
                     target_type="user", target_id=user.id, branch_code=code, username=username, now=now)
        if locked:
            raise AuthenticationFailed(
                f"密码连续错误 {policy.max_failed_logins} 次，账户已锁定 {policy.lockout_minutes} 分钟。"
            ) from None
        left = policy.max_failed_logins - user.failed_logins
        raise AuthenticationFailed(f"用户名或密码错误。再错 {left} 次账户将被锁定。") from None
    user.failed_logins = 0
    user.locked_until = None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    roles = session.scalars(
        select(UserRole.role).where(UserRole.user_id == user.id, UserRole.deleted.is_(False))
    ).all()
    actor = _actor(user, roles, code)
    audit.record(session, actor=actor, action="login.ok", target_type="user", target_id=user.id, now=now)
    return actor


def change_password(session: Session, *, actor: Actor, old_password: str, new_password: str) -> Actor:
    """A user sets their own password (forced for the demo and first admin accounts)."""
    user = _get(session, actor.username)
    try:
        _hasher.verify(user.password_hash, old_password)
    except (VerificationError, InvalidHashError):
        raise InvalidInput("原密码不正确。") from None
    if new_password == old_password:
        raise InvalidInput("新密码不能与原密码相同。")
    check_password_rule(session, new_password)
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    user.updated_at = utcnow()
    audit.record(session, actor=actor, action="user.change_password", target_type="user", target_id=user.id)
    return dataclasses.replace(actor, must_change_password=False)


def verify_password(session: Session, *, actor: Actor, password: str) -> bool:
    """Re-check the logged-in user's password (unlocking an idle-locked window); failures count."""
    try:
        authenticate(session, username=actor.username, password=password)
    except AuthenticationFailed:
        return False
    return True


def _get(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username, User.deleted.is_(False)))
    if user is None:
        raise NotFound(f"找不到用户“{username}”。")
    return user


def set_active(session: Session, *, actor: Actor, username: str, active: bool) -> None:
    if not (actor.has(Role.ADMIN) or actor.has(Role.SUPERVISOR)):
        raise InvalidInput("只有系统管理员或业务主管可以停用或启用用户。")
    user = _get(session, username)
    if user.id == actor.user_id and not active:
        raise InvalidInput("不能停用自己的账户。")
    user.active = active
    user.updated_at = utcnow()
    audit.record(session, actor=actor, action="user.enable" if active else "user.disable",
                 target_type="user", target_id=user.id, detail={"username": username})


def unlock(session: Session, *, actor: Actor, username: str) -> None:
    if not (actor.has(Role.ADMIN) or actor.has(Role.SUPERVISOR)):
        raise InvalidInput("只有系统管理员或业务主管可以解锁用户。")
    user = _get(session, username)
    user.locked_until = None
    user.failed_logins = 0
    audit.record(session, actor=actor, action="user.unlock", target_type="user", target_id=user.id)


def set_authority_level(session: Session, *, actor: Actor, username: str, level: int) -> None:
    """A supervisor assigns an underwriter's authority level (0 takes it away); the level must be one
    head office publishes (authority_levels)."""
    from desk_app.store.models import AuthorityLevel

    if not (actor.has(Role.ADMIN) or actor.has(Role.SUPERVISOR)):
        raise InvalidInput("只有业务主管或系统管理员可以设定核保权限级别。")
    user = _get(session, username)
    if level < 0:
        raise InvalidInput("核保权限级别不能为负数。")
    known = sorted(session.scalars(select(AuthorityLevel.level).where(AuthorityLevel.deleted.is_(False))))
    if level and level not in known:
        raise InvalidInput(f"核保权限级别 {level} 不存在（可设：0 表示无权限，或 {'、'.join(map(str, known))}）。")
    roles = set(session.scalars(select(UserRole.role).where(UserRole.user_id == user.id, UserRole.deleted.is_(False))))
    if level and not roles & {Role.UNDERWRITER.value, Role.HEAD_OFFICE.value}:
        raise InvalidInput(f"用户“{username}”不是核保员，不能设定核保权限级别。")
    before = user.authority_level
    user.authority_level = level
    user.updated_at = utcnow()
    audit.record(session, actor=actor, action="user.authority_level", target_type="user", target_id=user.id,
                 detail={"username": username, "from": before, "to": level})


def list_users(session: Session) -> list[UserView]:
    users = session.scalars(
        select(User).where(User.deleted.is_(False)).options(selectinload(User.roles)).order_by(User.username)
    ).all()
    return [
        UserView(u.id, u.username, u.display_name, tuple(sorted(Role(r.role) for r in u.roles if not r.deleted)),
                 u.authority_level, u.active, u.locked_until)
        for u in users
    ]


def actor_for(session: Session, username: str) -> Actor:
    """The Actor of an existing user without a password (scripts run by an authorised operator)."""
    user = _get(session, username)
    roles = session.scalars(select(UserRole.role).where(UserRole.user_id == user.id, UserRole.deleted.is_(False)))
    return _actor(user, roles, branch(session).branch_code)


def init_branch(session: Session, *, branch_code: str, branch_name: str, admin_username: str,
                admin_password: str, admin_name: str = "系统管理员", must_change_password: bool = True) -> UserView:
    """First start of a branch PC: record which branch this store is and create its admin."""
    if session.get(BranchInfo, 1) is not None:
        raise InvalidInput("本机数据库已初始化，不能重复初始化。")
    if not re.match(r"^[A-Z0-9]{2,16}$", branch_code):
        raise InvalidInput("机构代码应为 2–16 位大写字母或数字。")
    if not branch_name.strip():
        raise InvalidInput("请填写机构名称。")
    session.add(BranchInfo(id=1, branch_code=branch_code, branch_name=branch_name.strip()))
    session.flush()
    return add_user(session, actor=None, username=admin_username, display_name=admin_name,
                    password=admin_password, roles=[Role.ADMIN, Role.SUPERVISOR],
                    must_change_password=must_change_password)
