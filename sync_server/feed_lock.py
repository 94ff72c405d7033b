"""The one lock every write to the feed takes, and the feed's head.

Every write to the feed happens under one lock (a PostgreSQL advisory transaction lock; on
SQLite the BEGIN IMMEDIATE write lock), and `seq` is assigned under it as max+1. So seq order is
commit order and a pull that read up to seq N can never later miss a change below N.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select, text

from sync_server.models import FeedEntry

LOCK_KEY = 0x4244_5359


def lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
        # psycopg prepares a statement run five times; a generic plan made while `rows` was small
        # (a new server's first big push) scans the whole table for every later batch.
        conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")


def head(conn: Connection) -> int:
    return conn.scalar(select(func.max(FeedEntry.seq))) or 0
