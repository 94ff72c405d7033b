"""Log-in, passwords, the idle lock's policy, and user administration."""

from __future__ import annotations

from collections.abc import Sequence

from desk_app.core import users
from desk_app.core.errors import AuthenticationFailed
from desk_app.core.policy import branch_policy
from desk_app.core.roles import Actor, Role
from desk_app.core.users import UserView
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store

USERS = Changes(users=True, sync=True)


def login(store: Store, *, username: str, password: str) -> Actor:
    """Authenticate in its own transaction: a refused log-in still counts (lock-out) and is audited."""
    failure: AuthenticationFailed | None = None
    with store.transaction() as session:
        try:
            return users.authenticate(session, username=username, password=password)
        except AuthenticationFailed as exc:
            failure = exc
    raise failure


def change_password(store: Store, *, actor: Actor, old_password: str, new_password: str) -> Done[Actor]:
    with store.transaction() as session:
        actor = users.change_password(session, actor=actor, old_password=old_password, new_password=new_password)
    return Done(actor, USERS)


def verify_password(store: Store, *, actor: Actor, password: str) -> bool:
    """The idle lock's unlock: a log-in of the same user, with the same counting. A wrong password
    is refused with the log-in's sentence (how many tries are left before the account locks)."""
    login(store, username=actor.username, password=password)
    return True


def idle_lock_minutes(store: Store) -> int:
    with store.reading() as session:
        return branch_policy(session).idle_lock_minutes


def list_users(store: Store) -> list[UserView]:
    with store.reading() as session:
        return users.list_users(session)


def add_user(store: Store, *, actor: Actor, username: str, display_name: str, password: str,
             roles: Sequence[Role], authority_level: int = 0) -> Done[None]:
    """A new user, who must choose their own password at the first log-in."""
    with store.transaction() as session:
        users.add_user(session, actor=actor, username=username, display_name=display_name, password=password,
                       roles=roles, authority_level=authority_level, must_change_password=True)
    return Done(None, USERS)


def set_active(store: Store, *, actor: Actor, username: str, active: bool) -> Done[None]:
    with store.transaction() as session:
        users.set_active(session, actor=actor, username=username, active=active)
    return Done(None, USERS)


def unlock(store: Store, *, actor: Actor, username: str) -> Done[None]:
    with store.transaction() as session:
        users.unlock(session, actor=actor, username=username)
    return Done(None, USERS)


def set_authority_level(store: Store, *, actor: Actor, username: str, level: int) -> Done[None]:
    """A supervisor (or admin) gives an underwriter an authority level (0: none); audited."""
    with store.transaction() as session:
        users.set_authority_level(session, actor=actor, username=username, level=level)
    return Done(None, USERS)
