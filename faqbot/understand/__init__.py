"""Understanding a message: normalising text, the prepared index, the red-flag check, the
matcher and its decisions. Pure functions, no I/O; imports only `kb`'s model and `errors`.
"""
