"""The insured list (被保险人清单) of a group case: reading the file a unit hands in (.xlsx or .csv),
mapping its columns to our fields, checking every row, and storing a new version of the list.

`reading` knows files and nothing of the store; `mapping` the column names people write and the
mappings remembered per agent and per template; `checks` the rules of one row and of the whole list;
`store` the Core bulk writes. The service (desk_app.services.insured) runs them in one action.
"""
