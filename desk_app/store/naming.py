"""How constraints and indexes are named, in the branch's store and in head office's database.

Migrations refer to constraints by name, so the names must come from one fixed rule rather
than from the database's own defaults. Both schemas follow the same rule; it is defined here
once, importing nothing, so head office's models can take it from here too.
"""

from __future__ import annotations

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
