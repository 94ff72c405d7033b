"""The branch half of sync: outbox push, cursor pull, page files, enrolment (see docs/sync.md)."""
