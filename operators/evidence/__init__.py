"""Evidence package building, custody chain, retention, verification, context buffer.

Pure: no I/O clients, no clock (``now`` is passed in), no environment. The
service in ``services/evidence.py`` wires these to the vault and key store.
"""
