"""Wire and record types for tipline (msgspec), plus decoding with field-level errors.

This package imports only the standard library and msgspec. Every record that
leaves the job carries a ``schema`` field naming its type and version.
"""
