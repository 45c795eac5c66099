"""The terminal chat: the conversation loop, rendering, the Markdown subset, the
unanswered-question log. Uses `understand` and `kb`; nothing imports it but the CLI.
"""
