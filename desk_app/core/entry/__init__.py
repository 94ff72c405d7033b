"""Double data entry: form images, passes, comparison and reconciliation, insured lists."""
