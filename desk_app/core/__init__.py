"""The domain: cases, workflow, users and roles, audit, reference data. Plain Python, no Qt."""
