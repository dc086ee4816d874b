"""Stage one: from files to clean text (`Source` → `CleanText`).

Finding and reading seeds, keeping every read and write inside the project, cleaning boilerplate and page dumps,
fingerprinting the inputs, and `briefing add`. Imports nothing from `analyse` or `publish`.
"""
