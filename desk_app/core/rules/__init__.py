"""The rule book as code: validation rules run on a case's keyed values (see engine.py)."""

# The rule book registers its rules with the engine when the package is first imported, so
# `engine.run` always sees them and the engine need not import the book (a cycle).
from desk_app.core.rules import book  # noqa: E402, F401
