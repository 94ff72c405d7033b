"""People who log in at the branch and the roles they hold."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk_app.store.base import Base, SyncedMixin


class User(SyncedMixin, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(200))
    # Underwriting authority (权限) level; 0 means the user may not underwrite.
    authority_level: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(default=None)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", lazy="raise", cascade="all, delete-orphan"
    )


class UserRole(SyncedMixin, Base):
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role", name="user_role"),)

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))

    user: Mapped[User] = relationship(back_populates="roles", lazy="raise")
