"""Why a push is refused whole: the two errors the API answers with 403 and 422."""

from __future__ import annotations


class Forbidden(Exception):
    """The device tried to touch something outside its organisation's subtree (HTTP 403)."""


class BadRequest(Exception):
    """A malformed batch (HTTP 422)."""

