"""The rule book as code: validation rules run on a case's keyed values (engine.py registers,
book.py holds the seed's rules, runner.py runs them)."""
