"""Errors a person can cause. Their message is shown to the clerk as it is (Chinese)."""

from __future__ import annotations

from desk_app.errors import Refusal


class DomainError(Refusal):
    """Bad input, wrong role, wrong state: refused with a message a clerk understands."""


class TransitionRefused(DomainError):
    """A workflow step that is not allowed now, for this user or this case."""


class AuthenticationFailed(DomainError):
    """Wrong user name or password, locked or disabled account."""


class NotFound(DomainError):
    """The case, user or record asked for does not exist."""


class InvalidInput(DomainError):
    """A value that fails validation at the boundary."""
