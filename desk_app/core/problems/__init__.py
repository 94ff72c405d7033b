"""Problem cases (问题件): what stops a case, the notice to the agent, the reply, the resolution.

Small modules named from the business: `numbering` (problem numbers), `clock` (due dates and the
countdown in working hours), `lifecycle` (raise, notice, reply, resolve, withdraw, reopen: each
a ProblemEvent and an audit entry), `validation` (the rules run on a compared case and the case
moved on or stopped), `notice` (the 问题件通知书 PDF), `queue` (the handlers' queue and counts),
`views` (the frozen values the services hand out).
"""
