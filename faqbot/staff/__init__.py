"""Staff tools: coverage and its case files, lint, explain, review, each with its
rendering beside it. Uses `understand` and `kb`; nothing imports it but the CLI.
"""
