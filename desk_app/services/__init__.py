"""User actions: one function per action or read, each owning its unit of work on the store.

The window (through ui.ops), the command line, the tests and the benches all call these, so a
step is composed once. Each action returns `Done(value, Changes)`: what it touched, so views
refresh only what changed. The core keeps the business rules and takes a session; only the
services open transactions. No Qt here.
"""
