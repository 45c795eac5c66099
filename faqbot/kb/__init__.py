"""Reading a knowledge base: files, YAML nodes, validation, the frozen model, safety rules.

Imports nothing else of faqbot but `errors`: everything above builds on it.
"""
