"""Scanning tests run with the finish_scan precondition on, as the application always does.

The workflow registers "every required document type has pages" on finish_scan itself; the root
conftest waives it for tests outside tests/scanning (they move demo cases without pages), not here.
"""
