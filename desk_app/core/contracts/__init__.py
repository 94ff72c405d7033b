"""Contract printing (合同缮制): the contract's data and PDF, prints and reprints, verifying a paper
copy, the signed receipt (回执) and the archive (归档). No Qt; services/contracts.py owns the
transactions."""
