"""The coordinators' workspace (the Data page), one module per workflow: `upload` (check and
commit a file), `history` (the import log and undo), `targets`, `templates` and, for admins,
`periods` with `period_removal`. Each has `show(view, ...)`; `dashboard/views/data.py` checks
the role and lays them out in tabs. `content` builds their tables and labels without Streamlit.
"""
