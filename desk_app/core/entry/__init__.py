"""Double data entry (初录/二录): passes, normalisation, comparison, reconciliation, checks, figures,
form images and their registration.

The services in desk_app.services.entry own the transactions; these modules do the domain work on
a Session (or on plain values, for normalisation and checks).
"""
