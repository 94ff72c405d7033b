"""Underwriting (核保): the issues a validated case raises, who may approve them (authority as
reference data), automatic acceptance, manual decisions, referral up, and the policy number at
issue (承保). Modules: settings (thresholds), issues (the rules), assess (stored per round),
authority (grants), numbering (policy numbers), decisions (the steps), views (frozen values),
reads (queue and one case)."""
