"""The rule book as code: validation rules run on a case's keyed values (see engine.py)."""
